// callcentre-load: the call queue under load through the HTTP API, on PostgreSQL. One tenant with
// 1 million contacts in one active campaign, one centre, 1,000 agents (users with the caller role, each
// with a session). The server runs as its own process (node bin/warroom.mjs serve); a separate load
// process (bench/load/callcentre-agents.ts) drives the agents' claim → outcome cycles over loopback.
// (1) Paced steps of rising rate (each agent waits out the rest of its period: the think time); the
// highest rate whose cycle p99 stays ≤ 100 ms is run again for the full time and reported. (2) An
// unpaced burst, then the checks: no contact held by two agents at once, no acknowledged outcome lost,
// none recorded twice (a share of outcomes is resent with the same key on purpose). (3) The ceiling:
// the same statements a claim and an outcome request run (session, settings, the function, the audit
// insert, in transactions) run raw by pgbench with as many connections as the server's pool, the
// server stopped. (4) kill -9 of the server mid-run and a restart: every acknowledged outcome is there
// and no contact stays held past its lease. Seeds its data when missing and reuses it when present.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase, type Executor } from '../src/db/open.ts';
import { sha256 } from '../src/modules/access/secrets.ts';
import { LEASE_SECONDS } from '../src/modules/outreach/outreach.service.ts';
import type { AgentResult, AgentSpec, ClaimLog } from './load/callcentre-agents.ts';
import { BenchUnavailable, type Bench } from './run.ts';
import { round } from './lib/stats.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const TENANT_SLUG = 'callbench';
const PGBENCH = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';
const P99_GOAL_MS = 100;

type Log = (line: string) => void;

interface Setup { tenantId: string; unitId: number; scopes: string; centreId: number; campaignId: number; contacts: number; agents: number; seeded: Record<string, number> }

