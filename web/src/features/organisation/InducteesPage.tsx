// Inductees from other parties: counts per status (by state and by level), the list with a status
// filter, one button per next step (proposed → vetted → approved → designated, or rejected), follow-up
// notes, and (with org.write) a form to propose a new inductee.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Field, PageHeading, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { INDUCTEE_FLOW, orgApi, type InducteeDetail, type InducteeStatus } from './api.ts';
import { InducteeForm } from './InducteeForm.tsx';
import { InducteeRow } from './InducteeRow.tsx';
import { ORG } from './parts.tsx';

const STATUSES: InducteeStatus[] = [...INDUCTEE_FLOW, 'rejected'];

export default function InducteesPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as InducteeStatus) : undefined;
  const summary = useQuery({ queryKey: [ORG, 'inductees', 'summary'], queryFn: () => orgApi.inducteeSummary() });
  const list = useQuery({ queryKey: [ORG, 'inductees', status ?? ''], queryFn: () => orgApi.inductees({ status }) });
  const total = summary.data?.total ?? (summary.data?.byState ?? []).reduce<Partial<Record<InducteeStatus, number>>>((acc, s) => {
    for (const k of STATUSES) acc[k] = (acc[k] ?? 0) + (s.counts[k] ?? 0);
    return acc;
  }, {});
  const canWrite = can(useSignedIn(), 'org.write');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<InducteeDetail | null>(null);
  return (
    <>
      <PageHeading testId="org-inductees">{t('org.tab.inductees')}</PageHeading>
      <p className="muted">{t('org.inducteesIntro')}</p>
      {added ? <p className="notice notice-ok" role="status" data-testid="ind-added">{t('org.ind.added', { name: local(added.name ?? '', added.nameHi) })}</p> : null}
      {canWrite && !adding ? (
        <div className="org-add-bar"><button type="button" className="btn btn-primary org-tap" onClick={() => { setAdding(true); setAdded(null); }} data-testid="ind-add">{t('org.ind.add')}</button></div>
      ) : null}
      {adding ? <InducteeForm onDone={(i) => { setAdding(false); setAdded(i); }} /> : null}
      <div className="tiles org-status-tiles" role="group" aria-label={t('org.statusFilter')}>
        {STATUSES.map((s) => (
          <button key={s} type="button" className={`tile tile-btn org-status-${s}`} aria-pressed={status === s}
            onClick={() => setParams(status === s ? {} : { status: s }, { replace: true })} data-testid={`inductee-tile-${s}`}>
            <span className="tile-value">{fmt.number(total[s] ?? 0)}</span>
            <span className="tile-label">{t(`org.status.${s}`)}</span>
          </button>
        ))}
      </div>
      {summary.data?.byState?.length ? (
        <details className="chart-table">
          <summary>{t('org.byState')}</summary>
          <div className="table-scroll">
            <table className="table table-compact">
              <thead><tr><th scope="col">{t('org.unit')}</th>{STATUSES.map((s) => <th key={s} scope="col" className="num">{t(`org.status.${s}`)}</th>)}</tr></thead>
              <tbody>
                {summary.data.byState.map((r) => (
                  <tr key={String(r.unitId)}><th scope="row">{r.name ? local(r.name, r.nameHi) : '—'}</th>{STATUSES.map((s) => <td key={s} className="num">{fmt.number(r.counts[s] ?? 0)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      {summary.data?.byLevel?.length ? (
        <details className="chart-table">
          <summary>{t('org.byLevel')}</summary>
          <div className="table-scroll">
            <table className="table table-compact">
              <thead><tr><th scope="col">{t('org.level')}</th>{STATUSES.map((s) => <th key={s} scope="col" className="num">{t(`org.status.${s}`)}</th>)}</tr></thead>
              <tbody>
                {summary.data.byLevel.map((r) => (
                  <tr key={r.level}><th scope="row">{r.name ? local(r.name, r.nameHi) : r.level}</th>{STATUSES.map((s) => <td key={s} className="num">{fmt.number(r.counts[s] ?? 0)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      <Field label={t('org.statusFilter')} className="org-filter-one">
        {(p) => (
          <select {...p} value={status ?? ''} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })} data-testid="inductee-status">
            <option value="">{t('org.everyone')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`org.status.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <QueryGate query={list}>
        {() => list.data!.length === 0 ? <p className="empty-line">{t('org.inducteesNone')}</p> : (
          <ul className="org-rows" data-testid="inductee-list">
            {list.data!.map((i) => <InducteeRow key={i.id} i={i} />)}
          </ul>
        )}
      </QueryGate>
    </>
  );
}
