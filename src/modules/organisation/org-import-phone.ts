// Phone numbers of a bulk file, normalised as phones.ts does, but fast for the common case: a
// million people rows through libphonenumber's full parser take ~40 s, while an Indian mobile
// written as 10 digits (with or without +91 / 0) only needs the metadata's own mobile pattern.
// Anything else goes through normalisePhone, which also says why a number is refused.
import metadata from 'libphonenumber-js/metadata.max.json';
import { normalisePhone, type NormalisedPhone } from '../../shared/phones.ts';

const IN_MOBILE = mobilePattern('IN');
const INDIAN = /^(?:\+?91|0091|0)?([6-9]\d{9})$/;

function mobilePattern(country: string): RegExp | null {
  // The compressed metadata: [callingCode, …, 11: types [[fixed], [mobile], …]]. Checked, not trusted:
  // a different layout simply turns the fast path off.
  const entry = (metadata as unknown as { countries: Record<string, unknown[]> }).countries[country];
  const types = entry?.[11] as unknown[] | undefined;
  const mobile = (types?.[1] as unknown[] | undefined)?.[0];
  return typeof mobile === 'string' ? new RegExp(`^(?:${mobile})$`) : null;
}

export function normaliseBulkPhone(raw: string): NormalisedPhone {
  if (IN_MOBILE) {
    const m = INDIAN.exec(raw.replace(/[\s().-]/g, ''));
    if (m && IN_MOBILE.test(m[1])) return { e164: `+91${m[1]}` };
  }
  return normalisePhone(raw);
}
