// The booth importer's storage (one booth_votes row per booth, candidates per AC) and the checks of
// its fast path for long files; import.test.ts has the format cases shared with the other importers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import { importBooths } from './import-booths.ts';
import { importResults } from './import-results.ts';
import { ImportRejected } from './problems.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-booths-'));
let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
  fs.writeFileSync(path.join(dir, 'pc5.csv'), 'election_id,state,constituency_no,candidate,party,votes\nLS-2019,UP,5,A,BJP,10\nLS-2019,UP,5,B,SP,5\n');
  await importResults(t.db, { file: path.join(dir, 'pc5.csv') });
});
afterAll(async () => { await t.dispose(); fs.rmSync(dir, { recursive: true, force: true }); });

const LONG = 'election_id,state,pc_no,ac_no,part_no,candidate,party,votes';
function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function rejected(run: Promise<unknown>): Promise<string[]> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportRejected);
  return (err as ImportRejected).problems;
}

async function counts() {
  return (await sql<{ votes: number; candidates: number; stations: number; results: number }>`select
    (select count(*) from booth_votes)::int as votes, (select count(*) from booth_candidates)::int as candidates,
    (select count(*) from polling_stations)::int as stations, (select count(*) from booth_results)::int as results`.execute(t.db)).rows[0];
}

/** booths × 3 candidates in ACs of 500 booths, votes from the position; `bad` replaces one line. */
function bigFile(name: string, booths: number, bad?: { line: number; text: string }): string {
  const lines = [LONG];
  for (let b = 0; b < booths; b += 1) {
    const [ac, part] = [101 + Math.floor(b / 500), 1 + (b % 500)];
    for (const [c, party] of [['RAM', 'BJP'], ['SHYAM', 'SP'], ['NOTA', '']]) lines.push(`LS-2019,UP,21,${ac},${part},${c},${party},${(b * 7 + c.length) % 900}`);
  }
  if (bad) lines[bad.line - 1] = bad.text;
  return write(name, lines);
}

describe('booth storage', () => {
  it('writes one row per booth with votes by seq, NULL for a gap, and the AC\'s candidates once', async () => {
    const file = write('store.csv', [LONG,
      'LS-2019,UP,5,21,1,A,BJP,60', 'LS-2019,UP,5,21,1,B,SP,30', 'LS-2019,UP,5,21,1,NOTA,,3',
      'LS-2019,UP,5,21,2,A,BJP,40', 'LS-2019,UP,5,21,2,B,SP,', 'LS-2019,UP,5,21,2,NOTA,,2',
      'LS-2019,UP,5,21,3,C,IND,7', 'LS-2019,UP,5,21,3,A,BJP,9']);
    const s = await importBooths(t.db, { file });
    expect([s.booths, s.boothResults]).toEqual([3, 7]);
    const votes = await sql<{ part_no: number; votes: string }>`select part_no, votes::text from booth_votes where ac_no = 21 order by part_no`.execute(t.db);
    expect(votes.rows).toEqual([{ part_no: 1, votes: '{60,30,3}' }, { part_no: 2, votes: '{40,NULL,2}' }, { part_no: 3, votes: '{9,NULL,NULL,7}' }]);
    const cands = await t.db.selectFrom('booth_candidates').select(['seq', 'candidate', 'party_code']).where('ac_no', '=', 21).orderBy('seq').execute();
    expect(cands).toEqual([{ seq: 1, candidate: 'A', party_code: 'BJP' }, { seq: 2, candidate: 'B', party_code: 'SP' },
      { seq: 3, candidate: 'NOTA', party_code: 'NOTA' }, { seq: 4, candidate: 'C', party_code: 'IND' }]);
    const view = await t.db.selectFrom('booth_results').select(['part_no', 'seq', 'votes']).where('ac_no', '=', 21).orderBy('part_no').orderBy('seq').execute();
    expect(view.map((r) => `${r.part_no}/${r.seq}:${r.votes}`)).toEqual(['1/1:60', '1/2:30', '1/3:3', '2/1:40', '2/3:2', '3/1:9', '3/4:7']);
  });

  it('replaces an AC on re-import, keeping polling-station names a file leaves blank and adding new booths', async () => {
    await importBooths(t.db, { file: write('named.csv', ['election_id,state,ac_no,part_no,part_name,candidate,party,votes',
      'LS-2019,UP,24,1,School 1,A,BJP,5', 'LS-2019,UP,24,1,School 1,B,SP,4', 'LS-2019,UP,24,2,School 2,A,BJP,1']) });
    const s = await importBooths(t.db, { file: write('renamed.csv', ['election_id,state,ac_no,part_no,part_name,candidate,party,votes',
      'LS-2019,UP,24,1,,A,BJP,6', 'LS-2019,UP,24,2,Hall 2,A,BJP,2', 'LS-2019,UP,24,3,,B,SP,3']) });
    expect([s.booths, s.boothResults]).toEqual([3, 3]);
    const stations = await t.db.selectFrom('polling_stations').select(['part_no', 'name']).where('state_code', '=', 'S24').where('ac_no', '=', 24).orderBy('part_no').execute();
    expect(stations).toEqual([{ part_no: 1, name: 'School 1' }, { part_no: 2, name: 'Hall 2' }, { part_no: 3, name: null }]);
    const votes = await sql<{ votes: string }>`select votes::text from booth_votes where ac_no = 24 order by part_no`.execute(t.db);
    expect(votes.rows.map((r) => r.votes)).toEqual(['{6}', '{2}', '{NULL,3}']);
  });

  it('checks its references once per statement, as foreign keys would', async () => {
    const fails = (q: ReturnType<typeof sql>) => t.db.transaction().execute((tx) => q.execute(tx)).then(() => 'ok', (e: Error) => e.message);
    expect(await fails(sql`insert into booth_votes values ('LS-2019', 'S24', 399, 1, '{1}')`)).toMatch(/booth_candidates/);
    expect(await fails(sql`insert into polling_stations (state_code, era, ac_no, part_no) values ('S24', 2008, 399, 1)`)).toMatch(/AC of a polling station/);
    expect(await fails(sql`insert into booth_votes values ('LS-2019', 'S24', 21, 9, '{-1}')`)).toMatch(/check constraint/);
    const cascade = await t.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('constituencies').where('state_code', '=', 'S24').where('house', '=', 'AE').where('no', '=', 24).execute();
      const stations = await tx.selectFrom('polling_stations').select('part_no').where('ac_no', '=', 24).where('state_code', '=', 'S24').execute();
      await tx.deleteFrom('elections').where('id', '=', 'LS-2019').execute();
      const left = await sql<{ n: number }>`select (select count(*) from booth_votes) + (select count(*) from booth_candidates) as n`.execute(tx);
      throw Object.assign(new Error('rollback'), { found: [stations.length, Number(left.rows[0].n)] });
    }).catch((e: { found?: number[] }) => e.found);
    expect(cascade).toEqual([0, 0]);
    expect((await counts()).votes).toBeGreaterThan(0);
  });
});

