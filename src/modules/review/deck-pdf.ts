// The review deck as a PDF: the scope's summary page, then one page per child unit (every state of
// the nation). A4 landscape, Noto fonts embedded for Latin and Devanagari, charts drawn as vectors.
// Pure: takes the DeckInput, returns the bytes; no database.
import PDFDocument from 'pdfkit';
import type { DeckInput, Scorecard } from './review.schemas.ts';
import { formatDate, labelsFor, pageTitle, unitName, type Locale } from './deck-format.ts';
import { drawHeader, drawMetricChart, drawMetricsTable, MUTED, RULE, TABLE_HEADER, TABLE_ROW, type Box } from './deck-pdf-parts.ts';
import { drawLists, drawRanking } from './deck-pdf-children.ts';
import { drawText, loadFonts, registerFonts } from '../../shared/pdf-text.ts';

const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape, points
const MARGIN = 28;
const HEADER_H = 66;
const FOOTER_H = 26;
const GUTTER = 20;
const RANKING_W = 300; // rank, a 130pt name, bars and the figure: enough for 36 states at 8pt

export async function renderDeckPdf(input: DeckInput): Promise<Buffer> {
  loadFonts(); // fail before any page is drawn when fonts-noto-core is missing
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0, // layout is ours; a bottom margin would make pdfkit start a new page under the footer
    autoFirstPage: false,
    bufferPages: true, // footers need the page count, known only at the end
    info: { Title: input.title, Creator: 'Warroom', Producer: 'Warroom', CreationDate: new Date(input.generatedAt) },
    lang: input.locale === 'hi' ? 'hi-IN' : 'en-IN',
  });
  registerFonts(doc);
  const done = collect(doc);
  drawPage(doc, input, input.summary, true);
  for (const page of input.pages) drawPage(doc, input, page, false);
  drawFooters(doc, input);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function drawPage(doc: PDFKit.PDFDocument, input: DeckInput, card: Scorecard, isSummary: boolean): void {
  const locale = input.locale;
  doc.addPage();
  const inner = { x: MARGIN, width: PAGE.width - 2 * MARGIN };
  drawHeader(doc, card, pageTitle(card, locale, isSummary), kicker(input, card, isSummary), locale, { ...inner, y: MARGIN - 6, height: HEADER_H });
  const top = MARGIN - 6 + HEADER_H + 12;
  const body: Box = { ...inner, y: top, height: PAGE.height - FOOTER_H - 10 - top };
  if (card.children.length === 0) {
    drawMetricsBlock(doc, card, locale, body, false);
    return;
  }
  const leftW = body.width - RANKING_W - GUTTER;
  drawMetricsBlock(doc, card, locale, { ...body, width: leftW }, true);
  drawRanking(doc, card.children, locale, { ...body, x: body.x + leftW + GUTTER, width: body.width - leftW - GUTTER });
}

/** Table, then the metric chart, then (when the unit has children) the lacking / did-well lists. */
function drawMetricsBlock(doc: PDFKit.PDFDocument, card: Scorecard, locale: Locale, box: Box, withLists: boolean): void {
  const listsMin = withLists ? 120 : 0;
  const tableMax = Math.max(TABLE_HEADER + 2 * TABLE_ROW, (box.height - listsMin) * 0.5);
  const tableH = drawMetricsTable(doc, card.metrics, locale, { ...box, height: tableMax });
  const chartTop = box.y + tableH + 16;
  // Beside a ranking the chart stays compact to leave room for the lists; alone it takes the page.
  const room = box.y + box.height - listsMin - chartTop;
  const chartH = withLists ? Math.min(36 + card.metrics.length * 26, room) : Math.min(36 + card.metrics.length * 44, room);
  drawMetricChart(doc, card.metrics, locale, { ...box, y: chartTop, height: chartH });
  if (!withLists) return;
  const listsTop = chartTop + chartH + 12;
  drawLists(doc, card.lacking, card.didWell, locale, { ...box, y: listsTop, height: box.y + box.height - listsTop });
}

/** The small line above the title: the deck's title, then the path to the unit ("India › Bihar"). */
function kicker(input: DeckInput, card: Scorecard, isSummary: boolean): string {
  const path = card.breadcrumb.map((u) => unitName(u, input.locale));
  if (!isSummary && path[path.length - 1] !== unitName(card.unit, input.locale)) path.push(unitName(card.unit, input.locale));
  return path.length > 1 ? `${input.title}  ·  ${path.join(' › ')}` : input.title;
}

function drawFooters(doc: PDFKit.PDFDocument, input: DeckInput): void {
  const t = labelsFor(input.locale);
  const range = doc.bufferedPageRange();
  const y = PAGE.height - FOOTER_H;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.moveTo(MARGIN, y).lineTo(PAGE.width - MARGIN, y).lineWidth(0.5).stroke(RULE);
    const left = `${input.title}  ·  ${t.generated} ${formatDate(input.generatedAt, input.locale)}`;
    drawText(doc, left, { size: 7.5, color: MUTED }, { x: MARGIN, baseline: y + 13, width: PAGE.width / 2 });
    drawText(doc, t.page(i + 1, range.count), { size: 7.5, color: MUTED }, { x: PAGE.width / 2, baseline: y + 13, width: PAGE.width / 2 - MARGIN, align: 'right' });
  }
}
