// Node-only: spreads a Monte Carlo over worker threads. Each worker runs its share of the simulations
// with its own random stream of the seed, so a run is deterministic for (seed, worker count).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { emptyResult, mergeResults, type McProblem, type McResult } from './montecarlo.ts';
import { simulate } from './montecarlo-wasm.ts';
import type { WorkerJob } from './mc-worker.ts';

export interface WorkerPool { run(problem: McProblem, simulations: number, seed: number): Promise<McResult>; size: number; close(): Promise<void> }

/** Workers start from a .mjs bootstrap that registers tsx, as the CLI does. */
function spawn(): Worker {
  return new Worker(new URL('./mc-worker.mjs', import.meta.url));
}

export function createWorkerPool(size = os.availableParallelism()): WorkerPool {
  const workers = Array.from({ length: Math.max(1, size) }, spawn);
  const runOne = (w: Worker, job: WorkerJob) => new Promise<McResult>((resolve, reject) => {
    const onError = (e: Error) => { w.off('message', onMessage); reject(e); };
    const onMessage = (r: McResult) => { w.off('error', onError); resolve(r); };
    w.once('message', onMessage);
    w.once('error', onError);
    w.postMessage(job);
  });
  return {
    size: workers.length,
    async run(problem, simulations, seed) {
      const share = Math.ceil(simulations / workers.length);
      const jobs = workers.map((w, k) => ({ w, sims: Math.max(0, Math.min(share, simulations - k * share)), k })).filter((j) => j.sims > 0);
      const parts = await Promise.all(jobs.map((j) => runOne(j.w, { problem, simulations: j.sims, seed, stream: j.k })));
      return parts.reduce((acc, r) => mergeResults(acc, r), emptyResult(problem));
    },
    async close() { await Promise.all(workers.map((w) => w.terminate())); },
  };
}

/** One-shot convenience: a pool for a single run. */
export async function runParallel(problem: McProblem, simulations: number, seed: number, size?: number): Promise<McResult> {
  if (size === 1) return simulate(problem, simulations, seed);
  const pool = createWorkerPool(size);
  try { return await pool.run(problem, simulations, seed); } finally { await pool.close(); }
}