describe('booth checks', () => {
  it('reports a bad row deep in a large file by its line, and writes nothing though earlier chunks were sent', async () => {
    const before = await counts();
    const file = bigFile('deep.csv', 12_000, { line: 30_001, text: 'LS-2019,UP,21,120,500,NOTA,,12x' });
    expect(await rejected(importBooths(t.db, { file }))).toEqual(["deep.csv:30001: votes: not a number: '12x'"]);
    expect(await counts()).toEqual(before);
    const ok = await importBooths(t.db, { file: bigFile('deep-ok.csv', 12_000) });
    expect([ok.booths, ok.boothResults]).toEqual([12_000, 36_000]);
    await sql`delete from booth_votes where ac_no > 100`.execute(t.db);
  }, 60_000);

  it('reports every kind of problem of a long file, each at its line', async () => {
    const file = write('kinds.csv', [LONG,
      'LS-2019,UP,5,30,1,A,BJP,5', 'LS-2019,UP,5,30,1,B,SP,-4', // 3: negative
      'LS-2019,UP,5,30,2,A,BJP,1', 'LS-2019,UP,5,30,2,,SP,2', // 5: blank candidate
      'LS-2019,UP,5,30,3,A,BJP,7', 'LS-2019,UP,5,30,3,B,SP,2', 'LS-2019,UP,5,30,3,A,BJP,7', // 8: duplicate
      'LS-2019,UP,5,30,4,A,BJP,1', 'LS-2019,UP,5,30,4,A,Bharatiya Janata Party,2', // 10: one candidate, two spellings of its party
      'LS-2019,Narnia,5,30,5,A,BJP,1', // 11: unknown state
      'LS-2019,UP,5,30,1,C,INC,1', // 12: booth 1 again
      'LS-2019,UP,5,30,6,"A,BJP,3']); // 13: a quote never closed
    expect(await rejected(importBooths(t.db, { file }))).toEqual([
      'kinds.csv:3: votes: negative: -4',
      'kinds.csv:5: candidate: blank',
      'kinds.csv:8: candidate: duplicate row: A (BJP) with 7 votes is already on line 6',
      'kinds.csv:10: candidate: A (BJP) has two rows in this booth; keep one row per candidate',
      "kinds.csv:11: state: unknown state 'Narnia'",
      // Found at the end of the file, before the booth of line 12 is complete.
      'kinds.csv:13: csv: a quoted field is never closed (it runs to the end of the file)',
      'kinds.csv:12: part_no: AC 30 booth 1 already had rows ending before line 12 (from line 2); keep the rows of one booth together',
    ]);
    expect((await t.db.selectFrom('booth_votes').select('part_no').where('ac_no', '=', 30).execute()).length).toBe(0);
  });
});
