// Building blocks of a deck page: header, trend arrow, metrics table, metric bar chart. All drawn
// with pdfkit vector primitives so the output is crisp at any zoom and identical run to run.
import type { MetricRow, Scorecard } from './review.schemas.ts';
import {
  formatCount, formatDate, formatPercent, formatTrend, labelsFor, metricTitle, trendOf, type Locale,
} from './deck-format.ts';
import { drawText, wrapLines, type TextStyle } from '../../shared/pdf-text.ts';

export type Box = { x: number; y: number; width: number; height: number };

export const INK = '#1f2933';
export const MUTED = '#6b7785';
export const RULE = '#d5dae0';
const TRACK = '#e8ebef';

// Bands for colouring attainment: under half is red, under 80% amber, the rest green.
export function bandColor(attainment: number | null): string {
  if (attainment === null) return '#9aa5b1';
  if (attainment < 0.5) return '#d64545';
  if (attainment < 0.8) return '#e0a100';
  return '#2e9e5b';
}

/** A filled triangle (up or down), a short bar for no change, nothing when there is no earlier review. */
export function drawTrendArrow(doc: PDFKit.PDFDocument, current: number | null, previous: number | null, x: number, midY: number, size: number): void {
  const { direction } = trendOf(current, previous);
  const h = size / 2;
  if (direction === 'up') doc.polygon([x, midY + h], [x + size, midY + h], [x + h, midY - h]).fill('#2e9e5b');
  if (direction === 'down') doc.polygon([x, midY - h], [x + size, midY - h], [x + h, midY + h]).fill('#d64545');
  if (direction === 'flat') doc.rect(x, midY - 1, size, 2).fill(MUTED);
}

export function drawHeader(doc: PDFKit.PDFDocument, card: Scorecard, title: string, kicker: string, locale: Locale, box: Box): void {
  const t = labelsFor(locale);
  const right = box.x + box.width;
  const scoreWidth = 200;
  drawText(doc, kicker, { size: 9, color: MUTED }, { x: box.x, baseline: box.y + 10, width: box.width - scoreWidth });
  drawText(doc, title, { size: 20, bold: true }, { x: box.x, baseline: box.y + 38, width: box.width - scoreWidth });
  drawText(doc, t.asOf(formatDate(card.asOf, locale)), { size: 9, color: MUTED }, { x: box.x, baseline: box.y + 56 });

  drawText(doc, t.overall, { size: 9, color: MUTED }, { x: right - scoreWidth, baseline: box.y + 10, width: scoreWidth, align: 'right' });
  const scoreW = drawText(doc, formatPercent(card.attainment), { size: 26, bold: true, color: bandColor(card.attainment) },
    { x: right - scoreWidth, baseline: box.y + 38, width: scoreWidth, align: 'right' });
  drawTrendArrow(doc, card.attainment, card.previousAttainment, right - scoreW - 20, box.y + 29, 12);
  const hasPrevious = trendOf(card.attainment, card.previousAttainment).direction !== 'none';
  const since = hasPrevious ? `${formatTrend(card.attainment, card.previousAttainment, locale)} ${t.sinceLast}` : t.noPrevious;
  drawText(doc, since, { size: 9, color: MUTED }, { x: right - scoreWidth, baseline: box.y + 56, width: scoreWidth, align: 'right' });
  doc.moveTo(box.x, box.y + box.height).lineTo(right, box.y + box.height).lineWidth(0.75).stroke(RULE);
}

type Column = { key: string; label: string; width: number; align: 'left' | 'right' | 'center' };

// Figures get fixed widths that hold "24,00,000" and "30 अप्रैल 2026"; the metric title takes the rest.
function tableColumns(locale: Locale, width: number): Column[] {
  const t = labelsFor(locale);
  const fixed: Column[] = [
    { key: 'due', label: t.due, width: 60, align: 'right' },
    { key: 'target', label: t.target, width: 54, align: 'right' },
    { key: 'actual', label: t.actual, width: 54, align: 'right' },
    { key: 'attainment', label: t.attainment, width: 56, align: 'right' },
    { key: 'trend', label: t.trend, width: 62, align: 'right' },
    { key: 'overdue', label: t.overdue, width: 62, align: 'center' },
  ];
  const rest = width - fixed.reduce((sum, c) => sum + c.width, 0);
  return [{ key: 'title', label: t.metric, width: rest, align: 'left' }, ...fixed];
}

