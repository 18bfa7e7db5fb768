// `warroom import results FILE`: constituency × candidate results from a TCPD, normalised or canonical
// CSV. The file is read and checked in full first (results files are small: the TCPD file of every
// general election since 1962 is 91,669 rows), then written in one transaction, replacing the
// results each (election, state) in the file had before.
import path from 'node:path';
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { indexHeader, readCsv } from './csv.ts';
import { detectResultsFormat, mapResultRow, type ResultRow, type ResultsFormat } from './formats.ts';
import { loadAcPc, upsertElections, upsertSeats, upsertStates, type AcPcEntry, type ElectionInfo } from './geography.ts';
import { loadPartyBook, upsertParties, type PartyBook } from './parties.ts';
import { createProblems, createWarnings, ImportRejected, type Problems, type Warnings } from './problems.ts';
import { checkSeat, type Seat } from './seats-check.ts';
import { currentSeat } from './reorganisations.ts';
import { stateCodeFor } from './states.ts';
import { recordImport, type ImportInput, type ImportSummary, type ElectionSummary } from './summary.ts';

export async function importResults(db: Executor, input: ImportInput): Promise<ImportSummary> {
  const started = performance.now();
  const fileName = input.fileName ?? path.basename(input.file);
  const problems = createProblems(fileName);
  const warnings = createWarnings();
  const read = await readResults(input, problems);
  const seats = groupSeats(read.rows);
  for (const seat of seats) checkSeat(seat, problems);
  if (!problems.count && !seats.length) problems.add(1, 'election_id', input.elections?.length ? `no rows of ${input.elections.join(', ')} in the file` : 'no result rows in the file');
  if (problems.count) throw new ImportRejected(problems.lines());
  for (const [election, notes] of read.moved) warnings.add(`${election}: seats renumbered into today's frame: ${[...notes].join('; ')}`);
  const acPc = input.acPc ? await loadAcPc(input.acPc) : undefined;
  input.onProgress?.({ phase: 'writing', done: 0, total: seats.length });
  const out = await db.transaction().execute(async (tx) => {
    const parties = await loadPartyBook(tx);
    await writeGeography(tx, seats, acPc, warnings);
    const rows = await writeResults(tx, seats, parties, (done) => input.onProgress?.({ phase: 'writing', done, total: seats.length }));
    const elections = summarise(seats, parties);
    const importId = await recordImport(tx, { kind: 'results', fileName, format: read.format, elections: elections.map((e) => e.id), rows, warnings: warnings.list(), importedBy: input.importedBy });
    return { rows, elections, importId };
  });
  return { kind: 'results', file: fileName, format: read.format, ...out, warnings: warnings.list(), seconds: (performance.now() - started) / 1000 };
}

/** A seat a reorganisation moved is stored under today's state and number (reorganisations.ts). */
function toCurrentFrame(row: ResultRow, moved: Map<string, Set<string>>): ResultRow {
  const to = currentSeat(row.house, row.year, row.era, row.stateCode, row.no);
  if (!to) return row;
  const seen = moved.get(row.electionId) ?? new Set<string>();
  seen.add(to.about);
  moved.set(row.electionId, seen);
  return { ...row, stateCode: to.stateCode, no: to.no };
}

async function readResults(input: ImportInput, problems: Problems): Promise<{ format: ResultsFormat; rows: ResultRow[]; moved: Map<string, Set<string>> }> {
  let header: Map<string, number> | undefined;
  let format: ResultsFormat | undefined;
  const rows: ResultRow[] = [];
  const moved = new Map<string, Set<string>>();
  const wanted = input.elections?.length ? new Set(input.elections.map((e) => e.toUpperCase())) : undefined;
  const fallbackState = input.state ? stateCodeFor(input.state) : undefined;
  const onBytes = (done: number, total: number) => input.onProgress?.({ phase: 'reading', done, total });
  for await (const batch of readCsv(input.file, { onBytes })) {
    for (const rec of batch) {
      if (!header) {
        header = indexHeader(rec.fields);
        const detected = detectResultsFormat(header, input.format);
        if ('error' in detected) { problems.add(rec.line, 'header', detected.error); return { format: 'canonical', rows, moved }; }
        format = detected.format;
        continue;
      }
      const row = mapResultRow(format!, rec.fields, header, { line: rec.line, problems, fallbackState });
      if (row && (!wanted || wanted.has(row.electionId))) rows.push(toCurrentFrame(row, moved));
    }
  }
  if (!header) problems.add(1, 'header', 'the file is empty');
  return { format: format ?? 'canonical', rows, moved };
}

