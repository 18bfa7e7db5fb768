import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';
import { Unit } from '../units/units.schemas.ts';

export const GradeEnum = z.enum(['A', 'B', 'C', 'D']);
export const StrengthOut = z.object({
  unitId: z.number(), booths: z.number(), boothsFormed: z.number(), slots: z.number(), filled: z.number(), vacancies: z.number(),
  members: z.number(), women: z.number(), scSt: z.number(), workers: z.number(), verified: z.number(), unverified: z.number(),
  pages: z.number(), pagesCovered: z.number(), grades: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
  workersPerBooth: z.number().nullable(), verifiedShare: z.number().nullable(), completeness: z.number().nullable(), grade: GradeEnum.nullable(),
});

export const StrengthParams = z.object({ unitId: Id });
export const ChildrenQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  wing: z.string().regex(/^[a-z_]{2,30}$/).optional(),
});
export const ChildrenPage = z.object({ items: z.array(Unit.extend({ wing: z.string().nullable(), strength: StrengthOut })), nextCursor: z.string().nullable() });

const Election = z.string().regex(/^[A-Z0-9-]+$/, 'an election id such as LS-2019 or AE-GJ-2022');
const Party = z.string().trim().min(1).max(40);
export const WeakBoothsQuery = z.object({
  election: Election, party: Party,
  maxMargin: z.coerce.number().int().positive().max(10_000_000).default(5000),
  unitId: Id.optional(),
  grade: GradeEnum.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type WeakBoothsQuery = z.infer<typeof WeakBoothsQuery>;
export const WeakBooth = z.object({
  unitId: z.number(), name: z.string(), nameHi: z.string().nullable(), stateCode: z.string().nullable(), acNo: z.number().nullable(),
  acName: z.string().nullable(), partNo: z.number().nullable(), grade: GradeEnum.nullable(), formed: z.boolean(), vacancies: z.number(),
  workers: z.number(), verified: z.number(), marginVotes: z.number().nullable(),
});
export type WeakBooth = z.infer<typeof WeakBooth>;
export const WeakBooths = z.object({
  election: z.string(), party: z.string(), maxMargin: z.number(), seats: z.number(), items: z.array(WeakBooth), truncated: z.boolean(),
});
export type WeakBooths = z.infer<typeof WeakBooths>;

export const SeatStrengthQuery = z.object({ election: Election, party: Party, state: z.string().regex(/^[A-Z]\d{2}$/).optional() });
export const SeatStrength = z.object({
  items: z.array(z.object({
    stateCode: z.string(), constituencyNo: z.number(), constituency: z.string(), classes: z.array(z.string()), partyLead: z.number().nullable(),
    booths: z.number(), boothsFormed: z.number(), weakBooths: z.number(), grades: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
  })),
});
