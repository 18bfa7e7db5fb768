// The scenario builder: a past election as the baseline, national and state swings, alliances with
// transfer rates, a model and a target; seat totals, the seat distribution with P(target) and the ladder
// update live as sliders move (the engine runs in a Web Worker, see engine.ts); save, load, compare.
import './scenario.css';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, type Election } from '../../api.ts';
import { EmptyState, Field, Loading, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { can, useSignedIn } from '../../session.ts';
import { usePartyInfo } from '../seats/parties.ts';
import { AllianceEditor } from './AllianceEditor.tsx';
import { baselineKey, savedKey, scenarioApi, type BaselineOut, type SavedScenario, type ScenarioInput } from './api.ts';
import { Compare } from './Compare.tsx';
import { NationalSwings, Settings, StateSwings } from './Controls.tsx';
import {
  activeAlliances, blocVotes, defaultDraft, fromScenario, FULL_SIMS, majorBlocs, statesOf, storedDraft, storedElection, storeDraft, toScenario, type Draft,
} from './draft.ts';
import { LadderPanel, TargetPanel, Totals } from './Results.tsx';
import { SavedScenarios } from './Saved.tsx';
import { useLiveProjection } from './useLiveProjection.ts';

export default function ScenarioPage() {
  const { t } = useTranslation();
  const elections = useQuery({ queryKey: ['elections'], queryFn: api.elections, staleTime: 5 * 60_000 });
  return (
    <>
      <PageHeading testId="scenario">{t('scenario.title')}</PageHeading>
      <p className="muted intro scenario-intro">{t('scenario.intro')}</p>
      <QueryGate query={elections}>
        {() => (elections.data!.items.length ? <Builder elections={elections.data!.items} /> : (
          <EmptyState title={t('scenario.noElections')} testId="scenario-empty"><p>{t('scenario.noElectionsBody')}</p></EmptyState>
        ))}
      </QueryGate>
    </>
  );
}

/** The election in the address, else this device's last, else the newest Lok Sabha poll, else the newest. */
function pickElection(elections: Election[], fromUrl: string | null): string {
  const known = (id: string | null) => (id && elections.some((e) => e.id === id) ? id : null);
  return known(fromUrl) ?? known(storedElection()) ?? elections.find((e) => e.house === 'LS')?.id ?? elections[0].id;
}

function Builder({ elections }: { elections: Election[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const election = pickElection(elections, params.get('election'));
  const [loadedId, setLoadedId] = useState<number | null>(null);
  const baseline = useQuery({ queryKey: baselineKey(election), queryFn: () => scenarioApi.baseline(election), staleTime: Infinity });
  const onElection = (id: string) => { setLoadedId(null); setParams({ election: id }); };
  if (baseline.error) return <ProblemNotice error={baseline.error} />;
  if (!baseline.data) return <Loading label={t('scenario.loadingBaseline')} />;
  return <BuilderBody key={election} baseline={baseline.data} elections={elections} onElection={onElection} loadedId={loadedId} setLoadedId={setLoadedId} />;
}

function BuilderBody({ baseline, elections, onElection, loadedId, setLoadedId }: {
  baseline: BaselineOut; elections: Election[]; onElection: (id: string) => void;
  loadedId: number | null; setLoadedId: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const parties = usePartyInfo();
  const election = baseline.election ?? '';
  const [draft, setDraft] = useState<Draft>(() => storedDraft(election) ?? defaultDraft(baseline));
  const [interacting, setInteracting] = useState(false);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);
  const states = useMemo(() => statesOf(baseline), [baseline]);
  const [state, setState] = useState(() => [...states].sort((a, b) => b.seats - a.seats)[0]?.name ?? '');
  const multiState = states.length > 1;

  const active = useMemo(() => activeAlliances(draft), [draft]);
  const sliderBlocs = useMemo(() => withSwung(majorBlocs(blocVotes(baseline, active), 5), draft.national), [baseline, active, draft.national]);
  const stateBlocs = useMemo(() => withSwung(majorBlocs(blocVotes(baseline, active, state), 4), draft.states[state] ?? {}), [baseline, active, state, draft.states]);
  const stateParties = useMemo(() => blocVotes(baseline, [], state), [baseline, state]);
  const scenario = useMemo(() => toScenario(draft, FULL_SIMS), [draft]);
  const ladder = useMemo(() => ({ bloc: draft.target.bloc, target: draft.target.seats, state: draft.target.state }), [draft.target]);
  const { live, noteMove } = useLiveProjection(baseline, scenario, ladder, interacting);

  useEffect(() => { const h = setTimeout(() => storeDraft(draft), 250); return () => clearTimeout(h); }, [draft]);
  useEffect(() => () => clearTimeout(idle.current), []);

  const update = useCallback((patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch })), []);
  /** A slider moved: provisional figures until it rests (the pointer let go, or no move for 400 ms). */
  const moved = useCallback((at: number) => {
    noteMove(at);
    setInteracting(true);
    clearTimeout(idle.current);
    idle.current = setTimeout(() => setInteracting(false), 400);
  }, [noteMove]);
  const release = useCallback(() => { clearTimeout(idle.current); setInteracting(false); }, []);
  const moveNational = useCallback((bloc: string, v: number, at: number) => {
    moved(at);
    setDraft((d) => ({ ...d, national: { ...d.national, [bloc]: v } }));
  }, [moved]);
  const moveState = useCallback((bloc: string, v: number, at: number) => {
    moved(at);
    setDraft((d) => ({ ...d, states: { ...d.states, [state]: { ...d.states[state], [bloc]: v } } }));
  }, [moved, state]);
  const setAlliances = useCallback((alliances: Draft['alliances']) => update({ alliances }), [update]);
  const current = useCallback(() => ({ election, scenario: toScenario(draft, FULL_SIMS) }), [election, draft]);
  const onSaved = useCallback((s: SavedScenario) => setLoadedId(s.id), [setLoadedId]);
  const load = useCallback((s: SavedScenario) => {
    const next = fromScenario(s.election, s.scenario as ScenarioInput, draft.target);
    setLoadedId(s.id);
    if (s.election === election) setDraft(next);
    else { storeDraft(next); onElection(s.election); setLoadedId(s.id); }
  }, [draft.target, election, onElection, setLoadedId]);

  const saved = useQuery({ queryKey: savedKey, queryFn: scenarioApi.list });
  const p = live.result?.projection;
  const targetOptions = useMemo(() => {
    const names = p ? [...p.alliances.filter((a) => a.name !== 'OTH').map((a) => a.name), ...[...p.blocs].sort((a, b) => b.expected - a.expected).slice(0, 12).map((b) => b.name)] : sliderBlocs;
    return [...new Set(names)];
  }, [p, sliderBlocs]);
  const swungStates = Object.entries(draft.states).filter(([, v]) => Object.values(v).some((x) => x)).map(([s]) => s);

  return (
    <div className="scenario-page">
      {baseline.uncontested ? <p className="muted small">{t('scenario.uncontested', { count: baseline.uncontested, n: baseline.uncontested })}</p> : null}
      <div className="scenario-layout">
        <div className="area-settings">
          <Settings draft={draft} elections={elections} states={multiState ? states : []} totalSeats={baseline.seats.length}
            targetOptions={targetOptions} update={update} onElection={onElection} />
        </div>
        <div className="area-national">
          <NationalSwings blocs={sliderBlocs} draft={draft} colours={parties.colours} onMove={moveNational} onRelease={release} />
        </div>
        <div className="area-results" aria-live="off">
          {live.error ? <p className="notice notice-error" role="alert">{t('scenario.engineError', { message: live.error })}</p> : null}
          {live.result ? (
            <>
              <Totals result={live.result} simulations={live.simulations} provisional={live.provisional} running={live.running} colours={parties.colours} />
              <TargetPanel result={live.result} target={draft.target} colours={parties.colours} />
              <LadderPanel ladder={live.result.ladder} target={draft.target}
                isAllianceOnly={!!p && !p.blocs.some((b) => b.name === draft.target.bloc) && p.alliances.some((a) => a.name === draft.target.bloc)} />
            </>
          ) : <Loading label={t('scenario.running')} />}
        </div>
        <div className="area-state">
          <section className="card state-panel" aria-labelledby="state-panel-h">
            <h2 id="state-panel-h">{multiState ? t('scenario.statePanel') : t('scenario.alliancesPanel')}</h2>
            {multiState ? (
              <>
                <Field label={t('scenario.state')} hint={swungStates.length ? t('scenario.changedStates', { list: swungStates.join(', ') }) : t('scenario.stateHint')}>
                  {(fp) => (
                    <select {...fp} value={state} onChange={(e) => setState(e.target.value)} data-testid="scenario-state">
                      {states.map((s) => <option key={s.name} value={s.name}>{t('scenario.targetState', { state: s.name, seats: s.seats })}</option>)}
                    </select>
                  )}
                </Field>
                <StateSwings state={state} blocs={stateBlocs} draft={draft} colours={parties.colours} onMove={moveState} onRelease={release} />
              </>
            ) : null}
            <AllianceEditor state={state} alliances={draft.alliances} presets={baseline.alliances} parties={stateParties}
              onChange={setAlliances} />
          </section>
          <div className="scenario-reset">
            <button type="button" className="btn" onClick={() => { setDraft(defaultDraft(baseline)); setLoadedId(null); }} data-testid="scenario-reset">{t('scenario.resetAll')}</button>
          </div>
        </div>
      </div>
      {saved.error ? <ProblemNotice error={saved.error} /> : null}
      {saved.data ? (
        <>
          <SavedScenarios items={saved.data.items} canWrite={can(session, 'scenarios.write')} loadedId={loadedId}
            current={current} onLoad={load} onSaved={onSaved} />
          <Compare items={saved.data.items} colours={parties.colours} />
        </>
      ) : null}
    </div>
  );
}

/** Blocs with a swing set stay on screen even when no longer among the strongest. */
function withSwung(blocs: string[], swings: Record<string, number>): string[] {
  return [...new Set([...blocs, ...Object.entries(swings).filter(([, v]) => v).map(([b]) => b)])];
}
