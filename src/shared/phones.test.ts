// Phone normalisation is the identity rule of people (one per mobile number per tenant): every
// spelling of one number must come out the same, and landlines and junk must be refused with a reason.
import { describe, expect, it } from 'vitest';
import { looksLikePhone, maskPhone, normalisePhone } from './phones.ts';

describe('normalisePhone', () => {
  const same: [string, string][] = [
    ['+91 98123 45210', '+919812345210'],
    ['+91-98123-45210', '+919812345210'],
    ['098123 45210', '+919812345210'],
    ['09812345210', '+919812345210'],
    ['9812345210', '+919812345210'],
    ['98123 45210', '+919812345210'],
    ['(981) 234-5210', '+919812345210'],
    ['919812345210', '+919812345210'],
    ['0091 98123 45210', '+919812345210'],
    ['  +919812345210  ', '+919812345210'],
    ['+44 7911 123456', '+447911123456'],
    ['+1 415 555 2671', '+14155552671'],
    ['+971 50 123 4567', '+971501234567'],
  ];
  for (const [raw, e164] of same) it(`${raw} → ${e164}`, () => expect(normalisePhone(raw)).toEqual({ e164 }));

  it('reads a national number in the country given', () => {
    expect(normalisePhone('07911 123456', 'GB')).toEqual({ e164: '+447911123456' });
  });

  const refused: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_a_number'],
    ['98123abc', 'not_a_number'],
    ['12345', 'too_short'],
    ['+91 98123', 'too_short'],
    ['011 2345 6789', 'not_mobile'],       // a Delhi landline
    ['+91 80 2222 3333', 'not_mobile'],    // a Bengaluru landline
    ['+44 20 7946 0958', 'not_mobile'],    // a London landline
    ['1800 180 1551', 'not_mobile'],       // toll-free
    ['+1 123 456 7890', 'invalid'],      // no US area code starts with 1
    ['+919812345210123', 'invalid'],
  ];
  for (const [raw, reason] of refused) {
    it(`refuses ${JSON.stringify(raw)} as ${reason}`, () => {
      const r = normalisePhone(raw);
      expect(r).toMatchObject({ reason });
      expect('message' in r && r.message.length > 5).toBe(true);
    });
  }
});

describe('maskPhone', () => {
  it('shows the country code, the first two and the last three digits', () => {
    expect(maskPhone('+919812345210')).toBe('+91 98•••••210');
    expect(maskPhone('+447911123456')).toBe('+44 79•••••456');
    expect(maskPhone('+14155552671')).toBe('+1 41•••••671');
  });
  it('never shows the middle digits', () => {
    expect(maskPhone('+919812345210')).not.toContain('12345');
  });
});

describe('looksLikePhone', () => {
  it('tells a number from a name', () => {
    expect(looksLikePhone('98123 45210')).toBe(true);
    expect(looksLikePhone('+91-98123-45210')).toBe(true);
    expect(looksLikePhone('Ramesh')).toBe(false);
    expect(looksLikePhone('रमेश')).toBe(false);
    expect(looksLikePhone('123')).toBe(false);
  });
});
