import { describe, expect, it } from 'vitest';
import { runMonteCarlo } from './montecarlo.ts';
import { isWasmAvailable, runMonteCarloWasm, simulate } from './montecarlo-wasm.ts';
import { runParallel } from './parallel.ts';
import { prepare, projectSync } from './project.ts';
import { normalTable, studentTable, studentTCdf, studentTQuantile, TABLE_SIZE } from './random.ts';
import { baseline, NO_NOISE, seat } from './testing.ts';

// 20 seats: X leads Y by 0 … 19 points, and Z is far behind everywhere.
const close = baseline(Array.from({ length: 20 }, (_v, i) => seat(i < 10 ? 'A' : 'B', (i % 10) + 1, { X: 450 + 5 * i, Y: 450 - 5 * i, Z: 100 })));

describe('Monte Carlo', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = projectSync(close, { seed: 5, simulations: 2000 });
    const b = projectSync(close, { seed: 5, simulations: 2000 });
    const c = projectSync(close, { seed: 6, simulations: 2000 });
    expect(a).toEqual(b);
    expect(a.seats.map((s) => s.blocs[0].win)).not.toEqual(c.seats.map((s) => s.blocs[0].win));
  });

  it('gives the safer seat the higher win probability, and a tied seat about even odds', () => {
    const r = projectSync(close, { model: 'uniform', simulations: 20_000, noise: { national: 0, state: 0, seat: 5, df: 1000 } });
    const pX = r.seats.map((s) => s.blocs.find((b) => b.bloc === 'X')!.win);
    expect(pX[0]).toBeGreaterThan(0.45);
    expect(pX[0]).toBeLessThan(0.55);
    for (let i = 1; i < 20; i++) expect(pX[i]).toBeGreaterThanOrEqual(pX[i - 1] - 0.02);
    expect(pX[19]).toBeGreaterThan(0.99);
  });

  it('answers P(target) consistently with the seat distribution', () => {
    const r = projectSync(close, { simulations: 5000, noise: { national: 2, state: 3, seat: 5, df: 10 }, targets: [{ bloc: 'X', seats: 15 }, { bloc: 'X', seats: 1 }, { bloc: 'Z', seats: 1 }, { bloc: 'X', seats: 8, state: 'B' }] });
    const x = r.blocs.find((b) => b.name === 'X')!;
    const atLeast15 = x.probabilities.reduce((acc, p, k) => acc + (x.min + k >= 15 ? p : 0), 0);
    expect(r.targets[0].probability).toBeCloseTo(atLeast15, 10);
    expect(r.targets[1].probability).toBeGreaterThan(0.99);
    expect(r.targets[2].probability).toBeLessThan(0.01);
    expect(r.targets[3].probability).toBeGreaterThan(r.targets[0].probability);
    expect(x.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('sums seats across blocs to the seat count in every simulation', () => {
    const p = prepare(close, { simulations: 500 });
    const r = runMonteCarlo(p.problem, 500, 1);
    const S = p.problem.seats;
    let total = 0;
    for (let b = 0; b < p.problem.blocs; b++) for (let n = 0; n <= S; n++) total += n * r.histogram[b * (S + 1) + n];
    expect(total).toBe(500 * S);
  });

  it('splits over worker threads into the same distribution', async () => {
    const p = prepare(close, {});
    const one = runMonteCarlo(p.problem, 4000, 3);
    const two = await runParallel(p.problem, 4000, 3, 2);
    expect(two.simulations).toBe(4000);
    for (let e = 0; e < one.entryWins.length; e++) expect(Math.abs(one.entryWins[e] - two.entryWins[e]) / 4000).toBeLessThan(0.05);
  });
});

describe('quantile tables', () => {
  it('has the standard normal and unit-sd Student-t shapes', () => {
    const n = normalTable();
    expect(n[32768]).toBeCloseTo(0, 3);
    expect(n[Math.round(0.975 * 65536)]).toBeCloseTo(1.96, 2);
    const t = studentTable(4);
    const sd = Math.sqrt(t.reduce((a, x) => a + x * x, 0) / t.length);
    expect(sd).toBeGreaterThan(0.9);
    expect(sd).toBeLessThan(1.01);
    // Heavier tail than the normal at the same sd.
    expect(t[65535]).toBeGreaterThan(n[65535]);
    expect(studentTCdf(2.776, 4)).toBeCloseTo(0.975, 3);
  });

  it('builds the Student-t table by its quick walk equal to the exact quantiles (incomplete beta, Newton)', () => {
    for (const df of [2.5, 4, 10]) {
      const t = studentTable(df), scale = Math.sqrt((df - 2) / df);
      let prev: number | undefined;
      // Every 61st quantile and the whole far tail, each exact quantile started from the one before.
      for (let i = TABLE_SIZE / 2; i < TABLE_SIZE; i += i < TABLE_SIZE - 400 ? 61 : 1) {
        prev = studentTQuantile((i + 0.5) / TABLE_SIZE, df, prev);
        expect(Math.abs(t[i] - prev * scale)).toBeLessThan(1e-9);
        expect(t[TABLE_SIZE - 1 - i]).toBe(-t[i]);
      }
    }
  });
});

// Three states of eight seats, four parties with seat-to-seat variety, an alliance with uncertain
// transfer in one state and national alliances, so every part of the kernel is exercised.
function mixed() {
  let x = 7;
  const rnd = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x / 4294967296; };
  const seats = ['A', 'B', 'C'].flatMap((st) => Array.from({ length: 8 }, (_v, i) => seat(st, i + 1, {
    P: Math.round(300 + 250 * rnd()), Q: Math.round(80 + 120 * rnd()), R: Math.round(250 + 250 * rnd()), S: Math.round(100 * rnd()),
  })));
  const alliances = [
    { state: 'A', bloc: 'PQ', nationalAlliance: 'NDA', members: [{ party: 'P' }, { party: 'Q', transfer: 0.9, transferSd: 0.3 }] },
    { state: '*', bloc: 'P', nationalAlliance: 'NDA', members: [{ party: 'P' }] },
    { state: '*', bloc: 'R', nationalAlliance: 'UPA', members: [{ party: 'R' }] },
  ];
  return prepare(baseline(seats), {
    model: 'uniform', alliances, contenderFloor: 0.5, noise: { national: 2, state: 3, seat: 6, df: 4 },
    targets: [{ bloc: 'P', seats: 9 }, { bloc: 'NDA', seats: 12 }, { bloc: 'R', seats: 3, state: 'B' }, { bloc: 'NDA', seats: 5, state: 'A' }],
  });
}

