// Builders for the projection tests: small synthetic elections whose answers are known by hand.
import type { Baseline, BaselineSeat } from './projection.schemas.ts';

/** A seat with votes per party out of `valid` valid votes (default: the sum, so no residual). */
export function seat(state: string, number: number, votes: Record<string, number>, valid?: number, name = `${state}-${number}`): BaselineSeat {
  const sum = Object.values(votes).reduce((a, b) => a + b, 0);
  return { state, number, name, reservation: 'GEN', validVotes: valid ?? sum, votes };
}

export function baseline(seats: BaselineSeat[]): Baseline {
  return { election: 'test', seats };
}

/** No noise at all: the Monte Carlo then reproduces the point projection in every simulation. */
export const NO_NOISE = { national: 0, state: 0, seat: 0, df: 1000 };
