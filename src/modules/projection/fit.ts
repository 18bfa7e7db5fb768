// Fitting the engine's defaults on back-tests of several transitions at once, so no single election
// decides: the hierarchical model's persistence by least squares on seat shares, then each model's
// seat-noise sd and tail (Student-t df) by the mean Brier score. The benchmark re-runs this.
import { backtestContext, prepareModel, scoreModel, winProbabilities, type BacktestContext, type BacktestInput } from './backtest.ts';
import { blocResolver, pairMeans, type BlocMatrix } from './blocs.ts';
import type { DEFAULT_SHRINK } from './defaults.ts';
import { targetShares } from './project.ts';
import type { Model } from './projection.schemas.ts';

export interface FitGrid { seat: number[]; df: number[] }
export interface FitPoint { seat: number; df: number; brier: number; perTransition: { brier: number; correct: number; seats: number }[] }
type Shrink = typeof DEFAULT_SHRINK;

export const DEFAULT_GRID: FitGrid = { seat: [0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.14], df: [3, 4, 6, 10, 1000] };

/** Grid search of a model's seat noise; best (lowest mean Brier) first. */
export function fitNoise(inputs: BacktestInput[], model: Model, shrink?: Shrink, grid: FitGrid = DEFAULT_GRID, simulations = 2000, seed = 7): FitPoint[] {
  const contexts = inputs.map(backtestContext);
  const points: FitPoint[] = [];
  for (const seat of grid.seat) {
    for (const df of grid.df) {
      const perTransition = contexts.map((ctx) => evaluate(ctx, model, seat, df, shrink, simulations, seed));
      points.push({ seat, df, brier: perTransition.reduce((a, x) => a + x.brier, 0) / perTransition.length, perTransition });
    }
  }
  return points.sort((a, b) => a.brier - b.brier);
}

function evaluate(ctx: BacktestContext, model: Model, seat: number, df: number, shrink: Shrink | undefined, simulations: number, seed: number) {
  const p = prepareModel(ctx, model, { noise: { [model]: { seat, df } }, shrink, simulations, seed });
  const s = scoreModel(ctx, p, winProbabilities(p, simulations, seed));
  return { brier: s.brier, correct: s.correct, seats: s.seats };
}

/**
 * Persistence of seat deviations by least squares, per kind of bloc, pooled over the transitions:
 * regress (later seat share − later state share) on (earlier seat share − earlier state share) over
 * every matched seat and standing bloc. Estimated on shares, not on seat calls.
 */
export function persistence(inputs: BacktestInput[]): Shrink & { perTransition: Shrink[] } {
  const XY = [0, 0, 0], XX = [0, 0, 0];
  const perTransition = inputs.map((input) => {
    const ctx = backtestContext(input);
    const p = prepareModel(ctx, 'uniform');
    const m = p.matrix, base = pairMeans(m), target = targetShares(m, p.scenario), actual = actualShares(ctx, m);
    const xy = [0, 0, 0], xx = [0, 0, 0];
    for (let e = 0; e < m.share.length; e++) {
      const k = m.pairKind[m.pair[e]], x = m.share[e] - base[m.pair[e]], y = actual[e] - target[m.pair[e]];
      xy[k] += x * y; xx[k] += x * x; XY[k] += x * y; XX[k] += x * x;
    }
    return asShrink(xy, xx);
  });
  return { ...asShrink(XY, XX), perTransition };
}

const asShrink = (xy: number[], xx: number[]): Shrink => ({ single: xy[0] / xx[0], pooled: xy[1] / xx[1], independent: xy[2] / xx[2] });

/** The later election's actual share per entry, pooled into blocs the same way. */
function actualShares(ctx: BacktestContext, m: BlocMatrix): Float64Array {
  const out = new Float64Array(m.share.length);
  const resolve = blocResolver(ctx.input.alliances);
  ctx.match.pairs.forEach(({ to }, i) => {
    const pooled = new Map<string, number>();
    for (const [party, v] of Object.entries(to.votes)) { const b = resolve(to.state, party).bloc; pooled.set(b, (pooled.get(b) ?? 0) + v / to.validVotes); }
    for (let e = m.start[i]; e < m.start[i + 1]; e++) out[e] = pooled.get(m.blocs[m.bloc[e]]) ?? 0;
  });
  return out;
}

/**
 * The state error a national-only scenario leaves: RMS deviation of each bloc's state swing from its
 * national swing, weighted by state votes, over blocs with at least 5% in the state.
 */
export function stateSpread(inputs: BacktestInput[]): { pooled: number; perTransition: number[] } {
  let num = 0, den = 0;
  const perTransition = inputs.map((input) => {
    const p = prepareModel(backtestContext(input), 'uniform');
    const m = p.matrix, base = pairMeans(m), target = targetShares(m, p.scenario);
    const votes = new Float64Array(m.pairs.length);
    m.seats.forEach((s, i) => { for (let e = m.start[i]; e < m.start[i + 1]; e++) votes[m.pair[e]] += s.weight; });
    const nat = new Float64Array(m.blocs.length), w = new Float64Array(m.blocs.length);
    m.pairs.forEach((q, j) => { nat[q.bloc] += votes[j] * (target[j] - base[j]); w[q.bloc] += votes[j]; });
    let n = 0, d = 0;
    m.pairs.forEach((q, j) => {
      if (Math.max(base[j], target[j]) < 0.05) return;
      n += votes[j] * (target[j] - base[j] - nat[q.bloc] / w[q.bloc]) ** 2; d += votes[j];
    });
    num += n; den += d;
    return Math.sqrt(n / d);
  });
  return { pooled: Math.sqrt(num / den), perTransition };
}
