import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, type AuditEvent, type AuditFilter } from '../../api.ts';
import { Field, fieldError, Loading, PageHeading, ProblemNotice } from '../../components/ui.tsx';
import { dayEnd, dayStart, useFormat } from '../../format.ts';
import { eventLabel } from '../../i18n/dynamic.ts';

// The event types the platform writes today; the field also takes any other type by hand.
const knownTypes = [
  'auth.sign_in', 'auth.sign_out', 'auth.tenant_switch', 'user.create', 'user.update', 'grant.create',
  'grant.remove', 'token.create', 'token.revoke', 'unit.create', 'unit.update', 'audit.export',
  'users.read', 'seed.demo', 'system.restore',
];

const pageSize = 50;

function detailText(detail: unknown): string {
  if (detail == null) return '';
  if (typeof detail === 'string') return detail;
  const s = JSON.stringify(detail);
  return s === '{}' ? '' : s;
}

/** Filters as the API wants them: whole days in the user's time zone. */
function apiFilter(type: string, from: string, to: string): AuditFilter {
  return { type: type || undefined, from: from ? dayStart(from) : undefined, to: to ? dayEnd(to) : undefined };
}

function Rows({ items }: { items: AuditEvent[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <table className="table table-cards" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.at')}</th>
          <th scope="col">{t('audit.actor')}</th>
          <th scope="col">{t('audit.type')}</th>
          <th scope="col">{t('audit.entity')}</th>
          <th scope="col">{t('audit.detail')}</th>
          <th scope="col">{t('audit.ip')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => {
          const detail = detailText(e.detail);
          const rows = e.rowIds?.length ? `${e.entity} ${e.rowIds.slice(0, 5).join(', ')}${e.rowIds.length > 5 ? ` +${e.rowIds.length - 5}` : ''}` : e.entity;
          return (
            <tr key={e.id} data-testid={`audit-${e.id}`}>
              <td data-label={t('audit.at')} className="nowrap"><time dateTime={e.at}>{fmt.dateTime(e.at)}</time></td>
              <td data-label={t('audit.actor')} className="break">{e.actorLabel}</td>
              <td data-label={t('audit.type')}>
                <div>
                  {eventLabel(t, e.type)}
                  <code className="code-muted">{e.type}</code>
                </div>
              </td>
              <td data-label={t('audit.entity')} className="break">{rows}</td>
              <td data-label={t('audit.detail')} className="break">
                {detail ? <code className="detail" title={detail}>{detail.length > 160 ? `${detail.slice(0, 160)}…` : detail}</code> : <span className="muted">—</span>}
              </td>
              <td data-label={t('audit.ip')} className="nowrap">{e.ip ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [draft, setDraft] = useState({ type, from, to });
  useEffect(() => setDraft({ type, from, to }), [type, from, to]); // back/forward changes the address
  const filter = apiFilter(type, from, to);

  const audit = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => api.audit(filter, pageParam, pageSize),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.type.trim()) next.set('type', draft.type.trim());
    if (draft.from) next.set('from', draft.from);
    if (draft.to) next.set('to', draft.to);
    setParams(next);
  };
  const clear = () => { setDraft({ type: '', from: '', to: '' }); setParams(new URLSearchParams()); };
  const err = audit.error;

  return (
    <>
      <PageHeading
        testId="audit"
        actions={<a className="btn" href={api.auditExportUrl(filter)} download data-testid="audit-export">{t('audit.export')}</a>}
      >
        {t('nav.audit')}
      </PageHeading>
      <p className="muted">{t('audit.intro')}</p>
      <form className="filters card" onSubmit={apply} data-testid="audit-filters" role="search" aria-label={t('audit.filters')}>
        <Field label={t('audit.type')} error={fieldError(err, 'type')}>
          {(p) => (
            <>
              <input {...p} type="text" list="audit-types" value={draft.type} autoComplete="off"
                onChange={(e) => setDraft({ ...draft, type: e.target.value })} data-testid="audit-type" />
              <datalist id="audit-types">
                {knownTypes.map((k) => <option key={k} value={k}>{eventLabel(t, k)}</option>)}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('audit.from')} error={fieldError(err, 'from')}>
          {(p) => <input {...p} type="date" value={draft.from} max={draft.to || undefined}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="audit-from" />}
        </Field>
        <Field label={t('audit.to')} error={fieldError(err, 'to')}>
          {(p) => <input {...p} type="date" value={draft.to} min={draft.from || undefined}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="audit-to" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="audit-apply">{t('audit.apply')}</button>
          <button type="button" className="btn" onClick={clear}>{t('audit.clear')}</button>
        </div>
      </form>
      <section className="section" aria-label={t('audit.results')} aria-busy={audit.isFetching}>
        {audit.isPending ? <Loading /> : null}
        <ProblemNotice error={err} />
        {audit.data && items.length === 0 ? <p className="muted" data-testid="audit-empty">{t('audit.none')}</p> : null}
        {items.length ? <Rows items={items} /> : null}
        {audit.hasNextPage ? (
          <button type="button" className="btn" disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()} data-testid="audit-more">
            {audit.isFetchingNextPage ? t('common.loading') : t('audit.older', { shown: items.length })}
          </button>
        ) : null}
      </section>
    </>
  );
}
