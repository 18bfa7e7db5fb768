// Each test file gets a fresh, migrated database: PGlite in memory by default, or a new
// PostgreSQL database on TEST_DATABASE_URL's server (dropped again when the file is done).
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/open.ts';
import { migrate } from '../src/db/migrate.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDatabase extends Database {
  /** Drops the per-file PostgreSQL database; closes PGlite. */
  dispose(): Promise<void>;
  /** A connection URL for this database (PostgreSQL only), for tests that spawn a process. */
  url?: string;
}

export async function freshDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = opts.migrated ?? true;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({});
    if (migrated) await migrate(database);
    return { ...database, dispose: () => database.close() };
  }
  const name = `wr_test_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 12 });
  if (migrated) await migrate(database);
  return {
    ...database,
    url,
    dispose: async () => {
      await database.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}
