// Mobile numbers are a person's identity (one person per number per tenant), so every number is
// normalised to E.164 before it is stored or looked up. Pure: no database import.
// The 'max' metadata knows which number ranges are mobile; the default metadata cannot tell a
// landline from a mobile, and a landline cannot take an OTP or a WhatsApp message.
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

export type PhoneProblem = 'empty' | 'not_a_number' | 'too_short' | 'too_long' | 'invalid' | 'not_mobile';

export type NormalisedPhone = { e164: string } | { reason: PhoneProblem; message: string };

const MESSAGES: Record<PhoneProblem, string> = {
  empty: 'no phone number given',
  not_a_number: 'not a phone number',
  too_short: 'too short for a phone number',
  too_long: 'too long for a phone number',
  invalid: 'not a valid phone number',
  not_mobile: 'not a mobile number (a landline or a service number)',
};

// US and Canadian numbers cannot be told apart from landlines by their range: accept them.
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

function problem(reason: PhoneProblem): NormalisedPhone {
  return { reason, message: MESSAGES[reason] };
}

/** '+91 98123 45210', '098123 45210', '9812345210', '0091…' → { e164: '+919812345210' }, or why not. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'IN'): NormalisedPhone {
  // "00" is the international prefix in India and most of the world; libphonenumber wants "+".
  const text = raw.trim().replace(/^00(?=[1-9])/, '+');
  if (!text) return problem('empty');
  if (/[a-z]/i.test(text.replace(/\s*(ext|x)\.?\s*\d+$/i, ''))) return problem('not_a_number');
  const length = validatePhoneNumberLength(text, defaultCountry);
  if (length === 'NOT_A_NUMBER' || length === 'INVALID_COUNTRY') return problem('not_a_number');
  if (length === 'TOO_SHORT') return problem('too_short');
  if (length === 'TOO_LONG') return problem('too_long');
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed) return problem('not_a_number');
  if (!parsed.isValid()) return problem('invalid');
  if (!MOBILE_TYPES.has(parsed.getType() ?? '')) return problem('not_mobile');
  return { e164: parsed.number };
}

/** True when raw reads like a phone number rather than a name (a search box takes both). */
export function looksLikePhone(raw: string): boolean {
  return /^[\s+()\-.\d]+$/.test(raw.trim()) && raw.replace(/\D/g, '').length >= 4;
}

/** '+919812345210' → '+91 98•••••210': enough to recognise a number, not to dial it. */
export function maskPhone(e164: string): string {
  // Indian mobiles (+91 and ten digits) are nearly every number and every list masks dozens of them:
  // sliced directly, without a parse (it showed in the booth page's profile under load).
  if (/^\+91\d{10}$/.test(e164)) return `+91 ${e164.slice(3, 5)}•••••${e164.slice(-3)}`;
  const parsed = parsePhoneNumberFromString(e164);
  const code = parsed?.countryCallingCode ?? '';
  const national = parsed ? String(parsed.nationalNumber) : e164.replace(/^\+/, '');
  if (national.length <= 5) return `+${code} ${'•'.repeat(national.length)}`;
  return `+${code} ${national.slice(0, 2)}${'•'.repeat(national.length - 5)}${national.slice(-3)}`;
}
