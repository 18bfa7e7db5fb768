import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/open.ts';
import { readMigrations } from '../../db/migrate.ts';
import { Invalid } from '../../shared/errors.ts';

// A logical backup: gzipped JSON lines, one header, then per table its columns and rows. It is
// the same on PGlite and PostgreSQL, so a laptop's war room can move to a server and back.
// Values travel as PostgreSQL text (jsonb as JSON) and come back through json_populate_recordset,
// so every type round-trips through its own input function.

type Progress = (p: { phase: string; done: number; total: number }) => void;
interface TableInfo { name: string; columns: string[]; jsonColumns: string[]; pk: string[]; selfRefs: string[]; identity: string[] }
const PAGE = 5000;

export async function backupDatabase(database: Database, file: string, progress: Progress = () => {}) {
  const { db } = database;
  const tables = await describeTables(db);
  const counts = await Promise.all(tables.map(async (t) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(db)).rows[0].n)));
  const total = counts.reduce((a, b) => a + b, 0);
  const gzip = zlib.createGzip();
  const sink = gzip.pipe(fs.createWriteStream(file));
  const write = (obj: unknown) => new Promise<void>((resolve) => { if (gzip.write(`${JSON.stringify(obj)}\n`)) resolve(); else gzip.once('drain', resolve); });
  const migrations = (await sql<{ version: number; checksum: string }>`select version, checksum from schema_migrations order by version`.execute(db)).rows;
  await write({ warroomBackup: 1, createdAt: new Date().toISOString(), migrations, tables: tables.length, rows: total });
  let done = 0;
  for (const t of tables) {
    await write({ table: t.name, columns: t.columns });
    for await (const rows of pages(db, t)) {
      for (const row of rows) await write(t.columns.map((c) => row[c]));
      done += rows.length;
      progress({ phase: 'backup', done, total });
    }
  }
  gzip.end();
  await new Promise<void>((resolve, reject) => sink.on('finish', resolve).on('error', reject));
  return { tables: tables.length, rows: done };
}

/** Keyset pages over the primary key, so a million-row table never sits in memory at once. */
async function* pages(db: Kysely<any>, t: TableInfo): AsyncGenerator<Record<string, unknown>[]> {
  const cols = sql.join(t.columns.map((c) => (t.jsonColumns.includes(c) ? sql.ref(c) : sql`${sql.ref(c)}::text as ${sql.ref(c)}`)));
  const pk = sql.join(t.pk.map((c) => sql.ref(c)));
  let last: unknown[] | null = null;
  for (;;) {
    const after: ReturnType<typeof sql> = last ? sql`where (${pk}) > (${sql.join(last.map((v) => sql`${v}`))})` : sql``;
    const keyCols = sql.join(t.pk.map((c) => sql`${sql.ref(c)} as ${sql.ref(`__k_${c}`)}`));
    const rows: Record<string, unknown>[] = (await sql<Record<string, unknown>>`select ${cols}, ${keyCols} from ${sql.table(t.name)} ${after} order by ${pk} limit ${PAGE}`.execute(db)).rows;
    if (rows.length === 0) return;
    yield rows;
    const tail: Record<string, unknown> = rows[rows.length - 1];
    last = t.pk.map((c) => tail[`__k_${c}`]);
    if (rows.length < PAGE) return;
  }
}

