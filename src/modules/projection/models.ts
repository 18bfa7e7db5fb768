// Swing models: from baseline seat shares and target state shares to projected seat shares.
// Every model reproduces the target state share (vote-weighted over the seats where the bloc stands),
// so they differ only in how a state's change is spread over its seats.
import { pairMeans, type BlocMatrix } from './blocs.ts';
import type { Model } from './projection.schemas.ts';

/** Persistence of seat effects for single parties, pooled alliances and independents (hierarchical model). */
export interface ModelParams { shrink: { single: number; pooled: number; independent: number } }

type Projector = (m: BlocMatrix, base: Float64Array, target: Float64Array, params: ModelParams) => Float64Array;

/** Additive: every seat moves by the state's change. */
const uniform: Projector = (m, base, target) => m.share.map((v, e) => v + target[m.pair[e]] - base[m.pair[e]]);

/** Multiplicative: every seat is scaled by the state's ratio; a bloc new to the state gets its share everywhere. */
const proportional: Projector = (m, base, target) =>
  m.share.map((v, e) => (base[m.pair[e]] > 0 ? (v * target[m.pair[e]]) / base[m.pair[e]] : target[m.pair[e]]));

/**
 * Hierarchical swing: a seat's share is the state share plus its old deviation from the state, shrunk.
 * Seat effects (candidates, local issues) only partly persist from one election to the next, and an
 * alliance's pooled vote persists less than one party's (transfers vary by seat); an independent is
 * usually another person. Persistence per kind is fitted by least squares (see docs/decisions.md).
 */
const hierarchical: Projector = (m, base, target, { shrink }) => {
  const byKind = [shrink.single, shrink.pooled, shrink.independent];
  return m.share.map((v, e) => target[m.pair[e]] + byKind[m.pairKind[m.pair[e]]] * (v - base[m.pair[e]]));
};

const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const logitOf = (v: number) => { const x = Math.min(Math.max(v, 1e-4), 1 - 1e-4); return Math.log(x / (1 - x)); };

/** Logit swing: one shift per (state, bloc) on the log-odds scale, solved by bisection to hit the state share. */
const logit: Projector = (m, base, target) => {
  const out = new Float64Array(m.share.length);
  const byPair = entriesByPair(m);
  byPair.forEach((entries, j) => {
    if (base[j] <= 0) { for (const e of entries) out[e] = target[j]; return; }
    let lo = -20, hi = 20;
    for (let it = 0; it < 60; it++) {
      const mid = (lo + hi) / 2;
      if (weightedMean(m, entries, (e) => logistic(logitOf(m.share[e]) + mid)) < target[j]) lo = mid; else hi = mid;
    }
    for (const e of entries) out[e] = logistic(logitOf(m.share[e]) + (lo + hi) / 2);
  });
  return out;
};

/**
 * Transition (after Electoral Calculus's idea): blocs that lose support lose it in proportion to their
 * strength in each seat, and the votes so released go to the state's gainers in proportion to their
 * gains, so gainers gain most where the losers were strong. Re-centred to the exact state shares.
 */
const transition: Projector = (m, base, target) => {
  const out = Float64Array.from(m.share);
  for (let i = 0; i < m.seats.length; i++) {
    let released = 0, gains = 0;
    for (let e = m.start[i]; e < m.start[i + 1]; e++) {
      const j = m.pair[e];
      if (target[j] < base[j]) { const loss = m.share[e] * (1 - target[j] / base[j]); out[e] -= loss; released += loss; }
      else gains += target[j] - base[j];
    }
    if (gains <= 0) continue;
    for (let e = m.start[i]; e < m.start[i + 1]; e++) {
      const j = m.pair[e];
      if (target[j] >= base[j]) out[e] += (released * (target[j] - base[j])) / gains;
    }
  }
  const got = pairMeans(m, out);
  return out.map((v, e) => v + target[m.pair[e]] - got[m.pair[e]]);
};

const projectors: Record<Model, Projector> = { uniform, proportional, logit, transition, hierarchical };

/** Projected mean share per entry (may fall below 0: the Monte Carlo needs the unclamped value). */
export function projectShares(model: Model, m: BlocMatrix, target: Float64Array, params: ModelParams): Float64Array {
  return projectors[model](m, pairMeans(m), target, params);
}

function entriesByPair(m: BlocMatrix): number[][] {
  const by: number[][] = m.pairs.map(() => []);
  for (let e = 0; e < m.pair.length; e++) by[m.pair[e]].push(e);
  return by;
}

function weightedMean(m: BlocMatrix, entries: number[], f: (e: number) => number): number {
  let num = 0, den = 0;
  for (const e of entries) { const w = m.seats[seatOf(m, e)].weight; num += w * f(e); den += w; }
  return den > 0 ? num / den : 0;
}

const seatIndex = new WeakMap<BlocMatrix, Int32Array>();
/** Seat of each entry, computed once per matrix. */
export function seatOf(m: BlocMatrix, e: number): number {
  let idx = seatIndex.get(m);
  if (!idx) {
    idx = new Int32Array(m.bloc.length);
    for (let i = 0; i < m.seats.length; i++) for (let e2 = m.start[i]; e2 < m.start[i + 1]; e2++) idx[e2] = i;
    seatIndex.set(m, idx);
  }
  return idx[e];
}
