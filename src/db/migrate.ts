import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './open.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));
const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export class MigrationError extends Error {}

export interface MigrationFile { version: number; name: string; checksum: string; text: string }

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((name) => {
    const m = NAME.exec(name);
    if (!m) throw new MigrationError(`${path.join(dir, name)}: a migration is named NNNN_what.sql (lower case, digits, underscores)`);
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    return { version: Number(m[1]), name, checksum: sha256(text), text };
  });
}

export interface MigrateResult { applied: string[]; current: number }

/**
 * Applies pending migrations, one transaction each, and records their checksums. A migration
 * edited after it was applied, or one that fails, stops here with a MigrationError.
 */
export async function migrate(database: Database, opts: MigrateOptions = {}): Promise<MigrateResult> {
  if (database.kind === 'pglite') return migrateLocked(database, opts);
  // Several servers may start at once: one migrates while the others wait on this session lock,
  // then find nothing left to do. (PGlite has one process, and one connection, by construction.)
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(727000)`.execute(conn);
    try {
      return await migrateLocked(database, opts);
    } finally {
      await sql`select pg_advisory_unlock(727000)`.execute(conn);
    }
  });
}

interface MigrateOptions { dir?: string; log?: (line: string) => void }

async function migrateLocked(database: Database, opts: MigrateOptions): Promise<MigrateResult> {
  const { db } = database;
  await sql`create table if not exists schema_migrations (
    version integer primary key, name text not null, checksum text not null,
    applied_at timestamptz not null default now())`.execute(db);
  const files = readMigrations(opts.dir);
  const done = new Map((await sql<{ version: number; name: string; checksum: string }>`
    select version, name, checksum from schema_migrations order by version`.execute(db)).rows.map((r) => [r.version, r]));

  for (const [version, row] of done) {
    const file = files.find((f) => f.version === version);
    if (!file) throw new MigrationError(`migration ${row.name} is recorded as applied but its file is missing from db/migrations`);
    if (file.checksum !== row.checksum) {
      throw new MigrationError(`migration ${file.name} was changed after it was applied (checksum ${file.checksum.slice(0, 12)}, recorded ${row.checksum.slice(0, 12)}); add a new migration instead of editing an applied one`);
    }
  }
  const applied: string[] = [];
  for (const file of files.filter((f) => !done.has(f.version))) {
    opts.log?.(`migrating ${file.name}`);
    // The advisory lock makes two servers starting at once take turns; the primary key makes the loser fail loudly.
    const script = `select pg_advisory_xact_lock(727001);\n${file.text}\n;insert into schema_migrations (version, name, checksum) values (${file.version}, '${file.name}', '${file.checksum}');`;
    try {
      await database.execScript(script);
    } catch (err) {
      throw new MigrationError(`migration ${file.name} failed and was rolled back: ${(err as Error).message}`);
    }
    applied.push(file.name);
  }
  return { applied, current: Math.max(0, ...files.map((f) => f.version)) };
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
