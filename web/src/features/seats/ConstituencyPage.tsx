// One constituency: its name in both scripts, where it is, every imported election's candidates,
// the party shares across elections, and (for an assembly seat with Form 20 results) booth grades.
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, type Constituency, type ConstituencyElection, type House } from '../../api.ts';
import { Field, Loading, PageHeading, QueryGate, StatTile } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { currentLocale, useLocalName } from '../../i18n/index.ts';
import { BoothGrades } from './BoothGrades.tsx';
import { partyColour } from './colours.ts';
import { usePartyInfo } from './parties.ts';
import { PartyMark, useSmallPercent } from './SeatTable.tsx';
import { rememberedParty, rememberParty, seatPath } from './seatView.ts';
import type { ShareSeries } from './ShareHistoryChart.tsx';

const ShareHistoryChart = lazy(() => import('./ShareHistoryChart.tsx'));

const MAX_LINES = 6;

export default function ConstituencyPage() {
  const { t } = useTranslation();
  const { stateCode = '', house = '', no = '' } = useParams();
  const valid = /^[A-Z]\d{2}$/.test(stateCode) && (house === 'LS' || house === 'AE') && /^\d{1,5}$/.test(no) && Number(no) > 0;
  const seat = useQuery({
    queryKey: ['constituency', stateCode, house, Number(no)],
    queryFn: () => api.constituency(stateCode, house as House, Number(no)),
    enabled: valid,
    staleTime: 5 * 60_000,
  });
  if (!valid) {
    return (
      <>
        <PageHeading testId="not-found">{t('common.notFoundTitle')}</PageHeading>
        <p>{t('common.notFoundBody')}</p>
      </>
    );
  }
  if (!seat.data) {
    return (
      <>
        <PageHeading testId="constituency">{t('constituency.title')}</PageHeading>
        <QueryGate query={seat}>{() => null}</QueryGate>
      </>
    );
  }
  return <ConstituencyBody seat={seat.data} />;
}

