import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres, type TestDatabase } from './harness.ts';
import { openDatabase } from '../src/db/open.ts';
import { buildResults } from './builders.ts';

// The CLI is run as a user runs it: a child process, on a data folder (or a PostgreSQL database) of its own.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-cli-'));
const pgDatabase: TestDatabase | undefined = onPostgres ? await freshDatabase({ migrated: false }) : undefined;
afterAll(async () => { await pgDatabase?.dispose(); });

function warroom(...args: string[]) {
  const target = pgDatabase ? ['--database-url', pgDatabase.url!] : ['--data-dir', dataDir];
  const res = spawnSync(process.execPath, ['bin/warroom.mjs', ...target, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('warroom CLI', () => {
  it('has --help on every command', () => {
    for (const cmd of [[], ['serve'], ['migrate'], ['seed'], ['seed', 'demo'], ['user'], ['user', 'add'], ['user', 'grant'], ['backup'], ['restore']]) {
      const res = spawnSync(process.execPath, ['bin/warroom.mjs', ...cmd, '--help'], { encoding: 'utf8' });
      expect(res.status, cmd.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/Usage: warroom/);
    }
  }, 240_000); // ten cold starts of the CLI one after another: about 3 s each on a quiet machine, far more on a busy one

  it('migrates a fresh database by itself and prints only JSON with --json', () => {
    const res = warroom('migrate', '--json');
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).version).toBeGreaterThan(0);
    expect(res.stderr).toMatch(/migrating 0001/);
  });

  it('adds a user, refuses a duplicate with one clear line, and grants a role', () => {
    const added = warroom('user', 'add', '--email', 'Cli.User@Example.org', '--name', 'Cli User', '--json');
    expect(added.code, added.stderr).toBe(0);
    const out = JSON.parse(added.stdout);
    expect(out.email).toBe('cli.user@example.org');
    expect(out.password).toMatch(/^[\w-]{16}$/); // generated, shown once
    const again = warroom('user', 'add', '--email', 'cli.user@example.org', '--name', 'Again');
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n').at(-1)).toBe('warroom: a user with e-mail cli.user@example.org already exists');
    const grant = warroom('user', 'grant', '--email', 'cli.user@example.org', '--tenant', 'nope', '--role', 'admin');
    expect(grant.code).toBe(1);
    expect(grant.stderr).toMatch(/--tenant: no tenant with slug 'nope'/);
  });

  it('writes a backup and restores it', () => {
    const file = path.join(dataDir, 'b.wrb');
    const backup = warroom('backup', file, '--json');
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout).rows).toBeGreaterThan(0);
    const refused = warroom('restore', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);
    const restore = warroom('restore', file, '--yes', '--json');
    expect(restore.code, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout).rows).toBe(JSON.parse(backup.stdout).rows);
  });

  it('classifies seats with --json as one array with the documented keys', async () => {
    const database = await openDatabase(pgDatabase ? { databaseUrl: pgDatabase.url } : { dataDir });
    await buildResults(database.db);
    await database.close();
    const res = warroom('seats', '--election', 'SWEEP-2019', '--party', 'AAA', '--lost-by-under', '5000', '--json');
    expect(res.code, res.stderr).toBe(0);
    const seats = JSON.parse(res.stdout);
    expect(seats).toHaveLength(1);
    expect(seats[0]).toMatchObject({ state: 'T01', constituencyNo: 2, constituency: 'Seat 2', winnerParty: 'BBB', runnerUpParty: 'AAA', marginVotes: 900 });
    const human = warroom('seats', '--election', 'SWEEP-2019', '--party', 'AAA');
    expect(human.stdout).toMatch(/4 seats shown/);
    const bad = warroom('seats', '--election', 'NOPE-1', '--party', 'AAA');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--election: no election 'NOPE-1'/);
  });
});
