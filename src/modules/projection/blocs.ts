// From party votes to the blocs that contest each seat: successions and splits, exits, alliance pooling
// with transfer rates, new entrants, and who stands where. The result is a compact seat × bloc matrix
// (only contesting blocs are stored) that the swing models and the Monte Carlo read.
import type { Alliance, Baseline, Scenario } from './projection.schemas.ts';

export const INDEPENDENT = 'IND';
export const OTHERS_ALLIANCE = 'OTH';

export interface BlocSeat { state: string; number: number; name: string; reservation: string; weight: number }

export interface BlocMatrix {
  seats: BlocSeat[];
  blocs: string[];
  blocAlliance: string[];
  /** Entries of seat i are [start[i], start[i + 1]). */
  start: Int32Array;
  bloc: Int32Array;
  /** Baseline share (fraction of valid votes) per entry, after pooling. */
  share: Float64Array;
  /** Σ over pooled partners of transfer sd × partner share: the entry's exposure to transfer uncertainty. */
  partner: Float64Array;
  /** (state, bloc) pair of each entry; pairs hold the state name and bloc index. */
  pair: Int32Array;
  pairs: { state: string; bloc: number }[];
  /** Per pair: SINGLE party, POOLED alliance (two or more members with ≥ 1% of the state's votes), or INDEPENDENT. */
  pairKind: Uint8Array;
}

export const SINGLE = 0, POOLED = 1, INDEPENDENT_KIND = 2;
/** A member below this share of its state's votes does not make a bloc an alliance there. */
const POOLED_MEMBER_SHARE = 0.01;

type Shares = Map<string, number>;

/** Which bloc a party belongs to in a state: a state row first, then a `*` row, else the party itself. */
export function blocResolver(alliances: Alliance[]) {
  const byState = new Map<string, { bloc: string; alliance: string; transfer: number; sd: number }>();
  for (const a of alliances) {
    a.members.forEach((m, i) => {
      const key = `${a.state}\u0000${m.party}`;
      if (!byState.has(key)) byState.set(key, { bloc: a.bloc, alliance: a.nationalAlliance ?? a.bloc, transfer: i === 0 ? 1 : m.transfer, sd: i === 0 ? 0 : m.transferSd });
    });
  }
  return (state: string, party: string) =>
    byState.get(`${state}\u0000${party}`) ?? byState.get(`*\u0000${party}`) ?? { bloc: party, alliance: OTHERS_ALLIANCE, transfer: 1, sd: 0 };
}

function applySplits(state: string, shares: Shares, splits: Scenario['splits']) {
  for (const s of splits) {
    if (s.state && s.state !== state) continue;
    const v = shares.get(s.from) ?? 0;
    if (v <= 0) continue;
    shares.set(s.from, v * (1 - s.fraction));
    shares.set(s.to, (shares.get(s.to) ?? 0) + v * s.fraction);
  }
}

function applyExits(state: string, shares: Shares, exits: Scenario['exits']) {
  for (const x of exits) {
    if (x.state && x.state !== state) continue;
    const v = shares.get(x.party) ?? 0;
    shares.delete(x.party);
    if (v <= 0) continue;
    const to = x.to ?? Object.fromEntries([...shares].filter(([p]) => p !== INDEPENDENT));
    const total = Object.values(to).reduce((a, b) => a + b, 0);
    if (total <= 0) continue;
    for (const [p, w] of Object.entries(to)) shares.set(p, (shares.get(p) ?? 0) + (v * w) / total);
  }
}

/** A bloc standing in a seat where its members had no votes gets 0; blocs not standing pass their share on. */
function applyContests(blocs: Map<string, { share: number; partner: number }>, standing: string[] | undefined) {
  if (!standing) return;
  const stand = new Set(standing);
  let gone = 0;
  for (const [b, x] of blocs) if (!stand.has(b)) { gone += x.share; blocs.delete(b); }
  for (const b of stand) if (!blocs.has(b)) blocs.set(b, { share: 0, partner: 0 });
  // Proportionally to everyone left, the residual (minor candidates, NOTA) included.
  if (gone > 0 && gone < 1) for (const x of blocs.values()) { x.share /= 1 - gone; x.partner /= 1 - gone; }
}

function applyEntries(state: string, blocs: Map<string, { share: number; partner: number }>, entries: Scenario['entries']) {
  for (const e of entries) {
    if (e.state !== state) continue;
    const f = e.points / 100;
    for (const x of blocs.values()) { x.share *= 1 - f; x.partner *= 1 - f; }
    const cur = blocs.get(e.party) ?? { share: 0, partner: 0 };
    blocs.set(e.party, { share: cur.share + f, partner: cur.partner });
  }
}

