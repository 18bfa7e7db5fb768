// Coverage of seats by tours: for an election and party (the seat classes), a scope unit and the
// last N days, which seats had visits and how many days, when a central leader last came, and the
// weak seats (never won, lost narrowly, or under half the booth committees formed) not yet visited.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { Field, Loading, PageHeading, ProblemNotice, QueryGate, StatTile } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { UnitPicker } from '../admin/UnitPicker.tsx';
import { usePartyInfo } from '../seats/parties.ts';
import { rememberedParty } from '../seats/seatView.ts';
import { TOURS, toursApi, type CoverageQuery } from './api.ts';
import { CoverageTable } from './CoverageTable.tsx';

const DaysChart = lazy(() => import('./DaysChart.tsx'));

export default function CoveragePage() {
  const { t } = useTranslation();
  const elections = useQuery({ queryKey: ['elections'], queryFn: api.elections, staleTime: 5 * 60_000 });
  return (
    <>
      <PageHeading testId="tours-coverage">{t('tours.cov.title')}</PageHeading>
      <p className="muted">{t('tours.cov.intro')}</p>
      <QueryGate query={elections}>
        {() => (elections.data!.items.length ? <CoverageBody elections={elections.data!.items} /> : <p className="empty-line">{t('seats.noElections')}</p>)}
      </QueryGate>
    </>
  );
}

function CoverageBody({ elections }: { elections: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const parties = usePartyInfo();
  const [params, setParams] = useSearchParams();
  const election = params.get('election') || elections[0].id;
  const party = (params.get('party') || rememberedParty(election) || parties.inElection(election)[0]?.code || '').toUpperCase();
  const days = Math.min(365, Math.max(1, Number(params.get('days')) || 30));
  const unit = params.get('unit') ?? '';
  const q: CoverageQuery = { election, party, days, ...(unit && { unitId: unit }), weakOnly: params.get('weak') === '1', notVisited: params.get('notVisited') === '1' };
  // The party is known only once the home summary is in: a draft of null shows the party in use.
  const [draft, setDraft] = useState<{ party: string | null; days: string; unit: string }>({ party: null, days: String(days), unit });
  const cov = useQuery({ queryKey: [TOURS, 'coverage', q], queryFn: () => toursApi.coverage(q), enabled: !!party, placeholderData: keepPreviousData });
  const apply = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.set('election', election);
    if (party) next.set('party', party);
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next, { replace: true });
  };
  const submit = (e: FormEvent) => { e.preventDefault(); apply({ party: (draft.party ?? party).trim().toUpperCase(), days: draft.days, unit: draft.unit || null }); };
  return (
    <>
      <form className="filters tours-cov-filters" onSubmit={submit} data-testid="cov-filters">
        <Field label={t('seats.election')}>
          {(p) => (
            <select {...p} value={election} onChange={(e) => apply({ election: e.target.value })} data-testid="cov-election">
              {elections.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('org.party')}>{(p) => <input {...p} value={draft.party ?? party} onChange={(e) => setDraft({ ...draft, party: e.target.value })} data-testid="cov-party" />}</Field>
        <Field label={t('tours.cov.days')}>
          {(p) => <input {...p} type="number" min={1} max={365} inputMode="numeric" value={draft.days} onChange={(e) => setDraft({ ...draft, days: e.target.value })} data-testid="cov-days" />}
        </Field>
        <div className="form-actions"><button type="submit" className="btn btn-primary org-tap" data-testid="cov-apply">{t('tours.cov.apply')}</button></div>
      </form>
      <details className="tours-cov-scope"><summary>{t('tours.cov.scope')}</summary>
        <UnitPicker value={draft.unit} onChange={(v) => setDraft({ ...draft, unit: v })} label={t('tours.cov.scopeUnit')} testId="cov-unit" />
      </details>
      <div className="tours-cov-checks">
        <label className="check"><input type="checkbox" checked={!!q.weakOnly} onChange={(e) => apply({ weak: e.target.checked ? '1' : null })} data-testid="cov-weak" /> {t('tours.cov.weakOnly')}</label>
        <label className="check"><input type="checkbox" checked={!!q.notVisited} onChange={(e) => apply({ notVisited: e.target.checked ? '1' : null })} data-testid="cov-not-visited" /> {t('tours.cov.notVisited', { days })}</label>
      </div>
      {!party ? <p className="muted">{t('org.choosePartyFirst')}</p> : null}
      {cov.error ? <ProblemNotice error={cov.error} /> : null}
      {cov.isPending && party ? <Loading /> : null}
      {cov.data ? (
        <>
          <p className="muted" data-testid="cov-scope">{t('tours.cov.scopeLine', { scope: cov.data.scope.name, since: fmt.date(cov.data.since), party: cov.data.party })}</p>
          <div className="tiles org-tiles" data-testid="cov-tiles">
            <StatTile label={t('tours.cov.seats')} value={fmt.number(cov.data.counts.seats)} />
            <StatTile label={t('tours.cov.weakSeats')} value={fmt.number(cov.data.counts.weak)} />
            <StatTile label={t('tours.cov.weakNotVisited', { days })} value={fmt.number(cov.data.counts.weakNotVisited)} testId="cov-weak-not-visited" />
            <StatTile label={t('tours.cov.centralVisited', { days })} value={fmt.number(cov.data.counts.centralVisited)} />
          </div>
          <Suspense fallback={<Loading />}><DaysChart seats={cov.data.items} days={days} /></Suspense>
          <CoverageTable data={cov.data} />
        </>
      ) : null}
    </>
  );
}
