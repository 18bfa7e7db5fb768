// org-rollup: the organisation's strength on the national demo (1.06 million booths, ~10 million
// workers) on PostgreSQL. (a) The strength read of units at every level through the service
// (getStrength: a unit's shards summed), p50/p95, beside (b) a plain GROUP BY over the same rows
// (strengthByGroupBy); (c) the booth page's read-and-save round trip with 200 simulated booth users,
// each paced to about one save a second, from a separate load process against the server started as
// its own process, on loopback. Seeds the national demo (with its organisation) when the database
// lacks it, adds the organisation to a national demo seeded before it existed, and reuses both.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase, redact, type Executor } from '../src/db/open.ts';
import { withActor, type Actor } from '../src/db/scope.ts';
import { hashPassword } from '../src/modules/access/secrets.ts';
import { seedDemoOrganisation } from '../src/modules/demo/org.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { getStrength, strengthByGroupBy } from '../src/modules/organisation/strength.service.ts';
import { BenchUnavailable, type Bench } from './run.ts';
import { median, round, stats } from './lib/stats.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const TENANT = 'demo-national';
const LEVELS = ['national', 'state', 'district', 'ac', 'mandal', 'booth'] as const;
const BOOTH_USERS = 200;
const BENCH_PASSWORD = 'bench-org-rollup-1';

const orgRollup: Bench = async ({ log, args }) => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new BenchUnavailable('org-rollup needs PostgreSQL: set DATABASE_URL to a database of its own, e.g. '
      + 'postgresql://postgres:postgres@127.0.0.1:5432/wr_bench (it seeds the national demo there when missing)');
  }
  const opt = (name: string, fallback: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.slice(name.length + 3)) : fallback;
  };
  const reads = opt('reads', 200);
  const loadSeconds = opt('seconds', 60);
  const users = opt('users', BOOTH_USERS);
  const rate = opt('rate', 1);
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  try {
    const { db } = database;
    await migrate(database, { log });
    const seeded = await ensureNationalOrganisation(db, url, log);
    if (args.includes('--seed-only')) return { name: 'org-rollup', ...seeded };
    const tenantId = seeded.tenantId;
    const counts = (await sql<{ booths: number; workers: number; designations: number; verified: number }>`select
        (select count(*) from units where tenant_id = ${tenantId}::uuid and level = 'booth' and wing is null)::int as booths,
        (select count(*) from people where tenant_id = ${tenantId}::uuid and merged_into is null)::int as workers,
        (select count(*) from people where tenant_id = ${tenantId}::uuid and merged_into is null and is_verified)::int as verified,
        (select count(*) from designations where tenant_id = ${tenantId}::uuid and to_date is null)::int as designations`.execute(db)).rows[0];
    log(`national demo: ${counts.booths.toLocaleString('en')} booths, ${counts.workers.toLocaleString('en')} workers, ${counts.designations.toLocaleString('en')} current designations`);

    if (args.includes('--load-only')) {
      const load = await boothLoad(db, url, tenantId, { users, rate, seconds: loadSeconds, log });
      return { name: 'org-rollup', booths: counts.booths, workers: counts.workers, saveP50Ms: load.roundTrip.p50Ms, saveP95Ms: load.roundTrip.p95Ms, load };
    }
    const units = await pickUnits(db, tenantId);
    const actor = systemAdmin(tenantId, units.national);
    // (a) the service read, and (b) the plain GROUP BY beside it, per level.
    const levels: Record<string, { unitId: number; p50Ms: number; p95Ms: number; maxMs: number; n: number; groupByMs: number; groupByRuns: number; agree: boolean }> = {};
    const all: number[] = [];
    for (const level of LEVELS) {
      const unitId = units[level];
      const times: number[] = [];
      for (let i = 0; i < 10; i++) await withActor(db, actor, (tx) => getStrength(tx, actor, unitId)); // warm
      let last = null as Awaited<ReturnType<typeof getStrength>> | null;
      for (let i = 0; i < reads; i++) {
        const t0 = performance.now();
        last = await withActor(db, actor, (tx) => getStrength(tx, actor, unitId));
        times.push(performance.now() - t0);
      }
      // The GROUP BY scans the whole subtree: the nation's takes minutes, so fewer runs at the top.
      const runs = level === 'national' || level === 'state' ? 1 : 3;
      const gb: number[] = [];
      let grouped = null as Awaited<ReturnType<typeof strengthByGroupBy>> | null;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        grouped = await strengthByGroupBy(db, tenantId, unitId);
        gb.push(performance.now() - t0);
      }
      const agree = JSON.stringify(comparable(last)) === JSON.stringify(comparable(grouped));
      levels[level] = { unitId, ...stats(times), n: times.length, groupByMs: round(median(gb)), groupByRuns: runs, agree };
      if (level !== 'mandal' && level !== 'booth') all.push(...times);
      log(`  ${level.padEnd(8)} read p50 ${levels[level].p50Ms} ms, p95 ${levels[level].p95Ms} ms; GROUP BY ${levels[level].groupByMs} ms; sums agree: ${agree}`);
    }
    const read = stats(all);

    // (c) the booth page round trip under paced load, server and load generator as their own processes.
    const load = await boothLoad(db, url, tenantId, { users, rate, seconds: loadSeconds, log });
    const { server_version: postgres } = (await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0];
    return {
      name: 'org-rollup', booths: counts.booths, workers: counts.workers, verified: counts.verified, designations: counts.designations,
      p50Ms: read.p50Ms, p95Ms: read.p95Ms, groupByMs: levels.national.groupByMs,
      saveP50Ms: load.roundTrip.p50Ms, saveP95Ms: load.roundTrip.p95Ms,
      levels, load, seeded: seeded.action, postgres,
      where: `server (node bin/warroom.mjs serve), PostgreSQL ${postgres} and the load process on one ${os.availableParallelism()}-core machine, loopback`,
    };
  } finally {
    await database.close();
  }
};
export default orgRollup;

