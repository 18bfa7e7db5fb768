// The load process of the callcentre-load benchmark (its own process, so the server's and the load's
// CPU are separate): simulated call-centre agents, each with its own session, doing claim → outcome
// cycles through the HTTP API: POST /api/outreach/centres/:centreId/claim, then POST /api/outreach/calls
// with a fresh idempotency key. Paced (`rate` cycles a second in all: each agent waits out the rest of
// its period after a cycle, the think time) or unpaced (`rate` 0: the next cycle at once). A share of
// outcomes is sent a second time with the same key, which must answer the first call. Every claim is
// written to `logFile` for the orchestrator's checks (double holds, lost and doubled outcomes).
// Usage: tsx bench/load/callcentre-agents.ts SPEC.json; progress on stderr ("@@mark measure-start",
// "@@mark measure-end"), one JSON summary as the last line of stdout.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';

export interface AgentSpec {
  baseUrl: string;
  centreId: number;
  agents: { cookie: string; csrf: string }[];
  /** Cycles a second over all agents; 0 = unpaced. */
  rate: number;
  seconds: number;
  warmupSeconds: number;
  /** Share of outcomes sent a second time with the same idempotency key. */
  resendShare: number;
  /** Share of outcomes that are 'busy' (the rest 'answered'). */
  busyShare: number;
  /** Share of outcomes that are 'call_back' in `callbackSeconds` (the sweep makes them ready, first in the queue, so they are claimed again). */
  callbackShare?: number;
  callbackSeconds?: number;
  /** After a network error or a 5xx on the outcome, send it again with the same key until it is acknowledged. */
  retryOutcomes: boolean;
  logFile: string;
  /** Mean milliseconds between a claim's answer and its outcome (the call itself; uniform 0–2×); 0 = at once. */
  callMs?: number;
}

/** One claim, as the agent saw it: epoch milliseconds (fractional); -1 = not reached. */
export type ClaimLog = [agent: number, campaignId: number, contactId: number, claimSent: number, claimAck: number,
  key: string, outcomeSent: number, outcomeAck: number, callId: number, measured: 0 | 1];

export interface AgentResult {
  cycles: number; cyclesPerSecond: number; targetPerSecond: number; measuredSeconds: number;
  cycle: { p50Ms: number; p99Ms: number; maxMs: number }; claim: { p50Ms: number; p99Ms: number }; outcome: { p50Ms: number; p99Ms: number };
  emptyClaims: number; errors: number; errorSamples: string[]; lateShare: number;
  resends: number; resendsAnsweredFirst: number; resendsWrong: number;
  claimsLogged: number; outcomesAcked: number; loadCpuSeconds: number;
  /** Outcomes sent again after a failure (retryOutcomes), and how many of those the server had already recorded. */
  outcomesRetried: number; retriedAlreadyRecorded: number;
}

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as AgentSpec;
// A minimal keep-alive HTTP/1.1 client (one connection per agent, as 1,000 agents' phones would have),
// not node:http or undici: the load process shares the machine's two cores with the server and
// PostgreSQL, and those clients spent 0.6–1 ms of CPU per cycle, a fifth of the machine's whole cost of a
// cycle (bench/README.md). pgbench's own client costs 0.1 ms. This one writes each request with one
// write() and reads replies by content-length, which is all the server's JSON answers need.
const base = new URL(spec.baseUrl);
const UA = 'warroom-callbench';
const now = () => performance.timeOrigin + performance.now();

interface Reply { status: number; body: string }

class Connection {
  private socket: net.Socket | null = null;
  private chunks: Buffer[] = [];
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;

