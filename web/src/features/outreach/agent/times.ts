// Clock helpers of the agent screen, in India's time (IST, UTC+5:30) whatever the phone's zone:
// call-back choices, the lease countdown, and the calls made in this shift. Pure.
import { addDays, indiaDay } from '../../../../../src/shared/time.ts';
import type { KeyValue } from './outbox.ts';

/** The instant a clock time (HH:MM) falls on a day in India. */
export const istAt = (day: string, hm: string) => new Date(`${day}T${hm}:00+05:30`).toISOString();

export type CallbackChoice = 'inHour' | 'thisEvening' | 'tomorrowMorning' | 'tomorrowEvening';
export const DEFAULT_CALLBACK: CallbackChoice = 'tomorrowMorning';

/** Call-back times to pick with one tap: in an hour, this evening at 18:00 (while that is 1 hour off), tomorrow at 10:00 and 18:00. */
export function callbackChoices(now: Date): { id: CallbackChoice; at: string }[] {
  const today = indiaDay(now);
  const tomorrow = addDays(today, 1);
  const evening = istAt(today, '18:00');
  return [
    { id: 'inHour' as const, at: new Date(now.getTime() + 3600_000).toISOString() },
    ...(Date.parse(evening) - now.getTime() >= 3600_000 ? [{ id: 'thisEvening' as const, at: evening }] : []),
    { id: 'tomorrowMorning' as const, at: istAt(tomorrow, '10:00') },
    { id: 'tomorrowEvening' as const, at: istAt(tomorrow, '18:00') },
  ];
}

/** Minutes and seconds left on a lease ("9:05"), or null once it has run out. */
export function leaseLeft(leaseUntil: string, now: number): string | null {
  const s = Math.floor((Date.parse(leaseUntil) - now) / 1000);
  if (!(s > 0)) return null;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Calls this agent made today on this phone: the shift's own tally, kept per user and per day in India. */
export const shiftKey = (userId: string) => `warroom.agent.shift.${userId}`;

export function shiftCount(kv: KeyValue, key: string, now: Date = new Date()): number {
  try {
    const v = JSON.parse(kv.getItem(key) ?? 'null') as { day?: string; count?: number } | null;
    return v && v.day === indiaDay(now) && typeof v.count === 'number' ? v.count : 0;
  } catch {
    return 0;
  }
}

export function countCall(kv: KeyValue, key: string, now: Date = new Date()): number {
  const count = shiftCount(kv, key, now) + 1;
  kv.setItem(key, JSON.stringify({ day: indiaDay(now), count }));
  return count;
}
