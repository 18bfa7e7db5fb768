import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from './harness.ts';
import { buildWorld } from './builders.ts';
import { backupDatabase, restoreDatabase } from '../src/modules/system/backup.ts';
import type { Executor } from '../src/db/open.ts';

let source: TestDatabase;
let target: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-backup-'));

beforeAll(async () => {
  source = await freshDatabase();
  target = await freshDatabase();
  await buildWorld(source.db);
  await source.db.insertInto('audit_events').values({ tenant_id: (await source.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id, actor_label: 'x', type: 'user.create', entity: 'users', row_ids: ['a', 'b'], detail: JSON.stringify({ nested: { ok: true }, quote: 'it\'s "fine"' }), unit_path: '1.2' }).execute();
});
afterAll(async () => { await source?.dispose(); await target?.dispose(); });

async function fingerprint(db: Executor): Promise<string> {
  const units = await sql<{ f: string }>`select string_agg(id || ':' || coalesce(parent_id::text, '-') || ':' || path::text || ':' || name, ',' order by id) as f from units`.execute(db);
  const audit = await sql<{ f: string }>`select string_agg(type || row_ids::text || detail::text || coalesce(unit_path::text, ''), ',' order by id) as f from audit_events`.execute(db);
  const users = await sql<{ f: string }>`select string_agg(email || password_hash, ',' order by email) as f from users`.execute(db);
  const booths = await sql<{ f: string }>`select string_agg(election_id || ac_no || ':' || part_no || ':' || votes::text, ',' order by election_id, ac_no, part_no) as f from booth_votes`.execute(db);
  return [units.rows[0].f, audit.rows[0].f, users.rows[0].f, booths.rows[0].f].join('|');
}

describe('backup and restore', () => {
  it('round-trips every table, type and self-reference into another database', async () => {
    const file = path.join(dir, 'full.wrb');
    const summary = await backupDatabase(source, file);
    expect(summary.rows).toBeGreaterThan(20);
    await target.db.insertInto('tenants').values({ slug: 'will-vanish', name: 'Replaced' }).execute();
    const restored = await restoreDatabase(target, file);
    expect(restored.rows).toBe(summary.rows);
    expect(await fingerprint(target.db)).toBe(await fingerprint(source.db));
    expect(await target.db.selectFrom('tenants').select('slug').where('slug', '=', 'will-vanish').executeTakeFirst()).toBeUndefined();
    // Identity sequences continue after the restored rows.
    const next = await target.db.insertInto('units').values({ tenant_id: (await target.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id, parent_id: null, level: 'national', name: 'after', name_hi: null, path: '999', state_code: null, ac_no: null, part_no: null, wing: null }).returning('id').executeTakeFirstOrThrow();
    const max = await sql<{ m: number }>`select max(id)::int as m from units where name <> 'after'`.execute(target.db);
    expect(next.id).toBeGreaterThan(max.rows[0].m);
  });

  it('leaves the database untouched when the file is damaged', async () => {
    const good = path.join(dir, 'good.wrb');
    await backupDatabase(source, good);
    const lines = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8').split('\n');
    const broken = path.join(dir, 'broken.wrb');
    fs.writeFileSync(broken, zlib.gzipSync(`${lines.slice(0, 30).join('\n')}\n{"table":"no_such_table","columns":["x"]}\n`));
    const before = await fingerprint(target.db);
    await expect(restoreDatabase(target, broken)).rejects.toThrow(/broken.wrb:31: table no_such_table/);
    expect(await fingerprint(target.db)).toBe(before);
  });
});
