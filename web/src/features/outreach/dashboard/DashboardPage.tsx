// A campaign's live dashboard: tiles, calls per hour, outcomes, survey results, results by seat class
// and by AC, the agent leaderboard, a QA sample and the campaign's to-do list. The live stream (…/live)
// says when a call was made, and the numbers are fetched again then (and every minute for the queue).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { PageHeading, QueryGate, StatTile } from '../../../components/ui.tsx';
import { useFormat } from '../../../format.ts';
import { rememberedParty, rememberParty } from '../../seats/seatView.ts';
import { DASH, dashApi, dashKey, inLang, type Dashboard, type DashParams } from './api.ts';
import { Bars } from './Bars.tsx';
import { AcTable, AgentTable, QaSample } from './DashTables.tsx';
import { TodoList } from './TodoList.tsx';
import { useLive, type LiveState } from './useLive.ts';
import './dashboard.css';

const HOURS = [12, 24, 48, 168];
const OUTCOMES = ['answered', 'busy', 'no_answer', 'switched_off', 'call_back', 'wrong_number', 'do_not_call', 'needs_organiser'];
const OUTCOME_COLOURS: Record<string, string> = { answered: '#1e8449', needs_organiser: '#7d3c98', call_back: '#2874a6', do_not_call: '#a93226', wrong_number: '#922b21' };

export default function DashboardPage() {
  const { t } = useTranslation();
  const id = Number(useParams().campaignId);
  const [params, setParams] = useSearchParams();
  const p: DashParams = useMemo(() => ({
    hours: HOURS.includes(Number(params.get('hours'))) ? Number(params.get('hours')) : 24,
    party: params.get('party') ?? undefined, question: params.get('question') ?? undefined, option: params.get('option') ?? undefined,
    qaContacts: params.get('qaContacts') === '1' ? '1' : undefined,
  }), [params]);
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next, { replace: true });
  };
  const qc = useQueryClient();
  const dash = useQuery({ queryKey: [DASH, 'dashboard', id, p], queryFn: () => dashApi.dashboard(id, p), placeholderData: keepPreviousData, refetchInterval: 60_000 });
  const lastTick = useRef<number | null | undefined>(undefined);
  const refresh = useCallback(() => {
    void qc.invalidateQueries({ queryKey: [DASH, 'dashboard', id] });
    void qc.invalidateQueries({ queryKey: [DASH, 'todo', id] });
  }, [qc, id]);
  const live = useLive(dashApi.liveUrl(id), (last) => {
    lastTick.current = last;
    if (!dash.data || last !== dash.data.lastCallId) refresh();
  });
  // The server shares one computation between viewers and may answer with numbers a few seconds older
  // than the newest call (dashboard-cache.ts): ask again shortly until they include it.
  const shownCall = dash.data?.lastCallId;
  useEffect(() => {
    if (lastTick.current === undefined || shownCall === undefined || lastTick.current === shownCall) return undefined;
    const timer = setTimeout(refresh, 6_000);
    return () => clearTimeout(timer);
  }, [shownCall, dash.dataUpdatedAt, refresh]);
  // The party for seat classes: the address, else the one the seats pages remember for that election.
  const seatElection = dash.data?.seatElection ?? null;
  useEffect(() => {
    const remembered = seatElection ? rememberedParty(seatElection) : null;
    if (!p.party && dash.data?.seatClassesReason === 'no_party' && remembered) set({ party: remembered });
  }); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <PageHeading testId="outreach-dashboard" actions={<LiveBadge state={live} />}>
        {dash.data?.campaign.name ?? t('outreachDash.dashboard')}
      </PageHeading>
      <p className="muted"><Link to="/outreach">{t('outreachDash.back')}</Link>
        {dash.data ? <> · {dash.data.campaign.centre} · {t(dashKey('status', dash.data.campaign.status))}</> : null}</p>
      <QueryGate query={dash}>{() => <Body d={dash.data!} p={p} set={set} />}</QueryGate>
      <TodoList campaignId={id} />
    </>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  return <span className={`dash-live dash-live-${state}`} data-testid="dash-live" data-state={state} role="status"><span aria-hidden="true" />{t(dashKey('live', state))}</span>;
}