const callcentreLoad: Bench = async ({ log, args }) => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new BenchUnavailable('callcentre-load needs PostgreSQL: set DATABASE_URL to a database of its own, e.g. '
      + 'postgresql://postgres:postgres@127.0.0.1:5432/wr_callbench (it seeds 1 million contacts and 1,000 agents there when missing)');
  }
  if (!fs.existsSync(PGBENCH)) throw new BenchUnavailable(`callcentre-load needs pgbench (${PGBENCH}; set PGBENCH)`);
  const opt = (name: string, fallback: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.slice(name.length + 3)) : fallback;
  };
  const list = (name: string, fallback: number[]) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? a.slice(name.length + 3).split(',').map(Number) : fallback;
  };
  const o = {
    contacts: opt('contacts', 1_000_000), agents: opt('agents', 1000), pool: opt('pool', 10),
    rates: list('rates', [10, 25, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500]), stepSeconds: opt('step-seconds', 15), seconds: opt('seconds', 60),
    warmup: opt('warmup', 3), burstSeconds: opt('burst-seconds', 20), crashSeconds: opt('crash-seconds', 30), pgbenchSeconds: opt('pgbench-seconds', 60), pgbenchRuns: opt('pgbench-runs', 2),
    resendShare: opt('resend-share', 0.05), callMs: opt('call-ms', 1000), callbackShare: opt('callback-share', 0.1), busyShare: opt('busy-share', 0.3),
  };
  // Development aids: --profile=DIR writes V8 CPU profiles of the server and the load process there;
  // --burst-only runs the unpaced burst alone (no ceiling, no paced steps, no kill -9).
  const profileDir = args.find((x) => x.startsWith('--profile='))?.slice('--profile='.length);
  const profileArgs = [...(profileDir === 'perf' ? ['--perf-basic-prof'] : profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []),
    ...(args.find((x) => x.startsWith('--server-node-args='))?.slice('--server-node-args='.length).split(' ').filter(Boolean) ?? [])];
  const burstOnly = args.includes('--burst-only');
  const stepsOnly = args.includes('--steps-only'); // the paced steps alone, their claim logs kept in the printed folder
  loadNodeArgs = profileArgs;
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callbench-'));
  let server: Server | null = null;
  let keep = false;
  try {
    const { db } = database;
    await migrate(database, { log });
    const setup = await ensureData(db, o.contacts, o.agents, log);
    if (args.includes('--seed-only')) return { name: 'callcentre-load', ...setup };
    const salt = crypto.randomBytes(16).toString('hex');
    const sessions = await makeSessions(db, setup, salt);
    const { server_version: postgres } = (await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0];
    const port = await freePort();
    const dbName = decodeURIComponent(new URL(url).pathname.slice(1));
    const loadAt = (): string => `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`;

    // (3) first, with nothing else of ours running: the ceiling by pgbench.
    await resetQueue(db, setup, log);
    if (burstOnly) o.pgbenchSeconds = opt('pgbench-seconds', 15);
    log(`pgbench ceiling: ${o.pool} connections, ${o.pgbenchSeconds} s (${loadAt()})`);
    const ceiling = await runPgbench(url, setup, salt, o, work, log);
    log(`  ${ceiling.tps} cycles/s, latency average ${ceiling.latencyAvgMs} ms`);

    server = await startServer(url, port, o.pool, profileArgs);
    const run = (phase: string, rate: number, seconds: number, extra: Partial<AgentSpec> = {}, during?: (child: ChildProcess) => Promise<void>) =>
      runLoad({ baseUrl: `http://127.0.0.1:${port}`, centreId: setup.centreId, agents: sessions, rate, seconds, warmupSeconds: o.warmup,
        resendShare: o.resendShare, busyShare: o.busyShare, retryOutcomes: false, dbName, logFile: path.join(work, `${phase}.json`), ...extra }, () => server, log, during);

    // A server just started compiles its hot code and opens its pool on its first few thousand
    // requests, and the first step measured that (its p99 three to ten times the next steps'). A
    // production server is warm: 10 s of cycles at 100/s first, not measured.
    if (!burstOnly) {
      await resetQueue(db, setup, log);
      log(`warm-up: 100 cycles/s, 10 s, not measured (${loadAt()})`);
      await run('warm-up', 100, 10, { warmupSeconds: 0 });
    }

    // (1) paced steps, rising, until a step misses the goal; then the best one again for the full time.
    const steps: StepFigures[] = [];
    let best: number | null = null;
    for (const rate of burstOnly ? [] : o.rates) {
      await resetQueue(db, setup, log);
      log(`paced step: ${rate} cycles/s offered (${o.agents} agents, each every ${round(o.agents / rate)} s), ${o.stepSeconds} s (${loadAt()})`);
      const r = await run(`step-${rate}`, rate, o.stepSeconds);
      const f = stepFigures(rate, o.stepSeconds, r);
      steps.push(f);
      log(`  ${f.cyclesPerSecond}/s, cycle p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, errors ${f.errors}, late ${f.lateShare}`);
      if (!f.meetsGoal) break;
      best = rate;
    }
    if (stepsOnly) { log(`claim logs kept in ${work}`); keep = true; return { name: 'callcentre-load', stepsOnly: true, steps }; }
    let reported: StepFigures | null = null;
    // No step met the goal: the lowest rate still runs for the full time, reported with meetsGoal false.
    const confirmCandidates = best === null ? o.rates.slice(0, 1) : o.rates.filter((r) => r <= best!).reverse().slice(0, 2);
    for (const rate of burstOnly ? [] : confirmCandidates) {
      await resetQueue(db, setup, log);
      log(`reported step: ${rate} cycles/s offered, ${o.seconds} s (${loadAt()})`);
      const r = await run(`paced-${rate}`, rate, o.seconds);
      reported = stepFigures(rate, o.seconds, r);
      steps.push(reported);
      log(`  ${reported.cyclesPerSecond}/s, cycle p50 ${reported.p50Ms} ms, p99 ${reported.p99Ms} ms, errors ${reported.errors}`);
      if (reported.meetsGoal) break;
    }

    // (2) the unpaced burst and its checks.
    await resetQueue(db, setup, log);
    log(`unpaced burst: ${o.agents} agents, ${o.burstSeconds} s (${loadAt()})`);
    const before = await maxCallId(db, setup);
    const burstLoad = await run('burst', 0, o.burstSeconds, { callbackShare: o.callbackShare, callbackSeconds: 2 });
    const burstClaims = JSON.parse(fs.readFileSync(path.join(work, 'burst.json'), 'utf8')) as ClaimLog[];
    const burstChecks = await checkOutcomes(db, setup, burstClaims, before);
    const burst = { cyclesPerSecond: burstLoad.cyclesPerSecond, cycles: burstLoad.cycles, seconds: o.burstSeconds, p50Ms: burstLoad.cycle.p50Ms,
      p99Ms: burstLoad.cycle.p99Ms, errors: burstLoad.errors, claims: burstClaims.length, outcomesAcked: burstLoad.outcomesAcked,
      doubleHeld: doubleHeld(burstClaims), reclaimedContacts: reclaimed(burstClaims), ...burstChecks, resends: burstLoad.resends, resendsAnsweredFirst: burstLoad.resendsAnsweredFirst,
      serverCpuSeconds: burstLoad.serverCpuSeconds, postgresCpuSeconds: burstLoad.postgresCpuSeconds, loadCpuSeconds: burstLoad.loadCpuSeconds };
    log(`  ${burst.cyclesPerSecond}/s, p50 ${burst.p50Ms} ms, p99 ${burst.p99Ms} ms; double held ${burst.doubleHeld}, lost ${burst.lostOutcomes}, doubled ${burst.doubledOutcomes}`);
    if (burstOnly) {
      const per = (sec: number | null) => (sec == null ? null : round((sec * 1000) / burst.cycles));
      return { name: 'callcentre-load', burstOnly: true, agents: o.agents, contacts: setup.contacts, ceilingPerSecond: ceiling.tps,
        burstShare: round(burst.cyclesPerSecond / ceiling.tps), burst, ceiling,
        cpuMsPerCycle: { server: per(burst.serverCpuSeconds), postgres: per(burst.postgresCpuSeconds), load: per(burst.loadCpuSeconds) } };
    }

    // (4) kill -9 mid-run, restart on the same port; the agents carry on (outcomes resent with their key).
    await resetQueue(db, setup, log);
    const crashRate = reported?.rate ?? best ?? o.rates[0];
    log(`crash: ${crashRate} cycles/s offered, ${o.crashSeconds} s, kill -9 at ${Math.round(o.crashSeconds / 2)} s (${loadAt()})`);
    const crashBefore = await maxCallId(db, setup);
    const crash: Record<string, unknown> = {};
    const crashLoad = await run('crash', crashRate, o.crashSeconds, { retryOutcomes: true, warmupSeconds: 0, resendShare: 0, callMs: o.callMs, callbackShare: o.callbackShare, callbackSeconds: 2 }, async () => {
      await sleep((o.crashSeconds / 2) * 1000);
      const killed = server!;
      const tKill = Date.now();
      crash.killedAt = tKill;
      crash.killedAtIso = new Date(tKill).toISOString();
      killed.child.kill('SIGKILL');
      await new Promise<void>((r) => { if (killed.child.exitCode !== null || killed.child.signalCode !== null) r(); else killed.child.once('exit', () => r()); });
      log(`  server killed (SIGKILL, pid ${killed.child.pid})`);
      // What the agents hold now stays held for the lease (LEASE_SECONDS); wind those leases back so they
      // have run out, as if the server stayed down past them: the restart's sweep must return them.
      const held = await heldCounts(db, setup);
      const wound = await sql`update campaign_contacts set lease_until = now() - interval '1 second'
        where tenant_id = ${setup.tenantId}::uuid and campaign_id = ${setup.campaignId} and state = 'held'`.execute(db);
      crash.heldAtKill = held.held;
      crash.leasesWoundBack = Number(wound.numAffectedRows ?? 0n);
      const tStart = Date.now();
      server = await startServer(url, port, o.pool, profileArgs);
      crash.restartMs = Date.now() - tStart;
      crash.downMs = Date.now() - tKill;
      // The sweep runs right after the server listens; give it a moment, then count what is still held past its lease.
      let after = await heldCounts(db, setup);
      const t = Date.now();
      while (after.pastLease > 0 && Date.now() - t < 2000) { await sleep(100); after = await heldCounts(db, setup); }
      crash.heldPastLease = after.pastLease;
      crash.sweptWithinMs = after.pastLease === 0 ? Date.now() - t : null;
      log(`  restarted in ${crash.restartMs} ms (down ${crash.downMs} ms); held at kill ${held.held}, past lease after restart ${after.pastLease}`);
    });
    const crashClaims = JSON.parse(fs.readFileSync(path.join(work, 'crash.json'), 'utf8')) as ClaimLog[];
    const crashChecks = await checkOutcomes(db, setup, crashClaims, crashBefore);
    const finalHeld = await heldCounts(db, setup);
    Object.assign(crash, { rate: crashRate, seconds: o.crashSeconds, claims: crashClaims.length, outcomesAcked: crashLoad.outcomesAcked, errors: crashLoad.errors,
      outcomesRetried: crashLoad.outcomesRetried, retriedAlreadyRecorded: crashLoad.retriedAlreadyRecorded,
      lostAfterCrash: crashChecks.lostOutcomes, doubledAfterCrash: crashChecks.doubledOutcomes, phantomCalls: crashChecks.phantomCalls,
      doubleHeld: doubleHeld(crashClaims, crash.killedAt as number), reclaimedContacts: reclaimed(crashClaims), heldPastLeaseAtEnd: finalHeld.pastLease });
    log(`  acknowledged ${crashLoad.outcomesAcked}, lost after crash ${crashChecks.lostOutcomes}, held past lease ${String(crash.heldPastLease)}`);
    await server.stop();
    server = null;

    // (3) again at the end, the server stopped: the machine's other load drifts, so the ceiling brackets the HTTP phases.
    const ceilings = [ceiling];
    if (o.pgbenchRuns > 1) {
      await resetQueue(db, setup, log);
      log(`pgbench ceiling again: ${o.pool} connections, ${o.pgbenchSeconds} s (${loadAt()})`);
      const again = await runPgbench(url, setup, salt, o, work, log);
      log(`  ${again.tps} cycles/s, latency average ${again.latencyAvgMs} ms`);
      ceilings.push(again);
    }
    const ceilingPerSecond = round(ceilings.reduce((a, c) => a + c.tps, 0) / ceilings.length);

    const share = reported && ceilingPerSecond ? round(reported.cyclesPerSecond / ceilingPerSecond) : null;
    const burstShare = ceilingPerSecond ? round(burst.cyclesPerSecond / ceilingPerSecond) : null;
    return {
      name: 'callcentre-load', agents: o.agents, contacts: setup.contacts, dbConnections: o.pool,
      cyclesPerSecond: reported?.cyclesPerSecond ?? null, targetPerSecond: reported?.rate ?? null, p50Ms: reported?.p50Ms ?? null, p99Ms: reported?.p99Ms ?? null,
      meetsGoal: reported?.meetsGoal ?? false, ceilingPerSecond, share, burstShare,
      doubleHeld: burst.doubleHeld, lostOutcomes: burst.lostOutcomes, doubledOutcomes: burst.doubledOutcomes,
      lostAfterCrash: crash.lostAfterCrash, heldPastLease: crash.heldPastLease,
      steps, burst, crash, ceilings, leaseSeconds: LEASE_SECONDS, seeded: setup.seeded, postgres,
      where: `server (node bin/warroom.mjs serve, pool ${o.pool}), PostgreSQL ${postgres}, the load process and pgbench on one ${os.availableParallelism()}-core machine, loopback`,
      loadAverageAtEnd: os.loadavg().map((x) => round(x)),
    };
  } finally {
    if (server) await server.stop();
    await database.close();
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  }
};
export default callcentreLoad;

