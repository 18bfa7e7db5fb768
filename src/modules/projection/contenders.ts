// Which candidates contend for a seat, and the compact Monte Carlo problem built from them.
//
// A bloc projected below the contender floor in a seat (1% by default) is part of that seat's residual:
// it is not simulated and wins nothing there. This is a modelling decision, not a shortcut: additive
// errors of several points are a fair description of a serious contender's uncertainty but not of a
// 0.3% candidate's, who would otherwise "win" a few seats per thousand simulations on noise alone.
// On the national data it leaves ~2 of ~9 entries per seat (see bench/README.md for the effect).
import type { BlocMatrix } from './blocs.ts';
import type { McNoise, McProblem, McTarget } from './montecarlo.ts';
import type { Scenario } from './projection.schemas.ts';

export const DEFAULT_CONTENDER_FLOOR = 0.01;

export interface Compiled {
  problem: McProblem;
  /** Matrix entry of each simulated entry. */
  entryOf: Int32Array;
  /** Global bloc of each simulated bloc, and the simulated index of each global bloc (−1 = never contends). */
  blocOf: Int32Array;
  localBloc: Int32Array;
}

function contenderEntries(m: BlocMatrix, means: Float64Array, floor: number): { start: number[]; entries: number[] } {
  const start = [0], entries: number[] = [];
  for (let i = 0; i < m.seats.length; i++) {
    let best = -1;
    for (let e = m.start[i]; e < m.start[i + 1]; e++) {
      if (best < 0 || means[e] > means[best]) best = e;
      if (means[e] >= floor) entries.push(e);
    }
    // A seat where nobody reaches the floor still has a winner: its strongest bloc.
    if (entries.length === start[i] && best >= 0) entries.push(best);
    start.push(entries.length);
  }
  return { start, entries };
}

export function compileProblem(m: BlocMatrix, means: Float64Array, alliances: string[], scenario: Scenario, noise: McNoise, floor = DEFAULT_CONTENDER_FLOOR): Compiled {
  const { start, entries } = contenderEntries(m, means, floor);
  const localBloc = new Int32Array(m.blocs.length).fill(-1);
  const blocOf: number[] = [], pairOf: number[] = [];
  const localPair = new Map<number, number>();
  const entryBloc = new Int32Array(entries.length), entryPair = new Int32Array(entries.length);
  entries.forEach((e, k) => {
    const b = m.bloc[e];
    if (localBloc[b] < 0) { localBloc[b] = blocOf.length; blocOf.push(b); }
    if (!localPair.has(m.pair[e])) { localPair.set(m.pair[e], pairOf.length); pairOf.push(m.pair[e]); }
    entryBloc[k] = localBloc[b];
    entryPair[k] = localPair.get(m.pair[e])!;
  });
  const partner = Float64Array.from(entries, (e) => m.partner[e]);
  const problem: McProblem = {
    seats: m.seats.length, blocs: blocOf.length, seatStart: Int32Array.from(start), entryBloc, entryPair,
    entryMean: Float64Array.from(entries, (e) => means[e]),
    pairBloc: Int32Array.from(pairOf, (j) => localBloc[m.pairs[j].bloc]),
    blocGroup: Int32Array.from(blocOf, (b) => alliances.indexOf(m.blocAlliance[b])), groups: alliances.length,
    targets: compileTargets(m, scenario, alliances, localBloc),
    noise,
    // Without any transfer uncertainty the kernel takes its fast path.
    ...(partner.some((x) => x > 0) && { entryPartner: partner, pairTransferSd: new Float64Array(pairOf.length).fill(1) }),
  };
  return { problem, entryOf: Int32Array.from(entries), blocOf: Int32Array.from(blocOf), localBloc };
}

function compileTargets(m: BlocMatrix, s: Scenario, alliances: string[], localBloc: Int32Array): McTarget[] {
  return s.targets.map((t) => {
    const bloc = m.blocs.indexOf(t.bloc);
    const group = alliances.indexOf(t.bloc);
    if (bloc < 0 && group < 0) throw new Error(`target names '${t.bloc}', which is neither a bloc nor an alliance of this scenario`);
    const seatList = t.state ? Int32Array.from(m.seats.flatMap((x, i) => (x.state === t.state ? [i] : []))) : undefined;
    if (seatList && seatList.length === 0) throw new Error(`target state '${t.state}' has no seats in the baseline`);
    // A bloc that contends nowhere gets index −1, which never wins a seat.
    return bloc >= 0 ? { index: localBloc[bloc], seats: t.seats, seatList } : { index: group, group: true, seats: t.seats, seatList };
  });
}
