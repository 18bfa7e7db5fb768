import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from './harness.ts';
import { migrate, MigrationError, MIGRATIONS_DIR } from '../src/db/migrate.ts';
import { assertRequestRolesSafe } from '../src/db/scope.ts';
import { openDatabase } from '../src/db/open.ts';
import { buildWorld } from './builders.ts';

let database: TestDatabase;
beforeAll(async () => { database = await freshDatabase(); await buildWorld(database.db); });
afterAll(async () => { await database?.dispose(); });

function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-mig-'));
  for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  return dir;
}

describe('migrations', () => {
  it('stops when an applied migration was edited', async () => {
    const dir = copyMigrations();
    fs.appendFileSync(path.join(dir, '0002_reference_geography.sql'), '\n-- edited\n');
    await expect(migrate(database, { dir })).rejects.toThrow(/0002_reference_geography.sql was changed after it was applied/);
  });

  it('rolls a failing migration back whole and says which one', async () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, '9998_half.sql'), 'create table half_done (x int);\nselect no_such_function();\n');
    await expect(migrate(database, { dir })).rejects.toThrow(MigrationError);
    await expect(migrate(database, { dir })).rejects.toThrow(/9998_half.sql failed/);
    const exists = await sql<{ t: string | null }>`select to_regclass('half_done')::text as t`.execute(database.db);
    expect(exists.rows[0].t).toBeNull();
  });
});

describe('row-level security', () => {
  it('refuses to run requests as a role that is a superuser or bypasses RLS', async () => {
    await expect(assertRequestRolesSafe(database.db)).resolves.toBeUndefined();
    // Role changes are transactional, so this never leaks to other tests sharing the server.
    await expect(database.db.transaction().execute(async (tx) => {
      await sql`alter role warroom_app bypassrls`.execute(tx);
      await assertRequestRolesSafe(tx as never);
    })).rejects.toThrow(/refusing to start/);
  });

  it('fails closed on every tenant table: no tenant set, no rows and no writes', async () => {
    const tables = (await sql<{ t: string }>`select table_name as t from information_schema.columns
      where table_schema = 'public' and column_name = 'tenant_id' order by 1`.execute(database.db)).rows.map((r) => r.t);
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) {
      const rls = (await sql<{ on: boolean }>`select relrowsecurity as on from pg_class where relname = ${t}`.execute(database.db)).rows[0];
      expect(rls.on, `${t} has row-level security`).toBe(true);
      const counts = await database.db.transaction().execute(async (tx) => {
        await sql`select set_config('role', 'warroom_app', true)`.execute(tx);
        return (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(tx).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n;
      });
      expect(counts, `${t} shows rows with no tenant set`).toBe(0);
    }
    await expect(database.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'warroom_app', true)`.execute(tx);
      await sql`insert into audit_events (tenant_id, actor_label, type, entity) select id, 'x', 'auth.sign_in', 'x' from tenants`.execute(tx);
    })).resolves.toBeUndefined(); // no tenant is visible, so nothing is inserted
    const tenants = await database.db.selectFrom('tenants').select('id').execute();
    await expect(database.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'warroom_app', true)`.execute(tx);
      await sql`insert into audit_events (tenant_id, actor_label, type, entity) values (${tenants[0].id}, 'x', 'auth.sign_in', 'x')`.execute(tx);
    })).rejects.toThrow(/row-level security/);
  });
});

describe('embedded database', () => {
  it('keeps data in its folder across restarts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-data-'));
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    await first.db.insertInto('tenants').values({ slug: 'kept', name: 'Kept' }).execute();
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    expect((await migrate(second)).applied).toEqual([]);
    expect((await second.db.selectFrom('tenants').select('slug').execute()).map((t) => t.slug)).toEqual(['kept']);
    await second.close();
  }, 60_000);
});

describe('system jobs', () => {
  it('runs one job of a kind at a time, and takes over from one that stopped reporting', async () => {
    const { startJob, finishJob } = await import('../src/modules/system/jobs.ts');
    const first = await startJob(database.db, 'test-kind', 'first');
    expect(first).not.toBeNull();
    expect(await startJob(database.db, 'test-kind', 'second')).toBeNull();
    await database.db.updateTable('system_jobs').set({ updated_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', first!).execute();
    const third = await startJob(database.db, 'test-kind', 'third');
    expect(third).not.toBeNull();
    const old = await database.db.selectFrom('system_jobs').select('status').where('id', '=', first!).executeTakeFirstOrThrow();
    expect(old.status).toBe('failed');
    await finishJob(database.db, third!, 'done');
  });

  it('keeps starting jobs once a pooled connection plans the insert generically (prepared statements on PostgreSQL)', async () => {
    const { startJob, finishJob } = await import('../src/modules/system/jobs.ts');
    for (let i = 0; i < 40; i++) {
      const id = await startJob(database.db, `many-${i % 3}`, `run ${i}`);
      expect(id, `run ${i}`).not.toBeNull();
      await finishJob(database.db, id!, 'done');
    }
  });
});
