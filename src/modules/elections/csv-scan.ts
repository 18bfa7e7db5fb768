// A streaming RFC 4180 scanner for multi-million-row files: records are handed over as field offsets
// into the decoded text rather than arrays of new strings, so a caller that only compares a field with
// the previous row's, or reads a number from it, allocates nothing per row. csv-parse (csv.ts) took
// ~4 s of JS per 2.4 million rows, more than PostgreSQL's whole COPY of the same file.
//
// What it accepts is what csv.ts accepts: UTF-8 with or without a BOM, LF or CRLF, quoted fields with
// commas, doubled quotes and line breaks inside, ragged rows. Where csv-parse threw (a quote closed
// before the end of its field, a quote never closed) this reports a problem at the record's line.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** A record longer than this is a quote left open, not data. */
const MAX_RECORD = 16 << 20;
/**
 * Characters scanned between turns of the event loop. A caller writing to a database meanwhile gets
 * its replies read, and its next statement sent, within a millisecond or two rather than after a whole
 * megabyte block: otherwise the database sits idle while this thread scans.
 */
const SLICE = 64 << 10;

/** The characters String.prototype.trim removes. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/**
 * A copy of a string cut from a block of the file. V8 makes a slice of 13 or more characters a view
 * of the block, so a name kept for the whole import would keep its whole megabyte block alive too.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/** One record. Valid only during the callback it is passed to: the next record reuses it. */
export class ScanRecord {
  /** The line the record starts on (1-based; line breaks inside quoted fields count). */
  line = 1;
  count = 0;
  text = '';
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** Unescaped values of quoted fields; undefined for plain ones (read from text). */
  quoted: (string | undefined)[] = [];
  anyQuoted = false;

  /** The field's text as the file has it (quotes removed), '' past the end of a short row. */
  raw(i: number): string {
    if (i < 0 || i >= this.count) return '';
    if (this.anyQuoted && this.quoted[i] !== undefined) return this.quoted[i]!;
    return this.text.slice(this.start[i], this.end[i]);
  }

  /** The field trimmed, as csv.ts's pick() reads it. */
  get(i: number): string {
    if (i < 0 || i >= this.count) return '';
    if (this.anyQuoted && this.quoted[i] !== undefined) return this.quoted[i]!.trim();
    const t = this.text;
    let a = this.start[i];
    let b = this.end[i];
    while (a < b && isSpace(t.charCodeAt(a))) a += 1;
    while (b > a && isSpace(t.charCodeAt(b - 1))) b -= 1;
    return t.slice(a, b);
  }

  /** Whether the trimmed field equals s, without making a string. */
  is(i: number, s: string): boolean {
    if (i < 0 || i >= this.count) return s === '';
    if (this.anyQuoted && this.quoted[i] !== undefined) return this.quoted[i]!.trim() === s;
    const t = this.text;
    let a = this.start[i];
    let b = this.end[i];
    while (a < b && isSpace(t.charCodeAt(a))) a += 1;
    while (b > a && isSpace(t.charCodeAt(b - 1))) b -= 1;
    return b - a === s.length && (b - a === 0 || t.slice(a, b) === s);
  }

  /**
   * The trimmed field as a whole number when it is plain digits (at most 10, at most 2,000,000,000):
   * -1 when blank, -2 for anything else (signs, commas, decimals, words), which the caller reads as text.
   */
  int(i: number): number {
    if (i < 0 || i >= this.count) return -1;
    if (this.anyQuoted && this.quoted[i] !== undefined) return plainInt(this.quoted[i]!.trim(), 0, this.quoted[i]!.trim().length);
    const t = this.text;
    let a = this.start[i];
    let b = this.end[i];
    while (a < b && isSpace(t.charCodeAt(a))) a += 1;
    while (b > a && isSpace(t.charCodeAt(b - 1))) b -= 1;
    return plainInt(t, a, b);
  }

  /** Every field, trimmed or not, as new strings: for headers and the small layouts. */
  fields(): string[] {
    const out: string[] = new Array(this.count);
    for (let i = 0; i < this.count; i += 1) out[i] = this.raw(i);
    return out;
  }
}

function plainInt(t: string, a: number, b: number): number {
  if (a === b) return -1;
  if (b - a > 10) return -2;
  let n = 0;
  for (let j = a; j < b; j += 1) {
    const d = t.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return -2;
    n = n * 10 + d;
  }
  return n > 2_000_000_000 ? -2 : n;
}

export interface ScanHandlers {
  /**
   * Called for every record, blank lines included (one empty field). A promise returned is awaited
   * before the next record; 'stop' ends the scan.
   */
  onRecord(r: ScanRecord): Promise<void> | 'stop' | undefined;
  /**
   * Offered each line without quotes before it is split (text[start, end) is the line without its line
   * break): true when the caller has consumed it itself, so no record is made. The long layout's fast path.
   */
  onLine?(text: string, start: number, end: number, line: number): boolean;
  /** A malformed quote: the scan goes on, so every problem of the file is reported. */
  onProblem(line: number, message: string): void;
  /** Called after each block of input (about 1 MiB): the place to wait for the database. */
  afterBlock?(): Promise<void> | undefined;
}

/** Scans the whole input (Buffers, already gunzipped), calling onRecord for each record in order. */
export async function scanCsv(input: Readable, h: ScanHandlers): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const s = new Scanner(h);
  let first = true;
  for await (const chunk of input) {
    let text = decoder.write(chunk as Buffer);
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (!(await s.feed(text, false))) return;
    const wait = h.afterBlock?.();
    if (wait) await wait;
  }
  await s.feed(decoder.end(), true);
}

