// People (workers) at the edge: what a client may send and what it gets back (docs/organisation.md).
// Shared by the routes, the committee work (fill a seat with a new person), the web app and tests.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';

export const Gender = z.enum(['female', 'male', 'other']);
export const AgeBand = z.enum(['18-25', '26-35', '36-45', '46-60', '60+']);
export const Category = z.enum(['GEN', 'OBC', 'SC', 'ST', 'other']);
const WingCode = z.string().regex(/^[a-z_]{2,30}$/, 'a wing code such as youth');
// EPIC (voter ID) numbers are upper case; people type them in any case and with spaces.
const Epic = z.string().trim().transform((s) => s.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9/]{6,20}$/, 'an EPIC (voter ID) number such as ABC1234567'));
const Devanagari = z.string().trim().min(1).max(120).regex(/\p{Script=Devanagari}/u, 'a name in Devanagari');

/** A new person. The phone is any spelling of a mobile number; it is stored in E.164. */
export const PersonInput = z.object({
  phone: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(120),
  nameHi: Devanagari.nullish(),
  gender: Gender.nullish(),
  ageBand: AgeBand.nullish(),
  category: Category.nullish(),
  epic: Epic.nullish(),
  homeUnitId: Id,
  wings: z.array(WingCode).max(10).optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;

/** A change: any field of PersonInput; null clears an optional one. */
export const PersonPatch = PersonInput.partial().refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type PersonPatch = z.infer<typeof PersonPatch>;

export const PersonSummary = z.object({
  id: z.number(), name: z.string(), nameHi: z.string().nullable(), phoneMasked: z.string(),
  homeUnitId: z.number().nullable(), homeUnitName: z.string().nullable(),
  gender: Gender.nullable(), category: Category.nullable(), isVerified: z.boolean(), wings: z.array(z.string()),
  designations: z.array(z.object({ unitId: z.number(), unitName: z.string(), code: z.string() })),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const Person = PersonSummary.extend({
  ageBand: AgeBand.nullable(), epic: z.string().nullable(), rollPage: z.number().nullable(),
  otherPhonesMasked: z.array(z.string()),
  /** Whether the actor may call POST /api/people/:personId/unmask for this person. */
  canUnmask: z.boolean(),
  verification: z.object({
    phoneVerifiedAt: z.string().nullable(), epicMatchedAt: z.string().nullable(),
    vouchedBy: z.number().nullable(), vouchedAt: z.string().nullable(),
  }),
  mergedInto: z.number().nullable(),
  designationHistory: z.array(z.object({
    designationId: z.number(), unitId: z.number(), unitName: z.string(), code: z.string(), seat: z.number(),
    fromDate: z.string(), toDate: z.string().nullable(), endReason: z.string().nullable(),
  })),
  merges: z.array(z.object({ mergedId: z.number(), name: z.string(), phoneMasked: z.string(), at: z.string() })),
  offices: z.array(z.object({
    id: z.number(), office: z.string(), stateCode: z.string().nullable(), house: z.string().nullable(),
    constituencyNo: z.number().nullable(), body: z.string().nullable(), unitId: z.number(),
  })),
  inductee: z.object({ id: z.number(), status: z.string(), previousParty: z.string() }).nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const PersonParams = z.object({ personId: Id });

export const PeopleQuery = z.object({
  q: z.string().trim().max(120).optional(),
  unitId: Id.optional(),
  verified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;
export const PeoplePage = z.object({ items: z.array(PersonSummary), nextCursor: z.string().nullable() });

export const VerifyBody = z.object({
  phone: z.literal(true).optional(),
  epic: z.object({ rollPage: z.number().int().min(1).max(10_000) }).optional(),
  vouch: z.literal(true).optional(),
}).refine((b) => b.phone || b.epic || b.vouch, { message: 'give phone, epic or vouch' });
export type VerifyBody = z.infer<typeof VerifyBody>;

export const Unmasked = z.object({ phone: z.string(), otherPhones: z.array(z.string()) });

export const DuplicatesQuery = z.object({ unitId: Id.optional() });
export const DuplicateReason = z.enum(['epic', 'name_booth', 'other_phone']);
export const Duplicates = z.object({ items: z.array(z.object({ a: PersonSummary, b: PersonSummary, reason: DuplicateReason })) });

export const MergeBody = z.object({ keepId: Id, mergeId: Id }).refine((b) => b.keepId !== b.mergeId, { message: 'a person cannot be merged into themselves', path: ['mergeId'] });
export type MergeBody = z.infer<typeof MergeBody>;

export const Created = z.object({ id: z.number() });
