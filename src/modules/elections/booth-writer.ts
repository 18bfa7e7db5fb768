// Booths go to the database in chunks of a few thousand with `insert … select from unnest(…)`, one
// chunk in flight while the next is read, all on the import's one transaction. A booth is one
// booth_votes row (its votes as an int[] indexed by seq); an AC's candidates are booth_candidates rows,
// written with the chunk that first needs them. An AC's earlier rows for the election are deleted just
// before its first chunk, so a re-import replaces, and the one-AC-per-file Form 20 downloads add up.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { upsertSeats, type SeatInfo } from './geography.ts';
import type { Warnings } from './problems.ts';

export interface BoothOut {
  electionId: string; stateCode: string; era: number; acNo: number; partNo: number; partName: string | null;
  electors: number | null; voters: number | null;
  /** The votes as a PostgreSQL array literal ('{12,NULL,7}', by seq), or null when the booth has none. */
  votes: string | null;
  /** How many candidates' votes that is (the NULLs not counted). */
  results: number;
}

export interface BoothCandidate { electionId: string; stateCode: string; acNo: number; seq: number; candidate: string; party: string | null }

export interface BoothWriter {
  /**
   * An (election, state) seen for the first time: which of its ACs have booth rows already (to be
   * replaced) and which have polling stations. Called under the state's advisory lock.
   */
  load(electionId: string, stateCode: string, era: number): Promise<void>;
  /** An AC seen for the first time: its seat is upserted and its earlier booth rows for the election deleted. */
  prepareAc(electionId: string, seat: SeatInfo): void;
  /** A candidate seq an AC uses for the first time. */
  addCandidate(c: BoothCandidate): void;
  add(b: BoothOut): void;
  /** Resolves once at most one chunk is being written: the reader waits here between blocks of input. */
  backpressure(): Promise<void> | undefined;
  finish(): Promise<void>;
  readonly counts: { booths: number; results: number; turnout: number };
}

/** Booths per chunk: big enough to amortise a round trip, small enough to stream (≈60,000 candidates' votes). */
const CHUNK_BOOTHS = 4_000;

