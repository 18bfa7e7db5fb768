// The Monte Carlo kernel: correlated national, state and seat errors on projected seat shares, FPTP
// winner per seat per simulation. Pure and allocation-free inside the loop; deterministic for a seed.
//
// Layout, chosen for speed: only the blocs that contest a seat are stored ("entries", compacted per
// seat), so no time goes on absent blocs; every entry points at its (state, bloc) pair, whose national +
// state error is drawn once per simulation and then read by each seat of that state.
import { TABLE_BITS, nextUint32, normalTable, seedState, studentTable } from './random.ts';

export interface McNoise {
  /** sd of the national error per bloc, in share units (0.02 = 2 points). */
  national: number;
  /** sd of the state error per (state, bloc). */
  state: number;
  /** sd of the seat error per (seat, bloc); Student-t with `df` degrees of freedom. */
  seat: number;
  df: number;
}

export interface McProblem {
  seats: number;
  blocs: number;
  /** Entries of seat i are [seatStart[i], seatStart[i + 1]). */
  seatStart: Int32Array;
  entryBloc: Int32Array;
  entryMean: Float64Array;
  entryPair: Int32Array;
  /** Bloc of each (state, bloc) pair. */
  pairBloc: Int32Array;
  /** Optional transfer uncertainty: partners' baseline share per entry, and the transfer-rate sd per pair. */
  entryPartner?: Float64Array;
  pairTransferSd?: Float64Array;
  /** National alliance (or any grouping) of each bloc, for alliance seat distributions. */
  blocGroup?: Int32Array;
  groups?: number;
  /** Seat targets: P(bloc, or group when `group`, wins ≥ seats among seatList, or among all seats). */
  targets?: McTarget[];
  noise: McNoise;
}

export interface McTarget { index: number; group?: boolean; seats: number; seatList?: Int32Array }

export interface McResult {
  simulations: number;
  /** Wins per entry (same index as entryMean). */
  entryWins: Float64Array;
  /** histogram[b * (seats + 1) + n] = simulations in which bloc b won n seats. */
  histogram: Int32Array;
  /** groupHistogram[g * (seats + 1) + n] likewise for groups. */
  groupHistogram: Int32Array;
  /** Simulations in which each target was reached. */
  targetHits: Float64Array;
  /** Winner bloc per seat in the last simulation (kept for inspection in tests). */
  lastWinners: Int32Array;
}

export function emptyResult(p: McProblem): McResult {
  return {
    simulations: 0,
    entryWins: new Float64Array(p.entryBloc.length),
    histogram: new Int32Array(p.blocs * (p.seats + 1)),
    groupHistogram: new Int32Array((p.groups ?? 0) * (p.seats + 1)),
    targetHits: new Float64Array(p.targets?.length ?? 0),
    lastWinners: new Int32Array(p.seats),
  };
}

/** Adds b's counts into a (workers each run a share of the simulations with their own stream). */
export function mergeResults(a: McResult, b: McResult): McResult {
  a.simulations += b.simulations;
  for (let i = 0; i < a.entryWins.length; i++) a.entryWins[i] += b.entryWins[i];
  for (let i = 0; i < a.histogram.length; i++) a.histogram[i] += b.histogram[i];
  for (let i = 0; i < a.groupHistogram.length; i++) a.groupHistogram[i] += b.groupHistogram[i];
  for (let i = 0; i < a.targetHits.length; i++) a.targetHits[i] += b.targetHits[i];
  return a;
}

/**
 * Runs `simulations` draws with random stream `stream` of `seed`. Splitting 10,000 simulations over
 * workers as streams 0..n-1 gives the same distribution (not the same draws) as one thread.
 */
export function runMonteCarlo(p: McProblem, simulations: number, seed: number, stream = 0): McResult {
  const out = emptyResult(p);
  const S = p.seats;
  const normal = normalTable();
  const seatTable = scaled(studentTable(p.noise.df), p.noise.seat);
  const pairs = p.pairBloc.length;
  const nat = new Float64Array(p.blocs);
  const off = new Float64Array(pairs);
  const seatsWon = new Int32Array(p.blocs);
  const groupWon = new Int32Array(p.groups ?? 0);
  const rng = seedState(seed, stream);
  const transfer = p.entryPartner && p.pairTransferSd?.some((x) => x > 0) ? { partner: p.entryPartner, sd: p.pairTransferSd!, dev: new Float64Array(pairs) } : undefined;
  const fast = padded(p);
  for (let n = 0; n < simulations; n++) {
    for (let b = 0; b < p.blocs; b++) nat[b] = p.noise.national * normal[nextUint32(rng) >>> SHIFT];
    for (let j = 0; j < pairs; j++) off[j] = nat[p.pairBloc[j]] + p.noise.state * normal[nextUint32(rng) >>> SHIFT];
    seatsWon.fill(0);
    if (transfer) {
      for (let j = 0; j < pairs; j++) transfer.dev[j] = transfer.sd[j] > 0 ? transfer.sd[j] * normal[nextUint32(rng) >>> SHIFT] : 0;
      seatLoopWithTransfer(p, off, seatTable, transfer.partner, transfer.dev, out, seatsWon, rng);
    } else {
      seatLoop(S, fast.start, fast.mean, fast.pair, fast.bloc, off, seatTable, fast.wins, seatsWon, out.lastWinners, rng);
    }
    for (let b = 0; b < p.blocs; b++) out.histogram[b * (S + 1) + seatsWon[b]]++;
    if (p.blocGroup) tallyGroups(p.blocGroup, seatsWon, groupWon, out.groupHistogram, S);
    if (p.targets) countTargets(p.targets, seatsWon, groupWon, out.lastWinners, p.blocGroup, out.targetHits);
  }
  if (!transfer) for (let k = 0; k < fast.source.length; k++) if (fast.source[k] >= 0) out.entryWins[fast.source[k]] += fast.wins[k];
  out.simulations = simulations;
  return out;
}

