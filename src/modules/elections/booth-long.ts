// The long layout's rows gathered into booths without a string per cell. A booth's rows are
// recognised by comparing each row's election, state, AC and part cells with the booth's own (as
// boothKey does), and a row's candidate by comparing its cells with the candidate at the same place in
// the previous booth: in a Form 20 file they repeat in the same order for every booth of an AC. Only a
// new booth or an unexpected candidate makes strings. Votes that are plain digits are read as numbers.
import { detach, type ScanRecord } from './csv-scan.ts';
import type { BoothRow, BoothVote } from './booth-formats.ts';

/** The column of each field a long row can have (-1: absent), found by flatRow's names. */
export interface LongColumns {
  election: number; state: number; ac: number; part: number; partName: number; pc: number; acName: number;
  electors: number; voters: number; candidate: number; party: number; votes: number;
}

export function longColumns(h: Map<string, number>): LongColumns {
  const col = (...names: string[]) => { for (const n of names) { const i = h.get(n); if (i !== undefined) return i; } return -1; };
  return {
    election: col('election_id'), state: col('state_code', 'state'), ac: col('ac_no', 'ac'), part: col('part_no', 'booth_no', 'booth', 'ps_no', 'part'),
    partName: col('part_name', 'polling_station_name'), pc: col('pc_no', 'pc'), acName: col('ac_name'),
    electors: col('electors_total', 'electors', 'total_electors'), voters: col('voters_total', 'voters', 'total_voters'),
    candidate: col('candidate'), party: col('party'), votes: col('votes'),
  };
}

/** Every (candidate, party as written) pair of the file, numbered in order of appearance. */
export class Candidates {
  readonly names: string[] = [];
  readonly parties: string[] = [];
  /** The same number for pairs equal without regard to case: the duplicate-row check's notion. */
  readonly folded: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly foldedIds = new Map<string, number>();

  id(cut: string, cutParty: string): number {
    let id = this.ids.get(`${cut}\u0000${cutParty}`);
    if (id === undefined) {
      const [name, party] = [detach(cut), detach(cutParty)]; // kept for the whole import (keys included)
      id = this.names.length;
      this.ids.set(`${name}\u0000${party}`, id);
      this.names.push(name);
      this.parties.push(party);
      const upper = `${name.toUpperCase()}\u0000${party.toUpperCase()}`;
      let f = this.foldedIds.get(upper);
      if (f === undefined) this.foldedIds.set(upper, (f = this.foldedIds.size));
      this.folded.push(f);
    }
    return id;
  }
}

/** One booth's rows. Reused: valid until the booth after next is complete. */
export class LongBooth {
  head: BoothRow = emptyHead();
  n = 0;
  /** Per row: the candidate's id, its votes (-1 blank, -2 not plain digits: see text), its line. */
  cand = new Int32Array(64);
  votes = new Int32Array(64);
  lines = new Int32Array(64);
  text: (string | undefined)[] = [];

  push(cand: number, votes: number, text: string | undefined, line: number): void {
    if (this.n === this.cand.length) this.grow();
    this.cand[this.n] = cand;
    this.votes[this.n] = votes;
    this.lines[this.n] = line;
    if (votes === -2) this.text[this.n] = text;
    this.n += 1;
  }

  /** The rows as the general checks read them (a booth that is not simple: blanks, repeats, odd numbers). */
  rows(c: Candidates): BoothRow {
    const votes: BoothVote[] = [];
    for (let j = 0; j < this.n; j += 1) {
      const v = this.votes[j];
      const id = this.cand[j];
      votes.push({ line: this.lines[j], candidate: c.names[id], partyRaw: c.parties[id], votes: v >= 0 ? String(v) : v === -1 ? '' : this.text[j]! });
    }
    return { ...this.head, votes };
  }

  /** A plain booth's votes as the general checks would return them: in row order, first occurrences. */
  plainVotes(c: Candidates): { candidate: string; partyRaw: string; votes: number; occurrence: number; line: number }[] {
    const out = [];
    for (let j = 0; j < this.n; j += 1) out.push({ candidate: c.names[this.cand[j]], partyRaw: c.parties[this.cand[j]], votes: this.votes[j], occurrence: 0, line: this.lines[j] });
    return out;
  }

  private grow(): void {
    const size = this.cand.length * 2;
    for (const k of ['cand', 'votes', 'lines'] as const) { const a = new Int32Array(size); a.set(this[k]); this[k] = a; }
  }
}

function emptyHead(): BoothRow {
  return { line: 0, election: '', state: '', ac: '', part: '', partName: '', pc: '', acName: '', electors: '', voters: '', total: '', votes: [] };
}

/**
 * Feeds long rows in; calls onBooth with each booth once its last row has been seen (and at end()).
 * What onBooth returns (a promise when it must wait for the database) is returned to the scanner.
 */
