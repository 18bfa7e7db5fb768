// Path to target: the ladder of seats ordered by the swing a bloc needs to take each one, the swing a
// target needs and the seats that must flip, and how many seats each extra point of swing brings.
// Swing here is the classic (Butler) swing: points moving from the seat's leader to the bloc, so it is
// half the margin. A bloc that does not stand in a seat has no rung there.
import type { BlocMatrix } from './blocs.ts';
import type { Ladder } from './projection.schemas.ts';

export interface LadderInput { matrix: BlocMatrix; means: Float64Array }
export interface LadderOptions { state?: string; target?: number; maxSwing?: number }

/** One rung per seat where `bloc` stands: positive swing = needed to gain, negative = cushion of a seat it leads. */
function rungs(input: LadderInput, bloc: string, state?: string): Ladder['rungs'] {
  const m = input.matrix, b = m.blocs.indexOf(bloc);
  if (b < 0) throw new Error(`no bloc named '${bloc}' in this projection`);
  const out: Ladder['rungs'] = [];
  m.seats.forEach((seat, i) => {
    if (state && seat.state !== state) return;
    let own = -1, best = -Infinity, bestOther = -Infinity, leader = -1;
    for (let e = m.start[i]; e < m.start[i + 1]; e++) {
      const v = input.means[e];
      if (m.bloc[e] === b) own = e;
      else if (v > bestOther) bestOther = v;
      if (v > best) { best = v; leader = m.bloc[e]; }
    }
    if (own < 0) return;
    const mine = input.means[own];
    const other = bestOther === -Infinity ? 0 : bestOther;
    // Leader = the strongest other bloc when we lead (the seat we would lose it to).
    const against = leader === b ? otherLeader(m, input.means, i, b) : m.blocs[leader];
    out.push({ state: seat.state, number: seat.number, name: seat.name, leader: against, swing: round2((100 * (other - mine)) / 2) });
  });
  return out.sort((x, y) => x.swing - y.swing || x.state.localeCompare(y.state) || x.number - y.number);
}

function otherLeader(m: BlocMatrix, means: Float64Array, i: number, b: number): string {
  let best = -Infinity, name = '';
  for (let e = m.start[i]; e < m.start[i + 1]; e++) if (m.bloc[e] !== b && means[e] > best) { best = means[e]; name = m.blocs[m.bloc[e]]; }
  return name;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function ladder(input: LadderInput, bloc: string, opts: LadderOptions = {}): Ladder {
  const r = rungs(input, bloc, opts.state);
  const held = r.filter((x) => x.swing < 0).length;
  const maxSwing = opts.maxSwing ?? 20;
  // A seat flips once the swing exceeds half its margin; ties (swing exactly k) count as taken.
  const seatsAtSwing = Array.from({ length: maxSwing + 1 }, (_v, k) => r.filter((x) => x.swing < 0 || (k > 0 && x.swing <= k)).length);
  const result: Ladder = { bloc, held, rungs: r, seatsAtSwing };
  if (opts.target !== undefined) result.target = pathToTarget(r, held, opts.target);
  return result;
}

/** The swing that brings `target` seats, and which seats must change hands for it (null when out of reach). */
function pathToTarget(r: Ladder['rungs'], held: number, target: number): NonNullable<Ladder['target']> {
  if (target > r.length) return { seats: target, swing: null, mustFlip: [] };
  const swing = r[target - 1].swing;
  const mustFlip = target > held ? r.slice(held, target).map((x) => `${x.state} ${x.number} ${x.name}`) : [];
  return { seats: target, swing, mustFlip };
}
