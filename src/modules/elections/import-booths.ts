// `warroom import booths FILE`: polling-station (Form 20) results, streamed. Rows are read, checked and
// written chunk by chunk inside one transaction; a problem stops the writing (reading goes on, to report
// every problem) and the transaction rolls back, so a bad file leaves nothing behind.
//
// A long file's booths take a fast path (booth-long.ts): a booth whose cells are all plain (whole
// votes, candidates distinct, none blank) is checked and written without a string per cell; any other
// booth goes through the general checks of booth-check.ts, as the wide and turnout layouts do.
import path from 'node:path';
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { indexHeader, openInput } from './csv.ts';
import { scanCsv, type ScanRecord } from './csv-scan.ts';
import { createBoothParties } from './booth-parties.ts';
import { detectBoothLayout, flatRow, wideColumns, wideRow, type BoothLayout, type BoothRow, type WideColumns } from './booth-formats.ts';
import { createBoothChecker, type CheckedHead, type CheckedVote } from './booth-check.ts';
import { Candidates, createLongGrouper, longColumns, type LongBooth } from './booth-long.ts';
import { createBoothWriter } from './booth-writer.ts';
import { electionFromId, loadAcPc, upsertElections, upsertStates, type AcPcEntry, type ElectionInfo } from './geography.ts';
import { loadPartyBook } from './parties.ts';
import { createProblems, createWarnings, ImportRejected, type Problems, type Warnings } from './problems.ts';
import { reconcileBooths } from './reconcile.ts';
import { recordImport, type ImportInput, type ImportSummary } from './summary.ts';

export async function importBooths(db: Executor, input: ImportInput): Promise<ImportSummary> {
  const started = performance.now();
  const fileName = input.fileName ?? path.basename(input.file);
  const problems = createProblems(fileName);
  const warnings = createWarnings();
  const acPc = input.acPc ? await loadAcPc(input.acPc) : undefined;
  return db.transaction().execute(async (tx) => {
    const run = await createRun(tx, input, problems, warnings, acPc);
    const layout = await readBooths(input, problems, run);
    await run.writer.finish();
    if (problems.count) throw new ImportRejected(problems.lines());
    if (run.writer.counts.results) for (const w of await reconcileBooths(tx, run.touched())) warnings.add(w);
    const elections = run.summary();
    const rows = run.writer.counts.results + run.writer.counts.turnout;
    const importId = await recordImport(tx, { kind: 'booths', fileName, format: layout, elections: elections.map((e) => e.id), rows, warnings: warnings.list(), importedBy: input.importedBy });
    return { kind: 'booths', file: fileName, format: layout, rows, elections, booths: run.writer.counts.booths, boothResults: run.writer.counts.results,
      boothTurnout: run.writer.counts.turnout, warnings: warnings.list(), seconds: (performance.now() - started) / 1000, importId } satisfies ImportSummary;
  });
}

type Run = Awaited<ReturnType<typeof createRun>>;

/** Reads the file, detects its layout from its first two records, and hands every booth to the run. */
async function readBooths(input: ImportInput, problems: Problems, run: Run): Promise<BoothLayout> {
  let layout: BoothLayout | undefined;
  let first: string[] | undefined;
  let header: Map<string, number> | undefined;
  let wide: WideColumns | undefined;
  let long: ReturnType<typeof createLongGrouper> | undefined;
  let failed = false;
  const onBytes = (done: number, total: number) => input.onProgress?.({ phase: 'booths', done, total });
  const detect = (rec: ScanRecord): 'stop' | 'header' | undefined => {
    const found = detectBoothLayout(first!, rec.fields(), input.format);
    if ('error' in found) { problems.add(1, 'header', found.error); failed = true; return 'stop'; }
    layout = found.layout;
    const headerFields = found.headerRow === 0 ? first! : rec.fields();
    header = indexHeader(headerFields);
    if (layout === 'wide') {
      const cols = wideColumns(headerFields, found.headerRow === 1 ? first : undefined);
      if (typeof cols === 'string') { problems.add(rec.line, 'header', cols); failed = true; return 'stop'; }
      const odd = cols.candidates.find((c) => c.seq < 1 || c.seq > 32_767);
      if (odd) { problems.add(rec.line, 'header', `candidate columns are numbered from 1: '${odd.seq} - ${odd.name}'`); failed = true; return 'stop'; }
      wide = cols;
    }
    if (layout === 'long') long = createLongGrouper(longColumns(header), run.candidates, (b) => run.handleLong(b));
    return found.headerRow === 1 ? 'header' : undefined;
  };
  await scanCsv(await openInput(input.file, { onBytes }), {
    onRecord(rec) {
      if (rec.count === 1 && rec.get(0) === '') return undefined; // a blank line
      if (!layout) {
        if (!first) { first = rec.fields(); return undefined; }
        const d = detect(rec);
        if (d) return d === 'stop' ? 'stop' : undefined;
      }
      if (layout === 'long') return long!.add(rec);
      return run.handle(layout === 'wide' ? wideRow(rec.fields(), rec.line, wide!) : flatRow(rec.fields(), rec.line, header!, layout!));
    },
    onLine: (text, start, end, line) => long !== undefined && long.line(text, start, end, line),
    onProblem: (line, message) => problems.add(line, 'csv', message),
    afterBlock: () => run.writer.backpressure(),
  });
  if (failed) return layout ?? 'long';
  if (!layout && first) {
    const found = detectBoothLayout(first, undefined, input.format);
    if ('error' in found) problems.add(1, 'header', found.error);
    return 'error' in found ? 'long' : found.layout;
  }
  if (!first) problems.add(1, 'header', 'the file is empty');
  await long?.end();
  return layout ?? 'long';
}