/** |a − b| within z standard errors of the difference of two independent proportions over n runs each. */
function expectSameProportion(a: number, b: number, n: number, z = 5) {
  const p = (a + b) / 2;
  expect(Math.abs(a - b)).toBeLessThanOrEqual(z * Math.sqrt((2 * p * (1 - p)) / n) + 1e-9);
}

function meanSeats(hist: Int32Array, row: number, S: number, n: number) {
  let m = 0;
  for (let k = 0; k <= S; k++) m += (k * hist[row * (S + 1) + k]) / n;
  return m;
}

/** Spread of a seat distribution: what the correlated national and state errors set. */
function sdSeats(hist: Int32Array, row: number, S: number, n: number) {
  const m = meanSeats(hist, row, S, n);
  let v = 0;
  for (let k = 0; k <= S; k++) v += ((k - m) ** 2 * hist[row * (S + 1) + k]) / n;
  return Math.sqrt(v);
}

describe('WebAssembly SIMD kernel', () => {
  it('is available here and deterministic for a seed and stream', () => {
    expect(isWasmAvailable()).toBe(true);
    const p = mixed().problem;
    const a = runMonteCarloWasm(p, 3000, 9)!;
    expect(runMonteCarloWasm(p, 3000, 9)).toEqual(a);
    expect(runMonteCarloWasm(p, 3000, 9, 1)!.entryWins).not.toEqual(a.entryWins);
    expect(simulate(p, 3000, 9)).toEqual(a);
  });

  it('agrees with the plain JS kernel within Monte Carlo error: seats, alliances, targets, transfer uncertainty', () => {
    const p = mixed().problem, N = 20_000, S = p.seats;
    expect(p.entryPartner?.some((v) => v > 0)).toBe(true);
    const js = runMonteCarlo(p, N, 3);
    const wasm = runMonteCarloWasm(p, N, 3)!;
    expect(wasm.simulations).toBe(N);
    for (let e = 0; e < p.entryBloc.length; e++) expectSameProportion(js.entryWins[e] / N, wasm.entryWins[e] / N, N);
    for (let t = 0; t < p.targets!.length; t++) expectSameProportion(js.targetHits[t] / N, wasm.targetHits[t] / N, N);
    for (let b = 0; b < p.blocs; b++) {
      expect(Math.abs(meanSeats(js.histogram, b, S, N) - meanSeats(wasm.histogram, b, S, N))).toBeLessThan(0.15);
      // The sd of an sd estimate is about sd / √(2N) (0.5% here): 4% is ~6 standard errors of the difference.
      const sd = sdSeats(js.histogram, b, S, N);
      if (sd > 0.5) expect(Math.abs(sdSeats(wasm.histogram, b, S, N) / sd - 1)).toBeLessThan(0.04);
    }
    for (let g = 0; g < p.groups!; g++) expect(Math.abs(meanSeats(js.groupHistogram, g, S, N) - meanSeats(wasm.groupHistogram, g, S, N))).toBeLessThan(0.15);
    // Counts add up: every simulation is in each histogram once, and every seat has one winner.
    let seatsWon = 0;
    for (let b = 0; b < p.blocs; b++) {
      let n = 0;
      for (let k = 0; k <= S; k++) { n += wasm.histogram[b * (S + 1) + k]; seatsWon += k * wasm.histogram[b * (S + 1) + k]; }
      expect(n).toBe(N);
    }
    expect(seatsWon).toBe(N * S);
    expect(wasm.entryWins.reduce((a, v) => a + v, 0)).toBe(N * S);
  });

  it('reproduces the point projection without noise, and the last simulation\'s winners', () => {
    const p = prepare(close, { model: 'uniform', noise: NO_NOISE }).problem;
    const r = runMonteCarloWasm(p, 100, 1)!;
    for (let i = 0; i < p.seats; i++) {
      let best = p.seatStart[i];
      for (let e = p.seatStart[i]; e < p.seatStart[i + 1]; e++) if (p.entryMean[e] > p.entryMean[best]) best = e;
      expect(r.entryWins[best]).toBe(100);
      expect(r.lastWinners[i]).toBe(p.entryBloc[best]);
    }
  });

  it('counts only the requested simulations when they are not a multiple of eight', () => {
    const p = mixed().problem;
    for (const n of [1, 7, 1001]) {
      const r = runMonteCarloWasm(p, n, 2)!;
      expect(r.entryWins.reduce((a, x) => a + x, 0)).toBe(n * p.seats);
      expect(r.targetHits.every((h) => h <= n)).toBe(true);
      expect(r.histogram.reduce((a, x) => a + x, 0)).toBe(n * p.blocs);
    }
  });
});
