// import-booths: a Form 20 long-layout file the size of Uttar Pradesh (163,000 booths × 15 candidates,
// 2,445,000 rows) through importBooths on PostgreSQL, beside PostgreSQL's own COPY of the same file into
// a plain table with no index; then the same import on PGlite in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/db/open.ts';
import { migrate } from '../src/db/migrate.ts';
import { importBooths } from '../src/modules/elections/import-booths.ts';
import { BenchUnavailable, type BenchContext, type BenchResult } from './run.ts';

const BOOTHS = 163_000;
const CANDIDATES = 15;
const ACS = 403;
const PARTIES = ['BJP', 'SP', 'BSP', 'INC', 'RLD', 'AAP', 'IND', 'IND', 'IND', 'IND', 'IND', 'IND', 'IND', 'IND', 'NOTA'];

/** Deterministic: AC a has its share of the booths, 5 ACs a PC, votes from a cheap hash. */
export function writeBoothFile(file: string): number {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'election_id,state,pc_no,ac_no,part_no,candidate,party,votes\n');
  let rows = 0;
  let buf = '';
  for (let ac = 1; ac <= ACS; ac += 1) {
    const booths = Math.floor(BOOTHS / ACS) + (ac <= BOOTHS % ACS ? 1 : 0);
    const pc = Math.ceil(ac / 5.04);
    for (let part = 1; part <= booths; part += 1) {
      for (let c = 0; c < CANDIDATES; c += 1) {
        const name = c === CANDIDATES - 1 ? 'NOTA' : `CANDIDATE ${pc}-${c + 1}`;
        buf += `LS-2099,Uttar Pradesh,${pc},${ac},${part},${name},${PARTIES[c]},${(ac * 31 + part * 7 + c * 13) % 600}\n`;
        rows += 1;
      }
      if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return rows;
}

async function copySeconds(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop table if exists bench_copy_peer');
    await client.query('create table bench_copy_peer (election_id text, state text, pc_no int, ac_no int, part_no int, candidate text, party text, votes int)');
    const started = performance.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom('copy bench_copy_peer from stdin with (format csv, header true)')));
    const seconds = (performance.now() - started) / 1000;
    await client.query('drop table bench_copy_peer');
    return seconds;
  } finally {
    await client.end();
  }
}

async function importSeconds(opts: { databaseUrl?: string; dataDir?: string }, file: string, log: (l: string) => void) {
  const database = await openDatabase(opts);
  try {
    await migrate(database);
    await database.db.deleteFrom('elections').where('id', '=', 'LS-2099').execute(); // a fresh import, not a replacement
    const started = performance.now();
    const s = await importBooths(database.db, { file, importedBy: 'bench' });
    const seconds = (performance.now() - started) / 1000;
    log(`  ${database.kind}: ${Number(s.boothResults).toLocaleString('en')} booth results in ${seconds.toFixed(1)} s`);
    return { seconds, rows: Number(s.boothResults) };
  } finally {
    await database.close();
  }
}

export default async function importBoothsBench(ctx: BenchContext): Promise<BenchResult> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new BenchUnavailable('import-booths needs DATABASE_URL (a PostgreSQL database of its own, e.g. postgresql://postgres:postgres@127.0.0.1:5432/wr_import_bench)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-bench-booths-'));
  try {
    const file = path.join(tmp, 'booths.csv');
    const rows = writeBoothFile(file);
    ctx.log(`generated ${rows.toLocaleString('en')} rows (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);
    const copy = await copySeconds(url, file);
    ctx.log(`  COPY into a plain table: ${copy.toFixed(1)} s`);
    const onPg = await importSeconds({ databaseUrl: url }, file, ctx.log);
    const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const onPglite = ctx.args.includes('--no-pglite') ? undefined : await importSeconds({ dataDir: path.join(tmp, 'pglite') }, file, ctx.log);
    return {
      name: 'import-booths', rows, seconds: round(onPg.seconds), copySeconds: round(copy), ratioToCopy: round(onPg.seconds / copy),
      rowsPerSecond: Math.round(rows / onPg.seconds), rssMiBAfterPostgres: rssMiB,
      pgliteSeconds: onPglite && round(onPglite.seconds), pgliteRatioToCopy: onPglite && round(onPglite.seconds / copy),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function round(n: number): number { return Math.round(n * 100) / 100; }