// ---------- data ----------

/** The bench tenant, its centre, agents, contacts and campaign: made when missing, topped up when smaller than asked, reused as they are. */
async function ensureData(db: Executor, contacts: number, agents: number, log: Log): Promise<Setup> {
  const seeded: Record<string, number> = {};
  const t0 = performance.now();
  let tenant = (await sql<{ id: string }>`select id from tenants where slug = ${TENANT_SLUG}`.execute(db)).rows[0];
  if (!tenant) {
    log('creating the bench tenant, its unit and call centre');
    tenant = (await sql<{ id: string }>`insert into tenants (slug, name) values (${TENANT_SLUG}, 'Call centre benchmark') returning id`.execute(db)).rows[0];
    await sql`insert into unit_levels (tenant_id, level, depth, name) values (${tenant.id}::uuid, 'state', 0, 'State')`.execute(db);
    const unit = (await sql<{ id: number }>`insert into units (tenant_id, level, name, path, state_code) values (${tenant.id}::uuid, 'state', 'Bench state', '0', 'S01') returning id`.execute(db)).rows[0];
    await sql`update units set path = ${String(unit.id)}::ltree where tenant_id = ${tenant.id}::uuid and id = ${unit.id}`.execute(db);
    await sql`insert into call_centres (tenant_id, name, place, languages, unit_id, unit_path)
      values (${tenant.id}::uuid, 'Bench centre', 'Loopback', '{hi,en}', ${unit.id}, ${String(unit.id)}::ltree)`.execute(db);
  }
  const tenantId = tenant.id;
  const unit = (await sql<{ id: number; path: string }>`select id, path::text from units where tenant_id = ${tenantId}::uuid and parent_id is null`.execute(db)).rows[0];
  const centre = (await sql<{ id: number }>`select id from call_centres where tenant_id = ${tenantId}::uuid order by id limit 1`.execute(db)).rows[0];

  // Agents: deterministic ids (md5 of the agent number), the caller role on the centre's unit, Hindi
  // speakers with every tenth taking English first and every tenth-plus-one English second.
  const haveAgents = Number((await sql<{ n: number }>`select count(*)::int as n from centre_agents where tenant_id = ${tenantId}::uuid and centre_id = ${centre.id}`.execute(db)).rows[0].n);
  if (haveAgents < agents) {
    log(`adding agents ${haveAgents + 1}–${agents}`);
    await sql`insert into users (id, email, name)
      select md5('callbench-agent-' || n)::uuid, 'callbench-agent-' || lpad(n::text, 4, '0') || '@bench.warroom', 'Bench agent ' || n
      from generate_series(${haveAgents + 1}::int, ${agents}::int) n on conflict do nothing`.execute(db);
    await sql`insert into grants (tenant_id, user_id, role_code, unit_id)
      select ${tenantId}::uuid, md5('callbench-agent-' || n)::uuid, 'caller', ${unit.id} from generate_series(${haveAgents + 1}::int, ${agents}::int) n on conflict do nothing`.execute(db);
    await sql`insert into centre_agents (tenant_id, centre_id, user_id, unit_path, languages)
      select ${tenantId}::uuid, ${centre.id}, md5('callbench-agent-' || n)::uuid, ${unit.path}::ltree,
        case when n % 10 = 0 then '{en,hi}'::text[] when n % 10 = 1 then '{hi,en}'::text[] else '{hi}'::text[] end
      from generate_series(${haveAgents + 1}::int, ${agents}::int) n on conflict do nothing`.execute(db);
    seeded.agents = agents - haveAgents;
  }

  // Contacts: E.164 numbers +9190xxxxxxxx, one in ten speaks English, the rest Hindi, spread over 200 ACs.
  const haveContacts = Number((await sql<{ n: number }>`select count(*)::int as n from contacts where tenant_id = ${tenantId}::uuid`.execute(db)).rows[0].n);
  if (haveContacts < contacts) {
    log(`adding contacts ${(haveContacts + 1).toLocaleString('en')}–${contacts.toLocaleString('en')}`);
    const t = performance.now();
    await sql`insert into contacts (tenant_id, phone, name, language, unit_id, unit_path, state_code, ac_no, consent_source)
      select ${tenantId}::uuid, '+9190' || lpad(n::text, 8, '0'), 'Contact ' || n, case when n % 10 = 0 then 'en' else 'hi' end,
        ${unit.id}, ${unit.path}::ltree, 'S01', n % 200 + 1, 'bench'
      from generate_series(${haveContacts + 1}::int, ${contacts}::int) n`.execute(db);
    seeded.contacts = contacts - haveContacts;
    seeded.contactsSeconds = round((performance.now() - t) / 1000);
  }
  let campaign = (await sql<{ id: number }>`select id from campaigns where tenant_id = ${tenantId}::uuid order by id limit 1`.execute(db)).rows[0];
  if (!campaign) {
    // Calling hours all day (to 24:00 on India's clock) so the benchmark runs at any hour; a busy contact
    // comes back at once (cooldown 0, the sweep makes it ready again), up to 20 attempts.
    campaign = (await sql<{ id: number }>`insert into campaigns (tenant_id, centre_id, unit_path, name, languages, max_attempts, cooldown_minutes,
        calling_from, calling_to, starts_at, ends_at, status)
      values (${tenantId}::uuid, ${centre.id}, ${unit.path}::ltree, 'Bench campaign', '{hi,en}', 20, 0, '00:00', '24:00',
        now() - interval '1 day', now() + interval '10 years', 'active') returning id`.execute(db)).rows[0];
  }
  const enrolled = Number((await sql<{ n: number }>`select count(*)::int as n from campaign_contacts where tenant_id = ${tenantId}::uuid and campaign_id = ${campaign.id}`.execute(db)).rows[0].n);
  const total = Math.max(contacts, haveContacts);
  if (enrolled < total) {
    log(`enrolling ${(total - enrolled).toLocaleString('en')} contacts in the campaign (state ready)`);
    const t = performance.now();
    const r = await sql`insert into campaign_contacts (tenant_id, campaign_id, contact_id, centre_id, unit_path, language, priority, state, next_at)
      select c.tenant_id, ${campaign.id}, c.id, ${centre.id}, ${unit.path}::ltree, c.language, 0, 'ready', now()
      from contacts c where c.tenant_id = ${tenantId}::uuid
        and not exists (select 1 from campaign_contacts q where q.tenant_id = c.tenant_id and q.campaign_id = ${campaign.id} and q.contact_id = c.id)`.execute(db);
    seeded.enrolled = Number(r.numAffectedRows ?? 0n);
    seeded.enrolSeconds = round((performance.now() - t) / 1000);
    await sql`vacuum analyze contacts`.execute(db);
    await sql`vacuum analyze campaign_contacts`.execute(db);
  }
  if (Object.keys(seeded).length) seeded.seconds = round((performance.now() - t0) / 1000);
  else log('reusing the bench tenant, agents, contacts and campaign already in the database');
  const counts = (await sql<{ contacts: number; agents: number }>`select
      (select count(*) from campaign_contacts where tenant_id = ${tenantId}::uuid and campaign_id = ${campaign.id})::int as contacts,
      (select count(*) from centre_agents where tenant_id = ${tenantId}::uuid and centre_id = ${centre.id})::int as agents`.execute(db)).rows[0];
  return { tenantId, unitId: unit.id, scopes: `{${unit.path}}`, centreId: centre.id, campaignId: campaign.id, contacts: counts.contacts, agents: Math.min(agents, counts.agents), seeded };
}

