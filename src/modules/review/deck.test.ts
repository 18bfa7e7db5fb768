// The review deck renderers against a nation-sized fixture built here: 36 states and union
// territories with English and Hindi names, metrics with missing targets, overdue rows and states
// never reviewed before. Checks what a reviewer would notice: page count, embedded fonts, sheets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChildRow, DeckInput, MetricRow, Scorecard, UnitRef } from './review.schemas.ts';
import { renderDeckPdf } from './deck-pdf.ts';
import { HEADER_ROW, renderDeckXlsx, sheetNames } from './deck-xlsx.ts';
import { loadFonts } from '../../shared/pdf-text.ts';

const STATES: [string, string][] = [
  ['Andhra Pradesh', 'आंध्र प्रदेश'], ['Arunachal Pradesh', 'अरुणाचल प्रदेश'], ['Assam', 'असम'], ['Bihar', 'बिहार'],
  ['Chhattisgarh', 'छत्तीसगढ़'], ['Goa', 'गोवा'], ['Gujarat', 'गुजरात'], ['Haryana', 'हरियाणा'],
  ['Himachal Pradesh', 'हिमाचल प्रदेश'], ['Jharkhand', 'झारखंड'], ['Karnataka', 'कर्नाटक'], ['Kerala', 'केरल'],
  ['Madhya Pradesh', 'मध्य प्रदेश'], ['Maharashtra', 'महाराष्ट्र'], ['Manipur', 'मणिपुर'], ['Meghalaya', 'मेघालय'],
  ['Mizoram', 'मिज़ोरम'], ['Nagaland', 'नागालैंड'], ['Odisha', 'ओडिशा'], ['Punjab', 'पंजाब'],
  ['Rajasthan', 'राजस्थान'], ['Sikkim', 'सिक्किम'], ['Tamil Nadu', 'तमिलनाडु'], ['Telangana', 'तेलंगाना'],
  ['Tripura', 'त्रिपुरा'], ['Uttar Pradesh', 'उत्तर प्रदेश'], ['Uttarakhand', 'उत्तराखंड'], ['West Bengal', 'पश्चिम बंगाल'],
  ['Andaman and Nicobar Islands', 'अंडमान और निकोबार द्वीपसमूह'],
  ['Chandigarh', 'चंडीगढ़'],
  ['Dadra and Nagar Haveli and Daman and Diu', 'दादरा और नगर हवेली और दमन और दीव'],
  ['National Capital Territory of Delhi', 'राष्ट्रीय राजधानी क्षेत्र दिल्ली'],
  ['Jammu and Kashmir', 'जम्मू और कश्मीर'], ['Ladakh', 'लद्दाख'], ['Lakshadweep', 'लक्षद्वीप'], ['Puducherry', 'पुडुचेरी'],
];

const METRICS = [
  { taskId: 1, title: 'Booth committees formed', titleHi: 'बूथ समितियों का गठन', kind: 'task', metric: 'booths_formed', unitLabel: null, base: 1_20_000 },
  { taskId: 2, title: 'Workers verified by phone', titleHi: 'फ़ोन से सत्यापित कार्यकर्ता', kind: 'task', metric: 'workers_verified', unitLabel: null, base: 24_00_000 },
  { taskId: 3, title: 'Wall paintings in every assembly constituency', titleHi: 'दीवार लेखन', kind: 'drive', metric: 'reported', unitLabel: 'wall paintings', base: 3_50_000 },
  { taskId: 4, title: 'Drive reports filed', titleHi: null, kind: 'drive', metric: 'drive_reports', unitLabel: null, base: 0 },
] as const;

/** Deterministic pseudo-random in [0, 1) so the fixture, and so the PDF, is the same every run. */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

function metricRows(seed: number, scale: number, reviewedBefore: boolean): MetricRow[] {
  return METRICS.map((m, i) => {
    const target = m.base === 0 ? null : Math.round(m.base * scale);
    const ratio = 0.15 + noise(seed * 7 + i) * 1.1;
    const actual = target === null ? Math.round(noise(seed + i) * 500) : Math.round(target * ratio);
    const attainment = target === null ? null : actual / target;
    return {
      taskId: m.taskId, title: m.title, titleHi: m.titleHi, kind: m.kind, metric: m.metric, unitLabel: m.unitLabel,
      dueDate: i === 0 ? '2026-02-15' : '2026-04-30',
      target, actual, attainment,
      previousAttainment: reviewedBefore && attainment !== null ? Math.max(0, attainment - 0.2 + noise(seed + 3 * i) * 0.3) : null,
      isOverdue: i === 0 && (attainment ?? 0) < 1,
    };
  });
}

