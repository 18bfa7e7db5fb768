import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import { importResults } from './import-results.ts';

// The official tallies, checked on the real public files beside the checkout (../shared/data).
const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
const hasData = fs.existsSync(path.join(DATA, 'lok_sabha/ls_2019_candidates.csv'));
if (!hasData) console.warn(`import-real.test.ts: skipped, no real data at ${DATA} (the shared data folder sits beside the checkout)`);

let t: TestDatabase;
beforeAll(async () => { if (hasData) t = await freshDatabase(); });
afterAll(async () => { await t?.dispose(); });

async function winners(electionId: string): Promise<{ seats: number; by: Record<string, number> }> {
  const rows = await sql<{ party: string; n: number }>`select party_code as party, count(*)::int as n from results
    where election_id = ${electionId} and position = 1 group by party_code`.execute(t.db);
  const by = Object.fromEntries(rows.rows.map((r) => [r.party, r.n]));
  return { seats: rows.rows.reduce((a, r) => a + r.n, 0), by };
}

describe.skipIf(!hasData)('real public results (../shared/data)', () => {
  it('Lok Sabha 2014: BJP 282, INC 44 of 543', async () => {
    await importResults(t.db, { file: path.join(DATA, 'lok_sabha/ls_2014_candidates.csv') });
    const w = await winners('LS-2014');
    expect([w.seats, w.by.BJP, w.by.INC]).toEqual([543, 282, 44]);
  });

  it('Lok Sabha 2019: BJP 303, INC 52 of 543', async () => {
    await importResults(t.db, { file: path.join(DATA, 'lok_sabha/ls_2019_candidates.csv') });
    const w = await winners('LS-2019');
    expect([w.seats, w.by.BJP, w.by.INC]).toEqual([543, 303, 52]);
  });

  it('pairs seats a reorganisation moved with today\'s seats: Telangana, Andhra Pradesh, Ladakh, Daman & Diu', async () => {
    const s14 = await importResults(t.db, { file: path.join(DATA, 'lok_sabha/ls_2014_candidates.csv') });
    await importResults(t.db, { file: path.join(DATA, 'lok_sabha/ls_2019_candidates.csv') });
    expect(s14.warnings.join('\n')).toMatch(/Telangana 1–17/);
    const winnersOf = async (state: string, no: number) => (await sql<{ election_id: string; candidate: string }>`
      select election_id, candidate from results where state_code = ${state} and constituency_no = ${no} and position = 1 order by election_id`.execute(t.db)).rows;
    const names = async (state: string, no: number) => (await sql<{ name: string }>`select name from constituencies where state_code = ${state} and house = 'LS' and no = ${no}`.execute(t.db)).rows.map((r) => r.name.toUpperCase());
    // Adilabad was Andhra Pradesh 1 in 2014 and is Telangana 1 now; Araku was Andhra Pradesh 18 and is 1 now.
    expect((await winnersOf('S29', 1)).map((r) => r.election_id)).toEqual(['LS-2014', 'LS-2019']);
    expect(await names('S29', 1)).toEqual(['ADILABAD']);
    expect((await names('S01', 1))[0]).toMatch(/^AR[AU]KU$/); // 2019 spells it Aruku
    expect((await winnersOf('S01', 1)).map((r) => r.election_id)).toEqual(['LS-2014', 'LS-2019']);
    const maxAp = await sql<{ n: number }>`select max(constituency_no)::int as n from results where state_code = 'S01' and election_id = 'LS-2014'`.execute(t.db);
    expect(maxAp.rows[0].n).toBe(25);
    expect((await winnersOf('U09', 1)).map((r) => r.election_id)).toEqual(['LS-2014', 'LS-2019']);
    expect((await winnersOf('U03', 2)).map((r) => r.election_id)).toEqual(['LS-2014', 'LS-2019']);
    expect(await winners('LS-2014')).toMatchObject({ seats: 543 });
  }, 60_000);

  it('the TCPD Lok Dhaba file gives the same 2019 tally (Poll_No 0 only)', async () => {
    const s = await importResults(t.db, { file: path.join(DATA, 'lok_sabha/raw/tcpd_ge_all_states_2024-3-27.csv.gz'), elections: ['LS-2019'] });
    expect(s.format).toBe('tcpd');
    const w = await winners('LS-2019');
    expect([w.seats, w.by.BJP, w.by.INC]).toEqual([543, 303, 52]);
  }, 60_000);

  it('Gujarat assembly 2017: BJP 99, INC 77 of 182', async () => {
    await importResults(t.db, { file: path.join(DATA, 'assembly/ae_gj_2017_candidates.csv') });
    const w = await winners('AE-GJ-2017');
    expect([w.seats, w.by.BJP, w.by.INC]).toEqual([182, 99, 77]);
  });

  it('Gujarat assembly 2022: BJP 156, INC 17, AAP 5 (AAAP folded into AAP)', async () => {
    await importResults(t.db, { file: path.join(DATA, 'assembly/ae_gj_2022_candidates.csv') });
    const w = await winners('AE-GJ-2022');
    expect([w.seats, w.by.BJP, w.by.INC, w.by.AAP]).toEqual([182, 156, 17, 5]);
  });
});
