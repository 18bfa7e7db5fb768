import { describe, expect, it } from 'vitest';
import { buildBlocMatrix, POOLED, SINGLE } from './blocs.ts';
import { scenarioSchema, type ScenarioInput } from './projection.schemas.ts';
import { baseline, seat } from './testing.ts';

const shares = (input: ScenarioInput, seats = [seat('A', 1, { P: 400, Q: 150, R: 350 }, 1000)]) => {
  const m = buildBlocMatrix(baseline(seats), scenarioSchema.parse(input));
  return Object.fromEntries(Array.from(m.bloc, (b, e) => [m.blocs[b], m.share[e]]));
};

describe('alliance pooling', () => {
  it('pools members with their transfer rate; the lead transfers fully', () => {
    const s = shares({ alliances: [{ state: 'A', bloc: 'PQ', members: [{ party: 'P' }, { party: 'Q', transfer: 0.8 }] }] });
    expect(s.PQ).toBeCloseTo(0.4 + 0.8 * 0.15, 12);
    expect(s.R).toBeCloseTo(0.35, 12);
  });

  it('uses a state row before a * row, and only in that state', () => {
    const alliances = [{ state: '*', bloc: 'BIG', members: [{ party: 'P' }] }, { state: 'B', bloc: 'PQ', members: [{ party: 'P' }, { party: 'Q' }] }];
    const m = buildBlocMatrix(baseline([seat('A', 1, { P: 5, Q: 5 }), seat('B', 1, { P: 5, Q: 5 })]), scenarioSchema.parse({ alliances }));
    expect(m.blocs).toEqual(['BIG', 'Q', 'PQ']);
    expect(m.pairKind[m.pairs.findIndex((p) => m.blocs[p.bloc] === 'PQ')]).toBe(POOLED);
    expect(m.pairKind[0]).toBe(SINGLE);
  });

  it('records transfer uncertainty as exposure: sd × partner share', () => {
    const m = buildBlocMatrix(baseline([seat('A', 1, { P: 400, Q: 200 }, 1000)]),
      scenarioSchema.parse({ alliances: [{ state: 'A', bloc: 'PQ', members: [{ party: 'P' }, { party: 'Q', transferSd: 0.25 }] }] }));
    expect(m.partner[0]).toBeCloseTo(0.05, 12);
  });
});

describe('entries, exits and splits', () => {
  it('an exit passes its votes to everyone else in proportion, or as told', () => {
    const s = shares({ exits: [{ party: 'R' }] });
    expect(s.R).toBeUndefined();
    expect(s.P).toBeCloseTo(0.4 + 0.35 * (400 / 550), 12);
    expect(shares({ exits: [{ party: 'R', to: { Q: 1 } }] }).Q).toBeCloseTo(0.5, 12);
  });

  it('a split moves a fraction, in its state only', () => {
    const s = shares({ splits: [{ from: 'P', to: 'P2', fraction: 0.25, state: 'A' }] });
    expect(s.P).toBeCloseTo(0.3, 12);
    expect(s.P2).toBeCloseTo(0.1, 12);
    expect(shares({ splits: [{ from: 'P', to: 'P2', fraction: 0.25, state: 'B' }] }).P).toBeCloseTo(0.4, 12);
  });

  it('an entrant takes its share proportionally from everyone, the residual included', () => {
    const s = shares({ entries: [{ party: 'NEW', state: 'A', points: 10 }] });
    expect(s.NEW).toBeCloseTo(0.1, 12);
    expect(s.P).toBeCloseTo(0.36, 12);
  });

  it('a bloc that does not stand passes its share on; one that stands without history starts at 0', () => {
    const s = shares({ contests: [{ state: 'A', number: 1, blocs: ['P', 'R', 'NEW'] }] });
    expect(s.Q).toBeUndefined();
    expect(s.P).toBeCloseTo(0.4 / 0.85, 12);
    expect(s.NEW).toBe(0);
  });
});