export function createLongGrouper(cols: LongColumns, candidates: Candidates, onBooth: (b: LongBooth) => Promise<void> | undefined) {
  const buffers = [new LongBooth(), new LongBooth()];
  let current: LongBooth | undefined;
  let previous: LongBooth | undefined;
  // Most rows repeat their booth's first row from the start of the line to the last key column, and
  // their candidate's first row from its candidate cell to its party cell: one comparison each. (A
  // slice compared with === is several times faster in V8 than startsWith at an offset.)
  const keyEnd = Math.max(cols.election, cols.state, cols.ac, cols.part);
  const [candFrom, candTo] = cols.party === cols.candidate + 1 ? [cols.candidate, cols.party] : [-1, -1];
  let keySpan: string | null = null;
  const spans: (string | null)[] = []; // candidate id → its candidate..party text, as first seen
  const sameKey = (r: ScanRecord, h: BoothRow) => {
    if (keySpan !== null && span(r, 0, keyEnd) === keySpan.length && r.text.slice(r.start[0], r.end[keyEnd]) === keySpan) return true;
    return r.is(cols.part, h.part) && r.is(cols.ac, h.ac) && r.is(cols.state, h.state) && r.is(cols.election, h.election);
  };
  const candidateOf = (r: ScanRecord, j: number): number => {
    const expected = previous && j < previous.n ? previous.cand[j] : -1;
    if (expected >= 0) {
      const known = spans[expected];
      if (known != null && span(r, candFrom, candTo) === known.length && r.text.slice(r.start[candFrom], r.end[candTo]) === known) return expected;
      if (r.is(cols.candidate, candidates.names[expected]) && r.is(cols.party, candidates.parties[expected])) return expected;
    }
    const id = candidates.id(r.get(cols.candidate), r.get(cols.party));
    if (spans[id] === undefined) spans[id] = span(r, candFrom, candTo) >= 0 ? detach(r.text.slice(r.start[candFrom], r.end[candTo])) : null;
    return id;
  };
  // A row of the current booth, seen as a line: its key span, then the cells up to the last column read.
  const last = Math.max(cols.candidate, cols.party, cols.votes);
  const lineFast = candFrom > keyEnd && cols.votes > keyEnd;
  const adjacent = candFrom === keyEnd + 1 && cols.votes === candTo + 1;
  const from = new Int32Array(last + 1);
  const to = new Int32Array(last + 1);
  const line = (t: string, a: number, b: number, lineNo: number): boolean => {
    const cur = current;
    if (!lineFast || !cur || keySpan === null || !previous || cur.n >= previous.n) return false;
    const k = keySpan.length;
    if (b - a <= k || t.charCodeAt(a + k) !== 44 || t.slice(a, a + k) !== keySpan) return false;
    const expected = previous.cand[cur.n];
    const known = spans[expected];
    if (known == null) return false;
    if (adjacent) {
      // key…, candidate, party, votes: the common Form 20 layout, read with no search for commas.
      const c = a + k + 1;
      const v = c + known.length + 1;
      if (v > b || t.charCodeAt(v - 1) !== 44 || t.slice(c, v - 1) !== known) return false;
      const n = digits(t, v, b);
      if (n < 0) return false;
      cur.push(expected, n, undefined, lineNo);
      return true;
    }
    let p = a + k + 1;
    for (let i = keyEnd + 1; i <= last; i += 1) {
      let e = t.indexOf(',', p);
      if (e < 0 || e > b) { if (i < last) return false; e = b; }
      from[i] = p;
      to[i] = e;
      p = e + 1;
    }
    if (to[candTo] - from[candFrom] !== known.length || t.slice(from[candFrom], to[candTo]) !== known) return false;
    const v = digits(t, from[cols.votes], to[cols.votes]);
    if (v < 0) return false;
    cur.push(expected, v, undefined, lineNo);
    return true;
  };
  const addRow = (b: LongBooth, r: ScanRecord) => {
    const v = r.int(cols.votes);
    b.push(candidateOf(r, b.n), v, v === -2 ? r.get(cols.votes) : undefined, r.line);
  };
  return {
    /** A line the scanner offers first (no quotes in it): consumed when it is a plain row of the current booth. */
    line,
    add(r: ScanRecord): Promise<void> | undefined {
      if (current && sameKey(r, current.head)) { addRow(current, r); return undefined; }
      const done = current;
      if (done) previous = done;
      const b = buffers[0] === done ? buffers[1] : buffers[0];
      b.n = 0;
      b.head = {
        line: r.line, election: r.get(cols.election), state: r.get(cols.state), ac: r.get(cols.ac), part: r.get(cols.part),
        partName: r.get(cols.partName), pc: r.get(cols.pc), acName: r.get(cols.acName), electors: r.get(cols.electors),
        voters: r.get(cols.voters), total: '', votes: [],
      };
      keySpan = span(r, 0, keyEnd) >= 0 ? r.text.slice(r.start[0], r.end[keyEnd]) : null;
      current = b;
      addRow(b, r);
      return done ? onBooth(done) : undefined;
    },
    end(): Promise<void> | undefined {
      const done = current;
      current = undefined;
      return done ? onBooth(done) : undefined;
    },
  };
}

/**
 * The length of the record's text from field a to field b when all of them are plain (unquoted) and
 * present, else -1 (the caller compares field by field).
 */
function span(r: ScanRecord, a: number, b: number): number {
  if (a < 0 || b >= r.count) return -1;
  if (r.anyQuoted) for (let i = a; i <= b; i += 1) if (r.quoted[i] !== undefined) return -1;
  return r.end[b] - r.start[a];
}

/** Plain digits in t[a, b) as a number (at most 10 digits and 2,000,000,000), else -1. */
function digits(t: string, a: number, b: number): number {
  if (a >= b || b - a > 10) return -1;
  let n = 0;
  for (let j = a; j < b; j += 1) {
    const d = t.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n > 2_000_000_000 ? -1 : n;
}
