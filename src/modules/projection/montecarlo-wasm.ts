// The Monte Carlo kernel in WebAssembly SIMD (kernel.wat): four simulations per pass, one per lane, each
// lane its own xoshiro128+ stream. Same model as the JS kernel, in 32-bit floats (a share's rounding,
// ~3e-8, is far below Monte Carlo error). Used when the runtime has SIMD and the problem has no transfer
// uncertainty; otherwise callers fall back to runMonteCarlo.
import { KERNEL_WASM_BASE64 } from './kernel-wasm.ts';
import { countTargets, emptyResult, padded, runMonteCarlo, scaled, tallyGroups, type McProblem, type McResult } from './montecarlo.ts';
import { nextUint32, normalTable, seedState, studentTable, TABLE_BITS, TABLE_SIZE } from './random.ts';

type Batch = (S: number, ss: number, mean: number, pair: number, bloc: number, off: number, nt: number, wins: number, sw: number, K: number, wn: number, rng: number, lanes: number) => void;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (then the JS kernel runs). */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch { compiled = null; }
  }
  return compiled;
}

export function isWasmAvailable(): boolean { return kernelModule() !== null; }

const LANES = 4;

/** Lays the problem out in the module's memory (entries padded to pairs, as the kernel reads them two at a time). */
function layout(memory: WebAssembly.Memory, p: McProblem, pad: ReturnType<typeof padded>) {
  const S = p.seats, E = pad.mean.length, P = p.pairBloc.length, K = p.blocs;
  const sizes = { ss: 4 * (S + 1), mean: 4 * E, pair: 4 * E, bloc: 4 * E, off: 16 * P, nt: 4 * TABLE_SIZE, wins: 4 * E, sw: 4 * LANES * K, wn: 16 * S, rng: 64 };
  const at: Record<keyof typeof sizes, number> = {} as never;
  let next = 0;
  for (const [k, n] of Object.entries(sizes)) { at[k as keyof typeof sizes] = next; next += Math.ceil(n / 16) * 16; }
  const pages = Math.ceil(next / 65536) - memory.buffer.byteLength / 65536;
  if (pages > 0) memory.grow(pages);
  const buf = memory.buffer;
  new Int32Array(buf, at.ss, S + 1).set(pad.start);
  new Float32Array(buf, at.mean, E).set(pad.mean);
  new Int32Array(buf, at.pair, E).set(Int32Array.from(pad.pair, (j) => 16 * j));
  new Int32Array(buf, at.bloc, E).set(pad.bloc);
  new Float32Array(buf, at.nt, TABLE_SIZE).set(scaled(studentTable(p.noise.df), p.noise.seat));
  return { at, views: { off: new Float32Array(buf, at.off, 4 * P), wins: new Int32Array(buf, at.wins, E), sw: new Int32Array(buf, at.sw, LANES * K), wn: new Int32Array(buf, at.wn, LANES * S), rng: new Uint32Array(buf, at.rng, 16) } };
}

/** Seeds lane l's generator words as lanes of the four state vectors. */
function seedLanes(rng: Uint32Array, seed: number, stream: number) {
  for (let l = 0; l < LANES; l++) {
    const s = seedState(seed, 1_000_003 + stream * LANES + l);
    for (let w = 0; w < 4; w++) rng[w * LANES + l] = s[w];
  }
}

/** Runs the problem in WebAssembly, or returns null when it cannot (no SIMD, or transfer uncertainty). */
export function runMonteCarloWasm(p: McProblem, simulations: number, seed: number, stream = 0): McResult | null {
  const mod = kernelModule();
  if (!mod || (p.entryPartner && p.pairTransferSd?.some((x) => x > 0))) return null;
  const instance = new WebAssembly.Instance(mod);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const batch = instance.exports.batch as Batch;
  const pad = padded(p);
  const { at, views } = layout(memory, p, pad);
  seedLanes(views.rng, seed, stream);
  const out = emptyResult(p);
  const S = p.seats, K = p.blocs, P = p.pairBloc.length;
  const normal = normalTable(), rng = seedState(seed, stream), shift = 32 - TABLE_BITS;
  const nat = new Float64Array(K), seatsWon = new Int32Array(K), groupWon = new Int32Array(p.groups ?? 0);
  const needWinners = Boolean(p.targets?.some((t) => t.seatList));
  for (let done = 0; done < simulations; done += LANES) {
    const lanes = Math.min(LANES, simulations - done);
    for (let l = 0; l < LANES; l++) {
      for (let b = 0; b < K; b++) nat[b] = p.noise.national * normal[nextUint32(rng) >>> shift];
      for (let j = 0; j < P; j++) views.off[4 * j + l] = nat[p.pairBloc[j]] + p.noise.state * normal[nextUint32(rng) >>> shift];
    }
    views.sw.fill(0);
    batch(S, at.ss, at.mean, at.pair, at.bloc, at.off, at.nt, at.wins, at.sw, K, at.wn, at.rng, lanes);
    for (let l = 0; l < lanes; l++) tallyLane(p, out, views, l, seatsWon, groupWon, needWinners);
  }
  pad.source.forEach((e, k) => { if (e >= 0) out.entryWins[e] = views.wins[k]; });
  out.simulations = simulations;
  return out;
}

function tallyLane(p: McProblem, out: McResult, views: ReturnType<typeof layout>['views'], l: number, seatsWon: Int32Array, groupWon: Int32Array, needWinners: boolean) {
  const S = p.seats, K = p.blocs;
  for (let b = 0; b < K; b++) { seatsWon[b] = views.sw[l * K + b]; out.histogram[b * (S + 1) + seatsWon[b]]++; }
  if (needWinners || l === 0) for (let i = 0; i < S; i++) out.lastWinners[i] = views.wn[4 * i + l];
  if (p.blocGroup) tallyGroups(p.blocGroup, seatsWon, groupWon, out.groupHistogram, S);
  if (p.targets) countTargets(p.targets, seatsWon, groupWon, out.lastWinners, p.blocGroup, out.targetHits);
}

/** The engine's Monte Carlo: WebAssembly SIMD where available, else the JS kernel (same model, other draws). */
export function simulate(p: McProblem, simulations: number, seed: number, stream = 0): McResult {
  return runMonteCarloWasm(p, simulations, seed, stream) ?? runMonteCarlo(p, simulations, seed, stream);
}