export function intArray(values: readonly (number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;
}

interface Delete { electionId: string; stateCode: string; acNo: number; votes: boolean; turnout: boolean }
interface Chunk { seats: SeatInfo[]; deletes: Delete[]; candidates: BoothCandidate[]; booths: BoothOut[] }

export function createBoothWriter(db: Executor, warnings: Warnings, opts: { isStopped: () => boolean }): BoothWriter {
  let chunk: Chunk = { seats: [], deletes: [], candidates: [], booths: [] };
  let inFlight: Promise<void> = Promise.resolve(); // every chunk flushed so far written
  let beforeLast: Promise<void> = Promise.resolve(); // every chunk but the last written
  let queued = 0;
  const counts = { booths: 0, results: 0, turnout: 0 };
  const stations = createStationWriter(db);
  const existing = new Map<string, { votes: Set<number>; turnout: Set<number> }>(); // election|state → ACs with rows

  const flush = () => {
    const work = chunk;
    chunk = { seats: [], deletes: [], candidates: [], booths: [] };
    queued += 1;
    beforeLast = inFlight;
    inFlight = inFlight.then(() => (opts.isStopped() ? undefined : writeChunk(db, work, warnings, counts, stations)))
      .finally(() => { queued -= 1; });
    inFlight.catch(() => undefined); // awaited by backpressure() or finish(); not an unhandled rejection meanwhile
  };
  return {
    counts,
    async load(electionId, stateCode, era) {
      const key = `${electionId}|${stateCode}`;
      if (!existing.has(key)) {
        const votes = (await sql<{ ac: number }>`select distinct ac_no as ac from booth_candidates
          where election_id = ${electionId} and state_code = ${stateCode}`.execute(db)).rows.map((r) => r.ac);
        const turnout = await distinctAcs(db, sql`booth_turnout`, sql`election_id = ${electionId} and state_code = ${stateCode}`);
        existing.set(key, { votes: new Set(votes), turnout: new Set(turnout) });
      }
      await stations.load(stateCode, era);
    },
    prepareAc(electionId, seat) {
      chunk.seats.push(seat);
      const had = existing.get(`${electionId}|${seat.stateCode}`);
      const [votes, turnout] = [had?.votes.has(seat.no) ?? true, had?.turnout.has(seat.no) ?? true];
      if (votes || turnout) chunk.deletes.push({ electionId, stateCode: seat.stateCode, acNo: seat.no, votes, turnout });
    },
    addCandidate(c) { chunk.candidates.push(c); },
    add(b) {
      const last = chunk.booths[chunk.booths.length - 1];
      if ((last && (last.electionId !== b.electionId || last.stateCode !== b.stateCode)) || chunk.booths.length >= CHUNK_BOOTHS) flush();
      chunk.booths.push(b); // after the swap: this booth opens the next chunk
    },
    backpressure: () => (queued > 1 ? beforeLast : undefined),
    async finish() { flush(); await inFlight; },
  };
}

async function writeChunk(db: Executor, w: Chunk, warnings: Warnings, counts: BoothWriter['counts'], stations: StationWriter): Promise<void> {
  await upsertSeats(db, w.seats, warnings);
  // One AC per statement, with equality on the whole key prefix: the one plan that reads only the AC's
  // rows whatever the statistics say (they lag behind a big import).
  for (const d of w.deletes) {
    if (d.votes) {
      await sql`delete from booth_votes where election_id = ${d.electionId} and state_code = ${d.stateCode} and ac_no = ${d.acNo}`.execute(db);
      await sql`delete from booth_candidates where election_id = ${d.electionId} and state_code = ${d.stateCode} and ac_no = ${d.acNo}`.execute(db);
    }
    if (d.turnout) await sql`delete from booth_turnout where election_id = ${d.electionId} and state_code = ${d.stateCode} and ac_no = ${d.acNo}`.execute(db);
  }
  if (w.candidates.length) {
    const c = w.candidates;
    await sql`insert into booth_candidates (election_id, state_code, ac_no, seq, candidate, party_code)
      select * from unnest(${c.map((x) => x.electionId)}::text[], ${c.map((x) => x.stateCode)}::text[], ${intArray(c.map((x) => x.acNo))}::int[],
        ${intArray(c.map((x) => x.seq))}::smallint[], ${c.map((x) => x.candidate)}::text[], ${c.map((x) => x.party)}::text[])`.execute(db);
  }
  if (!w.booths.length) return;
  const { electionId, stateCode } = w.booths[0];
  const b = w.booths;
  await stations.write(b);
  counts.booths += b.length;
  const voted = b.filter((x) => x.votes !== null);
  if (voted.length) {
    await sql`insert into booth_votes (election_id, state_code, ac_no, part_no, votes)
      select ${electionId}, ${stateCode}, t.ac, t.part, t.votes::int[]
      from unnest(${intArray(voted.map((x) => x.acNo))}::int[], ${intArray(voted.map((x) => x.partNo))}::int[], ${textArray(voted.map((x) => x.votes!))}::text[]) t(ac, part, votes)`.execute(db);
    for (const x of voted) counts.results += x.results;
  }
  const turnout = b.filter((x) => x.electors !== null || x.voters !== null);
  if (turnout.length) {
    await sql`insert into booth_turnout (election_id, state_code, ac_no, part_no, electors, voters)
      select ${electionId}, ${stateCode}, t.* from unnest(${intArray(turnout.map((x) => x.acNo))}::int[], ${intArray(turnout.map((x) => x.partNo))}::int[],
        ${intArray(turnout.map((x) => x.electors))}::int[], ${intArray(turnout.map((x) => x.voters))}::int[]) t`.execute(db);
    counts.turnout += turnout.length;
  }
}

interface StationWriter { load(stateCode: string, era: number): Promise<void>; write(booths: BoothOut[]): Promise<void> }

/**
 * Polling stations of an AC that had none before this import are inserted plainly (the import holds
 * the state's advisory lock, so no other import adds stations to the AC meanwhile). For an AC that had
 * some, its part numbers are read once (an index range per AC), the booths it lacks are inserted and
 * the others updated where the file gives a name or electors, keeping what it leaves blank. (An upsert
 * costs a speculative insertion, or at least a probe of the key from the root, per booth.)
 */
function createStationWriter(db: Executor): StationWriter {
  const had = new Map<string, Set<number>>(); // state|era → ACs with stations when last looked
  const parts = new Map<string, Set<number> | null>(); // state|era|AC → the parts it has (null: none yet)
  return {
    async load(stateCode, era) {
      had.set(`${stateCode}|${era}`, new Set(await distinctAcs(db, sql`polling_stations`, sql`state_code = ${stateCode} and era = ${era}`)));
    },
    async write(booths) {
      const { stateCode, era } = booths[0];
      const known = had.get(`${stateCode}|${era}`);
      for (const ac of new Set(booths.map((x) => x.acNo))) {
        const key = `${stateCode}|${era}|${ac}`;
        if (parts.has(key)) continue;
        if (known && !known.has(ac)) { parts.set(key, null); continue; }
        const rows = await sql<{ part_no: number }>`select part_no from polling_stations where state_code = ${stateCode} and era = ${era} and ac_no = ${ac}`.execute(db);
        parts.set(key, new Set(rows.rows.map((r) => r.part_no)));
      }
      const existing = (x: BoothOut) => parts.get(`${stateCode}|${era}|${x.acNo}`)?.has(x.partNo) ?? false;
      const [added, kept] = [booths.filter((x) => !existing(x)), booths.filter(existing)];
      for (const x of added) { // another election of the file may list the same polling station
        const key = `${stateCode}|${era}|${x.acNo}`;
        let set = parts.get(key);
        if (!set) parts.set(key, (set = new Set()));
        set.add(x.partNo);
      }
      const rows = (list: BoothOut[]) => sql`unnest(${intArray(list.map((x) => x.acNo))}::int[], ${intArray(list.map((x) => x.partNo))}::int[],
        ${list.map((x) => x.partName)}::text[], ${intArray(list.map((x) => x.electors))}::int[]) t(ac_no, part_no, name, electors)`;
      if (added.length) {
        await sql`insert into polling_stations (state_code, era, ac_no, part_no, name, electors)
          select ${stateCode}, ${era}, t.* from ${rows(added)}`.execute(db);
      }
      const named = kept.filter((x) => x.partName !== null || x.electors !== null);
      if (named.length) {
        await sql`update polling_stations p set name = coalesce(t.name, p.name), electors = coalesce(t.electors, p.electors)
          from ${rows(named)}
          where p.state_code = ${stateCode} and p.era = ${era} and p.ac_no = t.ac_no and p.part_no = t.part_no
            and (p.name, p.electors) is distinct from (coalesce(t.name, p.name), coalesce(t.electors, p.electors))`.execute(db);
      }
    },
  };
}

/**
 * The distinct ACs of a table's rows matching `where` (an equality prefix of its key, followed by
 * ac_no): one index probe per AC (a loose index scan), whatever the table's size or statistics.
 */
async function distinctAcs(db: Executor, table: RawBuilder<unknown>, where: RawBuilder<unknown>): Promise<number[]> {
  const rows = await sql<{ ac: number }>`with recursive a(ac) as (
      select min(ac_no) from ${table} where ${where}
      union all
      select (select min(ac_no) from ${table} where ${where} and ac_no > a.ac) from a where a.ac is not null)
    select ac from a where ac is not null`.execute(db);
  return rows.rows.map((r) => r.ac);
}

/** A text[] literal of array literals: each element quoted (they hold commas and braces, never quotes). */
function textArray(values: string[]): string {
  return `{"${values.join('","')}"}`;
}
