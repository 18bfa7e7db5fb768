// Worker-thread entry: runs one share of a Monte Carlo (its own random stream) and posts the counts back.
import { parentPort } from 'node:worker_threads';
import type { McProblem } from './montecarlo.ts';
import { simulate } from './montecarlo-wasm.ts';

export interface WorkerJob { problem: McProblem; simulations: number; seed: number; stream: number }

parentPort?.on('message', (job: WorkerJob) => {
  const r = simulate(job.problem, job.simulations, job.seed, job.stream);
  // The counts are transferred, not copied: the worker never touches them again.
  parentPort!.postMessage(r, [r.entryWins, r.histogram, r.groupHistogram, r.targetHits].map((a) => a.buffer as ArrayBuffer));
});
