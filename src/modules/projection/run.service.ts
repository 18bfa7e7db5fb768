// Projections and ladders on the server, for API and CLI users (the web app runs the same engine in a
// browser worker). The Monte Carlo runs in a worker thread, so a 10,000-simulation run (~0.3 s) never
// stalls other requests; one worker with stream 0, so a seed gives the same figures as the browser.
import { Invalid } from '../../shared/errors.ts';
import { ladder } from './ladder.ts';
import type { McProblem, McResult } from './montecarlo.ts';
import { createWorkerPool, type WorkerPool } from './parallel.ts';
import { prepare, summarise, type Prepared } from './project.ts';
import type { Baseline, Ladder, Projection, ScenarioInput } from './projection.schemas.ts';
import type { LadderBody } from './scenarios.schemas.ts';

export interface ProjectionRunner {
  run(problem: McProblem, simulations: number, seed: number): Promise<McResult>;
  close(): Promise<void>;
}

/**
 * One worker, started on first use; runs are queued (the pool's worker answers one job at a time).
 * A run that fails drops the worker, so the next run starts a fresh one.
 */
export function createProjectionRunner(): ProjectionRunner {
  let pool: WorkerPool | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(problem, simulations, seed) {
      const next = queue.then(async () => {
        pool ??= createWorkerPool(1);
        try {
          return await pool.run(problem, simulations, seed);
        } catch (e) {
          const dead = pool;
          pool = null;
          await dead?.close().catch(() => undefined);
          throw e;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
      const p = pool;
      pool = null;
      await p?.close();
    },
  };
}

/** The engine's own complaints about a scenario (an unknown target bloc, an undefined region) as a 400 naming the field. */
function prepared(baseline: Baseline, scenario: ScenarioInput): Prepared {
  try {
    return prepare(baseline, scenario);
  } catch (e) {
    const message = (e as Error).message;
    const field = /^target/.test(message) ? 'scenario.targets' : /region/.test(message) ? 'scenario.swings' : 'scenario';
    throw new Invalid(message, [{ field, message }]);
  }
}

export async function runProjection(runner: ProjectionRunner, baseline: Baseline, scenario: ScenarioInput): Promise<Projection> {
  const p = prepared(baseline, scenario);
  return summarise(p, await runner.run(p.problem, p.scenario.simulations, p.scenario.seed));
}

/** The ladder to a target for one bloc, on the scenario's projected shares (no Monte Carlo needed). */
export function runLadder(baseline: Baseline, body: Pick<LadderBody, 'scenario' | 'bloc' | 'target' | 'state'>): Ladder {
  const p = prepared(baseline, { ...body.scenario, targets: [] });
  if (!p.matrix.blocs.includes(body.bloc)) {
    const message = `no bloc named '${body.bloc}' in this scenario (a party pooled into an alliance is ranked as its bloc)`;
    throw new Invalid(message, [{ field: 'bloc', message }]);
  }
  if (body.state && !p.matrix.seats.some((s) => s.state === body.state)) {
    const message = `the baseline has no seats in '${body.state}'`;
    throw new Invalid(message, [{ field: 'state', message }]);
  }
  return ladder({ matrix: p.matrix, means: p.means }, body.bloc, { target: body.target, state: body.state });
}
