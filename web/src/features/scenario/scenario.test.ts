// The scenario builder's pure parts: the cached prepare gives exactly what the engine's prepare gives,
// drafts round-trip through the engine's scenario, and the seats map reads win probabilities per seat.
import { describe, expect, it } from 'vitest';
import { prepare, summarise } from '../../../../src/modules/projection/project.ts';
import { simulate } from '../../../../src/modules/projection/montecarlo-wasm.ts';
import type { Baseline, BaselineOut, ScenarioInput } from './api.ts';
import { activeAlliances, blocVotes, defaultDraft, fromScenario, majorBlocs, majority, toScenario } from './draft.ts';
import { createPreparer } from './prepareCached.ts';
import { seatWinProbabilities } from './winProbability.ts';

const seat = (state: string, stateCode: string, number: number, votes: Record<string, number>) =>
  ({ state, stateCode, number, name: `${state} ${number}`, reservation: 'GEN' as const, validVotes: Object.values(votes).reduce((a, b) => a + b, 0) + 500, votes });
const BASELINE: BaselineOut = {
  election: 'LS-TEST', year: 2019, name: 'Test', house: 'LS', uncontested: 0,
  alliances: [
    { state: '*', bloc: 'NDA', nationalAlliance: 'NDA', members: [{ party: 'AAA', transfer: 1, transferSd: 0 }] },
    { state: 'North', bloc: 'NDA', nationalAlliance: 'NDA', members: [{ party: 'DDD', transfer: 1, transferSd: 0 }] },
    { state: 'South', bloc: 'FRONT', nationalAlliance: 'UPA', members: [{ party: 'BBB', transfer: 1, transferSd: 0 }, { party: 'CCC', transfer: 0.9, transferSd: 0 }] },
  ],
  seats: [
    seat('North', 'S01', 1, { AAA: 40_000, BBB: 35_000, DDD: 8_000 }), seat('North', 'S01', 2, { AAA: 30_000, BBB: 42_000, IND: 9_000 }),
    seat('North', 'S01', 3, { AAA: 36_000, BBB: 36_500, DDD: 4_000 }), seat('South', 'S02', 1, { BBB: 20_000, CCC: 18_000, AAA: 33_000 }),
    seat('South', 'S02', 2, { BBB: 30_000, CCC: 5_000, AAA: 31_000 }), seat('East', 'S03', 1, { EEE: 50_000, AAA: 20_000, BBB: 10_000 }),
  ],
};

describe('cached prepare', () => {
  const scenarios: ScenarioInput[] = [
    { alliances: BASELINE.alliances, swings: [{ level: 'national', bloc: 'NDA', points: -2 }] },
    { alliances: BASELINE.alliances, swings: [{ level: 'national', bloc: 'NDA', points: 3 }, { level: 'state', where: 'South', bloc: 'FRONT', points: 1.5 }], model: 'uniform' },
    { alliances: BASELINE.alliances.slice(0, 2), swings: [], model: 'logit', noise: { state: 0 }, targets: [{ bloc: 'NDA', seats: 4 }] },
    { alliances: [], swings: [{ level: 'national', bloc: 'BBB', points: 4 }], exits: [{ party: 'DDD' }], turnoutChange: 3 },
  ];

  it('gives exactly what the engine\u2019s prepare gives, reusing the matrix while only swings change', () => {
    const cached = createPreparer();
    for (const s of [...scenarios, ...scenarios.slice().reverse()]) {
      const a = cached(BASELINE as Baseline, s), b = prepare(BASELINE as Baseline, s);
      expect(a.scenario).toEqual(b.scenario);
      expect(Array.from(a.means)).toEqual(Array.from(b.means));
      expect(a.problem).toEqual(b.problem);
      expect(summarise(a, simulate(a.problem, 400, 3))).toEqual(summarise(b, simulate(b.problem, 400, 3)));
    }
    const first = cached(BASELINE as Baseline, scenarios[0]);
    expect(cached(BASELINE as Baseline, { ...scenarios[0], swings: [] }).matrix).toBe(first.matrix);
  });
});

describe('drafts', () => {
  it('starts from the presets with a majority target for the bloc that won most seats', () => {
    const d = defaultDraft(BASELINE);
    expect(d.target).toEqual({ bloc: 'NDA', seats: majority(6), state: null });
    expect(d.rest).toEqual({}); // several states: the engine's state error stays
    expect(defaultDraft({ ...BASELINE, seats: BASELINE.seats.filter((s) => s.state === 'North') }).rest).toEqual({ noise: { state: 0 } });
  });

  it('round-trips through the engine\u2019s scenario, and switched-off alliances and partners stand alone', () => {
    const d = defaultDraft(BASELINE);
    d.national = { NDA: -2.5, FRONT: 0 };
    d.states = { South: { FRONT: 1 } };
    d.alliances = d.alliances.map((a) => (a.state === 'North' ? { ...a, enabled: false } : a.state === 'South' ? { ...a, members: a.members.map((m) => (m.party === 'CCC' ? { ...m, enabled: false } : m)) } : a));
    d.target = { bloc: 'FRONT', seats: 2, state: 'South' };
    const s = toScenario(d, 2000);
    expect(s.swings).toEqual([{ level: 'national', bloc: 'NDA', points: -2.5 }, { level: 'state', where: 'South', bloc: 'FRONT', points: 1 }]);
    expect(s.alliances!.map((a) => `${a.state}:${a.bloc}:${a.members.map((m) => m.party).join('+')}`)).toEqual(['*:NDA:AAA', 'South:FRONT:BBB']);
    expect(s.targets).toEqual([{ bloc: 'FRONT', seats: 2, state: 'South' }]);
    const back = fromScenario('LS-TEST', s, d.target);
    expect(back.national).toEqual({ NDA: -2.5 });
    expect(back.states).toEqual(d.states);
    expect(back.target).toEqual(d.target);
    expect(toScenario(back, 2000)).toEqual(s);
  });

  it('ranks blocs by baseline votes under the alliances, nationally and in a state', () => {
    const national = blocVotes(BASELINE, activeAlliances(defaultDraft(BASELINE)));
    expect(national[0].bloc).toBe('NDA');
    expect(majorBlocs(national, 2)).toEqual(['NDA', national[1].bloc]);
    expect(blocVotes(BASELINE, [], 'East').map((b) => b.bloc)).toEqual(['EEE', 'AAA', 'BBB']);
  });
});

describe('win probability on the seats map', () => {
  it('reads the party\u2019s bloc in each seat, null where neither it nor an ally stood', () => {
    const d = defaultDraft(BASELINE);
    const p = prepare(BASELINE as Baseline, toScenario(d, 1000));
    const projection = summarise(p, simulate(p.problem, 1000, 1));
    const chances = seatWinProbabilities(BASELINE, { election: 'LS-TEST', projection, alliances: activeAlliances(d), fromDraft: false }, 'DDD');
    // DDD pools into NDA in North: its chance there is NDA's; it never stood in East or South.
    const nda = projection.seats[0].blocs.find((b) => b.bloc === 'NDA')!.win;
    expect(chances.get('S01|1')).toBe(nda);
    expect(chances.get('S03|1')).toBeNull();
    expect(chances.get('S02|1')).toBeNull();
    for (const v of chances.values()) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
  });
});
