import { describe, expect, it } from 'vitest';
import { api, type Seat } from '../../api.ts';
import { leadPct, mapClass, marginBin, partyColour, valueBin } from './colours.ts';
import { findSeats, readView, seatPath, seatsQuery, sortSeats, toggleClass, trendDelta, writeView } from './seatView.ts';

const view = (q: string) => readView(new URLSearchParams(q));

function seat(no: number, over: Partial<Seat> = {}): Seat {
  return {
    state: 'D01', stateName: 'Demo State', constituencyNo: no, constituency: `Seat ${no}`, reservation: 'GEN',
    winnerParty: 'DP', winnerCandidate: 'A', winnerVotes: 100, runnerUpParty: 'PF', runnerUpVotes: 90,
    marginVotes: 10, marginPct: 1, validVotes: 1000, partyVotes: 100, partyShare: 10, partyPosition: 1, partyLead: 10,
    uncontested: false, classes: ['held'], shareTrend: [{ election: 'A', share: 9 }, { election: 'B', share: 10 }], ...over,
  };
}

describe('the seats view in the address', () => {
  it('reads defaults from an empty address', () => {
    expect(view('')).toEqual({
      election: null, party: null, state: null, reserved: null, classes: [], closeVotes: 5000, battlegroundPct: 5,
      strongholdRuns: 3, sort: 'seat', desc: false, page: 1, tab: 'table', colour: 'winner', find: '',
    });
  });

  it('reads the API filter names: a filter value is also its threshold', () => {
    const v = view('election=AE-D01-2023&party=dp&lostByUnder=3000&battleground=2.5&stronghold=2&won=false&neverWon=true&reserved=SC&state=D01');
    expect(v.party).toBe('DP');
    expect(v.classes.sort()).toEqual(['battleground', 'lost-close', 'never-won', 'not-held', 'stronghold']);
    expect([v.closeVotes, v.battlegroundPct, v.strongholdRuns]).toEqual([3000, 2.5, 2]);
    expect([v.reserved, v.state]).toEqual(['SC', 'D01']);
  });

  it('keeps thresholds without filtering, and ignores nonsense', () => {
    const v = view('closeVotes=2000&battlegroundPct=3&strongholdRuns=2&reserved=XX&state=bad&sort=evil&page=-3&lostByUnder=abc');
    expect(v.classes).toEqual([]);
    expect([v.closeVotes, v.battlegroundPct, v.strongholdRuns]).toEqual([2000, 3, 2]);
    expect([v.reserved, v.state, v.sort, v.page]).toEqual([null, null, 'seat', 1]);
  });

  it('writes back what it read, so a shared link opens the same view', () => {
    for (const q of [
      'election=AE-D01-2023&party=DP&lostByUnder=5000',
      'election=LS-2019&party=BJP&state=S06&reserved=ST&won=true&battleground=4&strongholdRuns=2&sort=margin&dir=desc&page=3&tab=map&colour=margin&find=pur',
      'election=LS-2019&party=INC&neverWon=true&closeVotes=10000',
    ]) {
      expect(writeView(view(q)).toString()).toBe(new URLSearchParams(q).toString());
    }
  });

  it('turns the view into the API query, with or without the filters', () => {
    const v = { ...view('election=E&party=DP&lostByUnder=4000&state=D01&reserved=SC&strongholdRuns=2'), election: 'E', party: 'DP' };
    expect(seatsQuery(v)).toEqual({ election: 'E', party: 'DP', state: 'D01', reserved: 'SC', lostByUnder: 4000, strongholdRuns: 2 });
    expect(seatsQuery(v, false)).toEqual({ election: 'E', party: 'DP', closeVotes: 4000, strongholdRuns: 2 });
    expect(api.seatsExportUrl(seatsQuery(v), 'xlsx'))
      .toBe('/api/seats/export?election=E&party=DP&state=D01&reserved=SC&lostByUnder=4000&strongholdRuns=2&format=xlsx');
    expect(api.seatsExportUrl({ election: 'E', party: 'DP', won: false, neverWon: true }, 'csv'))
      .toBe('/api/seats/export?election=E&party=DP&won=false&neverWon=true&format=csv');
  });

  it('toggles classes, held and not held excluding each other', () => {
    expect(toggleClass(['held', 'battleground'], 'not-held')).toEqual(['battleground', 'not-held']);
    expect(toggleClass(['lost-close'], 'lost-close')).toEqual([]);
  });

  it('links a constituency with the election and party', () => {
    expect(seatPath('D01', 'AE', 5, 'AE-D01-2023', 'DP')).toBe('/seats/D01/AE/5?election=AE-D01-2023&party=DP');
    expect(seatPath('S06', 'LS', 12)).toBe('/seats/S06/LS/12');
  });
});