/**
 * One session per agent, made directly in the database (a sign-in hashes a password with argon2, which
 * for 1,000 agents would only time the hashing): the cookie is `salt.n`, stored as its sha256 as
 * sign-in stores it, so pgbench can find agent n's session from the salt.
 */
async function makeSessions(db: Executor, s: Setup, salt: string): Promise<{ cookie: string; csrf: string }[]> {
  await sql`delete from sessions where user_id in (select md5('callbench-agent-' || n)::uuid from generate_series(1, ${s.agents}::int) n)`.execute(db);
  const agents = Array.from({ length: s.agents }, (_, i) => ({ cookie: `${salt}.${i + 1}`, csrf: crypto.randomBytes(24).toString('base64url') }));
  await sql`insert into sessions (id_hash, user_id, tenant_id, csrf_token, expires_at, ip, user_agent)
    select h, md5('callbench-agent-' || n)::uuid, ${s.tenantId}::uuid, c, now() + interval '12 hours', '127.0.0.1', 'warroom-callbench'
    from unnest(${agents.map((a) => sha256(a.cookie))}::text[], ${agents.map((a) => a.csrf)}::text[]) with ordinality as x(h, c, n)`.execute(db);
  return agents;
}

/** Every row the last phase touched back to ready, attempts 0, and the calls table's campaign rows kept (checks use call ids). */
async function resetQueue(db: Executor, s: Setup, log: Log): Promise<void> {
  const t = performance.now();
  const reset = () => sql`update campaign_contacts set state = 'ready', held_by = null, lease_until = null, attempts = 0, is_callback = false,
      last_outcome = null, next_at = now(), updated_at = now()
    where tenant_id = ${s.tenantId}::uuid and campaign_id = ${s.campaignId} and state <> 'ready'`.execute(db);
  let r: Awaited<ReturnType<typeof reset>>;
  for (let attempt = 1; ; attempt++) {
    try {
      r = await reset();
      break;
    } catch (e) {
      // The server's sweep (every 5 s) updates the same rows in another order: a deadlock is retried.
      if ((e as { code?: string }).code !== '40P01' || attempt >= 5) throw e;
    }
  }
  const n = Number(r.numAffectedRows ?? 0n);
  if (n > 0) await sql`vacuum analyze campaign_contacts`.execute(db);
  log(`  queue reset: ${n.toLocaleString('en')} rows back to ready (${Math.round(performance.now() - t)} ms)`);
}

