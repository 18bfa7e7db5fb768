// Benchmark `projection`: Monte Carlo speed of the projection engine against the straightforward loop of
// ../shared/bench/mc-baseline.mjs, run side by side in this process on the same synthetic problem
// (543 seats, 6 blocs, 36 states), on one thread and over worker threads; where the time goes on a real
// national scenario (first run, prepare, layout, Monte Carlo, summarise); and the back-test figures of
// every model on LS 2009→2014 and 2014→2019.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backtest, type BacktestReport } from '../src/modules/projection/backtest.ts';
import { readAlliances, readElection, readSuccessions } from '../src/modules/projection/files.ts';
import { runMonteCarlo, type McProblem } from '../src/modules/projection/montecarlo.ts';
import { isWasmAvailable, simulate } from '../src/modules/projection/montecarlo-wasm.ts';
import { studentTable } from '../src/modules/projection/random.ts';
import { createWorkerPool } from '../src/modules/projection/parallel.ts';
import { prepare, summarise } from '../src/modules/projection/project.ts';
import type { BenchContext, BenchResult } from './run.ts';
import { BenchUnavailable } from './run.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(HERE, '../../shared');
const SIMS = 10_000, S = 543, K = 6, STATES = 36, REPS = 9;

type BaselineRun = (n: number, sNat?: number, sState?: number, sSeat?: number) => Int32Array;

/** The baseline's own `mk`, read from ../shared/bench at run time (its file also runs itself on import, so it is not imported). */
function loadBaseline(): (S: number, K: number, NSTATE: number) => BaselineRun {
  const file = path.join(SHARED, 'bench/mc-baseline.mjs');
  if (!fs.existsSync(file)) throw new BenchUnavailable(`projection: ${file} is missing (the baseline lives beside the checkout)`);
  const src = fs.readFileSync(file, 'utf8');
  const start = src.indexOf('function mk('), end = src.indexOf('\nfor(const [S,label]');
  if (start < 0 || end < 0) throw new Error(`${file}: cannot find its mk() function`);
  return new Function(`${src.slice(start, end)}\nreturn mk;`)() as (S: number, K: number, NSTATE: number) => BaselineRun;
}

/** The same problem the baseline builds: its xorshift32 from 42, drawn in its order (share, then contest flag, per bloc). */
function baselineProblem(noise: McProblem['noise']): McProblem {
  let s = 42 >>> 0;
  const u32 = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  const start = [0], bloc: number[] = [], mean: number[] = [], pair: number[] = [];
  for (let i = 0; i < S; i++) {
    const xs: number[] = [], stand: boolean[] = [];
    for (let b = 0; b < K; b++) { xs.push(u32() / 4294967296); stand.push(b < 4 || u32() < 1.3e9); }
    const sum = xs.reduce((a, x) => a + x, 0);
    for (let b = 0; b < K; b++) if (stand[b]) { bloc.push(b); mean.push(xs[b] / sum); pair.push((i % STATES) * K + b); }
    start.push(bloc.length);
  }
  return { seats: S, blocs: K, seatStart: Int32Array.from(start), entryBloc: Int32Array.from(bloc), entryMean: Float64Array.from(mean),
    entryPair: Int32Array.from(pair), pairBloc: Int32Array.from({ length: STATES * K }, (_v, j) => j % K), noise };
}

function median(xs: number[]): number { const a = [...xs].sort((x, y) => x - y); return a[Math.floor(a.length / 2)]; }
function timed(f: () => unknown): number { const t = performance.now(); f(); return performance.now() - t; }
async function timedAsync(f: () => Promise<unknown>): Promise<number> { const t = performance.now(); await f(); return performance.now() - t; }
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Engine and baseline alternate, so both see the same load on this shared machine; figures are medians
 * of REPS runs, and `ratio` is the median of the ratios within each run (robust to the load drifting).
 */
async function speed(log: (l: string) => void) {
  const baseline = loadBaseline()(S, K, STATES);
  const normalProblem = baselineProblem({ national: 0.03, state: 0.03, seat: 0.08, df: 1000 });
  const tProblem = baselineProblem({ national: 0.03, state: 0.03, seat: 0.08, df: 4 });
  baseline(1000); simulate(normalProblem, 1000, 1); simulate(tProblem, 1000, 1); runMonteCarlo(normalProblem, 1000, 1);
  const ms = { engine: [] as number[], t: [] as number[], js: [] as number[], baseline: [] as number[], workers: [] as number[] };
  for (let r = 0; r < REPS; r++) {
    ms.baseline.push(timed(() => baseline(SIMS)));
    ms.engine.push(timed(() => simulate(normalProblem, SIMS, r + 1)));
    ms.t.push(timed(() => simulate(tProblem, SIMS, r + 1)));
    ms.js.push(timed(() => runMonteCarlo(normalProblem, SIMS, r + 1)));
    log(`run ${r + 1}/${REPS}: engine ${ms.engine[r].toFixed(0)} ms, engine (t, df 4) ${ms.t[r].toFixed(0)} ms, JS kernel ${ms.js[r].toFixed(0)} ms, baseline ${ms.baseline[r].toFixed(0)} ms`);
  }
  const pool = createWorkerPool(os.availableParallelism());
  try {
    await pool.run(normalProblem, 2000, 1);
    for (let r = 0; r < REPS; r++) ms.workers.push(await timedAsync(() => pool.run(normalProblem, SIMS, r + 1)));
  } finally { await pool.close(); }
  log(`workers (${pool.size}): ${ms.workers.map((x) => x.toFixed(0)).join(', ')} ms`);
  const perSec = (xs: number[]) => Math.round((SIMS / median(xs)) * 1000);
  const paired = (xs: number[]) => round(median(ms.baseline.map((b, r) => b / xs[r])), 2);
  return {
    simsPerSecond: perSec(ms.engine), baselineSimsPerSecond: perSec(ms.baseline), ratio: paired(ms.engine),
    tDistSimsPerSecond: perSec(ms.t), jsSimsPerSecond: perSec(ms.js), jsRatio: paired(ms.js), kernel: isWasmAvailable() ? 'wasm-simd' : 'js',
    workerSimsPerSecond: perSec(ms.workers), workers: pool.size,
    entries: normalProblem.entryBloc.length, nsPerSeatDraw: round((median(ms.engine) * 1e6) / SIMS / normalProblem.entryBloc.length, 2),
    msPer10k: { engine: round(median(ms.engine)), engineT: round(median(ms.t)), js: round(median(ms.js)), baseline: round(median(ms.baseline)), workers: round(median(ms.workers)) },
    bestMsPer10k: { engine: round(Math.min(...ms.engine)), baseline: round(Math.min(...ms.baseline)) },
  };
}

