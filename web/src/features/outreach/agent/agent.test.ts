// The agent screen's pure parts: the survey path and its answers, digit keys, call-back times in
// India's clock, the lease countdown and the shift's tally.
import { describe, expect, it } from 'vitest';
import { Script } from '../../../../../src/modules/outreach/script.ts';
import { answerForDigit, answersOnPath, scaleValues, textIn } from './survey.ts';
import { callbackChoices, countCall, leaseLeft, shiftCount, shiftKey } from './times.ts';

const script = Script.parse({
  intro: { hi: 'नमस्ते', en: 'Hello' },
  questions: [
    { id: 'scheme', kind: 'single', text: { hi: 'क्या आपको सिलेंडर मिला?', en: 'Did you get the cylinder?' },
      options: [{ value: 'yes', label: { hi: 'हाँ' } }, { value: 'no', label: { hi: 'नहीं' }, next: 'why' }] },
    { id: 'rating', kind: 'scale', text: { hi: 'कितने संतुष्ट?' }, min: 1, max: 5, next: 'end' },
    { id: 'why', kind: 'multi', text: { hi: 'क्यों नहीं?' }, options: [{ value: 'papers', label: { hi: 'कागज़' } }, { value: 'agent', label: { hi: 'एजेंट' } }] },
    { id: 'note', kind: 'text', text: { en: 'Anything else?' } },
  ],
});

describe('agent survey', () => {
  it('reads text in the contact’s language, else any', () => {
    expect(textIn(script.intro, ['en', 'hi'])).toBe('Hello');
    expect(textIn(script.questions[3].text, ['hi'])).toBe('Anything else?');
    expect(textIn(undefined, ['hi'])).toBeNull();
  });
  it('sends only the answers on the path taken', () => {
    // Went down "yes" (rating), then back and chose "no": the rating is left behind.
    expect(answersOnPath(script, { scheme: 'no', rating: 4, why: ['papers'], note: '' })).toEqual({ scheme: 'no', why: ['papers'] });
    expect(answersOnPath(script, { scheme: 'yes', rating: 4, why: ['papers'] })).toEqual({ scheme: 'yes', rating: 4 });
  });
  it('maps digit keys to options, toggles and scale values', () => {
    expect(answerForDigit(script.questions[0], 2, undefined)).toBe('no');
    expect(answerForDigit(script.questions[0], 3, undefined)).toBeUndefined();
    expect(answerForDigit(script.questions[2], 1, ['agent'])).toEqual(['agent', 'papers']);
    expect(answerForDigit(script.questions[2], 1, ['papers'])).toEqual([]);
    expect(answerForDigit(script.questions[1], 5, undefined)).toBe(5);
    expect(answerForDigit(script.questions[1], 6, undefined)).toBeUndefined();
    expect(answerForDigit(script.questions[3], 1, undefined)).toBeUndefined();
    expect(scaleValues(script.questions[1])).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('agent clock', () => {
  it('offers call-back times in India’s clock', () => {
    // 09:00 IST on 1 March: in an hour, this evening, tomorrow morning and evening.
    const morning = callbackChoices(new Date('2026-03-01T03:30:00Z'));
    expect(morning).toEqual([
      { id: 'inHour', at: '2026-03-01T04:30:00.000Z' },
      { id: 'thisEvening', at: '2026-03-01T12:30:00.000Z' },
      { id: 'tomorrowMorning', at: '2026-03-02T04:30:00.000Z' },
      { id: 'tomorrowEvening', at: '2026-03-02T12:30:00.000Z' },
    ]);
    // 23:30 IST on the 1st (18:00 UTC): too late for this evening; tomorrow is the 2nd.
    const late = callbackChoices(new Date('2026-03-01T18:00:00Z'));
    expect(late.map((c) => c.id)).toEqual(['inHour', 'tomorrowMorning', 'tomorrowEvening']);
    expect(late[1].at).toBe('2026-03-02T04:30:00.000Z');
    // 00:30 IST on the 2nd (19:00 UTC on the 1st): tomorrow is the 3rd.
    expect(callbackChoices(new Date('2026-03-01T19:00:00Z')).find((c) => c.id === 'tomorrowMorning')!.at).toBe('2026-03-03T04:30:00.000Z');
  });
  it('counts the lease down and stops at zero', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(leaseLeft('2026-03-01T10:09:05Z', now)).toBe('9:05');
    expect(leaseLeft('2026-03-01T10:00:00Z', now)).toBeNull();
  });
  it('tallies the shift per user and day in India', () => {
    const map = new Map<string, string>();
    const kv = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const day1 = new Date('2026-03-01T10:00:00Z');
    expect(countCall(kv, shiftKey('u1'), day1)).toBe(1);
    expect(countCall(kv, shiftKey('u1'), day1)).toBe(2);
    expect(shiftCount(kv, shiftKey('u2'), day1)).toBe(0);
    expect(shiftCount(kv, shiftKey('u1'), new Date('2026-03-01T19:00:00Z'))).toBe(0); // past midnight in India
  });
});
