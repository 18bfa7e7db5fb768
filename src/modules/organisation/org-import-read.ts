// Rows of an organisation file, CSV (plain, .gz, or a .tgz holding one file) or XLSX (its first
// sheet), as text fields with the line (or sheet row) they came from. The first row is the header;
// header names are matched case-insensitively (spaces, dots and dashes count as underscores).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { headerKey, readCsv, type CsvRecord } from '../elections/csv.ts';

export interface Sheet {
  /** Column index by normalised header name. */
  header: Map<string, number>;
  /** Line number of the header row. */
  headerLine: number;
  rows: CsvRecord[];
}

/** Is this an XLSX workbook? By its name, or by the zip signature when the name says nothing. */
export function isXlsx(file: string, fileName = file): boolean {
  if (/\.xlsx$/i.test(fileName)) return true;
  if (/\.(csv|txt|gz|tgz|tar)$/i.test(fileName)) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a whole file into memory as text rows (a million people rows is a few hundred MB at most). */
export async function readSheet(file: string, fileName: string, onBytes?: (done: number, total: number) => void): Promise<Sheet> {
  const rows: CsvRecord[] = [];
  const source = isXlsx(file, fileName) ? readXlsx(file, onBytes) : readCsv(file, { onBytes });
  let header: CsvRecord | undefined;
  for await (const batch of source) {
    for (const r of batch) {
      if (!header) { header = r; continue; }
      if (r.fields.every((f) => f.trim() === '')) continue;
      rows.push(r);
    }
  }
  const index = new Map<string, number>();
  header?.fields.forEach((f, i) => { const k = headerKey(f); if (k && !index.has(k)) index.set(k, i); });
  return { header: index, headerLine: header?.line ?? 1, rows };
}

/**
 * Files up to this size are read whole (ExcelJS's in-memory reader). Its streaming reader loses zip
 * entries now and then on Node ≥ 18 when the consumer awaits between rows (exceljs#3064, open in 4.4.0):
 * seen here as an XLSX import failing once in a while under load. Larger files still stream, since a
 * whole workbook of a million rows does not fit in memory; CSV is the format for those (docs/organisation.md).
 */
const READ_WHOLE_BYTES = 16 * 1024 ** 2;

/** The first worksheet; a row's line is its sheet row number. */
async function* readXlsx(file: string, onBytes?: (done: number, total: number) => void): AsyncGenerator<CsvRecord[]> {
  const size = fs.statSync(file).size;
  if (size <= READ_WHOLE_BYTES) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    onBytes?.(size, size);
    const sheet = book.worksheets[0];
    if (!sheet) return;
    let batch: CsvRecord[] = [];
    for (let n = 1; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n);
      if (!row.hasValues) continue;
      batch.push({ line: n, fields: rowFields(row) });
      if (batch.length >= 2_000) { yield batch; batch = []; }
    }
    if (batch.length) yield batch;
    return;
  }
  const stream = fs.createReadStream(file);
  let done = 0;
  stream.on('data', (c) => { done += c.length; onBytes?.(done, size); });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    let batch: CsvRecord[] = [];
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      batch.push({ line: row.number, fields: rowFields(row) });
      if (batch.length >= 2_000) { yield batch; batch = []; }
    }
    if (batch.length) yield batch;
    break; // the first sheet only
  }
  stream.destroy();
}

function rowFields(row: ExcelJS.Row): string[] {
  const values = row.values as unknown[];
  const fields: string[] = [];
  for (let i = 1; i < values.length; i++) fields.push(cellText(values[i]));
  return fields;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

/** A row's field by header name ('' when the column is absent or the cell empty). */
export function field(sheet: Sheet, r: CsvRecord, name: string): string {
  const i = sheet.header.get(name);
  return i === undefined ? '' : (r.fields[i] ?? '').trim();
}