/** The national demo with its organisation: seeded when missing, the organisation added when only it is missing (also used by review.ts). */
export async function ensureNationalOrganisation(db: Executor, url: string, log: (l: string) => void) {
  const tenant = await db.selectFrom('tenants').select(['id', 'status']).where('slug', '=', TENANT).executeTakeFirst();
  const progress = progressLog(log);
  if (!tenant || tenant.status !== 'ready') {
    log(`seeding the national demo with its organisation into ${redact(url)} (tens of minutes on 2 cores)`);
    const r = await seedDemo(db, { scale: 'national', onProgress: progress });
    await sql`analyze`.execute(db);
    return { tenantId: r.tenantId, action: 'seeded', seedSeconds: round(r.seconds), seedCounts: r.counts };
  }
  const people = await db.selectFrom('people').select('id').where('tenant_id', '=', tenant.id).limit(1).executeTakeFirst();
  const own = await db.selectFrom('unit_own_strength').select('unit_id').where('tenant_id', '=', tenant.id).limit(1).executeTakeFirst();
  if (!people || !own) {
    log(`adding the organisation to the national demo in ${redact(url)} (it was seeded before the organisation existed)`);
    let rows = 0;
    const r = await seedDemoOrganisation(db, { scale: 'national', onRows: (n) => { rows += n; progress({ phase: 'organisation', done: rows, total: 22_000_000 }); } });
    await sql`analyze`.execute(db);
    return { tenantId: tenant.id, action: 'organisation added', seedSeconds: round(r.seconds), seedCounts: r.counts };
  }
  log('reusing the national demo and its organisation already in the database');
  return { tenantId: tenant.id, action: 'reused' };
}

function progressLog(log: (l: string) => void) {
  let last = 0;
  return (p: { phase: string; done: number; total: number }) => {
    if (Date.now() - last < 15_000) return;
    last = Date.now();
    log(`  ${p.phase} ${p.done.toLocaleString('en')} / ~${p.total.toLocaleString('en')} rows (${new Date().toISOString().slice(11, 19)})`);
  };
}