async function maxCallId(db: Executor, s: Setup): Promise<number> {
  return Number((await sql<{ m: number | null }>`select max(id) as m from calls where tenant_id = ${s.tenantId}::uuid`.execute(db)).rows[0].m ?? 0);
}

async function heldCounts(db: Executor, s: Setup): Promise<{ held: number; pastLease: number }> {
  return (await sql<{ held: number; pastLease: number }>`select count(*)::int as held, (count(*) filter (where lease_until < now()))::int as "pastLease"
    from campaign_contacts where tenant_id = ${s.tenantId}::uuid and campaign_id = ${s.campaignId} and state = 'held'`.execute(db)).rows[0];
}

// ---------- checks ----------

/**
 * Against the calls table: lostOutcomes = acknowledged keys with no call; doubledOutcomes = keys with
 * more than one call, plus acknowledgements whose call id is not the key's call; phantomCalls = calls
 * written in the phase under a key the agents never sent.
 */
async function checkOutcomes(db: Executor, s: Setup, claims: ClaimLog[], afterCallId: number) {
  const sent = claims.filter((c) => c[6] >= 0);
  return db.connection().execute(async (conn) => {
    await sql`create temp table if not exists bench_sent (key uuid primary key, acked boolean not null, call_id bigint)`.execute(conn);
    await sql`truncate bench_sent`.execute(conn);
    for (let i = 0; i < sent.length; i += 20_000) {
      const chunk = sent.slice(i, i + 20_000);
      await sql`insert into bench_sent (key, acked, call_id) select * from unnest(${chunk.map((c) => c[5])}::uuid[], ${chunk.map((c) => c[7] >= 0)}::bool[],
        ${chunk.map((c) => (c[8] >= 0 ? c[8] : null))}::bigint[])`.execute(conn);
    }
    const r = (await sql<{ acked: number; lost: number; wrong: number; doubled: number; phantom: number; calls: number }>`select
        (select count(*) from bench_sent where acked)::int as acked,
        (select count(*) from bench_sent b where b.acked and not exists (select 1 from calls c where c.tenant_id = ${s.tenantId}::uuid and c.idempotency_key = b.key))::int as lost,
        (select count(*) from bench_sent b join calls c on c.tenant_id = ${s.tenantId}::uuid and c.idempotency_key = b.key where b.acked and c.id <> b.call_id)::int as wrong,
        (select count(*) from (select idempotency_key from calls where tenant_id = ${s.tenantId}::uuid and id > ${afterCallId} group by 1 having count(*) > 1) d)::int as doubled,
        (select count(*) from calls c where c.tenant_id = ${s.tenantId}::uuid and c.id > ${afterCallId} and not exists (select 1 from bench_sent b where b.key = c.idempotency_key))::int as phantom,
        (select count(*) from calls c where c.tenant_id = ${s.tenantId}::uuid and c.id > ${afterCallId})::int as calls`.execute(conn)).rows[0];
    return { outcomesSent: sent.length, outcomesAckedChecked: r.acked, callsWritten: r.calls, lostOutcomes: r.lost, doubledOutcomes: r.doubled + r.wrong, phantomCalls: r.phantom };
  });
}