/**
 * The fast loop's layout: each seat's entries sorted by projected share, strongest first (so the
 * "new best?" branch is mostly predictable), and padded to an even count with an entry that cannot win
 * (so two entries share one random step without a branch). Wins are mapped back through `source`.
 */
export function padded(p: McProblem) {
  const start = [0], mean: number[] = [], pair: number[] = [], bloc: number[] = [], source: number[] = [];
  for (let i = 0; i < p.seats; i++) {
    const entries: number[] = [];
    for (let e = p.seatStart[i]; e < p.seatStart[i + 1]; e++) entries.push(e);
    entries.sort((a, b) => p.entryMean[b] - p.entryMean[a]);
    for (const e of entries) { mean.push(p.entryMean[e]); pair.push(p.entryPair[e]); bloc.push(p.entryBloc[e]); source.push(e); }
    if (entries.length % 2 === 1) { mean.push(-Infinity); pair.push(0); bloc.push(0); source.push(-1); }
    start.push(mean.length);
  }
  return { start: Int32Array.from(start), mean: Float64Array.from(mean), pair: Int32Array.from(pair), bloc: Int32Array.from(bloc), source, wins: new Float64Array(mean.length) };
}

const SHIFT = 32 - TABLE_BITS;

/**
 * The hot loop: one simulation over every seat. Kept in its own small function with plain typed-array
 * arguments so V8 optimises it as a unit; the generator is inlined and one 32-bit step serves two
 * entries (16 bits each), which measured ~25% faster than a closure drawing per entry. Entries come
 * padded to pairs (see `padded`). The padding's −Infinity never beats a real entry; a seat whose
 * entries are all −Infinity cannot occur (shares are finite).
 */
function seatLoop(S: number, start: Int32Array, mean: Float64Array, pair: Int32Array, bloc: Int32Array, off: Float64Array,
  noise: Float64Array, wins: Float64Array, seatsWon: Int32Array, winners: Int32Array, r: Uint32Array) {
  let s0 = r[0], s1 = r[1], s2 = r[2], s3 = r[3];
  for (let i = 0; i < S; i++) {
    let best = -Infinity, be = -1, e = start[i];
    const end = start[i + 1];
    for (; e < end; e += 2) {
      const x = (s0 + s3) >>> 0;
      const t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      const v1 = mean[e] + off[pair[e]] + noise[x >>> 16];
      if (v1 > best) { best = v1; be = e; }
      const v2 = mean[e + 1] + off[pair[e + 1]] + noise[x & 0xffff];
      if (v2 > best) { best = v2; be = e + 1; }
    }
    if (be < 0) { winners[i] = -1; continue; }
    wins[be]++;
    const w = bloc[be];
    seatsWon[w]++;
    winners[i] = w;
  }
  r[0] = s0; r[1] = s1; r[2] = s2; r[3] = s3;
}

/** The same loop with alliance transfer uncertainty: each entry moves by (drawn rate − mean rate) × partners' share. */
function seatLoopWithTransfer(p: McProblem, off: Float64Array, noise: Float64Array, partner: Float64Array, dev: Float64Array,
  out: McResult, seatsWon: Int32Array, r: Uint32Array) {
  const { seatStart: start, entryMean: mean, entryPair: pair, entryBloc: bloc } = p;
  for (let i = 0; i < p.seats; i++) {
    let best = -Infinity, be = -1;
    for (let e = start[i]; e < start[i + 1]; e++) {
      const v = mean[e] + off[pair[e]] + dev[pair[e]] * partner[e] + noise[nextUint32(r) >>> SHIFT];
      if (v > best) { best = v; be = e; }
    }
    out.lastWinners[i] = be < 0 ? -1 : bloc[be];
    if (be < 0) continue;
    out.entryWins[be]++;
    seatsWon[bloc[be]]++;
  }
}

export function tallyGroups(blocGroup: Int32Array, seatsWon: Int32Array, groupWon: Int32Array, hist: Int32Array, S: number) {
  groupWon.fill(0);
  for (let b = 0; b < blocGroup.length; b++) groupWon[blocGroup[b]] += seatsWon[b];
  for (let g = 0; g < groupWon.length; g++) hist[g * (S + 1) + groupWon[g]]++;
}

export function countTargets(targets: McTarget[], seatsWon: Int32Array, groupWon: Int32Array, winners: Int32Array, blocGroup: Int32Array | undefined, hits: Float64Array) {
  for (let t = 0; t < targets.length; t++) {
    const { index, group, seats, seatList } = targets[t];
    let won = 0;
    if (index < 0) won = 0; // a bloc that contends nowhere
    else if (!seatList) won = group ? groupWon[index] : seatsWon[index];
    else {
      for (let k = 0; k < seatList.length; k++) {
        const w = winners[seatList[k]];
        if (w >= 0 && (group ? blocGroup![w] === index : w === index)) won++;
      }
    }
    if (won >= seats) hits[t]++;
  }
}

/** The seat table pre-multiplied by the seat sd, so the inner loop adds without multiplying. */
export function scaled(t: Float64Array, sd: number): Float64Array {
  const x = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) x[i] = t[i] * sd;
  return x;
}