function seatBlocs(seat: Baseline['seats'][number], scenario: Scenario, resolve: ReturnType<typeof blocResolver>, standing?: string[]) {
  const shares: Shares = new Map(Object.entries(seat.votes).map(([p, v]) => [p, v / seat.validVotes]));
  applySplits(seat.state, shares, scenario.splits);
  applyExits(seat.state, shares, scenario.exits);
  const blocs = new Map<string, { share: number; partner: number }>();
  const alliance = new Map<string, string>();
  const members = new Map<string, Map<string, number>>();
  for (const [party, v] of shares) {
    const r = resolve(seat.state, party);
    if (!members.has(r.bloc)) members.set(r.bloc, new Map());
    members.get(r.bloc)!.set(party, v * seat.validVotes);
    const x = blocs.get(r.bloc) ?? { share: 0, partner: 0 };
    x.share += v * r.transfer;
    x.partner += v * r.sd;
    blocs.set(r.bloc, x);
    alliance.set(r.bloc, r.alliance);
  }
  applyContests(blocs, standing);
  applyEntries(seat.state, blocs, scenario.entries);
  return { blocs, alliance, members };
}

function turnoutWeight(seat: Baseline['seats'][number], change: number): number {
  if (!change || !seat.turnoutPct) return seat.validVotes;
  return seat.validVotes * Math.max(0, seat.turnoutPct + change) / seat.turnoutPct;
}

/** Builds the compact matrix; blocs are indexed in order of first appearance (stable for a given input). */
export function buildBlocMatrix(baseline: Baseline, scenario: Scenario): BlocMatrix {
  const resolve = blocResolver(scenario.alliances);
  const contests = new Map((scenario.contests ?? []).map((c) => [`${c.state}\u0000${c.number}`, c.blocs]));
  const blocIndex = new Map<string, number>();
  const blocAlliance: string[] = [];
  const pairIndex = new Map<string, number>();
  const pairs: BlocMatrix['pairs'] = [];
  const start = [0], bloc: number[] = [], share: number[] = [], partner: number[] = [], pair: number[] = [];
  const memberVotes: Map<string, number>[] = [];
  for (const seat of baseline.seats) {
    const { blocs, alliance, members } = seatBlocs(seat, scenario, resolve, contests.get(`${seat.state}\u0000${seat.number}`));
    for (const [name, x] of blocs) {
      if (!blocIndex.has(name)) { blocIndex.set(name, blocIndex.size); blocAlliance.push(alliance.get(name) ?? allianceOf(scenario, seat.state, name)); }
      const b = blocIndex.get(name)!;
      const pk = `${seat.state}\u0000${b}`;
      if (!pairIndex.has(pk)) { pairIndex.set(pk, pairs.length); pairs.push({ state: seat.state, bloc: b }); memberVotes.push(new Map()); }
      const mv = memberVotes[pairIndex.get(pk)!];
      for (const [party, v] of members.get(name) ?? []) mv.set(party, (mv.get(party) ?? 0) + v);
      bloc.push(b); share.push(x.share); partner.push(x.partner); pair.push(pairIndex.get(pk)!);
    }
    start.push(bloc.length);
  }
  return {
    seats: baseline.seats.map((s) => ({ state: s.state, number: s.number, name: s.name, reservation: s.reservation, weight: turnoutWeight(s, scenario.turnoutChange) })),
    blocs: [...blocIndex.keys()], blocAlliance,
    start: Int32Array.from(start), bloc: Int32Array.from(bloc), share: Float64Array.from(share),
    partner: Float64Array.from(partner), pair: Int32Array.from(pair), pairs,
    pairKind: pairKinds(baseline, pairs, memberVotes, [...blocIndex.keys()]),
  };
}

function pairKinds(baseline: Baseline, pairs: BlocMatrix['pairs'], memberVotes: Map<string, number>[], names: string[]): Uint8Array {
  const stateVotes = new Map<string, number>();
  for (const s of baseline.seats) stateVotes.set(s.state, (stateVotes.get(s.state) ?? 0) + s.validVotes);
  return Uint8Array.from(pairs, (p, j) => {
    if (names[p.bloc] === INDEPENDENT) return INDEPENDENT_KIND;
    const floor = POOLED_MEMBER_SHARE * (stateVotes.get(p.state) ?? 0);
    return [...memberVotes[j].values()].filter((v) => v >= floor).length >= 2 ? POOLED : SINGLE;
  });
}

/** National alliance of a bloc that appears only through `contests` or `entries`. */
function allianceOf(scenario: Scenario, state: string, bloc: string): string {
  const a = scenario.alliances.find((x) => x.bloc === bloc && (x.state === state || x.state === '*'));
  return a?.nationalAlliance ?? a?.bloc ?? OTHERS_ALLIANCE;
}

/** Vote-weighted mean share of each (state, bloc) pair over the seats where the bloc stands. */
export function pairMeans(m: BlocMatrix, values: Float64Array = m.share): Float64Array {
  const num = new Float64Array(m.pairs.length), den = new Float64Array(m.pairs.length);
  for (let i = 0; i < m.seats.length; i++) {
    for (let e = m.start[i]; e < m.start[i + 1]; e++) { num[m.pair[e]] += m.seats[i].weight * values[e]; den[m.pair[e]] += m.seats[i].weight; }
  }
  for (let j = 0; j < num.length; j++) num[j] = den[j] > 0 ? num[j] / den[j] : 0;
  return num;
}
