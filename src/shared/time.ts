// Days in India. Due dates, tour days and visit days are calendar days in IST (UTC+5:30, no daylight
// saving) whatever the clock zone of the server or the browser: between 18:30 and 24:00 UTC India is
// already on the next day. Pure, no imports: the web uses it too.
const IST_OFFSET_MS = 5.5 * 3600_000;
const DAY_MS = 86_400_000;

/** The date in India (YYYY-MM-DD) at an instant, by default now. */
export function indiaDay(at: Date | number = Date.now()): string {
  return new Date(Number(at) + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus n days: calendar arithmetic on the date alone, so no clock zone enters. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
