import { describe, expect, it } from 'vitest';
import { runMonteCarlo } from './montecarlo.ts';
import { isWasmAvailable, runMonteCarloWasm } from './montecarlo-wasm.ts';
import { runParallel } from './parallel.ts';
import { prepare, projectSync } from './project.ts';
import { normalTable, studentTable, studentTCdf } from './random.ts';
import { baseline, seat } from './testing.ts';

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
});

describe('WebAssembly SIMD kernel', () => {
  it('is available here, deterministic, and agrees with the JS kernel within Monte Carlo error', () => {
    expect(isWasmAvailable()).toBe(true);
    const p = prepare(close, { noise: { national: 2, state: 3, seat: 6, df: 4 }, targets: [{ bloc: 'X', seats: 12 }, { bloc: 'X', seats: 6, state: 'B' }] });
    const js = runMonteCarlo(p.problem, 20_000, 9);
    const wasm = runMonteCarloWasm(p.problem, 20_000, 9)!;
    expect(runMonteCarloWasm(p.problem, 20_000, 9)).toEqual(wasm);
    expect(wasm.simulations).toBe(20_000);
    for (let e = 0; e < js.entryWins.length; e++) expect(Math.abs(js.entryWins[e] - wasm.entryWins[e]) / 20_000).toBeLessThan(0.03);
    for (let t = 0; t < 2; t++) expect(Math.abs(js.targetHits[t] - wasm.targetHits[t]) / 20_000).toBeLessThan(0.03);
    const S = p.problem.seats;
    for (let b = 0; b < p.problem.blocs; b++) {
      let n = 0;
      for (let k = 0; k <= S; k++) n += wasm.histogram[b * (S + 1) + k];
      expect(n).toBe(20_000);
    }
  });

  it('counts only the requested simulations when they are not a multiple of four', () => {
    const p = prepare(close, {});
    const r = runMonteCarloWasm(p.problem, 1001, 2)!;
    expect(r.entryWins.reduce((a, x) => a + x, 0)).toBe(1001 * p.problem.seats);
  });
});
