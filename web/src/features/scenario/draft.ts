// What the scenario builder edits, and how it becomes the engine's scenario and back. Pure, so the
// page, the seats map and the tests share it. Swings are points (what people type: +2.5).
import { blocResolver, INDEPENDENT } from '../../../../src/modules/projection/blocs.ts';
import type { Alliance, BaselineOut, Model, ScenarioInput } from './api.ts';

export const MODELS: readonly Model[] = ['hierarchical', 'uniform', 'proportional', 'logit', 'transition'];
export const DEFAULT_MODEL: Model = 'hierarchical';
/** Simulations while a slider moves (fast, provisional) and once it rests (the engine's default). */
export const PROVISIONAL_SIMS = 2_000;
export const FULL_SIMS = 10_000;
export const SWING_LIMIT = 10;

export interface MemberDraft { party: string; transfer: number; transferSd: number; enabled: boolean }
export interface AllianceDraft { state: string; bloc: string; nationalAlliance: string; enabled: boolean; members: MemberDraft[] }
export interface Target { bloc: string; seats: number; state: string | null }

export interface Draft {
  election: string;
  model: Model;
  /** Bloc → points added to its share in every state. */
  national: Record<string, number>;
  /** State → bloc → points, on top of the national swing. */
  states: Record<string, Record<string, number>>;
  alliances: AllianceDraft[];
  target: Target;
  /** What a loaded scenario holds that the builder does not edit (entries, exits, noise, seed…), kept as it was. */
  rest: Partial<ScenarioInput>;
}

export const majority = (seats: number) => Math.floor(seats / 2) + 1;

/** Alliances as the API gives them (defaults filled) or as a saved scenario holds them (defaults may be absent). */
export function toAllianceDrafts(alliances: NonNullable<ScenarioInput['alliances']>): AllianceDraft[] {
  return alliances.map((a) => ({
    state: a.state ?? '*', bloc: a.bloc, nationalAlliance: a.nationalAlliance ?? a.bloc, enabled: true,
    members: a.members.map((m) => ({ party: m.party, transfer: m.transfer ?? 1, transferSd: m.transferSd ?? 0, enabled: true })),
  }));
}

/** The alliances the engine sees: switched-off alliances and partners left out (they stand on their own). */
export function activeAlliances(d: Pick<Draft, 'alliances'>): Alliance[] {
  return d.alliances.filter((a) => a.enabled && a.members.some((m) => m.enabled)).map((a) => ({
    state: a.state, bloc: a.bloc, nationalAlliance: a.nationalAlliance,
    members: a.members.filter((m) => m.enabled).map((m) => ({ party: m.party, transfer: m.transfer, transferSd: m.transferSd })),
  }));
}

export function toScenario(d: Draft, simulations: number): ScenarioInput {
  const swings: NonNullable<ScenarioInput['swings']> = [];
  for (const [bloc, points] of Object.entries(d.national)) if (points) swings.push({ level: 'national', bloc, points });
  for (const [where, blocs] of Object.entries(d.states)) for (const [bloc, points] of Object.entries(blocs)) if (points) swings.push({ level: 'state', where, bloc, points });
  for (const w of d.rest.swings ?? []) if (w.level === 'region') swings.push(w);
  return {
    ...d.rest, model: d.model, alliances: activeAlliances(d), swings, simulations,
    targets: d.target.bloc ? [{ bloc: d.target.bloc, seats: d.target.seats, ...(d.target.state && { state: d.target.state }) }] : [],
  };
}

export function fromScenario(election: string, s: ScenarioInput, fallback: Target): Draft {
  const { model, alliances, swings, targets, simulations: _simulations, ...rest } = s;
  const national: Draft['national'] = {};
  const states: Draft['states'] = {};
  for (const w of swings ?? []) {
    if (w.level === 'national') national[w.bloc] = (national[w.bloc] ?? 0) + w.points;
    if (w.level === 'state' && w.where) (states[w.where] ??= {})[w.bloc] = (states[w.where][w.bloc] ?? 0) + w.points;
  }
  const t = targets?.[0];
  return {
    election, model: model ?? DEFAULT_MODEL, national, states, alliances: toAllianceDrafts(alliances ?? []),
    target: t ? { bloc: t.bloc, seats: t.seats, state: t.state ?? null } : fallback,
    rest: { ...rest, swings: (swings ?? []).filter((w) => w.level === 'region') },
  };
}

