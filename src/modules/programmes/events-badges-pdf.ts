// Delegate badges as a PDF: A4 portrait, eight badges a page (two across, four down, about 93 × 65 mm
// each, a thin border to cut along). Each badge: the event's title and dates on a band, the delegate's
// name in both scripts, the unit and state where the rule found them, their wing, and the credential as
// a QR code drawn as vector squares (sharp on any printer; the same code as the pass on screen: level M,
// a two-module quiet zone) with the token under it for typing by hand. Pure: no database.
// Fonts and per-script text runs come from the review deck's PDF text helpers, so Hindi renders the same.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { drawText, loadFonts, measure, registerFonts, wrapLines, type TextStyle } from '../../shared/pdf-text.ts';
import type { EventKind } from './events.schemas.ts';

export type Locale = 'en' | 'hi';
export interface Badge { name: string; nameHi: string | null; unit: string | null; state: string | null; wing: string | null; token: string }
export interface BadgeSheet {
  locale: Locale;
  event: { kind: EventKind; title: string; startsAt: string; endsAt: string; place: string | null };
  badges: Badge[];
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 portrait, points
const MARGIN = 28;
const GAP = 12;
const FOOTER = 18;
const COLS = 2;
const ROWS = 4;
const BADGES_PER_PAGE = COLS * ROWS;
const W = (PAGE.width - 2 * MARGIN - (COLS - 1) * GAP) / COLS;
const H = (PAGE.height - 2 * MARGIN - FOOTER - (ROWS - 1) * GAP) / ROWS;
const BAND = 40;
const PAD = 12;
const QR = 92; // about 32 mm: a 25-module code at about 1.1 mm a module, easy for a phone or a desk scanner
const BRAND = '#1f4e79';
const INK = '#1f2933';
const MUTED = '#52606d';

const LABELS = {
  en: { kind: { meeting: 'Meeting', training: 'Training', conference: 'Conference', rally: 'Rally' }, wing: 'Wing', badges: 'delegate badges',
    page: (n: number, total: number) => `Page ${n} of ${total}` },
  hi: { kind: { meeting: 'बैठक', training: 'प्रशिक्षण', conference: 'सम्मेलन', rally: 'रैली' }, wing: 'मोर्चा', badges: 'प्रतिनिधि बैज',
    page: (n: number, total: number) => `पृष्ठ ${n} / ${total}` },
} as const;

/** "1 Mar 2030, 10:00 am – 5:30 pm" in India's time, whatever the server's zone. */
function eventWhen(startsAt: string, endsAt: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

/**
 * The PDF as a stream, drawn a page at a time: the page count is known from the start, so nothing is
 * buffered (a 600-page sheet would otherwise sit in memory), and the event loop gets a turn between pages.
 */
export function renderBadgesPdf(sheet: BadgeSheet): PDFKit.PDFDocument {
  loadFonts(); // fail before any page is drawn when fonts-noto-core is missing
  const doc = new PDFDocument({
    size: 'A4', margin: 0, autoFirstPage: false,
    info: { Title: `${sheet.event.title} — ${LABELS[sheet.locale].badges}`, Creator: 'Warroom', Producer: 'Warroom' },
    lang: sheet.locale === 'hi' ? 'hi-IN' : 'en-IN',
  });
  registerFonts(doc);
  drawPages(doc, sheet).catch((err: Error) => doc.destroy(err));
  return doc;
}

async function drawPages(doc: PDFKit.PDFDocument, sheet: BadgeSheet): Promise<void> {
  const when = eventWhen(sheet.event.startsAt, sheet.event.endsAt, sheet.locale);
  const pages = Math.ceil(sheet.badges.length / BADGES_PER_PAGE);
  for (let page = 0; page < pages; page++) {
    doc.addPage();
    sheet.badges.slice(page * BADGES_PER_PAGE, (page + 1) * BADGES_PER_PAGE).forEach((badge, slot) => {
      drawBadge(doc, sheet, when, badge, MARGIN + (slot % COLS) * (W + GAP), MARGIN + Math.floor(slot / COLS) * (H + GAP));
    });
    drawFooter(doc, sheet, page + 1, pages);
    await new Promise((resolve) => setImmediate(resolve));
  }
  doc.end();
}

function drawBadge(doc: PDFKit.PDFDocument, sheet: BadgeSheet, when: string, b: Badge, x: number, y: number): void {
  const t = LABELS[sheet.locale];
  doc.save();
  doc.roundedRect(x, y, W, H, 8).clip();
  doc.rect(x, y, W, BAND).fill(BRAND);
  doc.restore();
  doc.roundedRect(x, y, W, H, 8).lineWidth(0.75).stroke('#9aa5b1');
  drawText(doc, sheet.event.title, { size: 11, bold: true, color: '#ffffff' }, { x: x + PAD, baseline: y + 17, width: W - 2 * PAD });
  drawText(doc, when, { size: 7.5, color: '#d9e6f2' }, { x: x + PAD, baseline: y + 31, width: W - 2 * PAD });

  const qx = x + W - PAD - QR;
  const qy = y + BAND + 8;
  drawQr(doc, b.token, qx, qy, QR);
  drawText(doc, b.token, { size: 6.5, color: MUTED }, { x: qx - 4, baseline: qy + QR + 9, width: QR + 8, align: 'center' });

  const lx = x + PAD;
  const lw = qx - lx - 10;
  let baseline = drawNames(doc, b, sheet.locale, lx, lw, y + BAND + 25);
  baseline += 6;
  const place = (text: string, style: TextStyle, lines: number) => {
    for (const line of wrapLines(doc, text, style, lw, lines)) {
      baseline += style.size + 3;
      drawText(doc, line, style, { x: lx, baseline, width: lw });
    }
  };
  if (b.unit) place(b.unit, { size: 8.5, color: INK }, 2);
  if (b.state) place(b.state, { size: 8.5, color: INK }, 1);
  if (b.wing) place(`${t.wing}: ${b.wing}`, { size: 8, color: MUTED }, 1);
  const foot = [t.kind[sheet.event.kind], sheet.event.place].filter(Boolean).join(' · ');
  drawText(doc, foot, { size: 7.5, bold: true, color: BRAND }, { x: lx, baseline: y + H - 11, width: lw });
}

/**
 * The name in the page's language first, large, on up to two lines; then the other script when the
 * person has both. Returns the baseline of the last line drawn.
 */
function drawNames(doc: PDFKit.PDFDocument, b: Badge, locale: Locale, x: number, width: number, top: number): number {
  const hi = b.nameHi?.trim() || null;
  const [first, second] = locale === 'hi' && hi ? [hi, b.name] : [b.name || hi || '', hi && b.name ? hi : null];
  // Long names step down a size before they are shortened.
  const size = measure(doc, first, { size: 17, bold: true }) <= width * 1.9 ? 17 : 13;
  let baseline = top - (size + 3);
  for (const line of wrapLines(doc, first, { size, bold: true }, width, 2)) {
    baseline += size + 3;
    drawText(doc, line, { size, bold: true, color: INK }, { x, baseline, width });
  }
  if (second && second !== first) {
    baseline += 16;
    drawText(doc, second, { size: 12, color: INK }, { x, baseline, width });
  }
  return baseline;
}

/** The credential's QR code as filled squares, one rectangle per run of dark modules in a row. */
function drawQr(doc: PDFKit.PDFDocument, token: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size;) {
      if (!modules.get(row, col)) { col++; continue; }
      let end = col;
      while (end < modules.size && modules.get(row, end)) end++;
      // A hair of overlap downwards, so no viewer shows seams between rows.
      doc.rect(x + (quiet + col) * cell, y + (quiet + row) * cell, (end - col) * cell, cell + 0.05);
      col = end;
    }
  }
  doc.fill('#000000');
}

function drawFooter(doc: PDFKit.PDFDocument, sheet: BadgeSheet, page: number, pages: number): void {
  const t = LABELS[sheet.locale];
  const baseline = PAGE.height - MARGIN - 4;
  drawText(doc, `${sheet.event.title} · ${sheet.badges.length} ${t.badges}`, { size: 7, color: MUTED }, { x: MARGIN, baseline, width: PAGE.width / 2 });
  drawText(doc, t.page(page, pages), { size: 7, color: MUTED }, { x: PAGE.width / 2, baseline, width: PAGE.width / 2 - MARGIN, align: 'right' });
}
