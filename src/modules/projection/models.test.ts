import { describe, expect, it } from 'vitest';
import { pairMeans } from './blocs.ts';
import { prepare, projectSync } from './project.ts';
import { MODELS } from './projection.schemas.ts';
import { baseline, NO_NOISE, seat } from './testing.ts';

// Ten seats of state A: X has 40.5 … 49.5 %, Y the rest. X trails everywhere, by 2 × (50 − X) points.
const ladderState = baseline(Array.from({ length: 10 }, (_v, i) => seat('A', i + 1, { X: 405 + 10 * i, Y: 595 - 10 * i })));
const swingX = (points: number) => [{ level: 'national' as const, bloc: 'X', points }, { level: 'national' as const, bloc: 'Y', points: -points }];

describe('uniform swing', () => {
  it('flips exactly the seats whose half-margin is below the swing', () => {
    const r = projectSync(ladderState, { model: 'uniform', swings: swingX(3), noise: NO_NOISE, simulations: 10 });
    // X needs 50 − X points: seats with X = 47.5, 48.5, 49.5 flip at a 3-point swing; 46.5 does not.
    const won = r.seats.filter((s) => s.leader === 'X').map((s) => s.number);
    expect(won).toEqual([8, 9, 10]);
    expect(r.blocs.find((b) => b.name === 'X')!.expected).toBe(3);
    expect(r.seats[0].blocs.find((b) => b.bloc === 'X')!.points).toBeCloseTo(43.5, 10);
  });

  it('moves every seat by the same points and keeps the state share exact', () => {
    const p = prepare(ladderState, { model: 'uniform', swings: swingX(2) });
    const means = pairMeans(p.matrix, p.means);
    const x = p.matrix.pairs.findIndex((q) => p.matrix.blocs[q.bloc] === 'X');
    expect(means[x]).toBeCloseTo(0.45 + 0.02, 10);
  });
});

describe('proportional swing', () => {
  it('scales each seat by the state ratio', () => {
    const b = baseline([seat('A', 1, { X: 200, Y: 800 }), seat('A', 2, { X: 600, Y: 400 })]);
    // X: 40 % → 60 % of the state is ×1.5; seat shares 20 % → 30 %, 60 % → 90 %.
    const p = prepare(b, { model: 'proportional', swings: [{ level: 'state', where: 'A', bloc: 'X', points: 20 }, { level: 'state', where: 'A', bloc: 'Y', points: -20 }] });
    const x = (i: number) => p.means[p.matrix.start[i]];
    expect(x(0)).toBeCloseTo(0.3, 10);
    expect(x(1)).toBeCloseTo(0.9, 10);
  });
});

describe('every model', () => {
  const b = baseline([seat('A', 1, { X: 300, Y: 500, Z: 200 }), seat('A', 2, { X: 550, Y: 250, Z: 200 }, 1100), seat('B', 1, { X: 100, Y: 900 })]);
  const stateShares = [{ state: 'A', bloc: 'X', points: 38 }, { state: 'A', bloc: 'Y', points: 42 }, { state: 'A', bloc: 'Z', points: 10 }, { state: 'B', bloc: 'X', points: 20 }, { state: 'B', bloc: 'Y', points: 80 }];
  for (const model of MODELS) {
    it(`${model} reproduces the target state shares`, () => {
      const p = prepare(b, { model, stateShares });
      const got = pairMeans(p.matrix, p.means);
      p.matrix.pairs.forEach((q, j) => {
        const want = stateShares.find((s) => s.state === q.state && s.bloc === p.matrix.blocs[q.bloc])!.points / 100;
        expect(got[j]).toBeCloseTo(want, 6);
      });
    });
  }

  it('hierarchical keeps a shrunken share of each seat\'s deviation from its state', () => {
    const two = baseline([seat('A', 1, { X: 300, Y: 700 }), seat('A', 2, { X: 700, Y: 300 })]);
    const p = prepare(two, { model: 'hierarchical', shrink: { single: 0.5 } });
    // X is 50 % in the state; seat deviations ±20 points become ±10.
    expect(p.means[p.matrix.start[0]]).toBeCloseTo(0.4, 10);
    expect(p.means[p.matrix.start[1]]).toBeCloseTo(0.6, 10);
  });
});
