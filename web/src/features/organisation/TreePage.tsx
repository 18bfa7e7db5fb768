// The unit tree with strength as colour: from the actor's top unit down to booths, one level at a
// time. Each row is coloured by its booth grade mix or by committee completeness (a heat bar), with a
// legend; the unit's own summary sits on top with a small chart of booth grades. Verified and unverified
// workers are always shown apart. The address holds the unit, the wing and the colour mode.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import { api, type Id, type Unit, type UnitDetail } from '../../api.ts';
import { Field, Loading, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { GRADES, orgApi, type Strength, type UnitWithStrength } from './api.ts';
import {
  completeness, GRADE_COLOURS, GradeBar, GradeLetter, HEAT_BINS, HeatBar, heatColour, Legend, NO_DATA, ORG, paths, Verified,
} from './parts.tsx';

const GradeChart = lazy(() => import('./GradeChart.tsx'));

type ColourMode = 'grades' | 'completeness';

function useTreeParams() {
  const [params, setParams] = useSearchParams();
  const wing = params.get('wing') || null;
  const colour: ColourMode = params.get('colour') === 'completeness' ? 'completeness' : 'grades';
  const set = (patch: { wing?: string | null; colour?: ColourMode }) => {
    const next = new URLSearchParams(params);
    if ('wing' in patch) { if (patch.wing) next.set('wing', patch.wing); else next.delete('wing'); }
    if (patch.colour) { if (patch.colour === 'grades') next.delete('colour'); else next.set('colour', patch.colour); }
    setParams(next, { replace: true });
  };
  const search = params.toString() ? `?${params.toString()}` : '';
  return { wing, colour, set, search };
}

export default function TreePage() {
  const { unitId } = useParams();
  return unitId ? <UnitTree key={unitId} id={unitId} /> : <Roots />;
}

function Roots() {
  const { t } = useTranslation();
  const roots = useQuery({ queryKey: [ORG, 'roots'], queryFn: api.unitRoots });
  const items = roots.data?.items ?? [];
  // One top unit above booth level: open it straight away.
  if (items.length === 1 && items[0].level !== 'booth') return <Navigate to={paths.tree(items[0].id)} replace />;
  return (
    <>
      <PageHeading testId="organisation">{t('nav.organisation')}</PageHeading>
      <p className="muted">{t('org.treeIntro')}</p>
      <QueryGate query={roots}>
        {() => items.length === 0 ? <p className="muted">{t('org.noUnits')}</p> : (
          <ul className="org-rows" data-testid="unit-roots">
            {items.map((u) => <RootRow key={u.id} unit={u} />)}
          </ul>
        )}
      </QueryGate>
    </>
  );
}

function RootRow({ unit }: { unit: Unit }) {
  const strength = useQuery({ queryKey: [ORG, 'strength', String(unit.id)], queryFn: () => orgApi.strength(unit.id) });
  return <UnitRow unit={{ ...unit, strength: strength.data ?? emptyStrength(unit.id) }} colour="grades" pending={strength.isPending} search="" />;
}

const emptyStrength = (unitId: Id): Strength => ({
  unitId, booths: 0, boothsFormed: 0, slots: 0, filled: 0, vacancies: 0, members: 0, women: 0, scSt: 0, workers: 0,
  verified: 0, unverified: 0, pages: 0, pagesCovered: 0, grades: { A: 0, B: 0, C: 0, D: 0 }, workersPerBooth: null,
  verifiedShare: null, completeness: null, grade: null,
});

function UnitTree({ id }: { id: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const unit = useQuery({ queryKey: [ORG, 'unit', id], queryFn: () => api.unit(id) });
  if (unit.data?.level === 'booth') return <Navigate to={paths.booth(id)} replace />;
  return (
    <>
      <PageHeading testId="org-tree">{unit.data ? local(unit.data.name, unit.data.nameHi) : t('nav.organisation')}</PageHeading>
      <QueryGate query={unit}>{() => <UnitTreeBody unit={unit.data!} />}</QueryGate>
    </>
  );
}

export function Breadcrumbs({ unit, search = '', current }: { unit: Pick<UnitDetail, 'id' | 'name' | 'nameHi' | 'path'>; search?: string; current?: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const ancestors = unit.path.filter((p) => String(p.id) !== String(unit.id));
  // At the top there is nothing to go back up to: the heading says where you are.
  if (!ancestors.length && !current) return null;
  return (
    <nav aria-label={t('org.breadcrumb')} className="breadcrumbs" data-testid="org-breadcrumbs">
      <ol>
        {ancestors.map((p) => <li key={p.id}><Link to={paths.tree(p.id, search)}>{local(p.name, p.nameHi)}</Link></li>)}
        {current
          ? <><li><Link to={paths.tree(unit.id, search)}>{local(unit.name, unit.nameHi)}</Link></li><li aria-current="page">{current}</li></>
          : <li aria-current="page">{local(unit.name, unit.nameHi)}</li>}
      </ol>
    </nav>
  );
}

function UnitTreeBody({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const { wing, colour, set, search } = useTreeParams();
  const config = useQuery({ queryKey: [ORG, 'config'], queryFn: orgApi.config, staleTime: 10 * 60_000 });
  const strength = useQuery({ queryKey: [ORG, 'strength', String(unit.id)], queryFn: () => orgApi.strength(unit.id) });
  const children = useInfiniteQuery({
    queryKey: [ORG, 'children', String(unit.id), wing ?? ''],
    queryFn: ({ pageParam }) => orgApi.children(unit.id, pageParam, wing),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = children.data?.pages.flatMap((p) => p.items) ?? [];
  const wings = config.data?.wings ?? [];

  return (
    <div className="stack">
      <Breadcrumbs unit={unit} search={search} />
      <div className="org-unit-head">
        <span className="badge">{local(unit.levelName, unit.levelNameHi)}</span>
        <Link className="btn btn-small" to={paths.unit(unit.id)} data-testid="open-committee">{t('org.openCommittee')}</Link>
      </div>

      {strength.error ? <ProblemNotice error={strength.error} /> : null}
      {strength.data ? <Summary s={strength.data} /> : strength.isPending ? <Loading /> : null}

      <section className="card org-children" aria-labelledby="org-children-h">
        <div className="org-children-head">
          <h2 id="org-children-h">{t('org.children')}</h2>
          <div className="org-controls">
            <Field label={t('org.colourBy')}>
              {(p) => (
                <select {...p} value={colour} onChange={(e) => set({ colour: e.target.value as ColourMode })} data-testid="org-colour">
                  <option value="grades">{t('org.colour.grades')}</option>
                  <option value="completeness">{t('org.colour.completeness')}</option>
                </select>
              )}
            </Field>
            {wings.length ? (
              <Field label={t('org.wing')}>
                {(p) => (
                  <select {...p} value={wing ?? ''} onChange={(e) => set({ wing: e.target.value || null })} data-testid="org-wing">
                    <option value="">{t('org.mainAxis')}</option>
                    {wings.map((w) => <option key={w.code} value={w.code}>{local(w.name, w.nameHi)}</option>)}
                  </select>
                )}
              </Field>
            ) : null}
          </div>
        </div>
        <TreeLegend colour={colour} />
        {children.isPending ? <Loading /> : null}
        {children.error && !children.data ? <ProblemNotice error={children.error} /> : null}
        {children.data && items.length === 0 ? <p className="muted" data-testid="org-no-children">{wing ? t('org.noWingUnits') : t('org.noChildren')}</p> : null}
        {items.length ? (
          <ul className="org-rows" data-testid="org-children">
            {items.map((u) => <UnitRow key={u.id} unit={u} colour={colour} search={search} />)}
          </ul>
        ) : null}
        {children.hasNextPage ? (
          <button type="button" className="btn" disabled={children.isFetchingNextPage} onClick={() => void children.fetchNextPage()} data-testid="org-more">
            {children.isFetchingNextPage ? t('common.loading') : t('org.loadMore', { shown: items.length })}
          </button>
        ) : null}
      </section>
    </div>
  );
}

function TreeLegend({ colour }: { colour: ColourMode }) {
  const { t } = useTranslation();
  if (colour === 'grades') {
    return (
      <Legend
        title={t('org.legendGrades')}
        items={[...GRADES.map((g) => ({ colour: GRADE_COLOURS[g], label: t(`org.gradeHint.${g}`) })), { colour: NO_DATA, label: t('org.noBooths') }]}
      />
    );
  }
  return (
    <Legend
      title={t('org.legendCompleteness')}
      items={[...HEAT_BINS.map((b, i) => ({
        colour: b.colour,
        label: i + 1 < HEAT_BINS.length ? `${Math.round(b.from * 100)}–${Math.round(HEAT_BINS[i + 1].from * 100)}%` : `≥ ${Math.round(b.from * 100)}%`,
      })), { colour: NO_DATA, label: t('org.noSlots') }]}
    />
  );
}

function UnitRow({ unit, colour, search, pending }: { unit: UnitWithStrength; colour: ColourMode; search: string; pending?: boolean }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const s = unit.strength;
  const isBooth = unit.level === 'booth';
  const comp = completeness(s);
  const stripe = colour === 'completeness' ? heatColour(comp)
    : isBooth ? (s.grade ? GRADE_COLOURS[s.grade] : NO_DATA)
      : (s.booths > 0 ? dominantColour(s) : NO_DATA);
  const name = local(unit.name, unit.nameHi);
  const href = isBooth ? paths.booth(unit.id) : paths.tree(unit.id, search);
  return (
    <li className="org-row" style={{ borderLeftColor: stripe }} data-testid={`org-unit-${unit.id}`} data-level={unit.level}
      data-colour={stripe} data-grade={s.grade ?? ''}>
      <div className="org-row-main">
        <Link to={href} className="org-row-name" data-testid="org-unit-link">{name}</Link>
        <span className="badge">{local(unit.levelName, unit.levelNameHi)}</span>
        {unit.partNo != null ? <span className="muted small">{t('org.partNo', { no: unit.partNo })}</span> : null}
        {unit.acNo != null && unit.level === 'ac' ? <span className="muted small">{t('org.acNo', { no: unit.acNo })}</span> : null}
      </div>
      {pending ? <Loading /> : (
        <div className="org-row-figures">
          {isBooth ? (
            <span className="org-fig"><GradeLetter grade={s.grade} /> {s.boothsFormed > 0 ? t('org.formed') : t('org.notFormed')}</span>
          ) : (
            <span className="org-fig">{t('org.boothsFormedOf', { formed: fmt.number(s.boothsFormed), booths: fmt.number(s.booths) })}</span>
          )}
          {colour === 'completeness' || isBooth
            ? <span className="org-fig org-fig-bar"><span className="muted small">{t('org.completeness')}</span> <HeatBar value={comp} /></span>
            : <span className="org-fig org-fig-bar"><GradeBar grades={s.grades} booths={s.booths} /></span>}
          <span className="org-fig">{t('org.vacanciesN', { count: s.vacancies, n: fmt.number(s.vacancies) })}</span>
          <span className="org-fig">{t('org.workersN', { n: fmt.number(s.workers) })} <Verified verified={s.verified} unverified={s.unverified} /></span>
        </div>
      )}
      <Link className="org-row-open" to={isBooth ? paths.booth(unit.id) : paths.unit(unit.id)} aria-label={t('org.openCommitteeOf', { name })}>
        {isBooth ? t('org.boothPage') : t('org.committee')}
      </Link>
    </li>
  );
}

/** A mixed unit's stripe: the colour of the grade most of its booths have. */
function dominantColour(s: Strength): string {
  let best = GRADES[GRADES.length - 1];
  for (const g of GRADES) if ((s.grades?.[g] ?? 0) > (s.grades?.[best] ?? 0)) best = g;
  return GRADE_COLOURS[best];
}

function Summary({ s }: { s: Strength }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pct = (a: number, b: number) => (b > 0 ? fmt.percent(Math.round((a / b) * 1000) / 10) : '—');
  return (
    <section className="org-summary" aria-labelledby="org-summary-h" data-testid="org-summary">
      <h2 id="org-summary-h" className="visually-hidden">{t('org.strength')}</h2>
      <div className="tiles org-tiles">
        <Tile label={t('org.tile.boothsFormed')} value={`${fmt.number(s.boothsFormed)} / ${fmt.number(s.booths)}`} sub={pct(s.boothsFormed, s.booths)} testId="tile-formed" />
        <Tile label={t('org.tile.completeness')} value={pct(s.filled, s.slots)} sub={t('org.filledOf', { filled: fmt.number(s.filled), slots: fmt.number(s.slots) })} colour={heatColour(completeness(s))} />
        <Tile label={t('org.tile.vacancies')} value={fmt.number(s.vacancies)} testId="tile-vacancies" />
        <Tile label={t('org.tile.workers')} value={fmt.number(s.workers)} sub={<Verified verified={s.verified} unverified={s.unverified} testId="summary-verified" />} />
        <Tile label={t('org.tile.perBooth')} value={s.booths > 0 ? fmt.number(Math.round((s.workers / s.booths) * 10) / 10) : '—'}
          sub={s.booths > 0 ? t('org.verifiedPerBooth', { n: fmt.number(Math.round((s.verified / s.booths) * 10) / 10) }) : undefined} />
        <Tile label={t('org.tile.pages')} value={pct(s.pagesCovered, s.pages)} sub={t('org.pagesOf', { covered: fmt.number(s.pagesCovered), pages: fmt.number(s.pages) })} />
        <Tile label={t('org.tile.women')} value={pct(s.women, s.members)} sub={t('org.ofMembers', { n: fmt.number(s.members) })} />
        <Tile label={t('org.tile.scSt')} value={pct(s.scSt, s.members)} sub={t('org.ofMembers', { n: fmt.number(s.members) })} />
      </div>
      <Suspense fallback={<Loading label={t('home.chartLoading')} />}>
        <GradeChart grades={s.grades} booths={s.booths} />
      </Suspense>
    </section>
  );
}

function Tile({ label, value, sub, colour, testId }: { label: string; value: string; sub?: ReactNode; colour?: string; testId?: string }) {
  return (
    <div className="tile" style={colour ? { borderLeftColor: colour } : undefined} data-testid={testId}>
      <span className="tile-value">{value}</span>
      <span className="tile-label">{label}</span>
      {sub ? <span className="org-tile-sub">{sub}</span> : null}
    </div>
  );
}