function Body({ d, p, set }: { d: Dashboard; p: DashParams; set: (patch: Record<string, string | null>) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const pc = (r: number | null) => fmt.percent(r === null ? null : Math.round(r * 1000) / 10);
  const q = d.queue;
  const blocked = [...Object.entries(q.suppressed).map(([k, n]) => ({ k, n, kind: 'suppressed' })), ...Object.entries(q.done).map(([k, n]) => ({ k, n, kind: 'done' }))];
  const hourLabels = useMemo(() => d.perHour.map((h, i) => (i === 0 || h.hour.endsWith('T00:00') ? `${h.hour.slice(8, 10)}/${h.hour.slice(5, 7)} ` : '') + h.hour.slice(11, 16)), [d.perHour]);
  const hourSeries = useMemo(() => [
    { name: t('outreachDash.calls'), data: d.perHour.map((h) => h.calls), color: '#9fb8d3' },
    { name: t('outreachDash.answered'), data: d.perHour.map((h) => h.answered), color: '#1e8449' },
  ], [d.perHour, t]);
  const outcomes = OUTCOMES.filter((o) => d.outcomes[o]);
  const outcomeSeries = useMemo(() => [{ name: t('outreachDash.calls'), data: outcomes.map((o) => d.outcomes[o]), color: '#2563eb',
    colors: outcomes.map((o) => OUTCOME_COLOURS[o] ?? '#7f8c8d') }], [d.outcomes, t]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="stack dash-body" data-testid="dash-body">
      <div className="tiles dash-tiles">
        <StatTile label={t('outreachDash.tile.callsToday')} value={fmt.number(d.totals.callsToday)} testId="dash-calls-today" />
        <StatTile label={t('outreachDash.tile.answeredToday')} value={fmt.number(d.totals.answeredToday)} />
        <StatTile label={t('outreachDash.tile.calls')} value={fmt.number(d.totals.calls)} testId="dash-calls" />
        <StatTile label={t('outreachDash.tile.contactRate')} value={pc(d.totals.contactRate)} testId="dash-contact-rate" />
        <StatTile label={t('outreachDash.tile.reachRate', { n: fmt.number(d.totals.contactsReached), of: fmt.number(d.totals.contactsCalled) })} value={pc(d.totals.reachRate)} />
        <StatTile label={t('outreachDash.tile.ready')} value={fmt.number(q.ready)} testId="dash-ready" />
        <StatTile label={t('outreachDash.tile.held')} value={fmt.number(q.held)} />
        <StatTile label={t('outreachDash.tile.cooling')} value={fmt.number(q.coolingDown)} />
        <StatTile label={t('outreachDash.tile.callBack')} value={fmt.number(q.callBackLater)} />
      </div>
      {blocked.some((b) => b.kind === 'suppressed') || q.paused ? (
        <p className="dash-blocked" data-testid="dash-blocked"><strong>{t('outreachDash.blocked')}</strong>
          {blocked.filter((b) => b.kind === 'suppressed').map((b) => <span key={b.k} className="badge dash-reason-suppressed">{t(dashKey('reason', b.k), { defaultValue: b.k })}: {fmt.number(b.n)}</span>)}
          {q.paused ? <span className="badge">{t('outreachDash.reason.paused')}: {fmt.number(q.paused)}</span> : null}
        </p>
      ) : null}
      {blocked.some((b) => b.kind === 'done') ? (
        <p className="dash-blocked" data-testid="dash-done"><strong>{t('outreachDash.finished')}</strong>
          {blocked.filter((b) => b.kind === 'done').map((b) => <span key={b.k} className="badge dash-reason-done">{t(dashKey('reason', b.k), { defaultValue: b.k })}: {fmt.number(b.n)}</span>)}
        </p>
      ) : null}
      <div className="dash-window" role="radiogroup" aria-label={t('outreachDash.window')}>
        <span className="muted">{t('outreachDash.window')}</span>
        {HOURS.map((h) => (
          <label key={h} className={d.hours === h ? 'on' : ''}>
            <input type="radio" name="dash-hours" checked={d.hours === h} onChange={() => set({ hours: String(h) })} />{t('outreachDash.lastHours', { count: h })}
          </label>
        ))}
      </div>
      <div className="charts">
        <Bars title={t('outreachDash.perHour')} note={t('outreachDash.ist')} categories={hourLabels} series={hourSeries} testId="dash-hour-chart" />
        {outcomes.length ? <Bars title={t('outreachDash.outcomes')} horizontal categories={outcomes.map((o) => t(dashKey('outcome', o)))} series={outcomeSeries} testId="dash-outcome-chart" /> : null}
      </div>
      <Survey d={d} lng={i18n.language} />
      <SeatClasses d={d} p={p} set={set} />
      <AcTable d={d} />
      <AgentTable d={d} />
      <QaSample d={d} shown={p.qaContacts === '1'} toggle={(on) => set({ qaContacts: on ? '1' : null })} />
    </div>
  );
}

function Survey({ d, lng }: { d: Dashboard; lng: string }) {
  const { t } = useTranslation();
  const items = d.survey.filter((s) => s.kind !== 'text');
  const texts = d.survey.filter((s) => s.kind === 'text');
  if (d.survey.length === 0) return null;
  return (
    <section className="section" data-testid="dash-survey">
      <h2>{t('outreachDash.survey')}</h2>
      <div className="charts">
        {items.map((s) => (
          <Bars key={s.question} title={inLang(s.text, lng)} note={t('outreachDash.answeredN', { count: s.answered })} horizontal={s.kind !== 'scale'}
            categories={s.counts.map((c) => (c.label ? inLang(c.label, lng) : c.value))}
            series={[{ name: t('outreachDash.answers'), data: s.counts.map((c) => c.n), color: s.kind === 'scale' ? '#d68910' : '#2563eb' }]} testId="dash-survey-chart" />
        ))}
      </div>
      {texts.length ? <p className="muted small">{texts.map((s) => t('outreachDash.freeText', { question: inLang(s.text, lng), count: s.answered })).join(' · ')}</p> : null}
    </section>
  );
}

function SeatClasses({ d, p, set }: { d: Dashboard; p: DashParams; set: (patch: Record<string, string | null>) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [party, setParty] = useState(p.party ?? '');
  const s = d.seatClasses;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = party.trim().toUpperCase();
    if (code && d.seatElection) rememberParty(d.seatElection, code);
    set({ party: code || null });
  };
  // Any option of a choice question can be the share shown by seat class and by AC.
  const choices = d.survey.filter((x) => x.kind === 'single' || x.kind === 'multi').flatMap((x) => x.counts.map((c) => ({
    value: `${x.question}:${c.value}`, label: `${inLang(x.text, i18n.language)} → ${c.label ? inLang(c.label, i18n.language) : c.value}` })));
  const sentiment = d.sentiment ? `${inLang(d.sentiment.text, i18n.language)} → ${inLang(d.sentiment.label, i18n.language)}` : null;
  return (
    <section className="section" data-testid="dash-seats">
      <h2>{t('outreachDash.bySeatClass')}</h2>
      {choices.length ? (
        <p className="dash-party">
          <label htmlFor="dash-sentiment">{t('outreachDash.share')}</label>
          <select id="dash-sentiment" value={d.sentiment ? `${d.sentiment.question}:${d.sentiment.option}` : ''} data-testid="dash-sentiment"
            onChange={(e) => { const [question, option] = e.target.value.split(':'); set({ question, option }); }}>
            {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </p>
      ) : sentiment ? <p className="muted small">{t('outreachDash.sentimentIs', { what: sentiment })}</p> : null}
      {s ? (
        <Bars title={t('outreachDash.seatTitle', { party: s.party, election: s.electionName })} horizontal
          categories={s.items.map((x) => t('outreachDash.classCalls', { name: t(dashKey('seatClass', x.seatClass.replace('-', '_'))), n: fmt.number(x.calls) }))}
          series={[{ name: t('outreachDash.share'), data: s.items.map((x) => (x.share === null ? 0 : Math.round(x.share * 1000) / 10)), color: '#d68910',
            colors: s.items.map((x) => (x.seatClass === 'battleground' ? '#c2410c' : '#d68910')) }]}
          format={(v) => `${fmt.number(v)}%`} testId="dash-seat-chart" />
      ) : <p className="notice" data-testid="dash-seats-reason">{t(dashKey('seatReason', d.seatClassesReason ?? 'no_state'))}</p>}
      {d.seatElection ? (
        <form className="dash-party" onSubmit={submit}>
          <label htmlFor="dash-party">{t('outreachDash.party')}</label>
          <input id="dash-party" value={party} onChange={(e) => setParty(e.target.value)} maxLength={40} size={8} data-testid="dash-party" />
          <button type="submit" className="btn btn-small">{t('outreachDash.show')}</button>
        </form>
      ) : null}
    </section>
  );
}
