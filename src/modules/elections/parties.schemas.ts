// Party aliases (a source's code or name → ours) and successions (a party's votes passing to its
// successors, with weights) as editable data: one set of rules for the API and the CLI.
import { z } from 'zod';

/** Our party codes: BJP, JD(U), SHS(UBT), J&KNC. Stored upper-case, as the importers write them. */
export const PartyCode = z.string().trim().min(1).max(24).transform((s) => s.toUpperCase())
  .refine((s) => /^[\p{Lu}\p{N}()&.+/_-]+$/u.test(s), 'a party code: letters, digits and ( ) & . + / _ - only, no spaces');

export const AliasText = z.string().trim().min(1).max(120).transform((s) => s.replace(/\s+/g, ' '));

export const Alias = z.object({ alias: z.string(), party: z.string(), note: z.string().nullable() });
export const AliasesOut = z.object({ items: z.array(Alias) });
export const AliasParams = z.object({ alias: AliasText });
export const AliasIn = z.object({ party: PartyCode, note: z.string().trim().max(200).optional() });
export type AliasIn = z.infer<typeof AliasIn>;

export const Succession = z.object({
  from: z.string(), to: z.string(), weight: z.number(), year: z.number(), state: z.string().nullable(), note: z.string().nullable(),
});
export const SuccessionsOut = z.object({ items: z.array(Succession) });

const Year = z.coerce.number().int().min(1950).max(2100);
/** A state: an ECI code (S13), a name or an abbreviation; blank or absent is every state. */
const StateText = z.string().trim().max(60).optional().transform((s) => s || undefined);

export const SuccessionKey = z.object({ from: PartyCode, to: PartyCode, year: Year, state: StateText });
export const SuccessionIn = SuccessionKey.extend({
  weight: z.coerce.number().gt(0, 'more than 0').max(1, 'at most 1: the share of the party\'s votes that goes to this successor'),
  note: z.string().trim().max(200).optional(),
});
export type SuccessionKey = z.infer<typeof SuccessionKey>;
export type SuccessionIn = z.infer<typeof SuccessionIn>;

export const Removed = z.object({ removed: z.boolean() });
