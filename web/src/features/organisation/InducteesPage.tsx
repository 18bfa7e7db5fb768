// Inductees from other parties: counts per status (by state and by level), the list with a status
// filter, and one button per next step (proposed → vetted → approved → designated, or rejected).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { Field, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { INDUCTEE_FLOW, orgApi, type Inductee, type InducteeStatus } from './api.ts';
import { ORG, paths, useInvalidateOrg } from './parts.tsx';

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
  return (
    <>
      <PageHeading testId="org-inductees">{t('org.tab.inductees')}</PageHeading>
      <p className="muted">{t('org.inducteesIntro')}</p>
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

function InducteeRow({ i }: { i: Inductee }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const session = useSignedIn();
  const invalidate = useInvalidateOrg();
  const [note, setNote] = useState('');
  const step = useMutation({
    mutationFn: (status: InducteeStatus) => orgApi.inducteeStep(i.id, { status, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: async () => { setNote(''); await invalidate(); },
  });
  const at = INDUCTEE_FLOW.indexOf(i.status);
  const next = at >= 0 && at < INDUCTEE_FLOW.length - 1 ? INDUCTEE_FLOW[at + 1] : null;
  const canWrite = can(session, 'org.write');
  return (
    <li className="org-row" data-testid={`inductee-${i.id}`}>
      <div className="org-row-main">
        <Link to={paths.person(i.personId as Id)} className="org-row-name">{i.name ? local(i.name, i.nameHi) : `#${i.personId}`}</Link>
        <span className={`badge org-status-badge org-status-${i.status}`}>{t(`org.status.${i.status}`)}</span>
      </div>
      <div className="org-row-figures small">
        <span>{t('org.fromParty', { party: i.previousParty })}{i.previousPosts ? ` · ${i.previousPosts}` : ''}</span>
        {i.proposerName ? <span>{t('org.proposedBy', { name: i.proposerName })}</span> : null}
        {i.unitName ? <span>{i.unitName}</span> : null}
        {i.assignedRole ? <span>{t('org.assignedRole', { role: i.assignedRole })}</span> : null}
      </div>
      {canWrite && (next || i.status !== 'rejected') && i.status !== 'designated' && i.status !== 'rejected' ? (
        <div className="org-steps">
          <input type="text" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('org.noteOptional')} aria-label={t('org.noteOptional')} maxLength={2000} />
          {next ? (
            <button type="button" className="btn btn-small btn-primary" disabled={step.isPending} onClick={() => step.mutate(next)} data-testid="inductee-next">
              {t('org.moveTo', { status: t(`org.status.${next}`) })}
            </button>
          ) : null}
          <button type="button" className="btn btn-small btn-danger" disabled={step.isPending} onClick={() => step.mutate('rejected')}>{t('org.reject')}</button>
        </div>
      ) : null}
      <ProblemNotice error={step.error} />
    </li>
  );
}