export interface BlocVotes { bloc: string; points: number; seats: number }

/** Baseline vote share (points) and seats won per bloc, nationally or in one state, under the alliances. */
export function blocVotes(baseline: BaselineOut, alliances: Alliance[], state?: string | null): BlocVotes[] {
  const resolve = blocResolver(alliances);
  const votes = new Map<string, number>(), seats = new Map<string, number>();
  let total = 0;
  for (const s of baseline.seats) {
    if (state && s.state !== state) continue;
    total += s.validVotes;
    const here = new Map<string, number>();
    for (const [party, v] of Object.entries(s.votes)) {
      const r = resolve(s.state, party);
      here.set(r.bloc, (here.get(r.bloc) ?? 0) + v * r.transfer);
    }
    let best = '', bestV = -1;
    for (const [b, v] of here) { votes.set(b, (votes.get(b) ?? 0) + v); if (v > bestV) { best = b; bestV = v; } }
    if (best) seats.set(best, (seats.get(best) ?? 0) + 1);
  }
  return [...votes].map(([bloc, v]) => ({ bloc, points: total ? (100 * v) / total : 0, seats: seats.get(bloc) ?? 0 }))
    .sort((a, b) => b.points - a.points || a.bloc.localeCompare(b.bloc));
}

/** The blocs worth a slider: the strongest by votes, independents aside. */
export function majorBlocs(votes: BlocVotes[], n: number): string[] {
  return votes.filter((v) => v.bloc !== INDEPENDENT && v.points >= 1).slice(0, n).map((v) => v.bloc);
}

export function statesOf(baseline: BaselineOut): { name: string; seats: number }[] {
  const n = new Map<string, number>();
  for (const s of baseline.seats) n.set(s.state, (n.get(s.state) ?? 0) + 1);
  return [...n].map(([name, seats]) => ({ name, seats })).sort((a, b) => a.name.localeCompare(b.name));
}

/** A fresh scenario on a baseline: its alliance presets, no swing, the default model, a majority for the strongest bloc. */
export function defaultDraft(baseline: BaselineOut): Draft {
  const alliances = toAllianceDrafts(baseline.alliances);
  const votes = blocVotes(baseline, activeAlliances({ alliances }));
  const top = [...votes].sort((a, b) => b.seats - a.seats || b.points - a.points)[0]?.bloc ?? '';
  // One state (an assembly election): the national slider is that state's swing, and its uncertainty is the
  // poll's (the engine's national error), so a separate state error would count it twice.
  const oneState = new Set(baseline.seats.map((s) => s.state)).size === 1;
  return {
    election: baseline.election ?? '', model: DEFAULT_MODEL, national: {}, states: {}, alliances,
    target: { bloc: top, seats: majority(baseline.seats.length), state: null }, rest: oneState ? { noise: { state: 0 } } : {},
  };
}

// ---- the working draft per election, kept on this device (the seats map colours by it) -------------

const draftKey = (election: string) => `warroom.scenario.draft.${election}`;
const electionKey = 'warroom.scenario.election';

export function storeDraft(d: Draft): void {
  try {
    localStorage.setItem(draftKey(d.election), JSON.stringify(d));
    localStorage.setItem(electionKey, d.election);
  } catch { /* storage blocked: the draft lives for this page only */ }
}

export function storedDraft(election: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(election));
    const d = raw ? (JSON.parse(raw) as Draft) : null;
    return d && d.election === election && d.target && Array.isArray(d.alliances) ? d : null;
  } catch { return null; }
}

export function storedElection(): string | null {
  try { return localStorage.getItem(electionKey); } catch { return null; }
}

export function forgetDraft(election: string): void {
  try { localStorage.removeItem(draftKey(election)); } catch { /* ignore */ }
}