/**
 * Contacts handed to a second agent while the first still held them, from the agents' own log: claim B
 * of a contact was acknowledged before claim A's outcome was even sent (A's claim came first). With
 * `killedAt`, claims held across the kill are left out: their leases were wound back, so handing them
 * out again after the restart is the sweep doing its job.
 */
function doubleHeld(claims: ClaimLog[], killedAt?: number): number {
  const byContact = new Map<string, ClaimLog[]>();
  for (const c of claims) {
    const k = `${c[1]}:${c[2]}`;
    const l = byContact.get(k);
    if (l) l.push(c); else byContact.set(k, [c]);
  }
  let n = 0;
  for (const l of byContact.values()) {
    if (l.length < 2) continue;
    l.sort((a, b) => a[4] - b[4]);
    for (let i = 0; i < l.length; i++) {
      const a = l[i];
      if (killedAt !== undefined && a[4] <= killedAt && (a[6] < 0 || a[6] >= killedAt)) continue;
      const heldUntil = a[7] >= 0 ? a[6] : Infinity; // an outcome never acknowledged may not have ended the hold
      for (let j = i + 1; j < l.length; j++) if (l[j][4] < heldUntil) n++;
    }
  }
  return n;
}

/** Contacts handed out more than once in the phase (call-backs and busy contacts coming round again): what the double-hold check has to bite on besides concurrent claims. */
function reclaimed(claims: ClaimLog[]): number {
  const seen = new Map<string, number>();
  for (const c of claims) seen.set(`${c[1]}:${c[2]}`, (seen.get(`${c[1]}:${c[2]}`) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}

// ---------- the server and the load ----------

interface Server { child: ChildProcess; stop: () => Promise<void> }
let loadNodeArgs: string[] = [];

async function startServer(url: string, port: number, pool: number, nodeArgs: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin/warroom.mjs'), 'serve'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', WARROOM_DEMO: 'off', LOG_LEVEL: 'warn', WARROOM_DB_POOL: String(pool) },
  });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      if (process.env.CALLBENCH_SERVER_LOG) fs.appendFileSync(process.env.CALLBENCH_SERVER_LOG, chunk);
      text += chunk.toString();
      if (/listening on http/.test(text)) resolve();
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${text.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`server did not start in 120 s: ${text.slice(-2000)}`)), 120_000).unref();
  });
  return {
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 10_000).unref();
    }),
  };
}

