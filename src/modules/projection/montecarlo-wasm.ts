// The Monte Carlo kernel in WebAssembly SIMD (kernel.wat): eight simulations per pass, as two f32x4
// halves, over four xoshiro128+ streams. The whole simulation runs in the module — national, state and
// transfer errors, seat winners, bloc and group histograms, targets — so JavaScript only lays the problem
// out once per run and reads the counts back. Same model as the JS kernel, in 32-bit floats (a share's
// rounding, ~3e-8, is far below Monte Carlo error). Where WebAssembly SIMD is missing, `simulate` falls
// back to runMonteCarlo (same model, other draws).
import { KERNEL_WASM_BASE64 } from './kernel-wasm.ts';
import { emptyResult, runMonteCarlo, scaled, type McProblem, type McResult } from './montecarlo.ts';
import { normalTable, seedState, studentTable, TABLE_SIZE } from './random.ts';

interface Kernel { memory: WebAssembly.Memory; run: (batches: number, lanes: number) => void; seatTable: string }

/** Simulations per pass of the kernel. */
const LANES = 8;
/** Header, then the two tables at the fixed addresses kernel.wat reads them from. */
const HEADER = 256, NT = HEADER, NN = NT + 4 * TABLE_SIZE, ARRAYS = NN + 4 * TABLE_SIZE;

let compiled: WebAssembly.Module | null | undefined;
let kernel: Kernel | undefined;

/**
 * The compiled module, or null where WebAssembly SIMD is unavailable (then the JS kernel runs). Compiled
 * synchronously: the module is ~2.3 KB, under Chrome's 4 KB limit for that on a page's main thread.
 */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch { compiled = null; }
  }
  return compiled;
}

export function isWasmAvailable(): boolean { return kernelModule() !== null; }

/**
 * One instance per thread (or page), reused by every run: its normal table is written once and its seat
 * table again only when the seat noise changes. Runs are synchronous, so they never share it at once.
 */
function instance(mod: WebAssembly.Module): Kernel {
  if (!kernel) {
    const exports = new WebAssembly.Instance(mod).exports;
    kernel = { memory: exports.memory as WebAssembly.Memory, run: exports.run as Kernel['run'], seatTable: '' };
    grow(kernel.memory, ARRAYS);
    new Float32Array(kernel.memory.buffer, NN, TABLE_SIZE).set(normalTable());
  }
  return kernel;
}

function grow(memory: WebAssembly.Memory, bytes: number) {
  const pages = Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536;
  if (pages > 0) memory.grow(pages);
}

/**
 * The kernel's order: seats by entry count (so the entry loop runs the same number of times seat after
 * seat and its exit branch is predicted), each seat's entries by projected share, strongest first.
 * `pos[i]` is seat i's place in that order; `source[k]` the problem entry of kernel entry k.
 */
export function kernelOrder(p: McProblem) {
  const count = (i: number) => p.seatStart[i + 1] - p.seatStart[i];
  const order = Array.from({ length: p.seats }, (_v, i) => i).sort((a, b) => count(a) - count(b) || a - b);
  const pos = new Int32Array(p.seats), start = new Int32Array(p.seats + 1), source = new Int32Array(p.entryBloc.length);
  let k = 0;
  order.forEach((i, n) => {
    pos[i] = n;
    const entries: number[] = [];
    for (let e = p.seatStart[i]; e < p.seatStart[i + 1]; e++) entries.push(e);
    entries.sort((a, b) => p.entryMean[b] - p.entryMean[a] || a - b);
    for (const e of entries) source[k++] = e;
    start[n + 1] = k;
  });
  return { pos, start, source };
}

type Order = ReturnType<typeof kernelOrder>;

/** Targets as kernel.wat reads them: kind 0 counts the seats at an address; kind 2 the (seat, entry) pairs of a list that won. */
function kernelTargets(p: McProblem, o: Order, at: { sw: number; gw: number; wn: number }) {
  const rows: number[] = [], list: number[] = [];
  for (const t of p.targets ?? []) {
    if (t.index >= 0 && !t.seatList) { rows.push(0, (t.group ? at.gw : at.sw) + 32 * t.index, 0, t.seats); continue; }
    const from = list.length / 2;
    // A bloc that contends nowhere (index −1) gets an empty list: it wins no seat.
    if (t.index >= 0) {
      for (const i of t.seatList!) {
        const n = o.pos[i];
        for (let k = o.start[n]; k < o.start[n + 1]; k++) {
          const b = p.entryBloc[o.source[k]];
          if (t.group ? p.blocGroup![b] === t.index : b === t.index) list.push(at.wn + 32 * n, k + 1);
        }
      }
    }
    rows.push(2, from, list.length / 2, t.seats);
  }
  return { rows, list };
}

