// Back-testing: project a later election from an earlier one given the later election's actual
// state-level bloc shares, then score each model's seat calls and probabilities against what happened.
// Pure: the CLI and the benchmark read the files (files.ts) and call this.
import { blocResolver, INDEPENDENT } from './blocs.ts';
import { DEFAULT_MODEL, DEFAULT_SHRINK, SEAT_NOISE } from './defaults.ts';
import type { Election, ElectionSeat, Succession } from './files.ts';
import { matchSeats, type SeatMatch } from './matching.ts';
import { simulate } from './montecarlo-wasm.ts';
import { entryWinProbabilities, prepare, type Prepared } from './project.ts';
import { MODELS, type Alliance, type Model, type ScenarioInput } from './projection.schemas.ts';

export interface BacktestInput { from: Election; to: Election; alliances: Alliance[]; successions?: Succession[] }
export interface BacktestOptions { models?: readonly Model[]; simulations?: number; seed?: number; noise?: Partial<Record<Model, { seat: number; df: number }>>; shrink?: Partial<typeof DEFAULT_SHRINK>; contenderFloor?: number }
type Counts = Record<string, { predicted: number; actual: number }>;
export interface ModelScore { model: Model; seats: number; correct: number; brier: number; multiBrier: number; parties: Counts; alliances: Counts; blocs: Counts }
export interface BacktestReport {
  from: string; to: string; default: Model; seats: number; winningAlliance: string;
  unmatched: SeatMatch<ElectionSeat, ElectionSeat>['unmatched']; models: ModelScore[];
}

/** Successions as ordered splits: each weight is a share of the original vote, so later rows take from what is left. */
export function successionSplits(successions: Succession[]) {
  const left = new Map<string, number>();
  return successions.map((s) => {
    const key = `${s.state ?? '*'}\u0000${s.from}`;
    const rest = left.get(key) ?? 1;
    left.set(key, rest - s.fraction);
    return { from: s.from, to: s.to, fraction: rest > 1e-12 ? Math.min(1, s.fraction / rest) : 0, ...(s.state && { state: s.state }) };
  });
}

/** Context shared by every model: the matched seats, the earlier votes, who stands, and the actual state shares. */
export interface BacktestContext {
  input: BacktestInput;
  match: SeatMatch<ElectionSeat, ElectionSeat>;
  scenario: ScenarioInput;
  /** Actual winner's bloc, party and national alliance per matched seat. */
  actual: { bloc: string; party: string; alliance: string }[];
  /** Per matched seat: bloc → the party standing for it (its strongest candidate in the later election). */
  standing: Map<string, string>[];
  winningAlliance: string;
}

export function backtestContext(input: BacktestInput): BacktestContext {
  const resolve = blocResolver(input.alliances);
  const match = matchSeats(input.from.seats, input.from, input.to.seats, input.to);
  const stateVotes = new Map<string, { votes: number; valid: number }>();
  const standing = match.pairs.map(({ to }) => {
    const byBloc = new Map<string, { party: string; votes: number }>();
    for (const c of to.candidates) {
      const bloc = c.party === INDEPENDENT ? INDEPENDENT : resolve(to.state, c.party).bloc;
      if ((byBloc.get(bloc)?.votes ?? -1) < c.votes) byBloc.set(bloc, { party: c.party, votes: c.votes });
    }
    const pooled = new Map<string, number>();
    for (const [party, v] of Object.entries(to.votes)) { const b = resolve(to.state, party).bloc; pooled.set(b, (pooled.get(b) ?? 0) + v); }
    for (const [bloc, v] of pooled) {
      const acc = stateVotes.get(`${to.state}\u0000${bloc}`) ?? { votes: 0, valid: 0 };
      acc.votes += v; acc.valid += to.validVotes;
      stateVotes.set(`${to.state}\u0000${bloc}`, acc);
    }
    return new Map([...byBloc].map(([b, x]) => [b, x.party]));
  });
  const actual = match.pairs.map(({ to }) => {
    const party = to.winner ?? '';
    const r = party === INDEPENDENT ? { bloc: INDEPENDENT, alliance: 'OTH' } : resolve(to.state, party);
    return { bloc: r.bloc, party, alliance: r.alliance };
  });
  const scenario: ScenarioInput = {
    alliances: input.alliances,
    splits: successionSplits(input.successions ?? []),
    contests: match.pairs.map(({ to }, i) => ({ state: to.state, number: to.number, blocs: [...standing[i].keys()] })),
    stateShares: [...stateVotes].map(([k, x]) => { const [state, bloc] = k.split('\u0000'); return { state, bloc, points: (100 * x.votes) / x.valid }; }),
  };
  return { input, match, scenario, actual, standing, winningAlliance: mostSeats(input.to, resolve) };
}