/** One unit per level: the root, the largest state, and within it the first district, AC, mandal and booth. */
async function pickUnits(db: Executor, tenantId: string): Promise<Record<(typeof LEVELS)[number], number>> {
  const first = async (level: string, under: string | null) => (await sql<{ id: number; path: string }>`
    select id, path::text as path from units where tenant_id = ${tenantId}::uuid and level = ${level} and wing is null
      ${under ? sql`and path <@ ${under}::ltree` : sql``}
    order by id limit 1`.execute(db)).rows[0];
  const root = await first('national', null);
  const state = (await sql<{ id: number; path: string }>`select u.id, u.path::text as path from units u
    join unit_strength s on s.tenant_id = u.tenant_id and s.unit_id = u.id
    where u.tenant_id = ${tenantId}::uuid and u.level = 'state' and u.wing is null group by u.id, u.path order by sum(s.booths) desc limit 1`.execute(db)).rows[0];
  const district = await first('district', state.path);
  const ac = await first('ac', district.path);
  const mandal = await first('mandal', ac.path);
  const booth = await first('booth', mandal.path);
  return { national: root.id, state: state.id, district: district.id, ac: ac.id, mandal: mandal.id, booth: booth.id };
}

/** An actor granted org.read at the root, as a national admin would be (no session: the service is called directly). */
function systemAdmin(tenantId: string, rootId: number): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000', tenantId, label: 'bench:org-rollup', via: 'session', origin: {},
    grants: [{ id: 0, role: 'admin', unitId: rootId, unitPath: String(rootId), permissions: ['org.read'] }],
  };
}

// ---------- (c) the booth page under load ----------

interface LoadOptions { users: number; rate: number; seconds: number; log: (l: string) => void }

