// `warroom import booths FILE`: polling-station (Form 20) results, streamed. Rows are read, checked and
// written chunk by chunk inside one transaction; a problem stops the writing (reading goes on, to report
// every problem) and the transaction rolls back, so a bad file leaves nothing behind.
import path from 'node:path';
import type { Executor } from '../../db/open.ts';
import { indexHeader, readCsv } from './csv.ts';
import { createBoothParties } from './booth-parties.ts';
import { boothKey, detectBoothLayout, flatRow, wideColumns, wideRow, type BoothLayout, type BoothRow, type WideColumns } from './booth-formats.ts';
import { checkBooth, type CheckedBooth } from './booth-check.ts';
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
    const layout = await streamBooths(input, problems, (row) => run.handle(row));
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

type OnRow = (row: BoothRow) => Promise<void> | undefined;

/** Reads the file, detects its layout, and hands over one BoothRow per booth (long rows grouped). */
async function streamBooths(input: ImportInput, problems: Problems, onRow: OnRow): Promise<BoothLayout> {
  let layout: BoothLayout | undefined;
  let first: string[] | undefined;
  let header: Map<string, number> | undefined;
  let wide: WideColumns | undefined;
  let current: BoothRow | undefined;
  const onBytes = (done: number, total: number) => input.onProgress?.({ phase: 'booths', done, total });
  const emit = async (row: BoothRow | undefined) => { if (row) await onRow(row); };
  for await (const batch of readCsv(input.file, { onBytes })) {
    for (const rec of batch) {
      if (!layout) {
        if (!first) { first = rec.fields; continue; }
        const found = detectBoothLayout(first, rec.fields, input.format);
        if ('error' in found) { problems.add(1, 'header', found.error); return 'long'; }
        layout = found.layout;
        const headerFields = found.headerRow === 0 ? first : rec.fields;
        header = indexHeader(headerFields);
        if (layout === 'wide') {
          const cols = wideColumns(headerFields, found.headerRow === 1 ? first : undefined);
          if (typeof cols === 'string') { problems.add(rec.line, 'header', cols); return layout; }
          wide = cols;
        }
        if (found.headerRow === 1) continue; // this record was the header
      }
      if (layout === 'wide') { await emit(wideRow(rec.fields, rec.line, wide!)); continue; }
      const row = flatRow(rec.fields, rec.line, header!, layout);
      if (layout === 'long' && current && boothKey(current) === boothKey(row)) { current.votes.push(...row.votes); continue; }
      await emit(current);
      current = row;
    }
  }
  if (!layout && first) {
    const found = detectBoothLayout(first, undefined, input.format);
    if ('error' in found) problems.add(1, 'header', found.error);
    return 'error' in found ? 'long' : found.layout;
  }
  if (!first) problems.add(1, 'header', 'the file is empty');
  await emit(current);
  return layout ?? 'long';
}

interface Touched { electionId: string; stateCode: string; house: 'LS' | 'AE'; era: number; acs: Set<number> }

async function createRun(db: Executor, input: ImportInput, problems: Problems, warnings: Warnings, acPc?: Map<string, AcPcEntry>) {
  const parties = createBoothParties(db, await loadPartyBook(db), warnings);
  const writer = createBoothWriter(db, warnings, { isStopped: () => problems.count > 0 });
  const elections = new Map<string, ElectionInfo>();
  const touched = new Map<string, Touched>();
  const seenBooths = new Map<string, number>();
  const seqs = new Map<string, Map<string, number>>();
  const pcOf = new Map<string, number | null>();
  const led = new Map<string, Map<string, number>>();
  const defaults = { election: input.elections?.[0]?.toUpperCase(), state: input.state, ac: input.acNo ?? numberInName(input.file) };

  async function prepare(b: CheckedBooth, row: BoothRow): Promise<Touched> {
    const tKey = `${b.electionId}|${b.stateCode}`;
    let t = touched.get(tKey);
    if (!t) {
      let e = elections.get(b.electionId);
      if (!e) {
        e = await existingOrNew(db, b.electionId, b.stateCode);
        elections.set(b.electionId, e);
      }
      await upsertStates(db, [b.stateCode]);
      await parties.prepare(b.electionId, b.stateCode);
      t = { electionId: b.electionId, stateCode: b.stateCode, house: e.house, era: e.era, acs: new Set() };
      touched.set(tKey, t);
    }
    if (!t.acs.has(b.acNo)) {
      t.acs.add(b.acNo);
      const ref = acPc?.get(`${b.stateCode}/${b.acNo}`);
      const pcNo = Number(row.pc) || ref?.pcNo || null;
      pcOf.set(`${b.stateCode}/${b.acNo}`, pcNo ?? await storedPc(db, b.stateCode, t.era, b.acNo));
      writer.prepareAc(b.electionId, { stateCode: b.stateCode, house: 'AE', era: t.era, no: b.acNo, name: row.acName || ref?.acName || null, reservation: ref?.acReservation ?? null, pcNo });
    }
    return t;
  }

  return {
    writer,
    touched: () => [...touched.values()],
    async handle(row: BoothRow): Promise<void> {
      const b = checkBooth(row, defaults, problems, warnings, seenBooths);
      if (!b) return;
      const t = await prepare(b, row);
      const seat = t.house === 'LS' ? pcOf.get(`${b.stateCode}/${b.acNo}`) ?? null : b.acNo;
      const acSeqs = seqs.get(`${b.electionId}|${b.stateCode}|${b.acNo}`) ?? new Map<string, number>();
      seqs.set(`${b.electionId}|${b.stateCode}|${b.acNo}`, acSeqs);
      // A candidate keeps one seq across the AC's booths, however the file spells the party.
      const votes = b.votes.map((v) => {
        const party = parties.resolve(b.electionId, b.stateCode, seat, v.candidate, v.partyRaw);
        return { seq: v.seq ?? seqFor(acSeqs, `${v.candidate}\u0000${party ?? v.partyRaw}\u0000${v.occurrence}`), candidate: v.candidate, party, votes: v.votes };
      });
      countLeader(led, b.electionId, votes);
      return writer.add({ electionId: b.electionId, stateCode: b.stateCode, era: t.era, acNo: b.acNo, partNo: b.partNo, partName: b.partName, electors: b.electors, voters: b.voters, votes });
    },
    summary: () => [...led].map(([id, m]) => ({
      id, seats: [...touched.values()].filter((t) => t.electionId === id).reduce((a, t) => a + t.acs.size, 0),
      winners: [...m].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([party, n]) => ({ party, seats: n })),
    })).concat([...elections.keys()].filter((id) => !led.has(id)).map((id) => ({ id, seats: [...touched.values()].filter((t) => t.electionId === id).reduce((a, t) => a + t.acs.size, 0), winners: [] }))),
  };
}

function seqFor(map: Map<string, number>, key: string): number {
  let s = map.get(key);
  if (s === undefined) { s = map.size + 1; map.set(key, s); }
  return s;
}

/** Booths led per party: the summary's "winners" for a booth file. */
function countLeader(led: Map<string, Map<string, number>>, electionId: string, votes: { party: string | null; votes: number; candidate: string }[]): void {
  let top: (typeof votes)[number] | undefined;
  for (const v of votes) if (v.party !== 'NOTA' && (!top || v.votes > top.votes)) top = v;
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
