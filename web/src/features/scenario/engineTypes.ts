// Messages between the page and the projection worker.
import type { Baseline, Ladder, Projection, ScenarioInput } from './api.ts';

export interface RunJob {
  /** The baseline's key (its election id), sent to the worker before the first run. */
  key: string;
  scenario: ScenarioInput;
  simulations: number;
  /** Seat-level figures (leaders, win probabilities): needed for the map and comparisons, not for live totals. */
  wantSeats: boolean;
  ladder?: { bloc: string; target?: number; state?: string | null } | null;
}

export type Distribution = Projection['blocs'][number] | Projection['alliances'][number];

export interface RunResult {
  projection: Projection;
  /** For a state's target: the bloc's seat distribution in that state and P(target). */
  state: { name: string; seats: number; distribution: Distribution | null; probability: number } | null;
  ladder: Ladder | null;
  /** The target named a bloc the scenario does not have (it was dropped). */
  targetError: string | null;
  ms: { prepare: number; simulate: number; total: number };
}

export type EngineRequest =
  | { type: 'baseline'; key: string; baseline: Baseline }
  | { type: 'run'; id: number; job: RunJob };

export type EngineResponse =
  | { type: 'result'; id: number; result: RunResult }
  | { type: 'error'; id: number; message: string };
