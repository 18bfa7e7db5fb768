// Text for our PDFs (the review deck, event badges): Noto fonts for Latin and Devanagari, and one-line text that switches font
// per script run. Neither Noto face covers the other script (NotoSansDevanagari-Bold has no Latin
// letters at all), so a mixed line such as "राष्ट्रीय सारांश — India" must be drawn run by run.
import { existsSync, readFileSync } from 'node:fs';

export const FONT_DIR = '/usr/share/fonts/truetype/noto';
const FONT_FILES = {
  latin: 'NotoSans-Regular.ttf',
  latinBold: 'NotoSans-Bold.ttf',
  deva: 'NotoSansDevanagari-Regular.ttf',
  devaBold: 'NotoSansDevanagari-Bold.ttf',
} as const;
type FontKey = keyof typeof FONT_FILES;

let cached: Record<FontKey, Buffer> | null = null;

/** Reads the four font files once per process; throws naming the Debian package when any is missing. */
export function loadFonts(dir = FONT_DIR): Record<FontKey, Buffer> {
  if (cached && dir === FONT_DIR) return cached;
  const missing = Object.values(FONT_FILES).filter((f) => !existsSync(`${dir}/${f}`));
  if (missing.length > 0) {
    throw new Error(`PDF: font files missing in ${dir} (${missing.join(', ')}); install the Debian package fonts-noto-core`);
  }
  const read = (k: FontKey) => readFileSync(`${dir}/${FONT_FILES[k]}`);
  const fonts = { latin: read('latin'), latinBold: read('latinBold'), deva: read('deva'), devaBold: read('devaBold') };
  if (dir === FONT_DIR) cached = fonts;
  return fonts;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  const fonts = loadFonts();
  for (const key of Object.keys(FONT_FILES) as FontKey[]) doc.registerFont(key, fonts[key]);
}

const DEVANAGARI = /[\u0900-\u097F\uA8E0-\uA8FF\u1CD0-\u1CFF\u200C\u200D]/;
// Characters both faces carry: they stay in whichever run they fall in, so "उपलब्धि: 78%" is one run.
const NEUTRAL = /^[\s0-9.,:;%+\-–—()/'"…×]+$/;
const graphemes = new Intl.Segmenter('hi', { granularity: 'grapheme' });

type Run = { text: string; isDeva: boolean };

export function splitRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const last = runs[runs.length - 1];
    const isNeutral = NEUTRAL.test(segment);
    const isDeva = DEVANAGARI.test(segment);
    if (last && (isNeutral || last.isDeva === isDeva)) last.text += segment;
    else runs.push({ text: segment, isDeva: isNeutral ? false : isDeva });
  }
  // A line that opens with neutral characters takes the script of what follows them.
  if (runs.length > 1 && NEUTRAL.test(runs[0].text)) {
    runs[1].text = runs[0].text + runs[1].text;
    runs.shift();
  }
  return runs;
}

export type TextStyle = { size: number; bold?: boolean; color?: string };

function fontFor(run: Run, bold: boolean | undefined): FontKey {
  if (run.isDeva) return bold ? 'devaBold' : 'deva';
  return bold ? 'latinBold' : 'latin';
}

export function measure(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  let width = 0;
  for (const run of splitRuns(text)) width += doc.font(fontFor(run, style.bold)).fontSize(style.size).widthOfString(run.text);
  return width;
}

/** Shortens to fit: whole words first, so a Devanagari conjunct is never cut in half; graphemes only for one long word. */
export function fitText(doc: PDFKit.PDFDocument, text: string, style: TextStyle, width: number): string {
  if (measure(doc, text, style) <= width) return text;
  const words = text.split(' ');
  while (words.length > 1) {
    words.pop();
    const candidate = `${words.join(' ')}…`;
    if (measure(doc, candidate, style) <= width) return candidate;
  }
  const parts = [...graphemes.segment(text)].map((s) => s.segment);
  while (parts.length > 1) {
    parts.pop();
    const candidate = `${parts.join('')}…`;
    if (measure(doc, candidate, style) <= width) return candidate;
  }
  return '…';
}

export type Place = { x: number; baseline: number; width?: number; align?: 'left' | 'right' | 'center' };

/**
 * Draws one line with its baseline at `baseline`: the two faces have different ascents (1069 against
 * 896), so placing by top edge would make mixed runs jump. Returns the width drawn.
 */
export function drawText(doc: PDFKit.PDFDocument, text: string, style: TextStyle, place: Place): number {
  const shown = place.width === undefined ? text : fitText(doc, text, style, place.width);
  const total = measure(doc, shown, style);
  let x = place.x;
  if (place.width !== undefined && place.align === 'right') x += place.width - total;
  if (place.width !== undefined && place.align === 'center') x += (place.width - total) / 2;
  doc.fillColor(style.color ?? '#1f2933');
  for (const run of splitRuns(shown)) {
    doc.font(fontFor(run, style.bold)).fontSize(style.size);
    doc.text(run.text, x, place.baseline, { lineBreak: false, baseline: 'alphabetic' });
    x += doc.widthOfString(run.text);
  }
  return total;
}

/** Greedy word wrap into at most maxLines lines; the last line takes the rest, shortened with "…". */
export function wrapLines(doc: PDFKit.PDFDocument, text: string, style: TextStyle, width: number, maxLines: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i++) {
    const candidate = current ? `${current} ${words[i]}` : words[i];
    if (!current || measure(doc, candidate, style) <= width) {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) return [...lines, fitText(doc, words.slice(i - current.split(' ').length).join(' '), style, width)];
    lines.push(fitText(doc, current, style, width));
    current = words[i];
  }
  return [...lines, fitText(doc, current, style, width)];
}
