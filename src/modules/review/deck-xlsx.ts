// The review deck as a workbook: a summary sheet for the scope, then one sheet per child unit. Figures
// are numeric cells (attainment as a percentage format), so reviewers can sort and chart them.
// Pure: takes the DeckInput, returns the bytes; no database.
import ExcelJS from 'exceljs';
import type { ChildRow, DeckInput, MetricRow, Scorecard } from './review.schemas.ts';
import { formatDate, labelsFor, metricTitle, pageTitle, unitName, type Locale } from './deck-format.ts';

/** Rows 1–3 hold the title block; the metrics header is row 4, and rows 1–4 stay frozen. */
export const HEADER_ROW = 4;
const PERCENT = '0%';
const POINTS = '+0%;-0%;0%';
// Lakh grouping (1,23,456) whatever the reader's Excel locale, matching the PDF.
const COUNT = '[>=10000000]##\\,##\\,##\\,##0;[>=100000]##\\,##\\,##0;##,##0';

export async function renderDeckXlsx(input: DeckInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Warroom';
  book.created = book.modified = new Date(input.generatedAt);
  const names = sheetNames(input);
  writeScorecard(book.addWorksheet(names[0]), input.summary, input.locale, true);
  input.pages.forEach((page, i) => writeScorecard(book.addWorksheet(names[i + 1]), page, input.locale, false));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const FORBIDDEN = /[[\]:*?/\\]/g;
const graphemes = new Intl.Segmenter('hi', { granularity: 'grapheme' });

/** Sheet names Excel accepts: ≤31 characters, none of []:*?/\, no edge apostrophe, unique ignoring case. */
export function sheetNames(input: DeckInput): string[] {
  const taken = new Set<string>(['history']); // Excel reserves "History"
  const raw = [labelsFor(input.locale).summarySheet, ...input.pages.map((p) => unitName(p.unit, input.locale))];
  return raw.map((name) => {
    const base = name.replace(FORBIDDEN, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim() || 'Sheet';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const candidate = truncate(base, 31 - suffix.length) + suffix;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  });
}

// By grapheme, so a Devanagari conjunct is never split in two.
function truncate(text: string, max: number): string {
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out.trimEnd();
}

function writeScorecard(sheet: ExcelJS.Worksheet, card: Scorecard, locale: Locale, isSummary: boolean): void {
  const t = labelsFor(locale);
  sheet.getCell('A1').value = pageTitle(card, locale, isSummary);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = t.asOf(formatDate(card.asOf, locale));
  sheet.getCell('C2').value = t.overall;
  setNumber(sheet.getCell('E2'), card.attainment, PERCENT);
  sheet.getCell('E2').font = { bold: true };
  sheet.getCell('F2').value = t.previous;
  setNumber(sheet.getCell('H2'), card.previousAttainment, PERCENT);
  sheet.columns = [{ width: 44 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 16 }, { width: 10 }, { width: 16 }, { width: 18 }];
  writeMetrics(sheet, card.metrics, locale);
  if (card.children.length > 0) writeRanking(sheet, card, locale, HEADER_ROW + card.metrics.length + 3);
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }];
}

function writeMetrics(sheet: ExcelJS.Worksheet, metrics: MetricRow[], locale: Locale): void {
  const t = labelsFor(locale);
  header(sheet.getRow(HEADER_ROW), [t.metric, t.due, t.target, t.actual, t.attainment, t.previous, t.trend, t.overdue, t.counted]);
  metrics.forEach((m, i) => {
    const row = sheet.getRow(HEADER_ROW + 1 + i);
    row.getCell(1).value = metricTitle(m, locale);
    row.getCell(2).value = new Date(`${m.dueDate.slice(0, 10)}T00:00:00Z`);
    row.getCell(2).numFmt = 'dd-mmm-yyyy';
    setNumber(row.getCell(3), m.target, COUNT);
    setNumber(row.getCell(4), m.actual, COUNT);
    setNumber(row.getCell(5), m.attainment, PERCENT);
    setNumber(row.getCell(6), m.previousAttainment, PERCENT);
    setNumber(row.getCell(7), change(m.attainment, m.previousAttainment), POINTS);
    row.getCell(8).value = m.isOverdue ? t.overdue : '';
    if (m.isOverdue) row.getCell(8).font = { bold: true, color: { argb: 'FFB42318' } };
    row.getCell(9).value = m.unitLabel ?? '';
  });
}

/** Children best first, with whether each is among the lacking or the did-well. */
function writeRanking(sheet: ExcelJS.Worksheet, card: Scorecard, locale: Locale, startRow: number): void {
  const t = labelsFor(locale);
  sheet.getCell(startRow - 1, 1).value = t.ranking;
  sheet.getCell(startRow - 1, 1).font = { bold: true, size: 12 };
  header(sheet.getRow(startRow), [t.unit, t.rank, t.attainment, t.previous, t.trend, `${t.lacking} / ${t.didWell}`]);
  const lacking = new Set(card.lacking.map((c) => c.id));
  const didWell = new Set(card.didWell.map((c) => c.id));
  card.children.forEach((c: ChildRow, i) => {
    const row = sheet.getRow(startRow + 1 + i);
    row.getCell(1).value = unitName(c, locale);
    row.getCell(2).value = c.rank;
    setNumber(row.getCell(3), c.attainment, PERCENT);
    setNumber(row.getCell(4), c.previousAttainment, PERCENT);
    setNumber(row.getCell(5), change(c.attainment, c.previousAttainment), POINTS);
    row.getCell(6).value = lacking.has(c.id) ? t.lacking : didWell.has(c.id) ? t.didWell : '';
  });
}

function header(row: ExcelJS.Row, labels: string[]): void {
  labels.forEach((label, i) => {
    const cell = row.getCell(i + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
  });
}

// An empty cell, not 0, when a figure is missing: 0% would read as "nothing done".
function setNumber(cell: ExcelJS.Cell, value: number | null, numFmt: string): void {
  cell.value = value;
  cell.numFmt = numFmt;
}

function change(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}
