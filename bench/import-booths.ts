// import-booths: a Form 20 long-layout file the size of Uttar Pradesh (163,000 booths × 15 candidates,
// 2,445,000 rows) through importBooths on PostgreSQL, beside PostgreSQL's own COPY of the same file into
// a plain table with no index; then the same file again (a re-import, replacing the election's booths);
// then the same import on PGlite in a temp folder. Where PostgreSQL runs on this machine, the CPU seconds
// of the Node process and of the PostgreSQL backends are reported too: on a shared machine they vary far
// less than wall time.
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

interface Timing { seconds: number; nodeCpu: number; postgresCpu?: number }

async function copyPeer(url: string, file: string): Promise<Timing> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop table if exists bench_copy_peer');
    await client.query('create table bench_copy_peer (election_id text, state text, pc_no int, ac_no int, part_no int, candidate text, party text, votes int)');
    const clock = await startClock(url);
    await pipeline(fs.createReadStream(file), client.query(copyFrom('copy bench_copy_peer from stdin with (format csv, header true)')));
    const t = await clock.stop();
    await client.query('drop table bench_copy_peer');
    return t;
  } finally {
    await client.end();
  }
}

/** A fresh import (the election and its state's polling stations deleted first), then the same file again. */
async function importRuns(opts: { databaseUrl?: string; dataDir?: string }, file: string, log: (l: string) => void, again: boolean) {
  const database = await openDatabase(opts);
  try {
    await migrate(database);
    await database.db.deleteFrom('elections').where('id', '=', 'LS-2099').execute();
    await database.db.deleteFrom('polling_stations').where('state_code', '=', 'S24').execute();
    const run = async (what: string) => {
      const clock = await startClock(opts.databaseUrl);
      const s = await importBooths(database.db, { file, importedBy: 'bench' });
      const t = await clock.stop();
      log(`  ${database.kind} ${what}: ${Number(s.boothResults).toLocaleString('en')} booth results in ${t.seconds.toFixed(1)} s`
        + ` (CPU: Node ${t.nodeCpu.toFixed(1)} s${t.postgresCpu === undefined ? '' : `, PostgreSQL ${t.postgresCpu.toFixed(1)} s`})`);
      return { ...t, rows: Number(s.boothResults) };
    };
    const first = await run('import');
    return { first, again: again ? await run('re-import') : undefined };
  } finally {
    await database.close();
  }
}

/**
 * Wall time, this process's CPU time and, when PostgreSQL runs on this machine (its backends' /proc
 * entries are readable), the CPU time of the backends connected to the database.
 */
async function startClock(url?: string): Promise<{ stop(): Promise<Timing> }> {
  const backends = url ? await backendCpu(url) : undefined;
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  return {
    async stop() {
      const seconds = (performance.now() - wall) / 1000;
      const used = process.cpuUsage(cpu);
      const after = url ? await backendCpu(url) : undefined;
      let postgresCpu: number | undefined;
      if (backends && after) {
        postgresCpu = 0;
        for (const [pid, s] of after) postgresCpu += s - (backends.get(pid) ?? 0);
      }
      return { seconds, nodeCpu: (used.user + used.system) / 1e6, postgresCpu };
    },
  };
}

async function backendCpu(url: string): Promise<Map<number, number> | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        out.set(pid, (Number(f[11]) + Number(f[12])) / 100); // utime + stime, in clock ticks of 1/100 s
      } catch {
        return undefined; // PostgreSQL is elsewhere
      }
    }
    return out;
  } finally {
    await client.end();
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
    const copy = await copyPeer(url, file);
    ctx.log(`  COPY into a plain table: ${copy.seconds.toFixed(1)} s (CPU: PostgreSQL ${copy.postgresCpu?.toFixed(1) ?? '?'} s)`);
    const onPg = await importRuns({ databaseUrl: url }, file, ctx.log, true);
    const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const onPglite = ctx.args.includes('--no-pglite') ? undefined : (await importRuns({ dataDir: path.join(tmp, 'pglite') }, file, ctx.log, false)).first;
    const again = onPg.again!;
    return {
      name: 'import-booths', rows, seconds: round(onPg.first.seconds), copySeconds: round(copy.seconds), ratioToCopy: round(onPg.first.seconds / copy.seconds),
      rowsPerSecond: Math.round(rows / onPg.first.seconds), replaceSeconds: round(again.seconds), replaceRatioToCopy: round(again.seconds / copy.seconds),
      rssMiBAfterPostgres: rssMiB,
      cpu: {
        importNode: round(onPg.first.nodeCpu), importPostgres: opt(onPg.first.postgresCpu), copyPostgres: opt(copy.postgresCpu),
        replaceNode: round(again.nodeCpu), replacePostgres: opt(again.postgresCpu),
      },
      pgliteSeconds: onPglite && round(onPglite.seconds), pgliteRatioToCopy: onPglite && round(onPglite.seconds / copy.seconds),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const opt = (n: number | undefined) => (n === undefined ? undefined : round(n));
function round(n: number): number { return Math.round(n * 100) / 100; }