async function boothLoad(db: Executor, url: string, tenantId: string, o: LoadOptions) {
  const booths = await boothUsers(db, tenantId, o.users);
  o.log(`starting the server (node bin/warroom.mjs serve) on PostgreSQL; ${booths.length} booth users`);
  const server = await startServer(url);
  try {
    const spec = { baseUrl: server.url, password: BENCH_PASSWORD, users: booths, rate: o.rate, seconds: o.seconds, warmupSeconds: 10 };
    const file = path.join(os.tmpdir(), `org-rollup-load-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(spec));
    o.log(`load: ${booths.length} users × ${o.rate} save/s for ${o.seconds} s (after a 10 s warm-up), from a separate process`);
    const cpuBefore = cpuOf(server.child.pid);
    const marks: Record<string, { server: number | null; postgres: number | null }> = {};
    const result = await runLoad(file, o.log, (mark) => { marks[mark] = { server: cpuOf(server.child.pid), postgres: postgresCpu() }; });
    const cpuAfter = cpuOf(server.child.pid);
    fs.rmSync(file, { force: true });
    return { ...result, serverCpuSeconds: cpuBefore !== null && cpuAfter !== null ? round(cpuAfter - cpuBefore) : null, users: booths.length,
      cpuPerRoundTrip: cpuPerRoundTrip(marks['measure-start'], marks['measure-end'], result) };
  } finally {
    await server.stop();
  }
}

/** 200 users, each an organiser on one booth that has workers (so a save can pick one), with a hashed password. */
async function boothUsers(db: Executor, tenantId: string, n: number): Promise<{ email: string; unitId: number }[]> {
  const rows = (await sql<{ unit_id: number }>`select o.unit_id from unit_own_strength o
    where o.tenant_id = ${tenantId}::uuid and o.is_booth and o.workers >= 2
    order by hashint8(o.unit_id) limit ${n}`.execute(db)).rows;
  const hash = await hashPassword(BENCH_PASSWORD);
  const out: { email: string; unitId: number }[] = [];
  for (const [i, r] of rows.entries()) {
    const email = `bench-booth-${String(i + 1).padStart(3, '0')}@bench.warroom`;
    const user = await db.insertInto('users').values({ email, name: `Bench booth user ${i + 1}`, password_hash: hash })
      .onConflict((oc) => oc.column('email').doUpdateSet({ password_hash: hash })).returning('id').executeTakeFirstOrThrow();
    await db.deleteFrom('grants').where('tenant_id', '=', tenantId).where('user_id', '=', user.id).execute();
    await db.insertInto('grants').values({ tenant_id: tenantId, user_id: user.id, role_code: 'organiser', unit_id: r.unit_id }).execute();
    out.push({ email, unitId: r.unit_id });
  }
  return out;
}

async function startServer(url: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/warroom.mjs'), 'serve'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', WARROOM_DEMO: 'off', LOG_LEVEL: 'warn' },
  });
  const listening = await new Promise<string>((resolve, reject) => {
    let err = '';
    const onData = (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`server did not start in 120 s: ${err.slice(-2000)}`)), 120_000).unref();
  });
  return {
    url: listening, child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 10_000).unref();
    }),
  };
}

interface LoadResult {
  roundTrip: { p50Ms: number; p95Ms: number; maxMs: number; n: number };
  get: { p50Ms: number; p95Ms: number }; save: { p50Ms: number; p95Ms: number };
  savesPerSecond: number; targetPerSecond: number; errors: number; errorSamples: string[]; lateShare: number;
  loadCpuSeconds: number; loadCpuSecondsMeasured: number; completedMeasured: number;
}

/**
 * CPU milliseconds each process spent per completed round trip over the measured window (server,
 * PostgreSQL when it runs on this machine, the load process), and the rate at which the machine's cores
 * would be fully busy at that cost: the ceiling no tuning of waits or pools can pass.
 */
function cpuPerRoundTrip(a: { server: number | null; postgres: number | null } | undefined, b: typeof a, r: LoadResult) {
  if (!a || !b || !r.completedMeasured) return null;
  const per = (x: number | null, y: number | null) => (x !== null && y !== null ? round(((y - x) * 1000) / r.completedMeasured) : null);
  const server = per(a.server, b.server);
  const postgres = per(a.postgres, b.postgres);
  const load = round((r.loadCpuSecondsMeasured * 1000) / r.completedMeasured);
  const total = (server ?? 0) + (postgres ?? 0) + load;
  return { serverMs: server, postgresMs: postgres, loadMs: load, totalMs: round(total),
    cores: os.availableParallelism(), cpuBoundPerSecond: total > 0 ? Math.round((os.availableParallelism() * 1000) / total) : null };
}

/** CPU seconds of every PostgreSQL process on this machine (backends, plus those that ended, via the postmaster); null when none. */
function postgresCpu(): number | null {
  let total = 0;
  let found = false;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const f = stat.split(') ')[1].split(' ');
      const isPostmaster = Number(f[1]) === 1 || !fs.readFileSync(`/proc/${Number(f[1])}/stat`, 'utf8').includes('(postgres)');
      total += Number(f[11]) + Number(f[12]) + (isPostmaster ? Number(f[13]) + Number(f[14]) : 0);
      found = true;
    } catch { /* a process that ended meanwhile */ }
  }
  return found ? total / 100 : null;
}

function runLoad(specFile: string, log: (l: string) => void, onMark: (mark: string) => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'load', 'booth-users.ts'), specFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n')) {
        const mark = /^@@mark (\S+)/.exec(line)?.[1];
        if (mark) onMark(mark);
        else if (line.trim()) log(`  [load] ${line}`);
      }
    });
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`load process exited with ${code}: ${out.slice(-1000)}`));
      try { resolve(JSON.parse(last) as LoadResult); } catch (e) { reject(e); }
    });
  });
}

/** CPU seconds (user + system) of a process and its children so far, from /proc (Linux). */
function cpuOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return ticks / 100;
  } catch { return null; }
}

// ---------- figures ----------

/** The rolled-up figures without the derived ratios' float noise, for comparing the two reads. */
function comparable(s: object | null): unknown {
  if (!s) return null;
  const { unitId: _u, grade: _g, ...rest } = s as Record<string, unknown>;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'number' || typeof v === 'object').map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
}
