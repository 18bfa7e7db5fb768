// The projection engine's input and output, as zod schemas shared by the API, the web app, the CLI
// and the worker. Shares and swings are in percentage points at the edge (what people type: +2.5),
// and fractions inside the engine.
import { z } from 'zod';

export const MODELS = ['uniform', 'proportional', 'logit', 'transition', 'hierarchical'] as const;
export const modelSchema = z.enum(MODELS);
export type Model = z.infer<typeof modelSchema>;

/** One constituency of the baseline election: votes per party (the strongest independent as `IND`). */
export const baselineSeatSchema = z.object({
  state: z.string().min(1),
  stateCode: z.string().optional(),
  number: z.number().int().positive(),
  name: z.string(),
  reservation: z.enum(['GEN', 'SC', 'ST']).default('GEN'),
  electors: z.number().nonnegative().optional(),
  /** All valid votes including NOTA and minor candidates: the residual is votes − Σ parties. */
  validVotes: z.number().positive(),
  turnoutPct: z.number().min(0).max(100).optional(),
  votes: z.record(z.string(), z.number().nonnegative()),
});
export type BaselineSeat = z.infer<typeof baselineSeatSchema>;

export const baselineSchema = z.object({
  election: z.string().default('baseline'),
  year: z.number().int().optional(),
  seats: z.array(baselineSeatSchema).min(1),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** Parties that pool their votes in a state (`*` = every state not listed otherwise for that bloc). */
export const allianceSchema = z.object({
  state: z.string().default('*'),
  bloc: z.string().min(1),
  nationalAlliance: z.string().optional(),
  members: z.array(z.object({
    party: z.string().min(1),
    /** Share of the partner's previous vote that reaches the bloc (1 = all; realised 0.80–1.77). The bloc's first member is the lead, at 1. */
    transfer: z.number().min(0).max(3).default(1),
    transferSd: z.number().min(0).max(1).default(0),
  })).min(1),
});
export type Alliance = z.infer<typeof allianceSchema>;

export const swingSchema = z.object({
  level: z.enum(['national', 'state', 'region']),
  /** State name or region name; absent for national. */
  where: z.string().optional(),
  /** A party or bloc name. */
  bloc: z.string().min(1),
  points: z.number().min(-100).max(100),
});

export const scenarioSchema = z.object({
  model: modelSchema.default('hierarchical'),
  alliances: z.array(allianceSchema).default([]),
  swings: z.array(swingSchema).default([]),
  regions: z.array(z.object({ name: z.string(), seats: z.array(z.object({ state: z.string(), number: z.number().int() })) })).default([]),
  /** A new party: its expected share (points) in a state, taken proportionally from everyone else there. */
  entries: z.array(z.object({ party: z.string(), state: z.string(), points: z.number().min(0).max(100) })).default([]),
  /** A party that stands down: its votes go to `to` by weight, or to everyone else in proportion. */
  exits: z.array(z.object({ party: z.string(), state: z.string().optional(), to: z.record(z.string(), z.number().nonnegative()).optional() })).default([]),
  /** Part of a party's votes moves to another (a split, or with fraction 1 a merger or renaming). */
  splits: z.array(z.object({ from: z.string(), to: z.string(), fraction: z.number().min(0).max(1), state: z.string().optional() })).default([]),
  /** Change in turnout, points; it weights seats in state and national totals. */
  turnoutChange: z.number().min(-50).max(50).default(0),
  /** Blocs that field a candidate per seat (default: every bloc with baseline votes there). */
  contests: z.array(z.object({ state: z.string(), number: z.number().int(), blocs: z.array(z.string()) })).optional(),
  /** Exact state-level bloc shares (points) to project to, overriding swings (what a back-test feeds). */
  stateShares: z.array(z.object({ state: z.string(), bloc: z.string(), points: z.number() })).optional(),
  noise: z.object({
    national: z.number().min(0).max(20).optional(),
    state: z.number().min(0).max(20).optional(),
    seat: z.number().min(0).max(20).optional(),
    df: z.number().min(2.1).max(1000).optional(),
  }).default({}),
  /** Persistence of seat effects for the hierarchical model, per kind of bloc (0 = every seat at the state share, 1 = uniform swing). */
  shrink: z.object({ single: z.number().min(0).max(1), pooled: z.number().min(0).max(1), independent: z.number().min(0).max(1) }).partial().optional(),
  /** A bloc projected below this share of a seat (points) is not a contender there (see contenders.ts). */
  contenderFloor: z.number().min(0).max(50).optional(),
  simulations: z.number().int().min(1).max(1_000_000).default(10_000),
  seed: z.number().int().default(1),
  targets: z.array(z.object({ bloc: z.string(), seats: z.number().int().positive(), state: z.string().optional() })).default([]),
});
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

const distributionSchema = z.object({
  name: z.string(),
  expected: z.number(),
  p5: z.number().int(), p50: z.number().int(), p95: z.number().int(),
  /** probabilities[k] = P(seats = min + k). */
  min: z.number().int(),
  probabilities: z.array(z.number()),
  /** Projected share of all valid votes, points. */
  votePoints: z.number(),
});

export const projectionSchema = z.object({
  model: modelSchema,
  simulations: z.number().int(),
  seed: z.number().int(),
  blocs: z.array(distributionSchema.extend({ nationalAlliance: z.string() })),
  alliances: z.array(distributionSchema),
  targets: z.array(z.object({ bloc: z.string(), seats: z.number().int(), state: z.string().optional(), probability: z.number() })),
  seats: z.array(z.object({
    state: z.string(), number: z.number().int(), name: z.string(),
    leader: z.string(),
    /** Per bloc: projected share (points) and probability of winning. */
    blocs: z.array(z.object({ bloc: z.string(), points: z.number(), win: z.number() })),
  })),
});
export type Projection = z.infer<typeof projectionSchema>;

export const ladderSchema = z.object({
  bloc: z.string(),
  held: z.number().int(),
  /** Seats ordered by the swing (points, from the seat's leader to the bloc) that flips them; negative = held with that cushion. */
  rungs: z.array(z.object({ state: z.string(), number: z.number().int(), name: z.string(), leader: z.string(), swing: z.number() })),
  /** seatsAtSwing[k] = seats the bloc holds after a swing of k points everywhere (k = 0..20). */
  seatsAtSwing: z.array(z.number().int()),
  target: z.object({ seats: z.number().int(), swing: z.number().nullable(), mustFlip: z.array(z.string()) }).optional(),
});
export type Ladder = z.infer<typeof ladderSchema>;
