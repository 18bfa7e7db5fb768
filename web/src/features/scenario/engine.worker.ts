/// <reference lib="webworker" />
// The projection engine in a Web Worker: the same pure TypeScript the server runs (WebAssembly SIMD
// kernel, JS fallback), so dragging a slider never blocks the page. Baselines are sent once per
// election and kept here; each run answers with totals, and seat-level figures when asked.
import { ladder } from '../../../../src/modules/projection/ladder.ts';
import { simulate } from '../../../../src/modules/projection/montecarlo-wasm.ts';
import { summarise, type Prepared } from '../../../../src/modules/projection/project.ts';
import type { Baseline } from '../../../../src/modules/projection/projection.schemas.ts';
import type { EngineRequest, EngineResponse, RunJob, RunResult } from './engineTypes.ts';
import { createPreparer } from './prepareCached.ts';

const prepare = createPreparer();

const baselines = new Map<string, Baseline>();
const stateBaselines = new Map<string, Baseline>();

function stateBaseline(key: string, state: string): Baseline {
  const k = `${key}\u0000${state}`;
  let b = stateBaselines.get(k);
  if (!b) {
    const all = baselines.get(key)!;
    b = { ...all, seats: all.seats.filter((s) => s.state === state) };
    stateBaselines.set(k, b);
  }
  return b;
}

/** Prepares the scenario; a target naming a bloc the scenario no longer has is dropped and reported, not fatal. */
function prepared(baseline: Baseline, job: RunJob): { p: Prepared; targetError: string | null } {
  const scenario = { ...job.scenario, simulations: job.simulations };
  try {
    return { p: prepare(baseline, scenario), targetError: null };
  } catch (e) {
    const message = (e as Error).message;
    if (!/^target/.test(message)) throw e;
    return { p: prepare(baseline, { ...scenario, targets: [] }), targetError: message };
  }
}

function run(job: RunJob): RunResult {
  const started = performance.now();
  const baseline = baselines.get(job.key);
  if (!baseline) throw new Error(`no baseline ${job.key} in the worker`);
  const { p, targetError } = prepared(baseline, job);
  const preparedAt = performance.now();
  const projection = summarise(p, simulate(p.problem, job.simulations, p.scenario.seed));
  const simulatedAt = performance.now();
  if (!job.wantSeats) {
    // Live totals: no seat-level figures, and seat distributions only for the target (a smaller message).
    projection.seats = [];
    const wanted = job.scenario.targets?.[0]?.bloc;
    for (const d of [...projection.blocs, ...projection.alliances]) if (d.name !== wanted) d.probabilities = [];
  }
  const target = p.scenario.targets[0];
  let state: RunResult['state'] = null;
  if (target?.state && !targetError) {
    // A state's target: its own seat distribution, from the state's seats alone (the same model, noise and
    // scenario; only the draws differ from the national run).
    const sp = prepare(stateBaseline(job.key, target.state), { ...p.scenario, targets: [{ bloc: target.bloc, seats: target.seats }] });
    const sr = summarise(sp, simulate(sp.problem, job.simulations, p.scenario.seed));
    const dist = sr.alliances.find((a) => a.name === target.bloc && !sr.blocs.some((b) => b.name === target.bloc)) ?? sr.blocs.find((b) => b.name === target.bloc) ?? null;
    state = { name: target.state, seats: sp.matrix.seats.length, distribution: dist, probability: sr.targets[0]?.probability ?? 0 };
  }
  const ladderBloc = job.ladder && p.matrix.blocs.includes(job.ladder.bloc) ? job.ladder : null;
  return {
    projection, state, targetError,
    ladder: ladderBloc ? ladder({ matrix: p.matrix, means: p.means }, ladderBloc.bloc, { target: ladderBloc.target, state: ladderBloc.state ?? undefined }) : null,
    ms: { prepare: preparedAt - started, simulate: simulatedAt - preparedAt, total: performance.now() - started },
  };
}

self.onmessage = (e: MessageEvent<EngineRequest>) => {
  const msg = e.data;
  if (msg.type === 'baseline') {
    baselines.set(msg.key, msg.baseline);
    for (const k of [...stateBaselines.keys()]) if (k.startsWith(`${msg.key}\u0000`)) stateBaselines.delete(k);
    return;
  }
  let out: EngineResponse;
  try {
    out = { type: 'result', id: msg.id, result: run(msg.job) };
  } catch (err) {
    out = { type: 'error', id: msg.id, message: (err as Error).message };
  }
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(out);
};
