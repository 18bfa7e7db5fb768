// Defaults of the engine, fitted by back-testing Lok Sabha 2009→2014 and 2014→2019 jointly
// (bench/projection.ts re-runs the fit and prints these figures; docs/decisions.md explains them).
import type { Model } from './projection.schemas.ts';

/** Chosen by the back-tests: the best joint Brier score and seat calls on both transitions. */
export const DEFAULT_MODEL: Model = 'hierarchical';

/** Persistence of a seat's deviation from its state (hierarchical model), by least squares on both transitions pooled. */
export const DEFAULT_SHRINK = { single: 0.34, pooled: 0.22, independent: 0.25 };

/**
 * Seat-level noise per model: sd (share units) and Student-t degrees of freedom, the lowest mean Brier
 * over both transitions on a grid (sd 0.05–0.14, df 3–10; a normal scored the same within 0.0002).
 */
export const SEAT_NOISE: Record<Model, { seat: number; df: number }> = {
  uniform: { seat: 0.1, df: 10 },
  proportional: { seat: 0.1, df: 10 },
  logit: { seat: 0.1, df: 4 },
  transition: { seat: 0.1, df: 10 },
  hierarchical: { seat: 0.08, df: 10 },
};

/**
 * State error: the spread of a bloc's state swing around its national swing in the same two transitions
 * (what a national-only scenario does not know). National error is not in the results at all: it is the
 * error of the poll or exit poll that sets the scenario, 2 points by default (see docs/decisions.md).
 */
export const DEFAULT_STATE_SD = 0.09;
export const DEFAULT_NATIONAL_SD = 0.02;