  request(path: string, headers: string, body?: unknown): Promise<Reply> {
    if (this.waiting) return Promise.reject(new Error('one request at a time per agent'));
    const payload = body === undefined ? '' : JSON.stringify(body);
    const head = `POST ${path} HTTP/1.1\r\nhost: ${base.host}\r\nuser-agent: ${UA}\r\n${headers}`
      + (payload ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n\r\n` : 'content-length: 0\r\n\r\n');
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error('timeout after 30 s')), 30_000);
      this.waiting = { resolve, reject, timer };
      this.chunks = [];
      if (!this.socket) this.open();
      this.socket!.write(head + payload);
    });
  }

  /** Opens the connection ahead of the first request, as an agent's open app holds one all shift. */
  connect(): Promise<void> {
    if (!this.socket) this.open();
    const socket = this.socket!;
    if (!socket.connecting) return Promise.resolve();
    return new Promise((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('error', reject); });
  }

  private open() {
    const socket = net.connect({ host: base.hostname, port: Number(base.port), noDelay: true });
    socket.on('data', (c: Buffer) => { this.chunks.push(c); this.parse(); });
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed')));
    this.socket = socket;
  }

  private parse() {
    const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [buf];
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buf.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
    if (!Number.isFinite(length)) return this.fail(new Error(`reply without content-length: ${head.slice(0, 200)}`));
    if (buf.length < end + 4 + length) return;
    const w = this.waiting;
    this.waiting = null;
    this.chunks = [];
    if (/\r\nconnection: *close/i.test(head)) this.drop();
    if (w) { clearTimeout(w.timer); w.resolve({ status: Number(head.slice(9, 12)), body: buf.toString('utf8', end + 4, end + 4 + length) }); }
  }

  private drop() {
    const s = this.socket;
    this.socket = null;
    s?.removeAllListeners('close');
    s?.on('error', () => {});
    s?.destroy();
  }

  private fail(e: Error) {
    this.drop();
    const w = this.waiting;
    this.waiting = null;
    if (w) { clearTimeout(w.timer); w.reject(e); }
  }

  close() { this.drop(); }
}

const connections = spec.agents.map(() => new Connection());
const agentHeaders = spec.agents.map((a) => `cookie: wr_session=${a.cookie}\r\nx-csrf-token: ${a.csrf}\r\n`);

function request(agent: number, path: string, body?: unknown): Promise<Reply> {
  return connections[agent].request(path, agentHeaders[agent], body);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

const log: ClaimLog[] = [];
const cycleMs: number[] = [];
const claimMs: number[] = [];
const outcomeMs: number[] = [];
let emptyClaims = 0;
let errors = 0;
const errorSamples: string[] = [];
let slots = 0;
let late = 0;
let resends = 0;
let resendsAnsweredFirst = 0;
let resendsWrong = 0;
let outcomesAcked = 0;
let outcomesRetried = 0;
let retriedAlreadyRecorded = 0;

function error(what: string) {
  errors++;
  if (errorSamples.length < 10) errorSamples.push(what.slice(0, 300));
}

// Every agent's connection is open before the clock starts: otherwise the first period of a paced run
// (agents ÷ rate seconds, longer than the warm-up below 333 cycles/s) measures 1,000 connections being
// accepted rather than agents at work, and its cycles waited hundreds of milliseconds behind them.
await Promise.all(connections.map((c) => c.connect()));
const t0 = now();
const measureFrom = t0 + spec.warmupSeconds * 1000;
const endAt = measureFrom + spec.seconds * 1000;
const inWindow = (t: number) => t >= measureFrom && t < endAt;

async function cycle(i: number, a: { cookie: string; csrf: string }): Promise<void> {
  const claimSent = now();
  let claimed: { contact: { campaignId: number; contactId: number } | null; reason: string | null };
  try {
    const res = await request(i, `/api/outreach/centres/${spec.centreId}/claim`);
    if (res.status !== 200) { error(`claim ${res.status} ${res.body}`); await sleep(100); return; }
    claimed = JSON.parse(res.body) as typeof claimed;
  } catch (e) {
    error(`claim: ${(e as Error).message}`);
    await sleep(200);
    return;
  }
  const claimAck = now();
  if (!claimed.contact) { emptyClaims++; await sleep(100); return; }
  const { campaignId, contactId } = claimed.contact;
  const key = crypto.randomUUID();
  const entry: ClaimLog = [i, campaignId, contactId, claimSent, claimAck, key, -1, -1, -1, inWindow(claimSent) ? 1 : 0];
  log.push(entry);
  const dice = Math.random();
  const callback = dice < (spec.callbackShare ?? 0);
  const body = { idempotencyKey: key, campaignId, contactId, answers: {},
    outcome: callback ? 'call_back' : dice < (spec.callbackShare ?? 0) + spec.busyShare ? 'busy' : 'answered',
    ...(callback && { callbackAt: new Date(Date.now() + (spec.callbackSeconds ?? 2) * 1000).toISOString() }) };
  if (spec.callMs) await sleep(Math.random() * 2 * spec.callMs);
  entry[6] = now();
  for (let attempt = 1; ; attempt++) {
    if (attempt === 2) outcomesRetried++;
    try {
      const res = await request(i, '/api/outreach/calls', body);
      if (res.status === 200) {
        entry[7] = now();
        const r = JSON.parse(res.body) as { callId: number; duplicate: boolean };
        entry[8] = r.callId;
        outcomesAcked++;
        if (attempt > 1 && r.duplicate) retriedAlreadyRecorded++;
        break;
      }
      error(`outcome ${res.status} ${res.body}`);
      if (!spec.retryOutcomes || res.status < 500) return;
    } catch (e) {
      error(`outcome: ${(e as Error).message}`);
      if (!spec.retryOutcomes) return;
    }
    if (now() >= endAt + 30_000) return; // give up well after the run: the outcome stays unacknowledged
    await sleep(250);
  }
  if (inWindow(claimSent)) {
    cycleMs.push(entry[7] - claimSent);
    claimMs.push(claimAck - claimSent);
    outcomeMs.push(entry[7] - entry[6]);
  }
  if (Math.random() < spec.resendShare) {
    // The agent's phone lost the answer and sends the same outcome again: it must answer the first call.
    resends++;
    try {
      const res = await request(i, '/api/outreach/calls', body);
      const r = JSON.parse(res.body) as { callId: number; duplicate: boolean };
      if (res.status === 200 && r.duplicate && r.callId === entry[8]) resendsAnsweredFirst++;
      else { resendsWrong++; error(`resend ${res.status} ${res.body}`); }
    } catch (e) {
      error(`resend: ${(e as Error).message}`);
    }
  }
}

async function runAgent(i: number): Promise<void> {
  const a = spec.agents[i];
  if (spec.rate <= 0) {
    while (now() < endAt) await cycle(i, a);
    return;
  }
  // Paced: agent i's slots are every `period` ms, staggered over the agents; a slot the agent reaches
  // more than half a period late is dropped (not made up later), so the offered rate stays `rate`.
  const period = (spec.agents.length / spec.rate) * 1000;
  let next = t0 + (i / spec.agents.length) * period + Math.random() * 5;
  while (next < endAt) {
    const wait = next - now();
    if (wait > 0) await sleep(wait);
    const t = now();
    if (inWindow(next)) {
      slots++;
      if (t - next > period / 2) late++;
    }
    if (t - next > period / 2) {
      next += Math.ceil((t - next) / period) * period;
      continue;
    }
    await cycle(i, a);
    next += period;
  }
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 100) / 100;
}

async function main() {
  const cpu0 = process.cpuUsage();
  const marked = new Set<string>();
  const mark = (m: string) => { if (!marked.has(m)) { marked.add(m); process.stderr.write(`@@mark ${m}\n`); } };
  const markStart = setTimeout(() => mark('measure-start'), Math.max(0, measureFrom - now()));
  const markEnd = setTimeout(() => mark('measure-end'), Math.max(0, endAt - now()));
  await Promise.all(spec.agents.map((_, i) => runAgent(i)));
  clearTimeout(markStart);
  clearTimeout(markEnd);
  mark('measure-start');
  mark('measure-end');
  const cpu = process.cpuUsage(cpu0);
  fs.writeFileSync(spec.logFile, JSON.stringify(log));
  const cycles = cycleMs.length;
  const result: AgentResult = {
    cycles, cyclesPerSecond: Math.round((cycles / spec.seconds) * 10) / 10, targetPerSecond: spec.rate, measuredSeconds: spec.seconds,
    cycle: { p50Ms: pct(cycleMs, 0.5), p99Ms: pct(cycleMs, 0.99), maxMs: pct(cycleMs, 1) },
    claim: { p50Ms: pct(claimMs, 0.5), p99Ms: pct(claimMs, 0.99) }, outcome: { p50Ms: pct(outcomeMs, 0.5), p99Ms: pct(outcomeMs, 0.99) },
    emptyClaims, errors, errorSamples, lateShare: slots ? Math.round((late / slots) * 1000) / 1000 : 0,
    resends, resendsAnsweredFirst, resendsWrong, claimsLogged: log.length, outcomesAcked, outcomesRetried, retriedAlreadyRecorded,
    loadCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
  };
  for (const c of connections) c.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