type LoadFigures = AgentResult & { serverCpuSeconds: number | null; postgresCpuSeconds: number | null };

async function runLoad(spec: AgentSpec & { dbName: string }, server: () => Server | null, log: Log, during?: (child: ChildProcess) => Promise<void>): Promise<LoadFigures> {
  const specFile = `${spec.logFile}.spec.json`;
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const marks: Record<string, { server: number | null; postgres: Map<number, number> }> = {};
  const serverCpu = () => { const s = server(); return s ? cpuOf(s.child.pid) : null; };
  const child = spawn(process.execPath, [...loadNodeArgs, '--import', 'tsx', path.join(HERE, 'load', 'callcentre-agents.ts'), specFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const duringDone = during ? during(child) : Promise.resolve();
  const result = await new Promise<AgentResult>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n')) {
        const mark = /^@@mark (\S+)/.exec(line)?.[1];
        if (mark) marks[mark] = { server: serverCpu(), postgres: backendTicks(spec.dbName) };
        else if (line.trim()) log(`  [load] ${line}`);
      }
    });
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`load process exited with ${code}: ${stdout.slice(-1000)}`));
      try { resolve(JSON.parse(last) as AgentResult); } catch (e) { reject(e as Error); }
    });
  });
  await duringDone;
  const a = marks['measure-start'];
  const b = marks['measure-end'];
  const diff = (x: number | null | undefined, y: number | null | undefined) => (x != null && y != null ? round(y - x) : null);
  return { ...result, serverCpuSeconds: during ? null : diff(a?.server, b?.server), postgresCpuSeconds: ticksBetween(a?.postgres, b?.postgres) };
}

interface StepFigures {
  rate: number; seconds: number; cyclesPerSecond: number; cycles: number; p50Ms: number; p99Ms: number; maxMs: number;
  claimP50Ms: number; claimP99Ms: number; outcomeP50Ms: number; outcomeP99Ms: number; errors: number; emptyClaims: number; lateShare: number;
  meetsGoal: boolean; cpuMsPerCycle: { server: number | null; postgres: number | null; load: number } | null;
}

function stepFigures(rate: number, seconds: number, r: LoadFigures): StepFigures {
  const per = (s: number | null) => (s != null && r.cycles > 0 ? round((s * 1000) / r.cycles) : null);
  return {
    rate, seconds, cyclesPerSecond: r.cyclesPerSecond, cycles: r.cycles, p50Ms: r.cycle.p50Ms, p99Ms: r.cycle.p99Ms, maxMs: r.cycle.maxMs,
    claimP50Ms: r.claim.p50Ms, claimP99Ms: r.claim.p99Ms, outcomeP50Ms: r.outcome.p50Ms, outcomeP99Ms: r.outcome.p99Ms,
    errors: r.errors, emptyClaims: r.emptyClaims, lateShare: r.lateShare,
    // The goal: p99 of a whole cycle (claim + outcome) within 100 ms, no errors, and the offered rate achieved.
    meetsGoal: r.cycle.p99Ms <= P99_GOAL_MS && r.errors === 0 && r.cyclesPerSecond >= rate * 0.95,
    cpuMsPerCycle: r.cycles > 0 ? { server: per(r.serverCpuSeconds), postgres: per(r.postgresCpuSeconds), load: round((r.loadCpuSeconds * 1000) / r.cycles) } : null,
  };
}

// ---------- pgbench ----------

/**
 * The same statements one claim request and one outcome request run on the server (src/db/scope.ts,
 * auth.service.ts, outreach.service.ts, access/audit.ts), as one pgbench transaction per cycle:
 * the session lookup, then per request BEGIN, the four settings, the function (and the campaign's script, which
 * the claim hands out and the outcome checks answers against), the audit insert, COMMIT.
 * An agent is picked at random; its session is found from the run's salt as the server finds it from the cookie.
 */
