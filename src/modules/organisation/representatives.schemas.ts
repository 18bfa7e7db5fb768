// Elected representatives at the edge (docs/organisation.md): an MP or MLA names their seat (state,
// house, constituency number); a mayor, municipal head, district panchayat chair or councillor names
// their body. Placed at a unit, which decides who may see and change the record.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';
import { PersonInput } from './people.schemas.ts';

export const Office = z.enum(['mp', 'mla', 'mayor', 'municipal_head', 'district_panchayat_chair', 'councillor']);
export type Office = z.infer<typeof Office>;
const IsoDate = z.iso.date();

const Fields = z.object({
  personId: Id,
  office: Office,
  stateCode: z.string().trim().regex(/^[A-Z0-9]{2,5}$/, 'a state code such as S24').nullish(),
  house: z.enum(['LS', 'AE']).nullish(),
  constituencyNo: z.number().int().min(1).max(999).nullish(),
  body: z.string().trim().min(1).max(200).nullish(),
  unitId: Id,
  fromDate: IsoDate.nullish(),
  toDate: IsoDate.nullish(),
});

type FieldsT = z.infer<typeof Fields>;

/** The shape rules of an office, shared by create and the merged result of a change. */
export function officeProblems(r: Partial<FieldsT>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (r.office === 'mp' || r.office === 'mla') {
    const house = r.office === 'mp' ? 'LS' : 'AE';
    if (!r.stateCode) out.push({ field: 'stateCode', message: `an ${r.office.toUpperCase()} needs the state of the seat` });
    if (r.house !== house) out.push({ field: 'house', message: `an ${r.office.toUpperCase()} sits in house ${house}` });
    if (!r.constituencyNo) out.push({ field: 'constituencyNo', message: `an ${r.office.toUpperCase()} needs the constituency number` });
    if (r.body) out.push({ field: 'body', message: 'an MP or MLA has a seat, not a body' });
  } else if (r.office) {
    if (!r.body) out.push({ field: 'body', message: 'name the corporation, council or panchayat' });
    for (const f of ['stateCode', 'house', 'constituencyNo'] as const) if (r[f] != null) out.push({ field: f, message: 'only an MP or MLA has a seat' });
  }
  if (r.fromDate && r.toDate && r.toDate < r.fromDate) out.push({ field: 'toDate', message: 'ends before it starts' });
  return out;
}

function check(r: Partial<FieldsT>, ctx: z.RefinementCtx) {
  for (const p of officeProblems(r)) ctx.addIssue({ code: 'custom', message: p.message, path: [p.field] });
}

/** A new office: held by an existing person (personId) or a new one (person, created by phone in the same transaction). */
export const RepresentativeInput = Fields.extend({ personId: Id.optional(), person: PersonInput.optional() }).superRefine((r, ctx) => {
  check(r, ctx);
  if (Boolean(r.personId) === Boolean(r.person)) ctx.addIssue({ code: 'custom', message: 'give personId or person, not both', path: ['personId'] });
});
export type RepresentativeInput = z.infer<typeof RepresentativeInput>;
/** A change: any field; the record as changed must still satisfy the office's rules (checked in the service). */
export const RepresentativePatch = Fields.partial().refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type RepresentativePatch = z.infer<typeof RepresentativePatch>;

export const Representative = z.object({
  id: z.number(), personId: z.number(), name: z.string(), nameHi: z.string().nullable(), office: Office,
  stateCode: z.string().nullable(), house: z.enum(['LS', 'AE']).nullable(), constituencyNo: z.number().nullable(),
  constituencyName: z.string().nullable(), body: z.string().nullable(), unitId: z.number(), unitName: z.string(),
  fromDate: z.string().nullable(), toDate: z.string().nullable(),
});
export type Representative = z.infer<typeof Representative>;
export const Representatives = z.object({ items: z.array(Representative) });
export const RepresentativesQuery = z.object({ office: Office.optional(), unitId: Id.optional() });
export const RepresentativeParams = z.object({ representativeId: Id });