function cellText(m: MetricRow, key: string, locale: Locale): string {
  switch (key) {
    case 'due': return formatDate(m.dueDate, locale);
    case 'target': return formatCount(m.target);
    case 'actual': return formatCount(m.actual);
    case 'attainment': return formatPercent(m.attainment);
    case 'trend': return formatTrend(m.attainment, m.previousAttainment, locale);
    default: return '';
  }
}

export const TABLE_HEADER = 24;
export const TABLE_ROW = 24;
const PAD = 4;
const LINE = 9.5; // between the two lines of a wrapped title or header

/** The metrics table; returns the height used. Rows that do not fit the box are counted in a last line. */
export function drawMetricsTable(doc: PDFKit.PDFDocument, metrics: MetricRow[], locale: Locale, box: Box): number {
  const cols = tableColumns(locale, box.width);
  const fit = Math.max(0, Math.floor((box.height - TABLE_HEADER) / TABLE_ROW));
  const shown = metrics.length > fit ? metrics.slice(0, Math.max(0, fit - 1)) : metrics;
  doc.rect(box.x, box.y, box.width, TABLE_HEADER).fill('#eef1f4');
  let x = box.x;
  for (const c of cols) {
    drawCentredLines(doc, c.label, { size: 8, bold: true, color: MUTED }, { x: x + PAD, y: box.y, width: c.width - 2 * PAD, height: TABLE_HEADER }, c.align);
    x += c.width;
  }
  shown.forEach((m, i) => drawMetricRow(doc, m, cols, locale, { x: box.x, y: box.y + TABLE_HEADER + i * TABLE_ROW, width: box.width, height: TABLE_ROW }));
  let height = TABLE_HEADER + shown.length * TABLE_ROW;
  if (shown.length < metrics.length) {
    drawText(doc, labelsFor(locale).more(metrics.length - shown.length), { size: 8, color: MUTED }, { x: box.x + PAD, baseline: box.y + height + 12 });
    height += TABLE_ROW;
  }
  return height;
}

/** Up to two lines, centred on the box's middle whatever the count, so one- and two-line cells line up. */
function drawCentredLines(doc: PDFKit.PDFDocument, text: string, style: TextStyle, box: Box, align: 'left' | 'right' | 'center'): void {
  const lines = wrapLines(doc, text, style, box.width, 2);
  const first = box.y + box.height / 2 + style.size * 0.35 - ((lines.length - 1) * LINE) / 2;
  lines.forEach((line, i) => drawText(doc, line, style, { x: box.x, baseline: first + i * LINE, width: box.width, align }));
}

function drawMetricRow(doc: PDFKit.PDFDocument, m: MetricRow, cols: Column[], locale: Locale, row: Box): void {
  const mid = row.y + row.height / 2;
  let x = row.x;
  for (const c of cols) {
    const cell = { x: x + PAD, y: row.y, width: c.width - 2 * PAD, height: row.height };
    if (c.key === 'title') drawCentredLines(doc, metricTitle(m, locale), { size: 8.5 }, cell, 'left');
    else if (c.key === 'overdue') drawOverdue(doc, m.isOverdue, locale, cell);
    else {
      const style = c.key === 'attainment' ? { size: 8.5, bold: true, color: bandColor(m.attainment) } : { size: 8.5 };
      const used = drawText(doc, cellText(m, c.key, locale), style, { x: cell.x, baseline: mid + 3, width: cell.width, align: c.align });
      // The arrow sits just left of the figure it qualifies, not at the far edge of the column.
      if (c.key === 'trend') drawTrendArrow(doc, m.attainment, m.previousAttainment, cell.x + cell.width - used - 10, mid, 7);
    }
    x += c.width;
  }
  doc.moveTo(row.x, row.y + row.height).lineTo(row.x + row.width, row.y + row.height).lineWidth(0.5).stroke(RULE);
}

function drawOverdue(doc: PDFKit.PDFDocument, isOverdue: boolean, locale: Locale, cell: Box): void {
  if (!isOverdue) return;
  doc.roundedRect(cell.x, cell.y + 5, cell.width, cell.height - 10, 3).fill('#fbe3e3');
  drawText(doc, labelsFor(locale).overdue, { size: 7, bold: true, color: '#b42318' }, { x: cell.x, baseline: cell.y + cell.height / 2 + 2.5, width: cell.width, align: 'center' });
}

