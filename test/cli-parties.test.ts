// `warroom parties …` run as a user runs it: a child process on a data folder (or a PostgreSQL database) of its own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres, type TestDatabase } from './harness.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-cli-parties-'));
const pgDatabase: TestDatabase | undefined = onPostgres ? await freshDatabase({ migrated: false }) : undefined;
afterAll(async () => {
  await pgDatabase?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function warroom(...args: string[]) {
  const target = pgDatabase ? ['--database-url', pgDatabase.url!] : ['--data-dir', dataDir];
  const res = spawnSync(process.execPath, ['bin/warroom.mjs', ...target, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

// Each command is a process that compiles the CLI and opens the database: seconds apiece on a busy two-core machine.
const SLOW = 300_000;

describe('warroom parties', () => {
  it('has --help on every command', () => {
    for (const cmd of [['parties'], ['parties', 'aliases'], ['parties', 'alias'], ['parties', 'unalias'], ['parties', 'successions'],
      ['parties', 'succession'], ['parties', 'unsuccession']]) {
      const res = spawnSync(process.execPath, ['bin/warroom.mjs', ...cmd, '--help'], { encoding: 'utf8' });
      expect(res.status, cmd.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/Usage: warroom/);
    }
  }, SLOW);

  it('lists, adds and removes aliases; --json prints only JSON', () => {
    const list = warroom('parties', 'aliases', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toContainEqual({ alias: 'CPI(M)', party: 'CPM', note: 'ECI reports' });

    const added = warroom('parties', 'alias', 'Bharatiya Janta Party', 'bjp', '--note', 'misspelt in a scrape', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({ alias: 'Bharatiya Janta Party', party: 'BJP', note: 'misspelt in a scrape' });
    const human = warroom('parties', 'aliases');
    expect(human.stdout).toMatch(/^Bharatiya Janta Party\s+→ BJP {2}\(misspelt in a scrape\)$/m);

    const chained = warroom('parties', 'alias', 'XYZ', 'AAAP');
    expect(chained.code).toBe(1);
    expect(chained.stderr.trim().split('\n').at(-1)).toBe('warroom: AAAP is itself an alias of AAP (party: AAAP is an alias of AAP: use AAP)');
    const badCode = warroom('parties', 'alias', 'XYZ', 'two words');
    expect(badCode.code).toBe(1);
    expect(badCode.stderr).toMatch(/warroom: party: a party code/);

    expect(warroom('parties', 'unalias', 'bharatiya janta party', '--json').stdout.trim()).toBe('{"removed":true}');
    const again = warroom('parties', 'unalias', 'Bharatiya Janta Party');
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n').at(-1)).toBe("warroom: no alias 'Bharatiya Janta Party' (see 'warroom parties aliases')");
  }, SLOW);

  it('adds successions by state and year, refuses weights over 1, and removes them', () => {
    const one = warroom('parties', 'succession', 'SHS', 'SHS(UBT)', '0.45', '--state', 'Maharashtra', '--year', '2022', '--json');
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ from: 'SHS', to: 'SHS(UBT)', weight: 0.45, year: 2022, state: 'S13', note: null });
    expect(warroom('parties', 'succession', 'SHS', 'SHS', '0.55', '--state', 'S13', '--year', '2022').code).toBe(0);
    const over = warroom('parties', 'succession', 'SHS', 'BJP', '0.1', '--state', 'MH', '--year', '2022');
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/would share out 1\.1 of its votes/);
    const range = warroom('parties', 'succession', 'SHS', 'BJP', '1.5');
    expect(range.code).toBe(1);
    expect(range.stderr).toMatch(/^warroom: weight: at most 1/m);
    const state = warroom('parties', 'succession', 'SHS', 'BJP', '0.1', '--state', 'Narnia');
    expect(state.stderr).toMatch(/unknown state 'Narnia'/);

    const list = JSON.parse(warroom('parties', 'successions', '--json').stdout);
    expect(list).toEqual([
      { from: 'SHS', to: 'SHS', weight: 0.55, year: 2022, state: 'S13', note: null },
      { from: 'SHS', to: 'SHS(UBT)', weight: 0.45, year: 2022, state: 'S13', note: null },
    ]);
    expect(warroom('parties', 'successions').stdout).toMatch(/^2022 {2}SHS → SHS\(UBT\) {2}0\.45 {2}S13$/m);
    expect(warroom('parties', 'unsuccession', 'SHS', 'SHS', '--state', 'MH', '--year', '2022').code).toBe(0);
    const gone = warroom('parties', 'unsuccession', 'SHS', 'SHS', '--state', 'MH', '--year', '2022');
    expect(gone.code).toBe(1);
    expect(JSON.parse(warroom('parties', 'successions', '--json').stdout)).toHaveLength(1);
  }, SLOW);
});
