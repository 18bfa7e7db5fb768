// The engine's entry point: baseline + scenario → seat distributions, win probabilities, P(target).
// Pure: runs in a worker thread and in the browser. The Monte Carlo runner is a parameter so Node can
// spread simulations over worker threads (parallel.ts) while the browser runs them in place.
import { blocResolver, buildBlocMatrix, pairMeans, type BlocMatrix } from './blocs.ts';
import { DEFAULT_NATIONAL_SD, DEFAULT_SHRINK, DEFAULT_STATE_SD, SEAT_NOISE } from './defaults.ts';
import { projectShares } from './models.ts';
import { compileProblem, DEFAULT_CONTENDER_FLOOR, type Compiled } from './contenders.ts';
import type { McProblem, McResult } from './montecarlo.ts';
import { simulate } from './montecarlo-wasm.ts';
import { baselineSchema, scenarioSchema, type Baseline, type Projection, type Scenario, type ScenarioInput } from './projection.schemas.ts';

export interface Prepared {
  scenario: Scenario;
  matrix: BlocMatrix;
  /** Projected mean share per entry (fractions). */
  means: Float64Array;
  alliances: string[];
  compiled: Compiled;
  problem: McProblem;
}

export type McRunner = (problem: McProblem, simulations: number, seed: number) => McResult | Promise<McResult>;

/** State-level target share per (state, bloc) pair: explicit shares win, else baseline + national + state swings. */
export function targetShares(m: BlocMatrix, s: Scenario): Float64Array {
  const base = pairMeans(m);
  const resolve = blocResolver(s.alliances);
  const explicit = new Map((s.stateShares ?? []).map((x) => [`${x.state}\u0000${x.bloc}`, x.points / 100]));
  return base.map((b, j) => {
    const { state, bloc } = m.pairs[j];
    const name = m.blocs[bloc];
    const fixed = explicit.get(`${state}\u0000${name}`);
    if (fixed !== undefined) return fixed;
    let t = b;
    for (const w of s.swings) {
      if (w.level === 'region' || resolve(state, w.bloc).bloc !== name) continue;
      if (w.level === 'national' || w.where === state) t += w.points / 100;
    }
    return t;
  });
}

/** A region is any named set of seats; its swing is added to those seats after the state-level model. */
function applyRegionSwings(m: BlocMatrix, s: Scenario, means: Float64Array) {
  const resolve = blocResolver(s.alliances);
  for (const w of s.swings.filter((x) => x.level === 'region')) {
    const region = s.regions.find((r) => r.name === w.where);
    if (!region) throw new Error(`swing names region '${w.where}', which the scenario does not define`);
    const inRegion = new Set(region.seats.map((x) => `${x.state}\u0000${x.number}`));
    m.seats.forEach((seat, i) => {
      if (!inRegion.has(`${seat.state}\u0000${seat.number}`)) return;
      for (let e = m.start[i]; e < m.start[i + 1]; e++) if (m.blocs[m.bloc[e]] === resolve(seat.state, w.bloc).bloc) means[e] += w.points / 100;
    });
  }
}

export function prepare(baselineInput: Baseline, scenarioInput: ScenarioInput): Prepared {
  const baseline = baselineSchema.parse(baselineInput);
  const scenario = scenarioSchema.parse(scenarioInput);
  return prepareOn(buildBlocMatrix(baseline, scenario), scenario);
}

/** Everything after the seat × bloc matrix: model, region swings, noise, the compiled problem (a slider reuses the matrix). */
export function prepareOn(matrix: BlocMatrix, scenario: Scenario): Prepared {
  const means = projectShares(scenario.model, matrix, targetShares(matrix, scenario), { shrink: { ...DEFAULT_SHRINK, ...scenario.shrink } });
  applyRegionSwings(matrix, scenario, means);
  const alliances = [...new Set(matrix.blocAlliance)];
  const fitted = SEAT_NOISE[scenario.model];
  const pct = (x: number | undefined, d: number) => (x === undefined ? d : x / 100);
  const noise = {
    national: pct(scenario.noise.national, DEFAULT_NATIONAL_SD), state: pct(scenario.noise.state, DEFAULT_STATE_SD),
    seat: pct(scenario.noise.seat, fitted.seat), df: scenario.noise.df ?? fitted.df,
  };
  const compiled = compileProblem(matrix, means, alliances, scenario, noise, pct(scenario.contenderFloor, DEFAULT_CONTENDER_FLOOR));
  return { scenario, matrix, means, alliances, compiled, problem: compiled.problem };
}

