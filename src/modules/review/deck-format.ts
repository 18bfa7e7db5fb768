// Words and number formats shared by the PDF and XLSX decks, so both say the same thing in the same
// language. Pure: no database, no fonts.
import type { ChildRow, DeckInput, MetricRow, UnitRef } from './review.schemas.ts';

export type Locale = DeckInput['locale'];

const en = {
  nationalSummary: 'National summary',
  summarySheet: 'Summary',
  overall: 'Overall attainment',
  metric: 'Metric',
  due: 'Due',
  target: 'Target',
  actual: 'Actual',
  attainment: 'Attainment',
  trend: 'Trend',
  overdue: 'Overdue',
  lacking: 'Lacking',
  didWell: 'Did well',
  rank: 'Rank',
  unit: 'Unit',
  previous: 'Previous attainment',
  ranking: 'Ranking by attainment',
  metricChart: 'Attainment per metric (actual against target)',
  noTarget: 'no target',
  noPrevious: 'no earlier review',
  sinceLast: 'since last review',
  none: 'None',
  generated: 'Generated',
  counted: 'Counted',
  asOf: (date: string) => `As of ${date}`,
  points: (signed: string) => `${signed} pts`,
  more: (n: number) => `+${n} more`,
  page: (n: number, total: number) => `Page ${n} of ${total}`,
};

type Labels = typeof en;

const hi: Labels = {
  nationalSummary: 'राष्ट्रीय सारांश',
  summarySheet: 'सारांश',
  overall: 'कुल उपलब्धि',
  metric: 'मापदंड',
  due: 'नियत तिथि',
  target: 'लक्ष्य',
  actual: 'वास्तविक',
  attainment: 'उपलब्धि',
  trend: 'रुझान',
  overdue: 'समय सीमा पार',
  lacking: 'पिछड़े',
  didWell: 'अच्छा प्रदर्शन',
  rank: 'क्रम',
  unit: 'इकाई',
  previous: 'पिछली उपलब्धि',
  ranking: 'उपलब्धि के अनुसार क्रम',
  metricChart: 'प्रत्येक मापदंड पर उपलब्धि (लक्ष्य के सापेक्ष वास्तविक)',
  noTarget: 'कोई लक्ष्य नहीं',
  noPrevious: 'पिछली समीक्षा नहीं',
  sinceLast: 'पिछली समीक्षा से',
  none: 'कोई नहीं',
  generated: 'निर्मित',
  counted: 'गणना',
  asOf: (date: string) => `${date} की स्थिति`,
  points: (signed: string) => `${signed} अंक`,
  more: (n: number) => `+${n} और`,
  page: (n: number, total: number) => `पृष्ठ ${n} / ${total}`,
};

export function labelsFor(locale: Locale): Labels {
  return locale === 'hi' ? hi : en;
}

export function unitName(unit: Pick<UnitRef, 'name' | 'nameHi'>, locale: Locale): string {
  return locale === 'hi' && unit.nameHi ? unit.nameHi : unit.name;
}

export function metricTitle(metric: Pick<MetricRow, 'title' | 'titleHi'>, locale: Locale): string {
  return locale === 'hi' && metric.titleHi ? metric.titleHi : metric.title;
}

// en-IN everywhere (lakh grouping: 1,23,456) — reviewers read Latin digits in both languages.
const integer = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

export function formatCount(value: number | null): string {
  return value === null ? '—' : integer.format(value);
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${integer.format(Math.round(ratio * 100))}%`;
}

/** Change in percentage points; below half a point reads as no change, so rounding never shows "+0". */
export function trendOf(current: number | null, previous: number | null): { direction: 'up' | 'down' | 'flat' | 'none'; points: number } {
  if (current === null || previous === null) return { direction: 'none', points: 0 };
  const points = Math.round((current - previous) * 100);
  return { direction: points > 0 ? 'up' : points < 0 ? 'down' : 'flat', points };
}

export function formatTrend(current: number | null, previous: number | null, locale: Locale): string {
  const t = trendOf(current, previous);
  if (t.direction === 'none') return '—';
  // En dash for minus: NotoSans has no U+2212 glyph, and both fonts have the dash.
  const sign = t.points > 0 ? '+' : t.points < 0 ? '–' : '';
  return labelsFor(locale).points(`${sign}${Math.abs(t.points)}`);
}

// Dates are shown in India time whatever the server's zone, so the same deck reads the same everywhere.
export function formatDate(iso: string, locale: Locale): string {
  const tag = locale === 'hi' ? 'hi-IN' : 'en-IN';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'Asia/Kolkata' }).format(new Date(iso));
}

export function pageTitle(page: DeckInput['summary'], locale: Locale, isSummary: boolean): string {
  const name = unitName(page.unit, locale);
  return isSummary ? `${labelsFor(locale).nationalSummary} — ${name}` : name;
}

export function childLine(child: ChildRow, locale: Locale): string {
  return `${unitName(child, locale)}  ${formatPercent(child.attainment)}`;
}
