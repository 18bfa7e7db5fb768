import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';
import { Category, Gender, PersonInput, PersonSummary } from './people.schemas.ts';
import { StrengthOut } from './strength.schemas.ts';

export const UnitParams = z.object({ unitId: Id });
export const DesignationParams = z.object({ designationId: Id });

export const Holder = z.object({
  designationId: z.number(), personId: z.number(), name: z.string(), nameHi: z.string().nullable(), phoneMasked: z.string(),
  gender: Gender.nullable(), category: Category.nullable(), isVerified: z.boolean(), fromDate: z.string().nullable(),
});
export const Slot = z.object({
  code: z.string(), name: z.string(), nameHi: z.string().nullable(), seat: z.number(), isRequired: z.boolean(), isHead: z.boolean(),
  perPage: z.boolean(), holder: Holder.nullable(),
});
export const CommitteeUnit = z.object({
  id: z.number(), name: z.string(), nameHi: z.string().nullable(), level: z.string(), levelName: z.string(), levelNameHi: z.string().nullable(),
  stateCode: z.string().nullable(), acNo: z.number().nullable(), partNo: z.number().nullable(), wing: z.string().nullable(),
});
export const Committee = z.object({
  unit: CommitteeUnit,
  slots: z.array(Slot),
  vacancies: z.number(),
  norm: z.object({ minFormed: z.number(), minWomen: z.number(), minScSt: z.number(), women: z.number(), scSt: z.number(), formed: z.boolean() }),
  pages: z.number(),
  history: z.array(z.object({
    designationId: z.number(), code: z.string(), seat: z.number(), personId: z.number(), name: z.string(), nameHi: z.string().nullable(),
    fromDate: z.string().nullable(), toDate: z.string().nullable(), endReason: z.string().nullable(),
  })),
});
export type Committee = z.infer<typeof Committee>;

export const BoothPage = z.object({
  unit: CommitteeUnit,
  strength: StrengthOut,
  committee: Committee,
  workers: z.object({ count: z.number(), verified: z.number(), items: z.array(PersonSummary) }),
});
export type BoothPage = z.infer<typeof BoothPage>;

const Seat = z.coerce.number().int().min(1).max(5000);
const Code = z.string().regex(/^[a-z_]{2,40}$/, 'a designation code such as booth_president');
export const AssignBody = z.union([
  z.object({ code: Code, seat: Seat.default(1), personId: Id, replace: z.boolean().optional() }).strict(),
  z.object({ code: Code, seat: Seat.default(1), person: PersonInput, replace: z.boolean().optional() }).strict(),
]);
export type AssignBody = z.infer<typeof AssignBody>;
export const Assigned = z.object({
  id: z.number(), unitId: z.number(), personId: z.number(), code: z.string(), seat: z.number(), fromDate: z.string(),
  replacedId: z.number().nullable(),
});
export const EndBody = z.object({ reason: z.string().trim().min(1).max(200).optional() }).default({});
export const Ended = z.object({ id: z.number(), toDate: z.string(), endReason: z.string() });