/** The national alliance with most seats in the later election (all its seats, matched or not). */
function mostSeats(to: Election, resolve: ReturnType<typeof blocResolver>): string {
  const n = new Map<string, number>();
  for (const s of to.seats) if (s.winner) { const a = s.winner === INDEPENDENT ? 'OTH' : resolve(s.state, s.winner).alliance; n.set(a, (n.get(a) ?? 0) + 1); }
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** The baseline: earlier votes on the later seat's identity, so alliances resolve by today's state. */
export function backtestBaseline(ctx: BacktestContext) {
  return {
    election: ctx.input.from.id,
    seats: ctx.match.pairs.map(({ from, to }) => ({ ...from, state: to.state, number: to.number, name: to.name, reservation: to.reservation })),
  };
}

export function prepareModel(ctx: BacktestContext, model: Model, opts: BacktestOptions = {}): Prepared {
  const fitted = opts.noise?.[model] ?? SEAT_NOISE[model];
  return prepare(backtestBaseline(ctx), {
    ...ctx.scenario, model, shrink: { ...DEFAULT_SHRINK, ...opts.shrink },
    // The state shares are the actual ones, so only seat-level error is left to model.
    noise: { national: 0, state: 0, seat: fitted.seat * 100, df: fitted.df },
    simulations: opts.simulations ?? 10_000, seed: opts.seed ?? 1, contenderFloor: opts.contenderFloor,
  });
}

/** Win probability per entry of a prepared back-test, by Monte Carlo. */
export function winProbabilities(p: Prepared, simulations: number, seed: number): Float64Array {
  return entryWinProbabilities(p, simulate(p.problem, simulations, seed));
}

export function scoreModel(ctx: BacktestContext, p: Prepared, prob: Float64Array): ModelScore {
  const m = p.matrix;
  const score: ModelScore = { model: p.scenario.model, seats: m.seats.length, correct: 0, brier: 0, multiBrier: 0, parties: {}, alliances: {}, blocs: {} };
  const tally = (c: Counts, k: string, f: 'predicted' | 'actual') => { (c[k] ??= { predicted: 0, actual: 0 })[f]++; };
  m.seats.forEach((_s, i) => {
    const act = ctx.actual[i];
    let best = -1, pW = 0, multi = 0, sawActual = false;
    for (let e = m.start[i]; e < m.start[i + 1]; e++) {
      const name = m.blocs[m.bloc[e]];
      if (best < 0 || prob[e] > prob[best]) best = e;
      if (m.blocAlliance[m.bloc[e]] === ctx.winningAlliance) pW += prob[e];
      const o = name === act.bloc ? 1 : 0;
      sawActual ||= o === 1;
      multi += (prob[e] - o) ** 2;
    }
    const predicted = best >= 0 ? m.blocs[m.bloc[best]] : '';
    if (predicted === act.bloc) score.correct++;
    score.brier += (pW - (act.alliance === ctx.winningAlliance ? 1 : 0)) ** 2;
    score.multiBrier += multi + (sawActual ? 0 : 1);
    tally(score.blocs, predicted, 'predicted'); tally(score.blocs, act.bloc, 'actual');
    tally(score.alliances, best >= 0 ? m.blocAlliance[m.bloc[best]] : '', 'predicted'); tally(score.alliances, act.alliance, 'actual');
    tally(score.parties, ctx.standing[i].get(predicted) ?? predicted, 'predicted'); tally(score.parties, act.party, 'actual');
  });
  score.brier /= m.seats.length;
  score.multiBrier /= m.seats.length;
  return score;
}

export function backtest(input: BacktestInput, opts: BacktestOptions = {}): BacktestReport {
  const ctx = backtestContext(input);
  if (ctx.match.pairs.length === 0) throw new Error(`no seat of ${input.from.id} matches a seat of ${input.to.id}`);
  const sims = opts.simulations ?? 10_000, seed = opts.seed ?? 1;
  const models = (opts.models ?? MODELS).map((model) => {
    const p = prepareModel(ctx, model, opts);
    return scoreModel(ctx, p, winProbabilities(p, sims, seed));
  });
  return { from: input.from.id, to: input.to.id, default: DEFAULT_MODEL, seats: ctx.match.pairs.length, winningAlliance: ctx.winningAlliance, unmatched: ctx.match.unmatched, models };
}