export async function project(baseline: Baseline, scenario: ScenarioInput, run: McRunner = simulate): Promise<Projection> {
  const p = prepare(baseline, scenario);
  return summarise(p, await run(p.problem, p.scenario.simulations, p.scenario.seed));
}

/** Synchronous form for callers without workers (tests, the browser's first paint). */
export function projectSync(baseline: Baseline, scenario: ScenarioInput): Projection {
  const p = prepare(baseline, scenario);
  return summarise(p, simulate(p.problem, p.scenario.simulations, p.scenario.seed));
}

function distribution(name: string, hist: Int32Array, offset: number, seats: number, sims: number, votePoints: number) {
  const counts = hist.subarray(offset, offset + seats + 1);
  let min = 0, max = seats, expected = 0;
  while (min < seats && counts[min] === 0) min++;
  while (max > min && counts[max] === 0) max--;
  const quantile = (q: number) => { let acc = 0; for (let k = 0; k <= seats; k++) { acc += counts[k]; if (acc >= q * sims) return k; } return seats; };
  for (let k = min; k <= max; k++) expected += (k * counts[k]) / sims;
  const probabilities = Array.from(counts.subarray(min, max + 1), (c) => c / sims);
  return { name, expected, p5: quantile(0.05), p50: quantile(0.5), p95: quantile(0.95), min, probabilities, votePoints };
}

/** National vote share of each bloc, points: projected seat shares weighted by seat size. */
function votePoints(p: Prepared): { bloc: Float64Array; total: number } {
  const m = p.matrix, bloc = new Float64Array(m.blocs.length);
  let total = 0;
  m.seats.forEach((seat, i) => {
    total += seat.weight;
    for (let e = m.start[i]; e < m.start[i + 1]; e++) bloc[m.bloc[e]] += seat.weight * Math.max(0, p.means[e]);
  });
  return { bloc: bloc.map((v) => (100 * v) / total), total };
}

/** Win probability per matrix entry (0 for blocs below the contender floor there). */
export function entryWinProbabilities(p: Prepared, r: McResult): Float64Array {
  const out = new Float64Array(p.matrix.bloc.length);
  p.compiled.entryOf.forEach((e, k) => { out[e] = r.entryWins[k] / r.simulations; });
  return out;
}

/** Seat histogram of a global bloc: a bloc that contends nowhere won 0 seats in every simulation. */
function blocHistogram(p: Prepared, r: McResult, k: number): { hist: Int32Array; offset: number } {
  const S = p.matrix.seats.length, local = p.compiled.localBloc[k];
  if (local >= 0) return { hist: r.histogram, offset: local * (S + 1) };
  const hist = new Int32Array(S + 1);
  hist[0] = r.simulations;
  return { hist, offset: 0 };
}

export function summarise(p: Prepared, r: McResult): Projection {
  const m = p.matrix, S = m.seats.length, sims = r.simulations;
  const votes = votePoints(p);
  const win = entryWinProbabilities(p, r);
  const allianceVotes = p.alliances.map((a) => m.blocs.reduce((acc, _b, k) => acc + (m.blocAlliance[k] === a ? votes.bloc[k] : 0), 0));
  return {
    model: p.scenario.model, simulations: sims, seed: p.scenario.seed,
    blocs: m.blocs.map((b, k) => { const h = blocHistogram(p, r, k); return { ...distribution(b, h.hist, h.offset, S, sims, votes.bloc[k]), nationalAlliance: m.blocAlliance[k] }; }),
    alliances: p.alliances.map((a, g) => distribution(a, r.groupHistogram, g * (S + 1), S, sims, allianceVotes[g])),
    targets: p.scenario.targets.map((t, i) => ({ ...t, probability: r.targetHits[i] / sims })),
    seats: m.seats.map((seat, i) => {
      const blocs = [];
      for (let e = m.start[i]; e < m.start[i + 1]; e++) blocs.push({ bloc: m.blocs[m.bloc[e]], points: 100 * Math.max(0, p.means[e]), win: win[e] });
      blocs.sort((a, b) => b.win - a.win || b.points - a.points);
      return { state: seat.state, number: seat.number, name: seat.name, leader: blocs[0]?.bloc ?? '', blocs };
    }),
  };
}
