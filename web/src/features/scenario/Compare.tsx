// Two saved scenarios side by side: seats per alliance and bloc, each one's chance of its target, and
// the seats whose projected leader differs. Both run in the worker with their full simulations.
import { useQueryClient } from '@tanstack/react-query';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Loading } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { baselineKey, scenarioApi, type Projection, type SavedScenario, type ScenarioInput } from './api.ts';
import { blocColour, signed } from './colours.ts';
import { FULL_SIMS } from './draft.ts';
import { projectionEngine } from './engine.ts';
import { allianceRows, blocRows } from './Results.tsx';

interface Side { saved: SavedScenario; projection: Projection }

function rowsOf(a: Projection, b: Projection): { name: string; kind: 'alliance' | 'bloc' }[] {
  const alliances = [...new Set([...allianceRows(a), ...allianceRows(b)].map((x) => x.name))];
  const blocs = [...new Set([...blocRows(a).rows, ...blocRows(b).rows].map((x) => x.name))];
  return [...alliances.map((name) => ({ name, kind: 'alliance' as const })), ...blocs.map((name) => ({ name, kind: 'bloc' as const }))];
}

export const Compare = memo(function Compare({ items, colours }: { items: SavedScenario[]; colours: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [out, setOut] = useState<{ a: Side; b: Side } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ida = a ?? items[0]?.id ?? null;
  const idb = b ?? items[1]?.id ?? items[0]?.id ?? null;

  const run = async (s: SavedScenario): Promise<Side | null> => {
    const baseline = await qc.fetchQuery({ queryKey: baselineKey(s.election), queryFn: () => scenarioApi.baseline(s.election), staleTime: Infinity });
    const engine = projectionEngine();
    engine.setBaseline(s.election, baseline);
    const scenario = s.scenario as ScenarioInput;
    const r = await engine.run('compare', { key: s.election, scenario, simulations: Math.min(scenario.simulations ?? FULL_SIMS, 50_000), wantSeats: true });
    return r ? { saved: s, projection: r.projection } : null;
  };
  const compare = async () => {
    const sa = items.find((s) => s.id === ida), sb = items.find((s) => s.id === idb);
    if (!sa || !sb) return;
    setRunning(true); setError(null);
    try {
      const ra = await run(sa);
      const rb = ra && await run(sb);
      if (ra && rb) setOut({ a: ra, b: rb });
    } catch (e) {
      setError((e as Error).message);
    } finally { setRunning(false); }
  };

  if (items.length < 2) return null;
  return (
    <section className="card section scenario-compare" aria-labelledby="compare-h" data-testid="scenario-compare">
      <h2 id="compare-h">{t('scenario.compare')}</h2>
      <div className="inline-form">
        <Field label={t('scenario.compareA')}>
          {(p) => <select {...p} value={ida ?? ''} onChange={(e) => setA(Number(e.target.value))} data-testid="compare-a">{items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>}
        </Field>
        <Field label={t('scenario.compareB')}>
          {(p) => <select {...p} value={idb ?? ''} onChange={(e) => setB(Number(e.target.value))} data-testid="compare-b">{items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>}
        </Field>
        <button type="button" className="btn btn-primary" onClick={() => void compare()} disabled={running || ida === null || idb === null} data-testid="compare-go">{t('scenario.compareGo')}</button>
      </div>
      {running ? <Loading label={t('scenario.compareRunning')} /> : null}
      {error ? <p className="notice notice-error" role="alert">{t('scenario.engineError', { message: error })}</p> : null}
      {out ? <CompareResult a={out.a} b={out.b} colours={colours} /> : null}
    </section>
  );
});

function CompareResult({ a, b, colours }: { a: Side; b: Side; colours: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = rowsOf(a.projection, b.projection);
  const find = (p: Projection, r: { name: string; kind: string }) => (r.kind === 'alliance' ? p.alliances : p.blocs).find((x) => x.name === r.name);
  const cell = (d: ReturnType<typeof find>) => (d ? `${fmt.number(Math.round(d.expected))} (${fmt.number(d.p5)}–${fmt.number(d.p95)})` : '—');
  const sameBaseline = a.saved.election === b.saved.election;
  const leaders = new Map(b.projection.seats.map((s) => [`${s.state}\u0000${s.number}`, s.leader]));
  const diffs = sameBaseline ? a.projection.seats.filter((s) => (leaders.get(`${s.state}\u0000${s.number}`) ?? s.leader) !== s.leader) : [];
  const target = (s: Side) => {
    const tg = s.projection.targets[0];
    return tg ? t('scenario.compareTarget', { name: s.saved.name, bloc: tg.bloc, seats: fmt.number(tg.seats), pct: fmt.percent(tg.probability * 100) }) : t('scenario.compareNoTarget', { name: s.saved.name });
  };
  return (
    <div className="compare-result" data-testid="compare-result">
      <ul className="plain-list compare-targets" data-testid="compare-targets">
        <li>{target(a)}</li>
        <li>{target(b)}</li>
      </ul>
      <div className="table-scroll">
        <table className="table table-compact compare-table" data-testid="compare-table">
          <caption>{t('scenario.compareSeats')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scenario.name')}</th>
              <th scope="col" className="num">{a.saved.name}</th>
              <th scope="col" className="num">{b.saved.name}</th>
              <th scope="col" className="num">{t('scenario.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const da = find(a.projection, r), db = find(b.projection, r);
              const change = Math.round(db?.expected ?? 0) - Math.round(da?.expected ?? 0);
              return (
                <tr key={`${r.kind}:${r.name}`} data-bloc={r.name}>
                  <th scope="row"><span className="swatch" style={{ background: blocColour(r.name, colours) }} aria-hidden="true" />{r.name === 'OTH' ? t('scenario.unaligned') : r.name}{r.kind === 'alliance' ? <span className="muted small"> · {t('scenario.allianceTag')}</span> : null}</th>
                  <td className="num">{cell(da)}</td>
                  <td className="num">{cell(db)}</td>
                  <td className="num">{signed(change, (x) => fmt.number(x))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!sameBaseline ? <p className="muted">{t('scenario.differentBaselines')}</p> : diffs.length === 0 ? <p className="muted" data-testid="leader-diffs">{t('scenario.leaderDiffsNone')}</p> : (
        <details className="leader-diffs" data-testid="leader-diffs" open={diffs.length <= 12}>
          <summary>{t('scenario.leaderDiffs', { count: diffs.length, n: fmt.number(diffs.length) })}</summary>
          <div className="table-scroll">
            <table className="table table-compact">
              <thead><tr><th scope="col">{t('scenario.seat')}</th><th scope="col">{a.saved.name}</th><th scope="col">{b.saved.name}</th></tr></thead>
              <tbody>
                {diffs.map((s) => (
                  <tr key={`${s.state}-${s.number}`}>
                    <th scope="row">{s.name} <span className="muted small">({s.state} {s.number})</span></th>
                    <td>{s.leader}</td>
                    <td>{leaders.get(`${s.state}\u0000${s.number}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}