describe('sorting and finding seats', () => {
  const items = [
    seat(3, { marginVotes: 500, partyLead: -500, constituency: 'Chandpur' }),
    seat(1, { marginVotes: null, partyLead: null, constituency: 'Amla' }),
    seat(2, { marginVotes: 100, partyLead: 100, constituency: 'Bela' }),
    seat(1, { state: 'C09', marginVotes: 100, partyLead: -2000, constituency: 'Zed' }),
  ];
  const order = (s: Seat[]) => s.map((x) => `${x.state}:${x.constituencyNo}`);

  it('sorts by seat (state, number) by default', () => {
    expect(order(sortSeats(items, 'seat'))).toEqual(['C09:1', 'D01:1', 'D01:2', 'D01:3']);
    expect(order(sortSeats(items, 'seat', true))).toEqual(['D01:3', 'D01:2', 'D01:1', 'C09:1']);
  });

  it('sorts by margin with ties in seat order and empty margins last, both ways', () => {
    expect(order(sortSeats(items, 'margin'))).toEqual(['C09:1', 'D01:2', 'D01:3', 'D01:1']);
    expect(order(sortSeats(items, 'margin', true))).toEqual(['D01:3', 'C09:1', 'D01:2', 'D01:1']);
    expect(order(sortSeats(items, 'lead'))).toEqual(['C09:1', 'D01:3', 'D01:2', 'D01:1']);
    expect(order(sortSeats(items, 'name'))).toEqual(['D01:1', 'D01:2', 'D01:3', 'C09:1']);
  });

  it('finds by name or number', () => {
    expect(order(findSeats(items, 'be'))).toEqual(['D01:2']);
    expect(order(findSeats(items, '1'))).toEqual(['D01:1', 'C09:1']);
    expect(findSeats(items, '  ')).toHaveLength(4);
  });

  it('measures the share trend from the last two elections with a share', () => {
    expect(trendDelta(seat(1))).toBe(1);
    expect(trendDelta(seat(1, { shareTrend: [{ election: 'A', share: 12 }, { election: 'B', share: null }, { election: 'C', share: 10.5 }] }))).toBe(-1.5);
    expect(trendDelta(seat(1, { shareTrend: [{ election: 'A', share: 12 }] }))).toBeNull();
  });
});

describe('seat colours', () => {
  it('uses a known colour, then the palette, then a stable derived one', () => {
    expect(partyColour('DP', new Map([['DP', '#123456']]))).toBe('#123456');
    expect(partyColour('DP')).toBe('#f28c28');
    expect(partyColour('XYZ')).toBe(partyColour('XYZ'));
    expect(partyColour('XYZ')).not.toBe(partyColour('XYA'));
    expect(partyColour(null)).toBe('#c3cad2');
  });

  it('bins the lead diverging around zero: a tie or worse is not a win', () => {
    expect(leadPct({ partyLead: -50, validVotes: 1000 })).toBe(-5);
    expect(leadPct({ partyLead: null, validVotes: 1000 })).toBeNull();
    expect([-30, -12, -5, -0.1, 0, 0.001, 7, 25].map(marginBin)).toEqual([0, 1, 2, 3, 3, 4, 5, 7]);
    expect(marginBin(null)).toBe(-1);
  });

  it('gives each seat one class for the map', () => {
    expect(mapClass({ classes: ['held', 'stronghold', 'battleground'] })).toBe('stronghold');
    expect(mapClass({ classes: ['held', 'battleground'] })).toBe('held-close');
    expect(mapClass({ classes: ['never-won', 'lost-close'] })).toBe('lost-close');
    expect(mapClass({ classes: ['never-won'] })).toBe('never-won');
    expect(mapClass({ classes: [] })).toBe('lost');
  });

  it('bins any number into the sequential scale', () => {
    expect([0, 0.19, 0.5, 0.99, 1].map((v) => valueBin(v, 0, 1))).toEqual([0, 0, 2, 4, 4]);
    expect(valueBin(null, 0, 1)).toBe(-1);
  });
});
