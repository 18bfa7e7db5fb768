import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';
import { beginInOneTrip } from './scope.ts';

export type Executor = Kysely<DB>;

export interface Database {
  kind: 'pglite' | 'pg';
  db: Kysely<DB>;
  /** Where the data lives, for logs: a folder or a URL without its password. */
  where: string;
  /** Runs multi-statement SQL text in one transaction (migrations, restores). */
  execScript(text: string): Promise<void>;
  /** PGlite only: a tarball of the data folder (fast test templates). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;            // PGlite folder; omitted means in memory
  loadDataDir?: Blob;          // PGlite: start from a dumped data folder
  poolSize?: number;
}

// int8 as a JS number (ids and counts stay far below 2^53); dates as 'YYYY-MM-DD' text, not
// local-midnight Date objects that shift with the server's time zone.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPGlite(opts);
}

async function openPGlite(opts: OpenOptions): Promise<Database> {
  if (opts.dataDir) fs.mkdirSync(path.dirname(path.resolve(opts.dataDir)), { recursive: true });
  const pgl = await PGlite.create(opts.dataDir ?? 'memory://', {
    extensions: { ltree, pgcrypto, pg_trgm },
    loadDataDir: opts.loadDataDir,
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => Number(v) },
  });
  void pgliteTypes;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pgl) });
  return {
    kind: 'pglite',
    db,
    where: opts.dataDir ? path.resolve(opts.dataDir) : 'memory',
    // Hold Kysely's connection lock so no request interleaves with the script.
    execScript: (text) => db.connection().execute(async () => {
      await pgl.transaction(async (tx) => { await tx.exec(text); });
    }),
    dumpDataDir: () => db.connection().execute(async () => pgl.dumpDataDir('gzip') as Promise<Blob>),
    close: () => db.destroy(),
  };
}

const MAX_PREPARED = 200;

/**
 * Queries under row-level security often cost more to plan than to run: the booth page's and the
 * strength refresh's plans carry the policies' subqueries, ~6–8 ms of planning for well under 1 ms of
 * execution (measured, bench/README.md org-rollup). Sending parameterised queries as named prepared
 * statements lets each connection plan a text once (PostgreSQL then settles on a generic plan). Every
 * name costs memory on the connection and Kysely's texts vary with list lengths, so at most
 * MAX_PREPARED names per connection; later texts go unnamed as before.
 */
function preparesLongQueries(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, values?: unknown, cb?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      let name = names.get(config);
      if (!name && names.size < MAX_PREPARED) {
        name = `wr_${crypto.createHash('sha1').update(config).digest('hex').slice(0, 20)}`;
        names.set(config, name);
      }
      if (name) return query({ name, text: config, values }, cb);
    }
    return query(config, values, cb);
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('connect', preparesLongQueries);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db); // fail fast with the driver's own message
  beginInOneTrip(db);
  return {
    kind: 'pg',
    db,
    where: redact(url),
    execScript: async (text) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(text);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparsable url)';
  }
}
