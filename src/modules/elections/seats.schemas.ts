import { z } from 'zod';

const flag = z.preprocess((v) => (v === '' || v === 'true' || v === true ? true : v === 'false' || v === false ? false : v), z.boolean()).optional();

export const SeatQuery = z.object({
  election: z.string().regex(/^[A-Z0-9-]+$/, 'an election id such as LS-2019 or AE-GJ-2022'),
  party: z.string().trim().min(1).max(40),
  state: z.string().regex(/^[A-Z]\d{2}$/, 'a state code such as S06').optional(),
  reserved: z.enum(['GEN', 'SC', 'ST']).optional(),
  won: flag,
  neverWon: flag,
  lostByUnder: z.coerce.number().int().positive().optional(),
  battleground: z.coerce.number().positive().max(100).optional(),
  stronghold: z.coerce.number().int().min(1).max(10).optional(),
  strongholdRuns: z.coerce.number().int().min(1).max(10).default(3),
  battlegroundPct: z.coerce.number().positive().max(100).default(5),
  closeVotes: z.coerce.number().int().positive().default(5000),
});
export type SeatQuery = z.infer<typeof SeatQuery>;

export const SeatClassName = z.enum(['held', 'stronghold', 'battleground', 'never-won', 'lost-close']);
export const SeatOut = z.object({
  state: z.string(), stateName: z.string(), constituencyNo: z.number(), constituency: z.string(), reservation: z.string(),
  winnerParty: z.string().nullable(), winnerCandidate: z.string().nullable(), winnerVotes: z.number().nullable(),
  runnerUpParty: z.string().nullable(), runnerUpVotes: z.number().nullable(),
  marginVotes: z.number().nullable(), marginPct: z.number().nullable(), validVotes: z.number(),
  partyVotes: z.number(), partyShare: z.number(), partyPosition: z.number().nullable(), partyLead: z.number().nullable(),
  uncontested: z.boolean(), classes: z.array(SeatClassName),
  shareTrend: z.array(z.object({ election: z.string(), share: z.number().nullable() })),
});
export const SeatsOut = z.object({
  election: z.object({ id: z.string(), name: z.string(), house: z.string(), year: z.number() }),
  party: z.string(),
  comparedWith: z.array(z.string()),
  counts: z.record(z.string(), z.number()),
  items: z.array(SeatOut),
});
export type SeatsOut = z.infer<typeof SeatsOut>;

export const ElectionsOut = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), house: z.string(), stateCode: z.string().nullable(), year: z.number(), seats: z.number(), isDemo: z.boolean() })),
});