interface Touched { electionId: string; stateCode: string; house: 'LS' | 'AE'; era: number; acs: Set<number> }

/** What an AC needs while its booths are written: its seat for party lookups, its candidates' seqs. */
interface AcContext {
  head: CheckedHead; era: number; seat: number | null;
  /** seq by `candidate \0 party \0 occurrence`, as the AC's candidates first appear. */
  seqs: Map<string, number>;
  /** A long file's candidate id → its seq and party in this AC (their first occurrence in a booth). */
  byId: Map<number, { seq: number; party: string | null }>;
  /** A wide file's candidate columns already listed in booth_candidates. */
  columns: Set<number>;
}

async function createRun(db: Executor, input: ImportInput, problems: Problems, warnings: Warnings, acPc?: Map<string, AcPcEntry>) {
  const parties = createBoothParties(db, await loadPartyBook(db), warnings);
  const writer = createBoothWriter(db, warnings, { isStopped: () => problems.count > 0 });
  const defaults = { election: input.elections?.[0]?.toUpperCase(), state: input.state, ac: input.acNo ?? numberInName(input.file) };
  const checker = createBoothChecker(defaults, problems, warnings);
  const candidates = new Candidates();
  const elections = new Map<string, ElectionInfo>();
  const touched = new Map<string, Touched>();
  const acs = new Map<string, AcContext>();
  const led = new Map<string, Map<string, number>>();
  const stamps: number[] = [];
  let booth = 0;

  /** The first booth of an (election, state) and of an AC: the database lookups, then the AC's context. */
  async function prepare(b: CheckedHead, row: BoothRow): Promise<AcContext> {
    const tKey = `${b.electionId}|${b.stateCode}`;
    let t = touched.get(tKey);
    if (!t) {
      let e = elections.get(b.electionId);
      if (!e) {
        e = await existingOrNew(db, b.electionId, b.stateCode);
        elections.set(b.electionId, e);
      }
      // Two imports of one state wait for each other rather than fight over its ACs' rows.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`warroom booths ${b.stateCode}`}, 0))`.execute(db);
      await upsertStates(db, [b.stateCode]);
      await parties.prepare(b.electionId, b.stateCode);
      await writer.load(b.electionId, b.stateCode, e.era);
      t = { electionId: b.electionId, stateCode: b.stateCode, house: e.house, era: e.era, acs: new Set() };
      touched.set(tKey, t);
    }
    t.acs.add(b.acNo);
    const ref = acPc?.get(`${b.stateCode}/${b.acNo}`);
    const pcNo = Number(row.pc) || ref?.pcNo || null;
    const storedOrFile = pcNo ?? await storedPc(db, b.stateCode, t.era, b.acNo);
    writer.prepareAc(b.electionId, { stateCode: b.stateCode, house: 'AE', era: t.era, no: b.acNo, name: row.acName || ref?.acName || null, reservation: ref?.acReservation ?? null, pcNo });
    const ctx: AcContext = { head: b, era: t.era, seat: t.house === 'LS' ? storedOrFile ?? null : b.acNo, seqs: new Map(), byId: new Map(), columns: new Set() };
    acs.set(b.acKey, ctx);
    return ctx;
  }

  const withContext = (b: CheckedHead, row: BoothRow, then: (ctx: AcContext) => void): Promise<void> | undefined => {
    const ctx = acs.get(b.acKey);
    if (ctx) { then(ctx); return undefined; }
    return prepare(b, row).then(then);
  };

  /** A candidate's seq in the AC: in order of first appearance, one per name, party and occurrence. */
  const seqOf = (ctx: AcContext, candidate: string, party: string | null, key: string): number => {
    let s = ctx.seqs.get(key);
    if (s === undefined) {
      s = ctx.seqs.size + 1;
      ctx.seqs.set(key, s);
      writer.addCandidate({ electionId: ctx.head.electionId, stateCode: ctx.head.stateCode, acNo: ctx.head.acNo, seq: s, candidate, party });
    }
    return s;
  };

  const write = (ctx: AcContext, b: CheckedHead, bySeq: (number | null)[], results: number) => {
    writer.add({ electionId: b.electionId, stateCode: b.stateCode, era: ctx.era, acNo: b.acNo, partNo: b.partNo, partName: b.partName,
      electors: b.electors, voters: b.voters, votes: results ? voteArray(bySeq) : null, results });
  };

  /** Votes through the general checks (any layout): party and seq per vote, then written. */
  const writeChecked = (ctx: AcContext, b: CheckedHead, votes: CheckedVote[]) => {
    const bySeq: (number | null)[] = [];
    let top: { party: string | null; votes: number } | undefined;
    for (const v of votes) {
      const party = parties.resolve(b.electionId, b.stateCode, ctx.seat, v.candidate, v.partyRaw);
      const seq = v.seq === undefined ? seqOf(ctx, v.candidate, party, `${v.candidate}\u0000${party ?? v.partyRaw}\u0000${v.occurrence}`) : columnSeq(ctx, v.seq, v.candidate, party);
      if (bySeq[seq - 1] != null) {
        // Two spellings of one party (a code and its full name) for one candidate in one booth.
        problems.add(v.line ?? 0, 'candidate', `${v.candidate} (${party ?? (v.partyRaw || 'no party')}) has two rows in this booth; keep one row per candidate`);
        return;
      }
      bySeq[seq - 1] = v.votes;
      if (party !== 'NOTA' && (!top || v.votes > top.votes)) top = { party, votes: v.votes };
    }
    countLeader(led, b.electionId, top);
    write(ctx, b, bySeq, votes.length);
  };

  /** A wide file's candidate column: its number is the seq. */
  const columnSeq = (ctx: AcContext, seq: number, candidate: string, party: string | null): number => {
    if (!ctx.columns.has(seq)) {
      ctx.columns.add(seq);
      writer.addCandidate({ electionId: ctx.head.electionId, stateCode: ctx.head.stateCode, acNo: ctx.head.acNo, seq, candidate, party });
    }
    return seq;
  };

  /** A long booth whose every row is plain: no blanks, no odd numbers, no blank or repeated candidate. */
  const isPlain = (lb: LongBooth): boolean => {
    booth += 1;
    for (let j = 0; j < lb.n; j += 1) {
      const id = lb.cand[j];
      const f = candidates.folded[id];
      if (lb.votes[j] < 0 || stamps[f] === booth || candidates.names[id] === '') return false;
      stamps[f] = booth;
    }
    return true;
  };

  /** The fast path's equivalent of writeChecked, with party and seq remembered per candidate id. */
  let scratch = new Int32Array(64); // a plain booth's votes by seq (-1: none)
  const writePlain = (ctx: AcContext, b: CheckedHead, lb: LongBooth) => {
    let [topParty, topVotes, seqs] = [null as string | null, -1, 0];
    for (let j = 0; j < lb.n; j += 1) {
      const id = lb.cand[j];
      let c = ctx.byId.get(id);
      if (!c) {
        const [name, partyRaw] = [candidates.names[id], candidates.parties[id]];
        const party = parties.resolve(b.electionId, b.stateCode, ctx.seat, name, partyRaw);
        c = { seq: seqOf(ctx, name, party, `${name}\u0000${party ?? partyRaw}\u00000`), party };
        ctx.byId.set(id, c);
      }
      while (c.seq > scratch.length) { const wider = new Int32Array(scratch.length * 2); wider.set(scratch); scratch = wider; }
      for (; seqs < c.seq; seqs += 1) scratch[seqs] = -1;
      if (scratch[c.seq - 1] >= 0) { writeChecked(ctx, b, lb.plainVotes(candidates)); return; } // two spellings of one candidate
      const v = lb.votes[j];
      scratch[c.seq - 1] = v;
      if (c.party !== 'NOTA' && v > topVotes) [topParty, topVotes] = [c.party, v];
    }
    countLeader(led, b.electionId, topVotes < 0 ? undefined : { party: topParty, votes: topVotes });
    const votes = scratch.subarray(0, seqs);
    writer.add({ electionId: b.electionId, stateCode: b.stateCode, era: ctx.era, acNo: b.acNo, partNo: b.partNo, partName: b.partName,
      electors: b.electors, voters: b.voters, votes: votes.includes(-1) ? voteArray(Array.from(votes, (v) => (v < 0 ? null : v))) : `{${votes.join(',')}}`, results: lb.n });
  };

  return {
    writer,
    candidates,
    touched: () => [...touched.values()],
    /** A wide or turnout row, or a long booth that is not plain. */
    handle(row: BoothRow): Promise<void> | undefined {
      const b = checker.head(row);
      if (!b) return undefined;
      const votes = checker.votes(row);
      if (!votes) return undefined;
      return withContext(b, row, (ctx) => writeChecked(ctx, b, votes));
    },
    handleLong(lb: LongBooth): Promise<void> | undefined {
      if (!isPlain(lb)) return this.handle(lb.rows(candidates));
      const b = checker.head(lb.head);
      if (!b) return undefined;
      return withContext(b, lb.head, (ctx) => writePlain(ctx, b, lb));
    },
    summary: () => [...led].map(([id, m]) => ({
      id, seats: [...touched.values()].filter((t) => t.electionId === id).reduce((a, t) => a + t.acs.size, 0),
      winners: [...m].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([party, n]) => ({ party, seats: n })),
    })).concat([...elections.keys()].filter((id) => !led.has(id)).map((id) => ({ id, seats: [...touched.values()].filter((t) => t.electionId === id).reduce((a, t) => a + t.acs.size, 0), winners: [] }))),
  };
}