function overall(metrics: MetricRow[]): number | null {
  const scored = metrics.filter((m) => m.attainment !== null);
  return scored.length === 0 ? null : scored.reduce((s, m) => s + Math.min(1, m.attainment ?? 0), 0) / scored.length;
}

function child(unit: UnitRef, metrics: MetricRow[], rank: number): ChildRow {
  const previous = metrics.every((m) => m.previousAttainment === null) ? null : overall(metrics.map((m) => ({ ...m, attainment: m.previousAttainment })));
  const worst = [...metrics].filter((m) => m.attainment !== null).sort((a, b) => (a.attainment ?? 0) - (b.attainment ?? 0))[0];
  return {
    ...unit, rank, attainment: overall(metrics), previousAttainment: previous, worstTaskId: worst?.taskId ?? null,
    metrics: metrics.map((m) => ({ taskId: m.taskId, target: m.target, actual: m.actual, attainment: m.attainment })),
  };
}

function scorecard(unit: UnitRef, breadcrumb: UnitRef[], metrics: MetricRow[], children: ChildRow[]): Scorecard {
  const ranked = [...children].sort((a, b) => (b.attainment ?? -1) - (a.attainment ?? -1)).map((c, i) => ({ ...c, rank: i + 1 }));
  const previousOverall = metrics.every((m) => m.previousAttainment === null) ? null : overall(metrics.map((m) => ({ ...m, attainment: m.previousAttainment })));
  return {
    unit, breadcrumb, asOf: '2026-03-12T04:30:00Z', lastReviewAt: previousOverall === null ? null : '2026-02-12T04:30:00Z',
    attainment: overall(metrics), previousAttainment: previousOverall, metrics, children: ranked,
    lacking: ranked.filter((c) => (c.attainment ?? 0) < 0.5).reverse(),
    didWell: ranked.filter((c) => (c.attainment ?? 0) >= 0.8),
  };
}

function nationDeck(locale: DeckInput['locale']): DeckInput {
  const nation: UnitRef = { id: 1, name: 'India', nameHi: 'भारत', level: 'nation' };
  // Every fifth state has no Hindi name, to show the English fallback in a Hindi deck.
  const states = STATES.map(([name, nameHi], i) => ({ id: 100 + i, name, nameHi: i % 5 === 4 ? null : nameHi, level: 'state' }));
  const pages = states.map((s, i) => {
    const metrics = metricRows(i + 1, 0.01 + noise(i) * 0.08, i % 3 !== 0);
    // A few states carry their districts, so both page layouts (with and without children) are drawn;
    // Uttar Pradesh has its 75, more than a page can rank.
    const districtCount = s.name === 'Uttar Pradesh' ? 75 : i % 9 === 0 ? 4 + i : 0;
    const districts = Array.from({ length: districtCount }, (_, d) => {
      const unit = { id: 1000 + i * 100 + d, name: `${s.name} district ${d + 1}`, nameHi: `${s.nameHi ?? s.name} ज़िला ${d + 1}`, level: 'district' };
      return child(unit, metricRows(i * 50 + d, 0.001, d % 2 === 0), 0);
    });
    return scorecard(s, [nation], metrics, districts);
  });
  const summaryMetrics = metricRows(999, 1, true);
  const children = pages.map((p) => child(p.unit, p.metrics, 0));
  return { locale, title: locale === 'hi' ? 'साप्ताहिक समीक्षा' : 'Weekly review', generatedAt: '2026-03-12T05:00:00Z', summary: scorecard(nation, [], summaryMetrics, children), pages };
}

function hasTool(name: string): boolean {
  try { execFileSync('which', [name], { stdio: 'ignore' }); return true; } catch { return false; }
}

// DECK_OUT_DIR keeps the rendered decks for a look (pdftoppm -r 60 -png deck-hi.pdf p).
const outDir = process.env.DECK_OUT_DIR ?? mkdtempSync(join(tmpdir(), 'warroom-deck-'));