/** Axis end for attainment bars: at least 100%, stretched to the best metric but never past 200%, in 25% steps. */
export function axisMax(values: (number | null)[]): number {
  const best = Math.max(1, ...values.map((v) => v ?? 0));
  return Math.min(2, Math.ceil(best * 4) / 4);
}

/** Gridlines and their labels under the bars; call drawTargetLine after the bars so 100% stays visible. */
export function drawAxis(doc: PDFKit.PDFDocument, x: number, width: number, top: number, bottom: number, max: number): void {
  const steps = Math.round(max / 0.25);
  const every = width / steps < 36 ? 2 : 1; // every other label when they would crowd
  for (let i = 0; i <= steps; i += every) {
    const gx = x + (i / steps) * width;
    doc.moveTo(gx, top).lineTo(gx, bottom).lineWidth(0.4).dash(1.5, { space: 2 }).stroke(RULE);
    doc.undash();
    drawText(doc, formatPercent(i * 0.25), { size: 7, color: MUTED }, { x: gx - 20, baseline: bottom + 9, width: 40, align: 'center' });
  }
}

export function drawTargetLine(doc: PDFKit.PDFDocument, x: number, top: number, bottom: number): void {
  doc.moveTo(x, top - 2).lineTo(x, bottom).lineWidth(1).dash(3, { space: 2 }).stroke(INK);
  doc.undash();
}

/**
 * Attainment per metric as horizontal bars: the grey track to the dashed 100% line is the target, the
 * coloured bar is the actual against it. Figures differ by orders of magnitude between metrics, so a
 * shared count axis would hide the small ones; the label keeps the raw "actual / target".
 */
export function drawMetricChart(doc: PDFKit.PDFDocument, metrics: MetricRow[], locale: Locale, box: Box): void {
  drawText(doc, labelsFor(locale).metricChart, { size: 10, bold: true }, { x: box.x, baseline: box.y + 10, width: box.width });
  const labelW = Math.min(170, box.width * 0.3);
  const valueW = 110;
  const barX = box.x + labelW + 8;
  const barW = box.width - labelW - valueW - 16;
  const top = box.y + 22;
  const usable = box.height - 36;
  const rowH = Math.min(44, usable / Math.max(1, metrics.length));
  const shown = metrics.slice(0, Math.max(1, Math.floor(usable / Math.max(rowH, 12))));
  const max = axisMax(shown.map((m) => m.attainment));
  const bottom = top + shown.length * rowH;
  drawAxis(doc, barX, barW, top, bottom, max);
  shown.forEach((m, i) => drawMetricBar(doc, m, locale, { x: box.x, y: top + i * rowH, width: box.width, height: rowH }, { labelW, barX, barW, max }));
  drawTargetLine(doc, barX + barW / max, top, bottom);
}

type BarGeometry = { labelW: number; barX: number; barW: number; max: number };

function drawMetricBar(doc: PDFKit.PDFDocument, m: MetricRow, locale: Locale, row: Box, g: BarGeometry): void {
  const t = labelsFor(locale);
  const mid = row.y + row.height / 2;
  const barH = Math.max(6, Math.min(16, row.height * 0.45));
  const label = { x: row.x, y: row.y, width: g.labelW, height: row.height };
  if (row.height >= 20) drawCentredLines(doc, metricTitle(m, locale), { size: 8 }, label, 'right');
  else drawText(doc, metricTitle(m, locale), { size: 8 }, { x: row.x, baseline: mid + 3, width: g.labelW, align: 'right' });
  doc.rect(g.barX, mid - barH / 2, g.barW / g.max, barH).fill(TRACK);
  if (m.attainment !== null) doc.rect(g.barX, mid - barH / 2, (g.barW * Math.min(m.attainment, g.max)) / g.max, barH).fill(bandColor(m.attainment));
  const valueX = g.barX + g.barW + 8;
  if (m.target === null) {
    drawText(doc, `${formatCount(m.actual)} · ${t.noTarget}`, { size: 7.5, color: MUTED }, { x: valueX, baseline: mid + 3, width: row.x + row.width - valueX });
    return;
  }
  const pct = drawText(doc, formatPercent(m.attainment), { size: 8, bold: true, color: bandColor(m.attainment) }, { x: valueX, baseline: mid + 3 });
  drawText(doc, `${formatCount(m.actual)} / ${formatCount(m.target)}`, { size: 7.5, color: MUTED }, { x: valueX + pct + 5, baseline: mid + 3, width: row.x + row.width - valueX - pct - 5 });
}
