// Booth rows go to the database in chunks of ~20,000 results with `insert … select from unnest(…)`,
// one chunk in flight while the next is parsed, all on the import's one transaction. An AC's earlier
// rows for the election are deleted just before its first chunk, so a re-import replaces, and the
// one-AC-per-file Form 20 downloads add up AC by AC.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { upsertSeats, type SeatInfo } from './geography.ts';
import type { Warnings } from './problems.ts';

export interface BoothOut {
  electionId: string; stateCode: string; era: number; acNo: number; partNo: number; partName: string | null;
  electors: number | null; voters: number | null; votes: { seq: number; candidate: string; party: string | null; votes: number }[];
}

export interface BoothWriter {
  /** An AC seen for the first time: its seat is upserted and its earlier booth rows for the election deleted. */
  prepareAc(electionId: string, seat: SeatInfo): void;
  add(b: BoothOut): Promise<void> | undefined;
  finish(): Promise<void>;
  readonly counts: { booths: number; results: number; turnout: number };
}

const CHUNK_ROWS = 20_000;

export function intArray(values: readonly (number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;
}

export function createBoothWriter(db: Executor, warnings: Warnings, opts: { isStopped: () => boolean }): BoothWriter {
  let seats: SeatInfo[] = [];
  let deletes: { electionId: string; stateCode: string; acNo: number }[] = [];
  let booths: BoothOut[] = [];
  let rows = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const counts = { booths: 0, results: 0, turnout: 0 };

  // Buffers are swapped at once; the returned promise is the previous chunk, so the caller waits only
  // when one chunk is already in flight: memory stays flat and JS and the database work side by side.
  const flush = (): Promise<void> => {
    const work = { seats, deletes, booths };
    [seats, deletes, booths, rows] = [[], [], [], 0];
    const previous = inFlight;
    inFlight = previous.then(() => (opts.isStopped() ? undefined : writeChunk(db, work, warnings, counts)));
    return previous;
  };
  return {
    counts,
    prepareAc(electionId, seat) {
      seats.push(seat);
      deletes.push({ electionId, stateCode: seat.stateCode, acNo: seat.no });
    },
    add(b) {
      const last = booths[booths.length - 1];
      const switching = last && (last.electionId !== b.electionId || last.stateCode !== b.stateCode);
      const pending = switching || rows >= CHUNK_ROWS ? flush() : undefined;
      booths.push(b); // after the swap: this booth opens the next chunk
      rows += b.votes.length || 1;
      return pending;
    },
    async finish() { flush().catch(() => undefined); await inFlight; },
  };
}

async function writeChunk(db: Executor, w: { seats: SeatInfo[]; deletes: { electionId: string; stateCode: string; acNo: number }[]; booths: BoothOut[] },
  warnings: Warnings, counts: BoothWriter['counts']): Promise<void> {
  await upsertSeats(db, w.seats, warnings);
  for (const d of w.deletes) {
    await sql`delete from booth_results where election_id = ${d.electionId} and state_code = ${d.stateCode} and ac_no = ${d.acNo}`.execute(db);
    await sql`delete from booth_turnout where election_id = ${d.electionId} and state_code = ${d.stateCode} and ac_no = ${d.acNo}`.execute(db);
  }
  if (!w.booths.length) return;
  const { electionId, stateCode, era } = w.booths[0];
  const b = w.booths;
  await sql`insert into polling_stations (state_code, era, ac_no, part_no, name, electors)
    select ${stateCode}, ${era}, t.* from unnest(${intArray(b.map((x) => x.acNo))}::int[], ${intArray(b.map((x) => x.partNo))}::int[],
      ${b.map((x) => x.partName)}::text[], ${intArray(b.map((x) => x.electors))}::int[]) t
    on conflict (state_code, era, ac_no, part_no) do update
      set name = coalesce(excluded.name, polling_stations.name), electors = coalesce(excluded.electors, polling_stations.electors)`.execute(db);
  counts.booths += b.length;
  const withVotes = b.filter((x) => x.votes.length);
  if (withVotes.length) await insertVotes(db, electionId, stateCode, withVotes, counts);
  const turnout = b.filter((x) => x.electors !== null || x.voters !== null);
  if (turnout.length) {
    await sql`insert into booth_turnout (election_id, state_code, ac_no, part_no, electors, voters)
      select ${electionId}, ${stateCode}, t.* from unnest(${intArray(turnout.map((x) => x.acNo))}::int[], ${intArray(turnout.map((x) => x.partNo))}::int[],
        ${intArray(turnout.map((x) => x.electors))}::int[], ${intArray(turnout.map((x) => x.voters))}::int[]) t`.execute(db);
    counts.turnout += turnout.length;
  }
}

/** Booth-major arrays in key order, so each insert appends to the right edge of the primary-key index. */
async function insertVotes(db: Executor, electionId: string, stateCode: string, booths: BoothOut[], counts: BoothWriter['counts']): Promise<void> {
  const ac: number[] = []; const part: number[] = []; const seq: number[] = []; const votes: number[] = [];
  const candidate: string[] = []; const party: (string | null)[] = [];
  for (const b of booths) {
    for (const v of [...b.votes].sort((x, y) => x.seq - y.seq)) {
      ac.push(b.acNo); part.push(b.partNo); seq.push(v.seq); votes.push(v.votes); candidate.push(v.candidate); party.push(v.party);
    }
  }
  await sql`insert into booth_results (election_id, state_code, ac_no, part_no, seq, candidate, party_code, votes)
    select ${electionId}, ${stateCode}, t.* from unnest(${intArray(ac)}::int[], ${intArray(part)}::int[], ${intArray(seq)}::int[],
      ${candidate}::text[], ${party}::text[], ${intArray(votes)}::int[]) t`.execute(db);
  counts.results += ac.length;
}