// Each locale's deck is rendered once and shared by the tests that read it: the machines are small.
const rendered = new Map<string, Promise<Buffer>>();
function renderOnce(locale: DeckInput['locale']): Promise<Buffer> {
  if (!rendered.has(locale)) rendered.set(locale, renderDeckPdf(nationDeck(locale)));
  return rendered.get(locale)!;
}

describe('renderDeckPdf', () => {
  for (const locale of ['en', 'hi'] as const) {
    it(`draws a summary page and one page per state (${locale})`, async () => {
      const deck = nationDeck(locale);
      const pdf = await renderOnce(locale);
      const file = join(outDir, `deck-${locale}.pdf`);
      writeFileSync(file, pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pageObjects = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
      expect(pageObjects.length).toBe(1 + deck.pages.length);
      if (hasTool('pdfinfo')) expect(execFileSync('pdfinfo', [file]).toString()).toMatch(new RegExp(`Pages:\\s+${1 + deck.pages.length}\\b`));
    });

    it(`embeds the Noto fonts it uses (${locale})`, async (ctx) => {
      if (!hasTool('pdffonts')) ctx.skip('pdffonts not found: install poppler-utils to check embedded fonts');
      const file = join(outDir, `fonts-${locale}.pdf`);
      writeFileSync(file, await renderOnce(locale));
      const rows = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
      const names = rows.map((r) => r.split(/\s+/)[0]);
      expect(names.some((n) => n.endsWith('+NotoSans-Regular'))).toBe(true);
      expect(names.some((n) => n.endsWith('+NotoSans-Bold'))).toBe(true);
      // The Hindi deck's labels are Devanagari; the English one still draws "—" and numbers only in Latin.
      if (locale === 'hi') expect(names.some((n) => n.includes('NotoSansDevanagari'))).toBe(true);
      for (const row of rows) expect(row.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']); // emb sub uni
    });
  }

  it('names the Debian package when the fonts are missing', () => {
    expect(() => loadFonts('/nonexistent/fonts')).toThrow(/fonts-noto-core/);
  });

  it('is the same bytes for the same input', async () => {
    expect((await renderDeckPdf(nationDeck('hi'))).equals(await renderOnce('hi'))).toBe(true);
  });
});

describe('renderDeckXlsx', () => {
  it('writes a summary sheet and one sheet per state, with numbers as numbers', async () => {
    const deck = nationDeck('en');
    const xlsx = await renderDeckXlsx(deck);
    writeFileSync(join(outDir, 'deck-en.xlsx'), xlsx);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    expect(names.length).toBe(1 + deck.pages.length);
    expect(names[0]).toBe('Summary');
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[^[\]:*?/\\]{1,31}$/);
    expect(names).toContain('Uttar Pradesh');

    const summary = book.getWorksheet('Summary')!;
    const header = summary.getRow(HEADER_ROW).values as unknown[];
    expect(header).toContain('Target');
    const first = deck.summary.metrics[0];
    const row = summary.getRow(HEADER_ROW + 1);
    expect(row.getCell(1).value).toBe(first.title);
    expect(row.getCell(3).value).toBe(first.target);
    expect(row.getCell(5).value).toBeCloseTo(first.attainment ?? 0, 6);
    expect(row.getCell(5).numFmt).toContain('%');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    const ranking = summary.getColumn(1).values.map((v) => String(v ?? ''));
    expect(ranking).toContain(deck.summary.children[0].name);
  });

  it('names sheets in Hindi when asked, shortened and unique', async () => {
    const deck = nationDeck('hi');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await renderDeckXlsx(deck) as unknown as ArrayBuffer);
    expect(book.getWorksheet('सारांश')!.getRow(HEADER_ROW + 1).getCell(1).value).toBe(deck.summary.metrics[0].titleHi);
    const names = sheetNames(deck);
    expect(names[0]).toBe('सारांश');
    expect(names).toContain('उत्तर प्रदेश');
    expect(names.every((n) => n.length <= 31 && !/[[\]:*?/\\]/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(sheetNames({ ...deck, pages: [deck.pages[0], deck.pages[0]] }).slice(1)).toEqual(['आंध्र प्रदेश', 'आंध्र प्रदेश (2)']);
  });

});