/** '{12,NULL,7}': votes by seq, NULL where the booth has none for that seq. */
function voteArray(bySeq: (number | null)[]): string {
  for (let i = 0; i < bySeq.length; i += 1) if (bySeq[i] == null) return `{${Array.from(bySeq, (v) => v ?? 'NULL').join(',')}}`;
  return `{${bySeq.join(',')}}`;
}

/** Booths led per party: the summary's "winners" for a booth file. */
function countLeader(led: Map<string, Map<string, number>>, electionId: string, top: { party: string | null; votes: number } | undefined): void {
  if (!top || top.votes === 0) return;
  const m = led.get(electionId) ?? new Map<string, number>();
  const party = top.party ?? '(blank)';
  m.set(party, (m.get(party) ?? 0) + 1);
  led.set(electionId, m);
}

async function existingOrNew(db: Executor, id: string, stateCode: string): Promise<ElectionInfo> {
  const row = await db.selectFrom('elections').select(['id', 'house', 'state_code', 'year', 'era']).where('id', '=', id).executeTakeFirst();
  if (row) return { id, house: row.house, stateCode: row.state_code, year: row.year, era: row.era };
  const e = electionFromId(id, stateCode)!;
  await upsertStates(db, [stateCode]);
  await upsertElections(db, [e]);
  return e;
}

async function storedPc(db: Executor, stateCode: string, era: number, acNo: number): Promise<number | null> {
  const row = await db.selectFrom('constituencies').select('pc_no').where('state_code', '=', stateCode).where('house', '=', 'AE')
    .where('era', '=', era).where('no', '=', acNo).executeTakeFirst();
  return row?.pc_no ?? null;
}

/** One-AC Form 20 downloads are named by the AC (…/form20_by_ac/024.csv). */
function numberInName(file: string): number | undefined {
  const m = /(\d+)\.csv(\.gz)?$/i.exec(path.basename(file));
  return m ? Number(m[1]) : undefined;
}