class Scanner {
  private carry = '';
  private line = 1;
  private result: Promise<void> | 'stop' | undefined;
  private readonly rec = new ScanRecord();
  constructor(private readonly h: ScanHandlers) {}

  /** Scans what it can; keeps an unfinished record for the next call. False: stop. */
  async feed(more: string, final: boolean): Promise<boolean> {
    const text = this.carry ? this.carry + more : more;
    const onLine = this.h.onLine;
    let pos = 0;
    let quote = -1; // the next quote at or after pos (text.length: none)
    let turn = SLICE;
    for (;;) {
      if (pos >= text.length) { this.carry = ''; return true; }
      if (pos >= turn) {
        turn = pos + SLICE;
        await new Promise<void>((resolve) => { setImmediate(resolve); });
      }
      if (onLine) {
        if (quote < pos) { quote = text.indexOf('"', pos); if (quote < 0) quote = text.length; }
        const nl = text.indexOf('\n', pos);
        if (nl >= 0 && quote > nl) {
          const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
          if (onLine(text, pos, end, this.line)) { this.line += 1; pos = nl + 1; continue; }
        }
      }
      const next = this.record(text, pos, final);
      if (this.result !== undefined) {
        const result = this.result;
        this.result = undefined;
        if (result === 'stop') return false;
        await result;
      }
      if (next < 0) {
        this.carry = text.slice(pos);
        if (this.carry.length > MAX_RECORD) {
          this.h.onProblem(this.line, `a record longer than ${MAX_RECORD >> 20} MiB: a quote that is never closed?`);
          return false;
        }
        return true;
      }
      pos = next;
    }
  }

  /**
   * Scans one record starting at pos; returns the position after it, or -1 when the text ends first.
   * Plain fields are found with indexOf (native and vectorised), not a loop over characters.
   */
  private record(t: string, pos: number, final: boolean): number {
    const r = this.rec;
    const len = t.length;
    let n = 0;
    let breaks = 0; // line breaks inside quoted fields
    let nl = t.indexOf('\n', pos);
    if (nl < 0) {
      if (!final) return -1;
      nl = len;
    }
    r.anyQuoted = false;
    for (;;) {
      if (n === r.start.length) this.grow();
      if (pos < len && t.charCodeAt(pos) === QUOTE) {
        const q = this.quoted(t, pos, final);
        if (q === null) return -1;
        if (!r.anyQuoted) { r.anyQuoted = true; r.quoted.length = 0; }
        r.quoted[n] = q.value;
        breaks += q.breaks;
        pos = q.end;
        if (pos > nl) {
          nl = t.indexOf('\n', pos);
          if (nl < 0) {
            if (!final) return -1;
            nl = len;
          }
        }
      } else {
        let j = t.indexOf(',', pos);
        if (j < 0 || j > nl) j = nl;
        r.start[n] = pos;
        r.end[n] = j === nl && j > pos && t.charCodeAt(j - 1) === CR ? j - 1 : j;
        if (r.anyQuoted) r.quoted[n] = undefined;
        pos = j;
      }
      n += 1;
      if (pos < nl) {
        const c = t.charCodeAt(pos);
        if (c === COMMA) { pos += 1; continue; }
        if (c === CR && pos + 1 === nl) { pos = nl; } // the CR of a CRLF after a quoted field
      }
      pos = nl + 1;
      break;
    }
    r.count = n;
    r.text = t;
    r.line = this.line;
    this.line += 1 + breaks;
    this.result = this.h.onRecord(r);
    return pos;
  }

  /** A quoted field from its opening quote: its value, the position after it, and its line breaks. */
  private quoted(t: string, open: number, final: boolean): { value: string; end: number; breaks: number } | null {
    const len = t.length;
    let value = '';
    let from = open + 1;
    for (;;) {
      const close = t.indexOf('"', from);
      if (close < 0) {
        if (!final) return null;
        this.h.onProblem(this.line, 'a quoted field is never closed (it runs to the end of the file)');
        value += t.slice(from);
        return { value, end: len, breaks: countBreaks(value) };
      }
      if (close + 1 >= len && !final) return null;
      if (t.charCodeAt(close + 1) === QUOTE) { value += t.slice(from, close + 1); from = close + 2; continue; }
      value += t.slice(from, close);
      let end = close + 1;
      const c = t.charCodeAt(end);
      const clean = end >= len || c === COMMA || c === LF || (c === CR && t.charCodeAt(end + 1) === LF);
      if (!clean) {
        // csv-parse's "Invalid Closing Quote": keep the text up to the delimiter and say where.
        while (end < len) {
          const d = t.charCodeAt(end);
          if (d === COMMA || d === LF) break;
          end += 1;
        }
        if (end >= len && !final) return null;
        if (end < len && t.charCodeAt(end) === LF && t.charCodeAt(end - 1) === CR) end -= 1;
        const after = t.slice(close + 1, end);
        this.h.onProblem(this.line, `text after a closing quote: '"${value.length > 20 ? `…${value.slice(-20)}` : value}"${after}'; a quote inside a quoted field is written twice ("")`);
        value += after;
      }
      return { value, end, breaks: countBreaks(value) };
    }
  }

  private grow(): void {
    const r = this.rec;
    const start = new Int32Array(r.start.length * 2);
    const end = new Int32Array(r.end.length * 2);
    start.set(r.start);
    end.set(r.end);
    r.start = start;
    r.end = end;
  }
}

function countBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n += 1;
  return n;
}
