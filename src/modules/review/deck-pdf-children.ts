// The scope's children on a deck page: a ranked attainment bar chart and the "Lacking" / "Did well"
// lists. A nation has 36 states; a large state has 75 districts, so both must cope with long lists.
import type { ChildRow } from './review.schemas.ts';
import { formatPercent, labelsFor, unitName, type Locale } from './deck-format.ts';
import { bandColor, drawAxis, drawTargetLine, drawTrendArrow, MUTED, type Box } from './deck-pdf-parts.ts';
import { drawText } from '../../shared/pdf-text.ts';

const MIN_ROW = 10.5; // below this the 7pt names start to touch

type Slot = ChildRow | { gap: number };

/** Every child when they fit; otherwise the best and the worst, with the count left out between them. */
export function rankingSlots(children: ChildRow[], capacity: number): Slot[] {
  if (children.length <= capacity) return children;
  const head = Math.ceil((capacity - 1) / 2);
  const tail = capacity - 1 - head;
  return [...children.slice(0, head), { gap: children.length - head - tail }, ...children.slice(children.length - tail)];
}

export function drawRanking(doc: PDFKit.PDFDocument, children: ChildRow[], locale: Locale, box: Box): void {
  const t = labelsFor(locale);
  drawText(doc, t.ranking, { size: 10, bold: true }, { x: box.x, baseline: box.y + 10, width: box.width });
  const top = box.y + 20;
  const usable = box.height - 34; // title above, axis labels below
  const slots = rankingSlots(children, Math.max(3, Math.floor(usable / MIN_ROW)));
  const rowH = Math.min(16, usable / Math.max(1, slots.length));
  const size = rowH < 12 ? 7 : 8;
  const rankW = 18;
  const labelW = Math.min(130, box.width * 0.38);
  const valueW = 44;
  const barX = box.x + rankW + labelW + 6;
  const barW = box.width - rankW - labelW - valueW - 10;
  const bottom = top + slots.length * rowH;
  drawAxis(doc, barX, barW, top, bottom, 1);
  slots.forEach((slot, i) => {
    const mid = top + i * rowH + rowH / 2;
    if ('gap' in slot) {
      drawText(doc, `… ${t.more(slot.gap)} …`, { size, color: MUTED }, { x: box.x, baseline: mid + 2.5, width: box.width, align: 'center' });
      return;
    }
    drawText(doc, String(slot.rank), { size, color: MUTED }, { x: box.x, baseline: mid + 2.5, width: rankW - 4, align: 'right' });
    drawText(doc, unitName(slot, locale), { size }, { x: box.x + rankW, baseline: mid + 2.5, width: labelW, align: 'left' });
    const barH = Math.max(4, rowH - 5);
    const att = slot.attainment ?? 0;
    doc.rect(barX, mid - barH / 2, barW * Math.min(1, att), barH).fill(bandColor(slot.attainment));
    drawText(doc, formatPercent(slot.attainment), { size, bold: true, color: bandColor(slot.attainment) },
      { x: barX + barW + 4, baseline: mid + 2.5, width: valueW - 14, align: 'right' });
    drawTrendArrow(doc, slot.attainment, slot.previousAttainment, barX + barW + valueW - 8, mid, 6);
  });
  drawTargetLine(doc, barX + barW, top, bottom);
}

/** "Lacking" and "Did well" side by side; each list shows what fits and counts the rest. */
export function drawLists(doc: PDFKit.PDFDocument, lacking: ChildRow[], didWell: ChildRow[], locale: Locale, box: Box): void {
  const t = labelsFor(locale);
  const half = (box.width - 16) / 2;
  drawList(doc, t.lacking, '#d64545', lacking, locale, { ...box, width: half });
  drawList(doc, t.didWell, '#2e9e5b', didWell, locale, { ...box, x: box.x + half + 16, width: half });
}

function drawList(doc: PDFKit.PDFDocument, heading: string, color: string, rows: ChildRow[], locale: Locale, box: Box): void {
  const words = labelsFor(locale);
  const lineH = 12.5;
  doc.rect(box.x, box.y, 3, 14).fill(color);
  drawText(doc, `${heading} (${rows.length})`, { size: 10, bold: true, color }, { x: box.x + 8, baseline: box.y + 11, width: box.width - 8 });
  const capacity = Math.max(1, Math.floor((box.height - 22) / lineH));
  const shown = rows.length > capacity ? rows.slice(0, capacity - 1) : rows;
  if (rows.length === 0) drawText(doc, words.none, { size: 8, color: MUTED }, { x: box.x + 8, baseline: box.y + 22 + 9 });
  shown.forEach((row, i) => {
    const baseline = box.y + 22 + i * lineH + 9;
    drawText(doc, unitName(row, locale), { size: 8 }, { x: box.x + 8, baseline, width: box.width - 60 });
    drawText(doc, formatPercent(row.attainment), { size: 8, bold: true, color: bandColor(row.attainment) },
      { x: box.x + box.width - 50, baseline, width: 50, align: 'right' });
  });
  if (shown.length < rows.length) {
    drawText(doc, words.more(rows.length - shown.length), { size: 8, color: MUTED }, { x: box.x + 8, baseline: box.y + 22 + shown.length * lineH + 9 });
  }
}
