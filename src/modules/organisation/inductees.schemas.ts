// Inductees from other parties at the edge (docs/organisation.md): proposed → vetted → approved →
// designated, or rejected at any step before designation; steps and follow-up notes in order.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';
import { PersonInput } from './people.schemas.ts';

export const InducteeStatus = z.enum(['proposed', 'vetted', 'approved', 'designated', 'rejected']);
export type InducteeStatus = z.infer<typeof InducteeStatus>;

/** The inductee is an existing person (personId) or a new one (person, created by phone). */
export const InducteeInput = z.object({
  personId: Id.optional(),
  person: PersonInput.optional(),
  previousParty: z.string().trim().min(1).max(120),
  previousPosts: z.string().trim().max(1000).nullish(),
  proposerId: Id.nullish(),
  unitId: Id,
  note: z.string().trim().min(1).max(2000).optional(),
}).refine((b) => Boolean(b.personId) !== Boolean(b.person), { message: 'give personId or person, not both', path: ['personId'] });
export type InducteeInput = z.infer<typeof InducteeInput>;

export const StepBody = z.object({
  status: InducteeStatus.exclude(['proposed']),
  note: z.string().trim().min(1).max(2000).optional(),
  assignedRole: z.string().trim().min(1).max(200).optional(),
});
export type StepBody = z.infer<typeof StepBody>;
export const NoteBody = z.object({ note: z.string().trim().min(1).max(2000) });

export const InducteesQuery = z.object({
  status: InducteeStatus.optional(),
  unitId: Id.optional(),
  cursor: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InducteesQuery = z.infer<typeof InducteesQuery>;
export const SummaryQuery = z.object({ unitId: Id.optional() });
export const InducteeParams = z.object({ inducteeId: Id });

const Counts = z.object({ proposed: z.number(), vetted: z.number(), approved: z.number(), designated: z.number(), rejected: z.number(), total: z.number() });
export type Counts = z.infer<typeof Counts>;

export const Inductee = z.object({
  id: z.number(), personId: z.number(), name: z.string(), nameHi: z.string().nullable(), phoneMasked: z.string(),
  previousParty: z.string(), previousPosts: z.string().nullable(), proposerId: z.number().nullable(), proposerName: z.string().nullable(),
  status: InducteeStatus, unitId: z.number(), unitName: z.string(), assignedRole: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const InducteeDetail = Inductee.extend({
  events: z.array(z.object({ id: z.number(), kind: z.enum(['step', 'note']), status: z.string().nullable(), note: z.string().nullable(), at: z.string(), by: z.string().nullable() })),
});
export type InducteeDetail = z.infer<typeof InducteeDetail>;
export const InducteePage = z.object({ items: z.array(Inductee), nextCursor: z.number().nullable() });
export const InducteeSummary = z.object({
  total: Counts,
  byState: z.array(z.object({ unitId: z.number().nullable(), name: z.string().nullable(), counts: Counts })),
  byLevel: z.array(z.object({ level: z.string(), counts: Counts })),
});
