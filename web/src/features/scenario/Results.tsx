// What a projection says: seat totals (expected and the 5–95% range) per alliance and bloc, the
// chance of the target, and the ladder to it (the swing needed, the seats that must flip, seats per point).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import type { Ladder, Projection } from './api.ts';
import { blocColour } from './colours.ts';
import type { Target } from './draft.ts';
import type { Distribution, RunResult } from './engineTypes.ts';

const Histogram = lazy(() => import('./Histogram.tsx'));
const SHOWN_BLOCS = 8;

/** The alliances worth a table: more than one, the unaligned last. */
export function allianceRows(p: Projection): Projection['alliances'] {
  const real = p.alliances.filter((a) => a.name !== 'OTH');
  if (!real.length) return [];
  return [...real.sort((a, b) => b.expected - a.expected), ...p.alliances.filter((a) => a.name === 'OTH')];
}

/** The strongest blocs by expected seats, and the rest summed. */
export function blocRows(p: Projection): { rows: Projection['blocs']; others: number } {
  const sorted = [...p.blocs].sort((a, b) => b.expected - a.expected);
  const rows = sorted.filter((b) => b.expected >= 0.5).slice(0, SHOWN_BLOCS);
  const others = sorted.filter((b) => !rows.includes(b)).reduce((n, b) => n + b.expected, 0);
  return { rows, others };
}

/** The distribution a target reads: the bloc of that name, else the alliance (as the engine resolves targets). */
export function targetDistribution(p: Projection, bloc: string): Distribution | null {
  return p.blocs.find((b) => b.name === bloc) ?? p.alliances.find((a) => a.name === bloc) ?? null;
}