/** Lays the problem out after the tables (see kernel.wat for every array) and writes the header. */
function layout(k: Kernel, p: McProblem, o: Order) {
  const S = p.seats, E = p.entryBloc.length, P = p.pairBloc.length, K = p.blocs, G = p.blocGroup ? p.groups ?? 0 : 0;
  const T = p.targets?.length ?? 0, transfer = hasTransfer(p);
  const listLength = kernelTargets(p, o, { sw: 0, gw: 0, wn: 0 }).list.length;
  const sizes = {
    ss: 4 * (S + 1), mean: 16 * E, pair: 4 * E, boff: 4 * E, partner: transfer ? 4 * E : 0, pnat: 4 * P, tsd: transfer ? 4 * P : 0,
    nat: 32 * K, slots: 64 * P, wins: 32 * E, sw: 32 * K, gw: 32 * G, bgrp: 4 * K, hist: 4 * K * (S + 1), ghist: 4 * G * (S + 1),
    wn: 32 * S, tgt: 16 * T, tlist: 4 * listLength, hits: 4 * T, rng: 64,
  };
  type Name = keyof typeof sizes;
  const at = {} as Record<Name, number>;
  let next = ARRAYS;
  for (const name of Object.keys(sizes) as Name[]) { at[name] = next; next += Math.ceil(sizes[name] / 16) * 16; }
  grow(k.memory, next);
  const buf = k.memory.buffer;
  const i32 = (name: Name) => new Int32Array(buf, at[name], sizes[name] / 4);
  const f32 = (name: Name) => new Float32Array(buf, at[name], sizes[name] / 4);
  i32('ss').set(o.start);
  const mean = f32('mean'), pair = i32('pair'), boff = i32('boff');
  o.source.forEach((e, j) => {
    mean.fill(p.entryMean[e], 4 * j, 4 * j + 4);
    pair[j] = at.slots + 64 * p.entryPair[e];
    boff[j] = at.sw + 32 * p.entryBloc[e];
  });
  i32('pnat').set(p.pairBloc.map((b) => at.nat + 32 * b));
  if (transfer) {
    f32('partner').set(Float32Array.from(o.source, (e) => p.entryPartner![e]));
    f32('tsd').set(p.pairTransferSd!);
  }
  if (G) i32('bgrp').set(p.blocGroup!.map((g) => at.gw + 32 * g));
  const { rows, list } = kernelTargets(p, o, at);
  i32('tgt').set(rows);
  i32('tlist').set(list);
  for (const name of ['wins', 'hist', 'ghist', 'hits'] as const) new Uint8Array(buf, at[name], sizes[name]).fill(0);
  const key = `${p.noise.df}:${p.noise.seat}`;
  if (k.seatTable !== key) { new Float32Array(buf, NT, TABLE_SIZE).set(scaled(studentTable(p.noise.df), p.noise.seat)); k.seatTable = key; }
  new Int32Array(buf, 0, 27).set([S, K, P, G, at.ss, at.mean, at.pair, at.boff, transfer ? at.partner : 0, at.pnat, transfer ? at.tsd : 0,
    at.nat, at.slots, at.wins, at.sw, at.gw, at.bgrp, at.hist, at.ghist, at.wn, at.tgt, T, at.tlist, at.hits, at.rng, NT, NN]);
  new Float32Array(buf, 108, 2).set([p.noise.national, p.noise.state]);
  return { at, E, S, K, G, T };
}

function hasTransfer(p: McProblem): boolean {
  return Boolean(p.entryPartner && p.pairTransferSd?.some((x) => x > 0));
}

/** Seeds lane l of the four generator state vectors with stream l of this run's share. */
function seedLanes(rng: Uint32Array, seed: number, stream: number) {
  for (let l = 0; l < 4; l++) {
    const s = seedState(seed, 1_000_003 + stream * 4 + l);
    for (let w = 0; w < 4; w++) rng[w * 4 + l] = s[w];
  }
}

/** Runs the problem in WebAssembly, or returns null where WebAssembly SIMD is unavailable. */
export function runMonteCarloWasm(p: McProblem, simulations: number, seed: number, stream = 0): McResult | null {
  const mod = kernelModule();
  if (!mod) return null;
  const k = instance(mod);
  const o = kernelOrder(p);
  const { at, E, S, K, G, T } = layout(k, p, o);
  seedLanes(new Uint32Array(k.memory.buffer, at.rng, 16), seed, stream);
  const full = Math.floor(simulations / LANES), rest = simulations % LANES;
  if (full > 0) k.run(full, LANES);
  if (rest > 0) {
    // The last pass simulates eight but counts `rest`: the extra lanes' entry wins are put back.
    const before = new Int32Array(k.memory.buffer, at.wins, LANES * E).slice();
    k.run(1, rest);
    const wins = new Int32Array(k.memory.buffer, at.wins, LANES * E);
    for (let e = 0; e < E; e++) for (let l = rest; l < LANES; l++) wins[LANES * e + l] = before[LANES * e + l];
  }
  const buf = k.memory.buffer, out = emptyResult(p);
  const wins = new Int32Array(buf, at.wins, LANES * E);
  o.source.forEach((e, j) => { let n = 0; for (let l = 0; l < LANES; l++) n += wins[LANES * j + l]; out.entryWins[e] = n; });
  out.histogram.set(new Int32Array(buf, at.hist, K * (S + 1)));
  out.groupHistogram.set(new Int32Array(buf, at.ghist, G * (S + 1)));
  out.targetHits.set(new Int32Array(buf, at.hits, T));
  if (simulations > 0) {
    const lane = rest > 0 ? rest - 1 : LANES - 1, wn = new Int32Array(buf, at.wn, LANES * S);
    for (let i = 0; i < S; i++) { const j = wn[LANES * o.pos[i] + lane]; out.lastWinners[i] = j === 0 ? -1 : p.entryBloc[o.source[j - 1]]; }
  }
  out.simulations = simulations;
  return out;
}

/** The engine's Monte Carlo: WebAssembly SIMD where available, else the JS kernel (same model, other draws). */
export function simulate(p: McProblem, simulations: number, seed: number, stream = 0): McResult {
  return runMonteCarloWasm(p, simulations, seed, stream) ?? runMonteCarlo(p, simulations, seed, stream);
}