export async function restoreDatabase(database: Database, file: string, progress: Progress = () => {}) {
  const { db } = database;
  const tables = new Map((await describeTables(db)).map((t) => [t.name, t]));
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iter = lines[Symbol.asyncIterator]();
  const header = JSON.parse(((await iter.next()).value as string | undefined) ?? 'null');
  if (!header?.warroomBackup) throw new Invalid(`${file}:1: not a Warroom backup (no header line)`);
  checkMigrations(header.migrations, file);
  let done = 0;
  const restored: string[] = [];
  // One transaction: a restore that fails half-way leaves the database exactly as it was.
  await db.transaction().execute(async (tx) => {
    await sql`truncate ${sql.join([...tables.keys()].map((n) => sql.table(n)))} restart identity cascade`.execute(tx);
    await sql`create temp table restore_refs (tbl text, doc json) on commit drop`.execute(tx);
    // Triggers that fill in defaults for a new tenant (the organisation's wings and designations) must
    // not fire: the backup holds the tenant's own rows for those tables.
    await sql`select set_config('warroom.restoring', 'on', true)`.execute(tx);
    let current: { t: TableInfo; columns: string[]; rows: unknown[][] } | null = null;
    const flush = async () => {
      if (!current || current.rows.length === 0) return;
      await insertRows(tx, current.t, current.columns, current.rows);
      done += current.rows.length;
      current.rows = [];
      progress({ phase: 'restore', done, total: header.rows });
    };
    let lineNo = 1;
    for await (const line of { [Symbol.asyncIterator]: () => iter }) {
      lineNo += 1;
      const value = JSON.parse(line as string);
      if (!Array.isArray(value)) {
        await flush();
        if (current) await fixSelfRefs(tx, current.t, current.columns);
        const t = tables.get(value.table);
        if (!t) throw new Invalid(`${file}:${lineNo}: table ${value.table} does not exist in this version of Warroom`);
        current = { t, columns: value.columns, rows: [] };
        restored.push(t.name);
      } else {
        current!.rows.push(value);
        if (current!.rows.length >= PAGE) await flush();
      }
    }
    await flush();
    if (current) await fixSelfRefs(tx, current.t, current.columns);
    for (const t of tables.values()) for (const c of t.identity) {
      await sql`select setval(pg_get_serial_sequence(${t.name}, ${c}), coalesce((select max(${sql.ref(c)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(tx);
    }
  });
  return { tables: restored.length, rows: done };
}

/** Self-referencing columns (a unit's parent) go in null first and are set once every row exists. */
async function insertRows(tx: Kysely<any>, t: TableInfo, columns: string[], rows: unknown[][]) {
  const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, t.selfRefs.includes(c) ? null : r[i]])));
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(t.name)} (${cols}) overriding system value
    select ${cols} from json_populate_recordset(null::${sql.table(t.name)}, ${JSON.stringify(objects)}::json)`.execute(tx);
  if (t.selfRefs.length) {
    const keyed = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
    await sql`insert into restore_refs values (${t.name}, ${JSON.stringify(keyed)}::json)`.execute(tx);
  }
}

async function fixSelfRefs(tx: Kysely<any>, t: TableInfo, columns: string[]) {
  if (!t.selfRefs.length) return;
  const sets = sql.join(t.selfRefs.filter((c) => columns.includes(c)).map((c) => sql`${sql.ref(c)} = src.${sql.ref(c)}`));
  const match = sql.join(t.pk.map((c) => sql`${sql.table(t.name)}.${sql.ref(c)} = src.${sql.ref(c)}`), sql` and `);
  await sql`update ${sql.table(t.name)} set ${sets} from (
    select x.* from restore_refs r, json_populate_recordset(null::${sql.table(t.name)}, r.doc) x where r.tbl = ${t.name}) src where ${match}`.execute(tx);
  await sql`delete from restore_refs where tbl = ${t.name}`.execute(tx);
}

function checkMigrations(recorded: { version: number; checksum: string }[], file: string) {
  const mine = readMigrations();
  for (const m of recorded) {
    const here = mine.find((x) => x.version === m.version);
    if (!here || here.checksum !== m.checksum) throw new Invalid(`${file}: made by a different schema (migration ${m.version} differs or is unknown here); restore it with the Warroom version that wrote it`);
  }
}

/**
 * References kept by statement-level triggers rather than foreign keys (migration 0012: bulk booth rows),
 * which the catalogue query below cannot see; restore must still write the referenced table first.
 */
const CHECKED_BY_TRIGGER: Record<string, string[]> = { booth_votes: ['booth_candidates'], polling_stations: ['constituencies'] };

/** Every table of ours in public, in an order where a referenced table comes before its referrers. */
async function describeTables(db: Kysely<any>): Promise<TableInfo[]> {
  const rows = (await sql<{ name: string; columns: string[]; json_columns: string[] | null; pk: string[]; self_refs: string[] | null; identity: string[] | null; deps: string[] | null }>`
    select c.relname as name,
      array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum) as columns,
      array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.atttypid in ('json'::regtype, 'jsonb'::regtype)) as json_columns,
      array(select a.attname::text from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = c.oid and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)) as pk,
      array(select a.attname::text from pg_constraint f join pg_attribute a on a.attrelid = f.conrelid and a.attnum = any(f.conkey) where f.conrelid = c.oid and f.confrelid = c.oid and f.contype = 'f' and not (a.attname = any(array(select a2.attname from pg_index i2 join pg_attribute a2 on a2.attrelid = i2.indrelid and a2.attnum = any(i2.indkey) where i2.indrelid = c.oid and i2.indisprimary)))) as self_refs,
      array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attidentity <> '') as identity,
      array(select distinct f.confrelid::regclass::text from pg_constraint f where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as deps
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations'
    order by c.relname`.execute(db)).rows;
  const byName = new Map(rows.map((r) => [r.name, r]));
  const ordered: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !byName.has(name)) return;
    seen.add(name);
    const r = byName.get(name)!;
    for (const d of [...(r.deps ?? []), ...(CHECKED_BY_TRIGGER[name] ?? [])]) visit(d);
    ordered.push({ name, columns: r.columns, jsonColumns: r.json_columns ?? [], pk: r.pk, selfRefs: r.self_refs ?? [], identity: r.identity ?? [] });
  };
  for (const r of rows) visit(r.name);
  return ordered;
}