function groupSeats(rows: ResultRow[]): Seat[] {
  const seats = new Map<string, Seat>();
  for (const r of rows) {
    const key = `${r.electionId}|${r.stateCode}|${r.no}`;
    let seat = seats.get(key);
    if (!seat) { seat = { first: r, rows: [], ordered: [] }; seats.set(key, seat); }
    seat.rows.push(r);
  }
  return [...seats.values()];
}

async function writeGeography(db: Executor, seats: Seat[], acPc: Map<string, AcPcEntry> | undefined, warnings: Warnings): Promise<void> {
  await upsertStates(db, seats.map((s) => s.first.stateCode));
  const elections = new Map<string, ElectionInfo>();
  for (const { first: f } of seats) {
    elections.set(f.electionId, { id: f.electionId, house: f.house, stateCode: f.house === 'AE' ? f.stateCode : null, year: f.year, era: f.era });
  }
  await upsertElections(db, [...elections.values()]);
  const pairs = [...new Set(seats.map((s) => `${s.first.electionId}|${s.first.stateCode}`))].map((p) => p.split('|'));
  // Replace, never duplicate: what this file holds for an (election, state) is the whole of it.
  const [ids, states] = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  for (const table of ['results', 'constituency_turnout'] as const) {
    await sql`delete from ${sql.table(table)} where (election_id, state_code) in (select * from unnest(${ids}::text[], ${states}::text[]))`.execute(db);
  }
  await upsertSeats(db, seats.map(({ first: f }) => ({
    stateCode: f.stateCode, house: f.house, era: f.era, no: f.no, name: f.name, reservation: f.reservation, year: f.year,
    pcNo: f.house === 'AE' ? f.pcNo ?? acPc?.get(`${f.stateCode}/${f.no}`)?.pcNo ?? null : null,
  })), warnings);
}

async function writeResults(db: Executor, seats: Seat[], parties: PartyBook, onSeats: (done: number) => void): Promise<number> {
  let rows = 0;
  const codes = new Set<string>();
  for (let i = 0; i < seats.length; i += 500) {
    const chunk = seats.slice(i, i + 500);
    const r = chunk.flatMap((s) => s.ordered.map((o, k) => ({ ...o, seq: k + 1, code: parties.fold(o.row.partyRaw) })));
    r.forEach((x) => { if (x.code) codes.add(x.code); });
    await sql`insert into results (election_id, state_code, constituency_no, seq, candidate, party_code, party_raw, sex, votes, position)
      select * from unnest(${r.map((x) => x.row.electionId)}::text[], ${r.map((x) => x.row.stateCode)}::text[], ${r.map((x) => x.row.no)}::int[],
        ${r.map((x) => x.seq)}::int[], ${r.map((x) => x.row.candidate)}::text[], ${r.map((x) => x.code)}::text[], ${r.map((x) => x.row.partyRaw || null)}::text[],
        ${r.map((x) => x.row.sex)}::text[], ${r.map((x) => x.row.votes)}::int[], ${r.map((x) => x.position)}::int[])`.execute(db);
    await sql`insert into constituency_turnout (election_id, state_code, constituency_no, electors, valid_votes, turnout_pct)
      select * from unnest(${chunk.map((s) => s.first.electionId)}::text[], ${chunk.map((s) => s.first.stateCode)}::text[], ${chunk.map((s) => s.first.no)}::int[],
        ${chunk.map((s) => s.electors ?? null)}::int[], ${chunk.map((s) => s.validVotes ?? null)}::int[], ${chunk.map((s) => s.turnoutPct ?? null)}::numeric[])`.execute(db);
    rows += r.length;
    onSeats(Math.min(seats.length, i + 500));
  }
  await upsertParties(db, codes);
  return rows;
}

function summarise(seats: Seat[], parties: PartyBook): ElectionSummary[] {
  const by = new Map<string, { seats: number; winners: Map<string, number> }>();
  for (const s of seats) {
    const e = by.get(s.first.electionId) ?? { seats: 0, winners: new Map<string, number>() };
    e.seats += 1;
    const winner = s.ordered.find((o) => o.position === 1);
    const code = winner ? parties.fold(winner.row.partyRaw) ?? '(none)' : '(none)';
    if (winner) e.winners.set(code, (e.winners.get(code) ?? 0) + 1);
    by.set(s.first.electionId, e);
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([id, e]) => ({
    id, seats: e.seats, winners: [...e.winners].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10).map(([party, n]) => ({ party, seats: n })),
  }));
}
