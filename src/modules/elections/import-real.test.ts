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