function DistTable({ caption, rows, colours, others, testId }: {
  caption: string; rows: Distribution[]; colours: ReadonlyMap<string, string>; others?: number; testId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = (n: string) => (n === 'OTH' ? t('scenario.unaligned') : n);
  return (
    <div className="table-scroll">
      <table className="table table-compact totals-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scenario.name')}</th>
            <th scope="col" className="num">{t('scenario.expected')}</th>
            <th scope="col" className="num">{t('scenario.range')}</th>
            <th scope="col" className="num">{t('scenario.votes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-bloc={r.name}>
              <th scope="row"><span className="swatch" style={{ background: blocColour(r.name, colours) }} aria-hidden="true" />{label(r.name)}</th>
              <td className="num expected">{fmt.number(Math.round(r.expected))}</td>
              <td className="num">{`${fmt.number(r.p5)}–${fmt.number(r.p95)}`}</td>
              <td className="num">{fmt.percent(r.votePoints)}</td>
            </tr>
          ))}
          {others !== undefined && others >= 0.5 ? (
            <tr><th scope="row" className="muted">{t('scenario.others')}</th><td className="num">{fmt.number(Math.round(others))}</td><td /><td /></tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export function Totals({ result, simulations, provisional, running, colours }: {
  result: RunResult; simulations: number; provisional: boolean; running: boolean; colours: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = result.projection;
  const alliances = allianceRows(p);
  const blocs = blocRows(p);
  return (
    <section className="card scenario-totals" aria-labelledby="totals-h" data-testid="scenario-totals"
      data-simulations={simulations} data-provisional={provisional} data-worker-ms={Math.round(result.ms.total)} aria-busy={running}>
      <div className="totals-head">
        <h2 id="totals-h">{t('scenario.results')}</h2>
        <p className={`sims-badge${provisional ? ' is-provisional' : ''}`} role="status" data-testid="scenario-status">
          {provisional ? t('scenario.provisional', { n: fmt.number(simulations) }) : t('scenario.final', { n: fmt.number(simulations) })}
          {running && !provisional ? ` · ${t('scenario.refining')}` : ''}
        </p>
      </div>
      <div className="totals-tables">
        {alliances.length ? <DistTable caption={t('scenario.alliancesTable')} rows={alliances} colours={colours} testId="totals-alliances" /> : null}
        <DistTable caption={t('scenario.blocsTable')} rows={blocs.rows} others={blocs.others} colours={colours} testId="totals-blocs" />
      </div>
    </section>
  );
}

export function TargetPanel({ result, target, colours }: { result: RunResult; target: Target; colours: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const state = target.state ? result.state : null;
  const dist = state ? state.distribution : targetDistribution(result.projection, target.bloc);
  const probability = state ? state.probability : result.projection.targets[0]?.probability ?? null;
  const pct = probability === null ? '—' : fmt.percent(probability * 100);
  return (
    <section className="card scenario-target-panel" aria-labelledby="target-h">
      <h2 id="target-h">
        {target.state ? t('scenario.histogramState', { bloc: target.bloc, state: target.state }) : t('scenario.histogram', { bloc: target.bloc })}
      </h2>
      {result.targetError ? <p className="notice" role="alert">{t('scenario.targetMissing', { bloc: target.bloc })}</p> : null}
      <p className="p-target" data-testid="scenario-ptarget" data-probability={probability ?? ''}>
        <span className="p-target-label">{t('scenario.pTarget', { bloc: target.bloc, seats: fmt.number(target.seats) })}</span>
        <strong className="p-target-value">{pct}</strong>
      </p>
      {dist ? (
        <Suspense fallback={<Loading label={t('home.chartLoading')} />}>
          <Histogram dist={dist} target={target.seats} colour={blocColour(target.bloc, colours)} bloc={target.bloc} probability={probability} />
        </Suspense>
      ) : null}
    </section>
  );
}

export function LadderPanel({ ladder, target, isAllianceOnly }: { ladder: Ladder | null; target: Target; isAllianceOnly: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!ladder) {
    return (
      <section className="card scenario-ladder" aria-labelledby="ladder-h">
        <h2 id="ladder-h">{t('scenario.ladder')}</h2>
        <p className="muted">{isAllianceOnly ? t('scenario.ladderNotBloc', { bloc: target.bloc }) : t('scenario.ladderNone')}</p>
      </section>
    );
  }
  const swing = ladder.target?.swing ?? null;
  const must = ladder.target?.mustFlip ?? [];
  const gains = ladder.seatsAtSwing.slice(0, 11).map((seats, k) => ({ k, seats, gain: k === 0 ? null : seats - ladder.seatsAtSwing[k - 1] }));
  const pts = (n: number) => fmt.number(Math.round(n * 10) / 10);
  return (
    <section className="card scenario-ladder" aria-labelledby="ladder-h" data-testid="scenario-ladder">
      <h2 id="ladder-h">{t('scenario.ladder')}</h2>
      <p data-testid="ladder-summary">
        {ladder.target === undefined ? null
          : swing === null ? t('scenario.ladderOutOfReach', { bloc: ladder.bloc, seats: fmt.number(target.seats), n: fmt.number(ladder.rungs.length) })
            : swing <= 0 ? t('scenario.ladderHeld', { bloc: ladder.bloc, seats: fmt.number(target.seats), held: fmt.number(ladder.held), cushion: pts(-swing) })
              : t('scenario.ladderNeeds', { bloc: ladder.bloc, seats: fmt.number(target.seats), swing: pts(swing), held: fmt.number(ladder.held) })}
      </p>
      <p className="muted small">{t('scenario.ladderHint')}</p>
      {must.length ? (
        <details className="must-flip">
          <summary>{t('scenario.mustFlip', { count: must.length, n: fmt.number(must.length) })}</summary>
          <ol className="flip-list">{must.map((s) => <li key={s}>{s}</li>)}</ol>
        </details>
      ) : null}
      <div className="table-scroll">
        <table className="table table-compact per-point" data-testid="ladder-per-point">
          <caption>{t('scenario.perPoint', { bloc: ladder.bloc })}</caption>
          <thead><tr><th scope="col">{t('scenario.swingCol')}</th><th scope="col" className="num">{t('scenario.seatsCol')}</th><th scope="col" className="num">{t('scenario.gainCol')}</th></tr></thead>
          <tbody>
            {gains.map((g) => (
              <tr key={g.k}><th scope="row">{g.k === 0 ? '0' : `+${fmt.number(g.k)}`}</th><td className="num">{fmt.number(g.seats)}</td><td className="num">{g.gain === null ? '—' : `+${fmt.number(g.gain)}`}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
