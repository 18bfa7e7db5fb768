// Streaming CSV with line numbers. csv-parse does the RFC 4180 work (quoted commas, quotes, CRLF, BOM);
// we count lines ourselves because its per-record `info` doubles the parse time on a booth file, and a
// record's line is simply the previous record's line plus the newlines inside its fields.
import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { parse } from 'csv-parse';
import tar from 'tar-stream';

export interface CsvRecord { line: number; fields: string[] }

export interface CsvOptions {
  /** Called with the bytes read so far (of the file as stored, compressed or not) and the file size. */
  onBytes?: (done: number, total: number) => void;
}

/** Opens a file, gunzipping it when it starts with the gzip magic bytes (whatever its name says). */
export async function openInput(file: string, opts: CsvOptions = {}): Promise<Readable> {
  const size = fs.statSync(file).size;
  const fd = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(2);
  await fd.read(head, 0, 2, 0);
  await fd.close();
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let done = 0;
  raw.on('data', (chunk) => { done += chunk.length; opts.onBytes?.(done, size); });
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  const plain = isGzip ? raw.pipe(zlib.createGunzip()) : raw;
  return /\.(tgz|tar|tar\.gz)$/i.test(file) ? firstFileOfTar(plain, file) : plain;
}

/**
 * The one data file of a tarball (the Gujarat Form 20 scrape ships as gujarat.csv in a .csv.tgz):
 * streamed, not unpacked to disk. A tarball of several data files is refused: import them one by one.
 */
function firstFileOfTar(input: Readable, file: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let found: PassThrough | undefined;
    extract.on('entry', (header, stream, next) => {
      const isData = header.type === 'file' && !/(^|\/)\._/.test(header.name); // skip macOS resource forks
      if (!isData) { stream.on('end', next); stream.resume(); return; }
      if (found) {
        found.destroy(new Error(`${file}: the archive holds more than one file (${header.name} too); extract it and import each file`));
        return;
      }
      const out = new PassThrough();
      found = out;
      // Copied by hand rather than piped: the entry is a streamx stream, and `out` must stay open until
      // the archive's end shows no second file follows.
      stream.on('data', (chunk) => { if (!out.write(chunk as Buffer)) { stream.pause(); out.once('drain', () => stream.resume()); } });
      stream.on('end', next);
      resolve(out);
    });
    extract.on('finish', () => { if (found) found.end(); else reject(new Error(`${file}: the archive holds no file`)); });
    extract.on('error', (err) => (found ? found.destroy(err) : reject(new Error(`${file}: not a readable tar archive (${err.message})`))));
    input.on('error', (err) => extract.destroy(err));
    input.pipe(extract);
  });
}

/** Reads a whole (small) text input: boundaries and reference files, gzipped or not. */
export async function readText(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openInput(file)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Yields records in batches (one per parser read burst), so callers loop synchronously over most
 * rows and await only between batches. Blank lines are dropped but still counted.
 */
export async function* readCsv(file: string, opts: CsvOptions = {}): AsyncGenerator<CsvRecord[]> {
  const parser = (await openInput(file, opts)).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let line = 1;
  let batch: CsvRecord[] = [];
  for await (const fields of parser as AsyncIterable<string[]>) {
    const at = line;
    line += 1 + newlinesIn(fields);
    if (fields.length === 1 && fields[0].trim() === '') continue;
    batch.push({ line: at, fields });
    if (batch.length >= 2_000) { yield batch; batch = []; }
  }
  if (batch.length) yield batch;
}

function newlinesIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.length > 0 && f.includes('\n')) n += f.split('\n').length - 1;
  }
  return n;
}

/** Header lookup by normalised name: case, spaces, dots and underscores do not matter. */
export function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s._-]+/g, '_').replace(/^_|_$/g, '');
}

export function indexHeader(fields: string[]): Map<string, number> {
  const map = new Map<string, number>();
  fields.forEach((f, i) => { const k = headerKey(f); if (!map.has(k)) map.set(k, i); });
  return map;
}

/** Reads the text of the first column found among the names, or '' when none is present. */
export function pick(fields: string[], index: Map<string, number>, ...names: string[]): string {
  for (const n of names) {
    const i = index.get(n);
    if (i !== undefined) return (fields[i] ?? '').trim();
  }
  return '';
}

export function hasAny(index: Map<string, number>, ...names: string[]): boolean {
  return names.some((n) => index.has(n));
}