function ConstituencyBody({ seat }: { seat: Constituency }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const parties = usePartyInfo();
  const [params, setParams] = useSearchParams();
  const smallPct = useSmallPercent();
  const hindi = currentLocale() === 'hi';
  const primary = hindi && seat.nameHi ? seat.nameHi : seat.name;
  const other = hindi ? seat.name : seat.nameHi;
  const latest: ConstituencyElection | undefined = seat.elections[0];

  // The election and party the page was opened for; else the newest election and its winner.
  const electionParam = params.get('election');
  const election = seat.elections.find((e) => e.id === electionParam) ?? latest;
  const partyParam = params.get('party')?.toUpperCase() || null;
  const winner = (e: ConstituencyElection | undefined) => e?.candidates.find((c) => c.position === 1)?.party ?? null;
  const party = partyParam ?? (election ? rememberedParty(election.id) : null) ?? winner(election) ?? null;
  const backTo = `/seats?${new URLSearchParams([...(electionParam ? [['election', electionParam]] : []), ...(partyParam ? [['party', partyParam]] : [])]).toString()}`;
  const colour = (code: string | null, known?: string | null) => known ?? partyColour(code, parties.colours);

  const setBoothView = (patch: { election?: string; party?: string }) => {
    const next = new URLSearchParams(window.location.search); // the address now, not at the last render
    if (patch.election) next.set('election', patch.election);
    if (patch.party) { next.set('party', patch.party); rememberParty(patch.election ?? election!.id, patch.party); }
    setParams(next, { replace: true });
  };

  const chart = useMemo(() => {
    const ordered = [...seat.elections].reverse(); // oldest first
    const share = new Map<string, { colour: string; shares: (number | null)[] }>();
    ordered.forEach((e, i) => {
      for (const c of e.candidates) {
        if (!c.party || c.share === null) continue;
        const s = share.get(c.party) ?? { colour: colour(c.party, c.colour), shares: ordered.map(() => null) };
        s.shares[i] = Math.round(((s.shares[i] ?? 0) + c.share) * 100) / 100;
        share.set(c.party, s);
      }
    });
    const series: ShareSeries[] = [...share.entries()]
      .map(([code, s]) => ({ code, ...s }))
      .filter((s) => s.code !== 'NOTA')
      .sort((a, b) => Math.max(...b.shares.map((x) => x ?? 0)) - Math.max(...a.shares.map((x) => x ?? 0)))
      .slice(0, MAX_LINES);
    return { years: ordered.map((e) => e.year), series };
  }, [seat, parties.colours]);

  const margin = latest ? (() => {
    const [w, r] = [...latest.candidates].filter((c) => c.position !== null).sort((a, b) => a.position! - b.position!);
    return w?.votes != null && r?.votes != null ? { votes: w.votes - r.votes, pct: latest.validVotes ? ((w.votes - r.votes) / latest.validVotes) * 100 : null, w } : { votes: null, pct: null, w };
  })() : null;
  const houseLabel = seat.house === 'AE' ? t('constituency.ac', { no: seat.no }) : t('constituency.pc', { no: seat.no });

  return (
    <div className="constituency-page" data-testid="constituency-page">
      <p className="back-link"><Link to={backTo} data-testid="back-to-seats">← {t('constituency.back')}</Link></p>
      <PageHeading testId="constituency">{primary}</PageHeading>
      {other ? <p className="other-script" lang={hindi ? 'en' : 'hi'} data-testid="other-script">{other}</p> : null}
      <ul className="facts plain-list">
        <li>{local(seat.stateName, seat.stateNameHi)}</li>
        <li>{houseLabel}</li>
        <li>{seat.reservation === 'GEN' ? t('seats.reservation.GEN') : <span className="badge">{t(`seats.reservation.${seat.reservation === 'SC' ? 'SC' : 'ST'}`)}</span>}</li>
        {seat.house === 'AE' && seat.pcNo ? (
          <li><Link to={seatPath(seat.stateCode, 'LS', seat.pcNo)}>{t('constituency.inPc', { no: seat.pcNo })}</Link></li>
        ) : null}
      </ul>

      {latest ? (
        <section className="section" aria-labelledby="latest-h">
          <h2 id="latest-h">{t('constituency.latest', { name: latest.name })}</h2>
          <div className="tiles">
            <StatTile label={margin?.w ? `${t('constituency.winner')} · ${margin.w.candidate}` : t('constituency.winner')} value={margin?.w ? <PartyMark code={margin.w.party} colour={colour(margin.w.party, margin.w.colour)} /> : '—'} testId="latest-winner" />
            <StatTile label={t('constituency.margin')} value={<>{fmt.number(margin?.votes)} <small className="tile-sub">{smallPct(margin?.pct == null ? null : Math.round(margin.pct * 100) / 100)}</small></>} />
            <StatTile label={t('constituency.turnout')} value={fmt.percent(latest.turnoutPct ?? (latest.electors ? Math.round((latest.validVotes / latest.electors) * 1000) / 10 : null))} />
            <StatTile label={t('constituency.electors')} value={fmt.number(latest.electors)} />
          </div>
          {latest.turnoutPct === null && latest.electors ? <p className="muted small">{t('constituency.turnoutFromValid')}</p> : null}
        </section>
      ) : (
        <p className="notice" data-testid="no-results">{t('constituency.noResults')}</p>
      )}

      {seat.elections.length ? (
        <section className="section card" aria-labelledby="history-h">
          <h2 id="history-h">{t('constituency.shareHistory')}</h2>
          <Suspense fallback={<Loading label={t('home.chartLoading')} />}>
            <ShareHistoryChart years={chart.years} series={chart.series}
              label={t('constituency.shareHistoryLabel', { parties: chart.series.map((s) => s.code).join(', ') })} />
          </Suspense>
          <ul className="chips legend-inline" aria-hidden="true">
            {chart.series.map((s) => <li key={s.code}><span className="swatch" style={{ background: s.colour }} />{s.code}</li>)}
          </ul>
        </section>
      ) : null}

      {seat.house === 'AE' && election && party ? (
        <section className="section card" aria-labelledby="booths-h">
          <h2 id="booths-h">{t('constituency.boothGrades')}</h2>
          <p className="muted small">{t('constituency.boothGradesIntro')}</p>
          <div className="filters-grid booth-controls">
            <Field label={t('seats.election')}>
              {(p) => (
                <select {...p} value={election.id} onChange={(e) => setBoothView({ election: e.target.value })} data-testid="booth-election">
                  {seat.elections.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('seats.party')}>
              {(p) => (
                <select {...p} value={party} onChange={(e) => setBoothView({ party: e.target.value })} data-testid="booth-party">
                  {election.candidates.some((c) => c.party === party) ? null : <option value={party}>{party}</option>}
                  {election.candidates.filter((c) => c.party && c.party !== 'NOTA' && c.party !== 'IND').map((c) => (
                    <option key={c.party} value={c.party!}>{c.party}{c.partyName ? ` · ${c.partyName}` : ''}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <BoothGrades stateCode={seat.stateCode} acNo={seat.no} election={election.id} party={party} />
        </section>
      ) : null}

      {seat.elections.length ? (
        <section className="section" aria-labelledby="results-h">
          <h2 id="results-h">{t('constituency.results')}</h2>
          {seat.elections.map((e, i) => <ElectionResult key={e.id} e={e} open={i === 0} colour={colour} />)}
        </section>
      ) : null}
    </div>
  );
}

function ElectionResult({ e, open, colour }: { e: ConstituencyElection; open: boolean; colour: (code: string | null, known?: string | null) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sorted = [...e.candidates].sort((a, b) => (a.position ?? 999) - (b.position ?? 999));
  return (
    <details className="card election-result" open={open} data-testid={`result-${e.id}`}>
      <summary>
        <strong>{e.name}</strong>
        <span className="muted"> · {t('constituency.validVotes', { n: fmt.number(e.validVotes) })}
          {e.turnoutPct !== null ? ` · ${t('constituency.turnoutIs', { pct: fmt.percent(e.turnoutPct) })}` : ''}</span>
      </summary>
      <div className="table-scroll">
        <table className="table table-compact candidates">
          <caption className="visually-hidden">{e.name}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">{t('constituency.candidate')}</th>
              <th scope="col">{t('home.party')}</th>
              <th scope="col" className="num">{t('home.votes')}</th>
              <th scope="col" className="num">{t('constituency.share')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c, i) => (
              <tr key={`${c.candidate}-${i}`} className={c.position === 1 ? 'is-winner' : undefined}>
                <td className="num">{c.position ?? '—'}</td>
                <th scope="row" className="break">{c.candidate}</th>
                <td><PartyMark code={c.party} colour={colour(c.party, c.colour)} /></td>
                <td className="num">{fmt.number(c.votes)}</td>
                <td className="num">
                  <span className="share-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, c.share ?? 0)}%`, background: colour(c.party, c.colour) }} /></span>
                  {fmt.percent(c.share)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