function transitions() {
  const ls = path.join(SHARED, 'data/lok_sabha'), own = path.resolve(HERE, '../src/modules/projection/data');
  if (!fs.existsSync(path.join(ls, 'ls_2019_candidates.csv'))) return [];
  return [[2009, 2014], [2014, 2019]].map(([a, b]) => ({
    from: readElection(path.join(ls, `ls_${a}_candidates.csv`)), to: readElection(path.join(ls, `ls_${b}_candidates.csv`)),
    alliances: readAlliances(path.join(own, `alliances_ls${b}.csv`)), successions: readSuccessions(path.join(own, `successions_ls${a}_ls${b}.csv`)),
  }));
}

/**
 * Where the time of one re-projection goes on a real national scenario (LS 2019 as the baseline, a
 * 2-point swing): the first run of the process (Student-t table for the scenario's df, WebAssembly
 * instance, JIT), then medians of REPS re-projections split into prepare, the Monte Carlo (of which
 * `layoutMs` is the per-run set-up: ordering and copying the problem into the module), and summarise.
 */
function realScenario(input: ReturnType<typeof transitions>[number]) {
  const baseline = { election: input.to.id, seats: input.to.seats };
  const scenario = { alliances: input.alliances, swings: [{ level: 'national' as const, bloc: 'NDA', points: -2 }, { level: 'national' as const, bloc: 'UPA', points: 2 }], targets: [{ bloc: 'NDA', seats: 272 }] };
  const firstRunMs = timed(() => { const w = prepare(baseline, scenario); summarise(w, simulate(w.problem, SIMS, 1)); });
  const studentTableMs = timed(() => studentTable(9.75)); // a df no run has used: one table build
  const ms = { prepare: [] as number[], layout: [] as number[], monteCarlo: [] as number[], summarise: [] as number[], endToEnd: [] as number[] };
  let p!: ReturnType<typeof prepare>, r!: ReturnType<typeof runMonteCarlo>;
  for (let k = 0; k < REPS; k++) {
    const t = performance.now();
    ms.prepare.push(timed(() => { p = prepare(baseline, scenario); }));
    ms.monteCarlo.push(timed(() => { r = simulate(p.problem, SIMS, k + 1); }));
    ms.summarise.push(timed(() => summarise(p, r)));
    ms.endToEnd.push(performance.now() - t);
    ms.layout.push(timed(() => simulate(p.problem, 8, 1)));
  }
  const m = (xs: number[]) => round(median(xs));
  return {
    seats: p.problem.seats, entries: p.problem.entryBloc.length, blocs: p.problem.blocs, pairs: p.problem.pairBloc.length,
    firstRunMs: round(firstRunMs), studentTableMs: round(studentTableMs),
    prepareMs: m(ms.prepare), monteCarloMs: m(ms.monteCarlo), layoutMs: m(ms.layout), summariseMs: m(ms.summarise), endToEndMs: m(ms.endToEnd),
    simsPerSecond: Math.round((SIMS / median(ms.monteCarlo)) * 1000),
  };
}

function backtestFigures(inputs: ReturnType<typeof transitions>) {
  const out: Record<string, Record<string, { correct: number; seats: number; accuracy: number; brier: number; multiBrier: number }>> = {};
  for (const input of inputs) {
    const r: BacktestReport = backtest(input);
    out[`${r.from}→${r.to}`] = Object.fromEntries(r.models.map((m) => [m.model, {
      correct: m.correct, seats: m.seats, accuracy: Math.round((1000 * m.correct) / m.seats) / 10, brier: Math.round(m.brier * 1e4) / 1e4, multiBrier: Math.round(m.multiBrier * 1e4) / 1e4,
    }]));
  }
  return out;
}

export default async function projection(ctx: BenchContext): Promise<BenchResult> {
  const figures = await speed(ctx.log);
  const inputs = transitions();
  if (inputs.length === 0) ctx.log('projection: ../shared/data is absent; back-test figures and the real scenario are skipped');
  const real = inputs.length ? realScenario(inputs[1]) : null;
  if (real) ctx.log(`real scenario: ${JSON.stringify(real)}`);
  const backtests = inputs.length ? backtestFigures(inputs) : null;
  return { name: 'projection', simulations: SIMS, seats: S, blocs: K, ...figures, realScenario: real, backtests };
}
