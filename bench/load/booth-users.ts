// The load process of the org-rollup benchmark (its own process, so the server's and the load's CPU
// are separate): simulated booth office-bearers, each signed in as a user granted on their own booth,
// each paced to `rate` round trips a second. A round trip is the booth page's read and save:
// GET /api/org/booths/:unitId, then POST /api/org/units/:unitId/designations replacing a committee
// member's seat with one of the booth's workers. Usage: tsx bench/load/booth-users.ts SPEC.json;
// progress on stderr, one JSON summary as the last line of stdout.
import fs from 'node:fs';
import http from 'node:http';

interface Spec { baseUrl: string; password: string; users: { email: string; unitId: number }[]; rate: number; seconds: number; warmupSeconds: number }
interface Session { email: string; unitId: number; cookie: string; csrf: string }

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Spec;
const base = new URL(spec.baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

interface Reply { status: number; body: string; cookies: string[] }

function request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, agent,
      headers: { ...headers, ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const setCookie = res.headers['set-cookie'];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), cookies: Array.isArray(setCookie) ? setCookie : [] });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

async function signIn(u: { email: string; unitId: number }): Promise<Session> {
  const res = await request('POST', '/api/auth/login', {}, { email: u.email, password: spec.password });
  if (res.status !== 200) throw new Error(`sign-in as ${u.email}: ${res.status} ${res.body.slice(0, 200)}`);
  const cookie = res.cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('wr_session='));
  if (!cookie) throw new Error(`sign-in as ${u.email}: no session cookie`);
  return { ...u, cookie, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
}

/** Sign-ins hash a password on the server (argon2): a few at a time, before the clock starts. */
async function signInAll(): Promise<Session[]> {
  const out: Session[] = new Array(spec.users.length);
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < spec.users.length) {
      const i = next++;
      out[i] = await signIn(spec.users[i]);
    }
  }));
  return out;
}

interface Sample { at: number; roundTrip: number; get: number; save: number; ok: boolean; late: boolean }
const samples: Sample[] = [];
const errors: string[] = [];
let errorCount = 0;

async function user(s: Session, start: number, end: number, offset: number): Promise<void> {
  const period = 1000 / spec.rate;
  let k = 0;
  let personIds: number[] = [];
  for (;;) {
    const due = start + offset + k * period;
    if (due >= end || performance.now() >= end) return; // an overloaded server does not get the missed slots later
    const wait = due - performance.now();
    const late = wait < -period / 2;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    k++;
    const t0 = performance.now();
    let ok = false;
    let get = 0;
    try {
      const page = await request('GET', `/api/org/booths/${s.unitId}`, { cookie: s.cookie });
      get = performance.now() - t0;
      if (page.status !== 200) throw new Error(`GET booth ${s.unitId}: ${page.status} ${page.body.slice(0, 160)}`);
      const body = JSON.parse(page.body) as { workers: { items: { id: number }[] } };
      if (body.workers.items.length) personIds = body.workers.items.map((w) => w.id);
      if (!personIds.length) throw new Error(`booth ${s.unitId} has no workers to put in a seat`);
      const personId = personIds[Math.floor(Math.random() * personIds.length)];
      const seat = 1 + Math.floor(Math.random() * 8);
      const saved = await request('POST', `/api/org/units/${s.unitId}/designations`, { cookie: s.cookie, 'x-csrf-token': s.csrf },
        { code: 'member', seat, personId, replace: true });
      if (saved.status !== 201) throw new Error(`POST designation ${s.unitId}: ${saved.status} ${saved.body.slice(0, 160)}`);
      ok = true;
    } catch (err) {
      errorCount++;
      if (errors.length < 10) errors.push((err as Error).message);
    }
    const t1 = performance.now();
    samples.push({ at: t0, roundTrip: t1 - t0, get, save: t1 - t0 - get, ok, late });
  }
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const r = (n: number) => Math.round(n * 100) / 100;
  return { p50Ms: r(q(0.5)), p95Ms: r(q(0.95)), p99Ms: r(q(0.99)), maxMs: r(s[s.length - 1] ?? 0), n: s.length };
}

async function main() {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const t0 = performance.now();
  const sessions = await signInAll();
  log(`${sessions.length} users signed in in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const cpu0 = process.cpuUsage();
  const start = performance.now() + 200;
  const measureFrom = start + spec.warmupSeconds * 1000;
  const end = measureFrom + spec.seconds * 1000;
  const period = 1000 / spec.rate;
  const ticker = setInterval(() => {
    const recent = samples.filter((x) => x.at > performance.now() - 10_000);
    const st = stats(recent.filter((x) => x.ok).map((x) => x.roundTrip));
    log(`last 10 s: ${(recent.length / 10).toFixed(0)} round trips/s, p50 ${st.p50Ms} ms, p95 ${st.p95Ms} ms, errors ${recent.filter((x) => !x.ok).length}`);
  }, 10_000);
  // Markers for the parent (bench/org-rollup.ts), which reads the server's and PostgreSQL's CPU at them:
  // CPU per round trip is measured over the same window as the latencies.
  let cpuWindow = process.cpuUsage();
  setTimeout(() => { cpuWindow = process.cpuUsage(); log('@@mark measure-start'); }, measureFrom - performance.now());
  setTimeout(() => { cpuWindow = process.cpuUsage(cpuWindow); log('@@mark measure-end'); }, end - performance.now());
  await Promise.all(sessions.map((s, i) => user(s, start, end, (i / sessions.length) * period)));
  clearInterval(ticker);
  const cpu = process.cpuUsage(cpu0);
  const measured = samples.filter((x) => x.at >= measureFrom && x.at < end);
  const ok = measured.filter((x) => x.ok);
  const s = stats(ok.map((x) => x.roundTrip));
  const result = {
    roundTrip: { p50Ms: s.p50Ms, p95Ms: s.p95Ms, p99Ms: s.p99Ms, maxMs: s.maxMs, n: s.n },
    get: stats(ok.map((x) => x.get)), save: stats(ok.map((x) => x.save)),
    savesPerSecond: Math.round((ok.length / spec.seconds) * 10) / 10,
    targetPerSecond: sessions.length * spec.rate,
    errors: measured.length - ok.length, errorsAll: errorCount, errorSamples: errors,
    lateShare: Math.round((measured.filter((x) => x.late).length / Math.max(1, measured.length)) * 1000) / 1000,
    loadCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
    loadCpuSecondsMeasured: Math.round(((cpuWindow.user + cpuWindow.system) / 1e6) * 100) / 100,
    completedMeasured: measured.length,
    measuredSeconds: spec.seconds, warmupSeconds: spec.warmupSeconds,
  };
  agent.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