export const PGBENCH_SCRIPT = `\\set aid random(1, :agents)
\\set busy random(1, 100)
select r->>'userId' as uid, r->>'email' as label from (select auth_resolve_session(encode(sha256(convert_to(:salt::text || '.' || :aid::text, 'UTF8')), 'hex'), 120) as r) s \\gset
select campaign_id, contact_id, campaign_name, script, max_attempts from outreach_claim_for(:tenant::uuid, :uid::uuid, :label::text, '127.0.0.1'::text, 'pgbench'::text, false::boolean, :centre::bigint, :lease::int) \\gset
select r->>'userId' as uid, r->>'email' as label from (select auth_resolve_session(encode(sha256(convert_to(:salt::text || '.' || :aid::text, 'UTF8')), 'hex'), 120) as r) s \\gset
select call_id, duplicate, state from outreach_record_for(:tenant::uuid, :uid::uuid, :label::text, '127.0.0.1'::text, 'pgbench'::text, gen_random_uuid(), :campaign_id::bigint, :contact_id::bigint, case when :busy::int <= :busypct::int then 'busy' else 'answered' end, null::timestamptz, '{}'::jsonb, null::text, false::boolean);
`;

async function runPgbench(url: string, s: Setup, salt: string, o: { pool: number; pgbenchSeconds: number; busyShare: number }, work: string, log: Log) {
  const script = path.join(work, 'cycle.sql');
  fs.writeFileSync(script, PGBENCH_SCRIPT);
  const u = new URL(url);
  const dbName = decodeURIComponent(u.pathname.slice(1));
  const argv = ['-n', '-M', 'prepared', '-c', String(o.pool), '-j', '2', '-T', String(o.pgbenchSeconds), '-f', script,
    '-D', `agents=${s.agents}`, '-D', `salt=${salt}`, '-D', `tenant=${s.tenantId}`, '-D', `scopes=${s.scopes}`, '-D', `centre=${s.centreId}`,
    '-D', `lease=${LEASE_SECONDS}`, '-D', `busypct=${Math.round(o.busyShare * 100)}`,
    '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), dbName];
  // pgbench's backends end with it: sample them every half second and keep each one's last figure.
  const first = backendTicks(dbName);
  const last = new Map(first);
  const sampler = setInterval(() => { for (const [pid, v] of backendTicks(dbName)) last.set(pid, v); }, 500);
  const child = spawn(PGBENCH, argv, { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (c: Buffer) => { text += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { text += c.toString(); });
  const cpu0 = cpuOfChildren();
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearInterval(sampler);
  const pgbenchCpu = cpuOfChildren() - cpu0;
  if (status !== 0) throw new Error(`pgbench failed (${status}): ${text.slice(-2000)}`);
  const num = (re: RegExp) => { const m = re.exec(text); return m ? Number(m[1]) : null; };
  const tps = num(/tps = ([\d.]+) \(without initial connection time\)/) ?? 0;
  const failed = num(/number of failed transactions: (\d+)/) ?? 0;
  const transactions = num(/number of transactions actually processed: (\d+)/) ?? 0;
  for (const line of text.split('\n').filter((l) => /tps|latency|failed|processed|aborted/.test(l))) log(`  [pgbench] ${line.trim()}`);
  const postgresCpu = ticksBetween(first, last);
  return { tps: round(tps), transactions, failed, latencyAvgMs: num(/latency average = ([\d.]+) ms/), seconds: o.pgbenchSeconds, connections: o.pool, threads: 2,
    cpuMsPerCycle: transactions ? { postgres: postgresCpu != null ? round((postgresCpu * 1000) / transactions) : null, pgbench: round((pgbenchCpu * 1000) / transactions) } : null,
    how: 'pgbench -n -M prepared -c POOL -j 2 -T SECONDS -f cycle.sql (PGBENCH_SCRIPT in bench/callcentre-load.ts), the server stopped' };
}

/** CPU seconds of this process's finished children (pgbench, once it has exited). */
function cpuOfChildren(): number {
  try {
    const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch { return 0; }
}

// ---------- processes ----------

/** CPU seconds (user + system, children included) of a process so far, from /proc (Linux). */
function cpuOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch { return null; }
}

/**
 * CPU ticks of each PostgreSQL backend connected to the bench's database (its command line names the
 * database), by pid: other databases on this shared machine (other people's tests) are left out, and
 * so are PostgreSQL's own background processes (WAL writer, checkpointer, autovacuum).
 */
function backendTicks(dbName: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres:') || !cmd.includes(` ${dbName} `)) continue;
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(Number(pid), Number(f[11]) + Number(f[12]));
    } catch { /* a process that ended meanwhile */ }
  }
  return out;
}

/** CPU seconds the backends spent between two samples (a backend that connected in between counts from zero). */
function ticksBetween(a: Map<number, number> | undefined, b: Map<number, number> | undefined): number | null {
  if (!a || !b) return null;
  let t = 0;
  for (const [pid, v] of b) t += v - (a.get(pid) ?? 0);
  return t / 100;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
