import { describe, expect, it } from 'vitest';
import { ladder } from './ladder.ts';
import { prepare } from './project.ts';
import { baseline, seat } from './testing.ts';

// X leads seats 1–2 (by 10 and 2 points) and trails in 3–5 (by 4, 8 and 30 points); W stands only in 5.
const b = baseline([
  seat('A', 1, { X: 550, Y: 450 }), seat('A', 2, { X: 510, Y: 490 }), seat('A', 3, { X: 480, Y: 520 }),
  seat('B', 1, { X: 460, Y: 540 }), seat('B', 2, { X: 300, Y: 100, W: 600 }),
]);

describe('ladder and path to target', () => {
  const p = prepare(b, { model: 'uniform' });

  it('orders seats by the swing needed (half the margin), cushions first', () => {
    const l = ladder(p, 'X');
    expect(l.held).toBe(2);
    expect(l.rungs.map((r) => [r.state, r.number, r.swing])).toEqual([['A', 1, -5], ['A', 2, -1], ['A', 3, 2], ['B', 1, 4], ['B', 2, 15]]);
    expect(l.rungs[4].leader).toBe('W');
    expect(l.rungs[0].leader).toBe('Y');
  });

  it('gives the swing a target needs and the seats that must flip', () => {
    const l = ladder(p, 'X', { target: 4 });
    expect(l.target).toEqual({ seats: 4, swing: 4, mustFlip: ['A 3 A-3', 'B 1 B-1'] });
    expect(ladder(p, 'X', { target: 6 }).target!.swing).toBeNull();
    expect(ladder(p, 'X', { target: 1 }).target!.swing).toBe(-5);
  });

  it('counts seats per point of swing', () => {
    const l = ladder(p, 'X', { maxSwing: 5 });
    expect(l.seatsAtSwing).toEqual([2, 2, 3, 3, 4, 4]);
  });

  it('scopes to one state', () => {
    const l = ladder(p, 'X', { state: 'B', target: 1 });
    expect(l.rungs.map((r) => r.number)).toEqual([1, 2]);
    expect(l.target!.swing).toBe(4);
    expect(() => ladder(p, 'NOPE')).toThrow(/no bloc/);
  });
});
