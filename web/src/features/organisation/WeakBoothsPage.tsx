// Weak booths in winnable seats: booths without a committee (or at a low grade) in seats the party lost
// by less than a margin, with CSV and XLSX exports of the same list. The filters live in the address.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { Field, Loading, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { usePartyInfo } from '../seats/parties.ts';
import { rememberedParty } from '../seats/seatView.ts';
import { GRADES, orgApi, type Grade, type WeakBoothsQuery } from './api.ts';
import { GradeLetter, ORG, paths } from './parts.tsx';

export default function WeakBoothsPage() {
  const { t } = useTranslation();
  const elections = useQuery({ queryKey: ['elections'], queryFn: api.elections, staleTime: 5 * 60_000 });
  return (
    <>
      <PageHeading testId="org-weak">{t('org.weakTitle')}</PageHeading>
      <p className="muted">{t('org.weakIntro')}</p>
      <QueryGate query={elections}>
        {() => (elections.data!.items.length ? <WeakBody elections={elections.data!.items} /> : <p className="empty-line">{t('seats.noElections')}</p>)}
      </QueryGate>
    </>
  );
}

function WeakBody({ elections }: { elections: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const parties = usePartyInfo();
  const [params, setParams] = useSearchParams();
  const election = params.get('election') || elections[0].id;
  const party = (params.get('party') || rememberedParty(election) || parties.inElection(election)[0]?.code || '').toUpperCase();
  const maxMargin = Number(params.get('maxMargin')) > 0 ? Number(params.get('maxMargin')) : 5000;
  const gradeParam = params.get('grade');
  const grade = (GRADES as string[]).includes(gradeParam ?? '') ? (gradeParam as Grade) : undefined;
  const [draft, setDraft] = useState({ party, maxMargin: String(maxMargin) });
  const [shown, setShown] = useState(100);
  const q: WeakBoothsQuery = { election, party, maxMargin, ...(grade ? { grade } : {}) };
  const weak = useQuery({
    queryKey: [ORG, 'weak', q], queryFn: () => orgApi.weakBooths(q), enabled: !!party, placeholderData: keepPreviousData,
  });
  const apply = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.set('election', election);
    if (party) next.set('party', party);
    next.set('maxMargin', String(maxMargin));
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next, { replace: true });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({ party: draft.party.trim().toUpperCase(), maxMargin: String(Math.max(1, Math.round(Number(draft.maxMargin) || 5000))) });
  };
  return (
    <>
      <form className="filters org-filters" onSubmit={submit}>
        <Field label={t('seats.election')}>
          {(p) => (
            <select {...p} value={election} onChange={(e) => apply({ election: e.target.value })} data-testid="weak-election">
              {elections.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('org.party')}>
          {(p) => <input {...p} value={draft.party} onChange={(e) => setDraft({ ...draft, party: e.target.value })} data-testid="weak-party" />}
        </Field>
        <Field label={t('org.maxMargin')}>
          {(p) => <input {...p} type="number" min={1} value={draft.maxMargin} onChange={(e) => setDraft({ ...draft, maxMargin: e.target.value })} data-testid="weak-margin" />}
        </Field>
        <Field label={t('org.gradeAtMost')}>
          {(p) => (
            <select {...p} value={grade ?? ''} onChange={(e) => apply({ grade: e.target.value || null })} data-testid="weak-grade">
              <option value="">{t('org.noCommitteeOnly')}</option>
              {GRADES.slice(1).map((g) => <option key={g} value={g}>{t('org.gradeOrWorse', { grade: g })}</option>)}
            </select>
          )}
        </Field>
        <div className="form-actions"><button type="submit" className="btn btn-primary">{t('seats.apply')}</button></div>
      </form>
      {!party ? <p className="muted">{t('org.choosePartyFirst')}</p> : null}
      {weak.isPending && party ? <Loading /> : null}
      <ProblemNotice error={weak.error} />
      {weak.data ? (
        <>
          <div className="results-bar">
            <p className="result-count" role="status" data-testid="weak-count">
              {t('org.weakCount', { count: weak.data.items.length, n: fmt.number(weak.data.items.length), margin: fmt.number(maxMargin), party })}
            </p>
            <div className="export-links">
              <span className="muted small">{t('seats.export')}</span>
              <a className="btn btn-small" href={orgApi.weakBoothsExportUrl(q, 'csv')} download data-testid="weak-csv">CSV</a>
              <a className="btn btn-small" href={orgApi.weakBoothsExportUrl(q, 'xlsx')} download data-testid="weak-xlsx">XLSX</a>
            </div>
          </div>
          {weak.data.items.length === 0 ? <p className="empty-line">{t('org.weakNone')}</p> : (
            <div className="table-scroll">
              <table className={`table table-cards${weak.isFetching ? ' is-stale' : ''}`} data-testid="weak-table">
                <thead>
                  <tr>
                    <th scope="col">{t('org.booth')}</th><th scope="col">{t('org.seatCol')}</th><th scope="col">{t('org.grade')}</th>
                    <th scope="col" className="num">{t('org.tile.vacancies')}</th><th scope="col" className="num">{t('org.workers')}</th>
                    <th scope="col" className="num">{t('org.lostBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {weak.data.items.slice(0, shown).map((b) => (
                    <tr key={b.unitId}>
                      <th scope="row" data-label={t('org.booth')}><Link to={paths.booth(b.unitId)}>{local(b.name, b.nameHi)}</Link>{b.partNo != null ? <span className="cell-sub">{t('org.partNo', { no: b.partNo })}</span> : null}</th>
                      <td data-label={t('org.seatCol')}>{[b.acNo != null ? t('org.acNo', { no: b.acNo }) : null, b.acName].filter(Boolean).join(' · ') || '—'}</td>
                      <td data-label={t('org.grade')}><GradeLetter grade={b.grade} /> {b.formed === false ? <span className="small muted">{t('org.notFormed')}</span> : null}</td>
                      <td className="num" data-label={t('org.tile.vacancies')}>{fmt.number(b.vacancies)}</td>
                      <td className="num" data-label={t('org.workers')}>{fmt.number(b.workers)}{b.verified != null ? <span className="cell-sub">{t('org.verifiedN', { n: fmt.number(b.verified) })}</span> : null}</td>
                      <td className="num" data-label={t('org.lostBy')}>{fmt.number(b.marginVotes ?? b.margin ?? null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {weak.data.items.length > shown ? (
                <button type="button" className="btn" onClick={() => setShown((n) => n + 100)} data-testid="weak-more">{t('org.loadMore', { shown })}</button>
              ) : null}
              {weak.data.truncated ? <p className="muted small">{t('org.firstN', { n: fmt.number(weak.data.items.length) })}</p> : null}
            </div>
          )}
        </>
      ) : null}
    </>
  );
}
