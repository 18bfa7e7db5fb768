// Numbers in Indian grouping (12,34,567) and dates in the user's language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const tag = (lng: string) => (lng === 'hi' ? 'hi-IN' : 'en-IN');

export function useFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => formatters(tag(i18n.language)), [i18n.language]);
}

function formatters(locale: string) {
  const num = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const d = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const valid = (iso: string | null | undefined) => (iso ? !Number.isNaN(Date.parse(iso)) : false);
  return {
    number: (n: number | null | undefined) => (n == null ? '—' : num.format(n)),
    percent: (n: number | null | undefined) => (n == null ? '—' : `${pct.format(n)}%`),
    dateTime: (iso: string | null | undefined) => (valid(iso) ? dt.format(new Date(iso!)) : '—'),
    date: (iso: string | null | undefined) => (valid(iso) ? d.format(new Date(iso!)) : '—'),
  };
}

/** A calendar day from an <input type="date"> as the instant it starts, in the user's time zone. */
export function dayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** The last millisecond of a calendar day: right whether the server reads "to" as < or <=. */
export function dayEnd(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString();
}
