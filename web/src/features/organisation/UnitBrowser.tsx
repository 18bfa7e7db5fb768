// Browse the unit tree one level at a time: roots, then a unit with its children in pages.
// Used by the Organisation page (addresses you can share) and by the unit picker (in place).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type Id, type Unit, type UnitDetail } from '../../api.ts';
import { Loading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';

const pageSize = 50;

export interface BrowserProps {
  unitId: Id | null;
  /** Links to addresses (page mode) … */
  hrefFor?: (id: Id | null) => string;
  /** … or moves in place (picker mode). */
  onOpen?: (id: Id | null) => void;
  /** Picker mode: a button on each unit to choose it. */
  onChoose?: (unit: Pick<Unit, 'id' | 'name' | 'nameHi'>) => void;
  /** Heading level of the browser's own headings, to fit the page around it. */
  level?: 2 | 3;
}

function Go({ id, props, children, className }: { id: Id | null; props: BrowserProps; children: ReactNode; className?: string }) {
  if (props.hrefFor) return <Link to={props.hrefFor(id)} className={className}>{children}</Link>;
  return <button type="button" className={`linklike ${className ?? ''}`} onClick={() => props.onOpen?.(id)}>{children}</button>;
}

function useGeo() {
  const { t } = useTranslation();
  return (u: Pick<Unit, 'stateCode' | 'acNo' | 'partNo'>) =>
    [u.stateCode, u.acNo != null ? t('org.acNo', { no: u.acNo }) : null, u.partNo != null ? t('org.partNo', { no: u.partNo }) : null]
      .filter(Boolean).join(' · ');
}

function UnitRow({ unit, props }: { unit: Unit; props: BrowserProps }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const geo = useGeo()(unit);
  return (
    <li className="unit-row" data-testid={`unit-${unit.id}`}>
      <div className="unit-main">
        <Go id={unit.id} props={props} className="unit-name">{local(unit.name, unit.nameHi)}</Go>
        <span className="unit-meta">
          <span className="badge">{local(unit.levelName, unit.levelNameHi)}</span>
          {geo ? <span className="muted">{geo}</span> : null}
        </span>
      </div>
      <span className="unit-count muted">
        {unit.childCount > 0 ? t('org.below', { count: unit.childCount, n: fmt.number(unit.childCount) }) : t('org.leaf')}
      </span>
      {props.onChoose ? (
        <button type="button" className="btn btn-small" onClick={() => props.onChoose!(unit)}
          aria-label={t('org.chooseNamed', { name: local(unit.name, unit.nameHi) })}>
          {t('org.choose')}
        </button>
      ) : null}
    </li>
  );
}

function Breadcrumbs({ unit, props }: { unit: UnitDetail; props: BrowserProps }) {
  const { t } = useTranslation();
  const local = useLocalName();
  // The API's path may or may not end with the unit itself.
  const ancestors = unit.path.filter((p) => String(p.id) !== String(unit.id));
  return (
    <nav aria-label={t('org.breadcrumb')} className="breadcrumbs" data-testid="unit-breadcrumbs">
      <ol>
        <li><Go id={null} props={props}>{t('org.allUnits')}</Go></li>
        {ancestors.map((p) => (
          <li key={p.id}><Go id={p.id} props={props}>{local(p.name, p.nameHi)}</Go></li>
        ))}
        <li aria-current="page">{local(unit.name, unit.nameHi)}</li>
      </ol>
    </nav>
  );
}

function Children({ unit, props }: { unit: UnitDetail; props: BrowserProps }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const H = props.level === 3 ? 'h4' : 'h3';
  const children = useInfiniteQuery({
    queryKey: ['units', String(unit.id), 'children'],
    queryFn: ({ pageParam }) => api.unitChildren(unit.id, pageParam, pageSize),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = children.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-label={t('org.childrenOf', { name: local(unit.name, unit.nameHi) })}>
      <H className="sub-h">{t('org.children')}</H>
      {children.isPending ? <Loading /> : null}
      {children.error && !children.data ? <ProblemNotice error={children.error} /> : null}
      {children.data && items.length === 0 ? <p className="muted">{t('org.noChildren')}</p> : null}
      {items.length ? <ul className="unit-list" data-testid="unit-children">{items.map((u) => <UnitRow key={u.id} unit={u} props={props} />)}</ul> : null}
      {children.data && children.error ? <ProblemNotice error={children.error} /> : null}
      {children.hasNextPage ? (
        <button type="button" className="btn" data-testid="units-load-more" disabled={children.isFetchingNextPage}
          onClick={() => void children.fetchNextPage()}>
          {children.isFetchingNextPage ? t('common.loading') : t('org.loadMore', { shown: items.length })}
        </button>
      ) : null}
    </section>
  );
}

function UnitView({ id, props }: { id: Id; props: BrowserProps }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const geo = useGeo();
  const unit = useQuery({ queryKey: ['units', String(id)], queryFn: () => api.unit(id) });
  const H = props.level === 3 ? 'h3' : 'h2';
  return (
    <QueryGate query={unit}>
      {() => {
        const u = unit.data!;
        return (
          <div className="stack">
            <Breadcrumbs unit={u} props={props} />
            <div className="card unit-card" data-testid="unit-current">
              <div>
                <H className="unit-title">{local(u.name, u.nameHi)}</H>
                <p className="unit-meta">
                  <span className="badge">{local(u.levelName, u.levelNameHi)}</span>
                  {geo(u) ? <span className="muted">{geo(u)}</span> : null}
                  <span className="muted">{t('org.idLabel', { id: u.id })}</span>
                  <span className="muted">{u.childCount > 0 ? t('org.below', { count: u.childCount, n: fmt.number(u.childCount) }) : t('org.leaf')}</span>
                </p>
              </div>
              {props.onChoose ? (
                <button type="button" className="btn btn-primary" onClick={() => props.onChoose!(u)} data-testid="unit-choose-current">
                  {t('org.chooseThis')}
                </button>
              ) : null}
            </div>
            <Children unit={u} props={props} />
          </div>
        );
      }}
    </QueryGate>
  );
}

function Roots({ props }: { props: BrowserProps }) {
  const { t } = useTranslation();
  const roots = useQuery({ queryKey: ['units', 'roots'], queryFn: api.unitRoots });
  const H = props.level === 3 ? 'h3' : 'h2';
  return (
    <section>
      <H className="sub-h">{t('org.roots')}</H>
      <QueryGate query={roots}>
        {() => roots.data!.items.length === 0
          ? <p className="muted">{t('org.noUnits')}</p>
          : <ul className="unit-list" data-testid="unit-roots">{roots.data!.items.map((u) => <UnitRow key={u.id} unit={u} props={props} />)}</ul>}
      </QueryGate>
    </section>
  );
}

export function UnitBrowser(props: BrowserProps) {
  return props.unitId == null ? <Roots props={props} /> : <UnitView key={props.unitId} id={props.unitId} props={props} />;
}
