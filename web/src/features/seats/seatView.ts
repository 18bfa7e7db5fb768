// The seats page's state lives in the address, so a view can be shared: the API's own filter names
// (so a link and an export say the same thing), plus sorting, paging, tab and map colouring.
// Pure: parsing, writing, the API query, sorting and searching.
import type { Reservation, Seat, SeatsQuery } from '../../api.ts';

export const DEFAULTS = { closeVotes: 5000, battlegroundPct: 5, strongholdRuns: 3 } as const;

export type ClassFilter = 'held' | 'not-held' | 'stronghold' | 'battleground' | 'never-won' | 'lost-close';
export const CLASS_FILTERS: ClassFilter[] = ['held', 'not-held', 'stronghold', 'battleground', 'never-won', 'lost-close'];
export type SortKey = 'seat' | 'name' | 'margin' | 'marginPct' | 'lead' | 'share' | 'trend';
export const SORT_KEYS: SortKey[] = ['seat', 'name', 'margin', 'marginPct', 'lead', 'share', 'trend'];
export type ColourBy = 'winner' | 'margin' | 'class' | 'value' | 'org';
export type Tab = 'table' | 'map';

export interface SeatView {
  election: string | null;
  party: string | null;
  state: string | null;
  reserved: Reservation | null;
  classes: ClassFilter[];
  /** "Lost by under V votes". */
  closeVotes: number;
  /** A battleground's margin is under this many percent. */
  battlegroundPct: number;
  /** A stronghold was won in each of the last N elections. */
  strongholdRuns: number;
  sort: SortKey;
  desc: boolean;
  page: number;
  tab: Tab;
  colour: ColourBy;
  /** Find a seat by name or number (on this page only; not an API filter). */
  find: string;
}

const int = (v: string | null, min: number, max: number): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};
const num = (v: string | null, min: number, max: number): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n > min && n <= max ? n : null;
};
const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | null =>
  (v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null);

export function readView(p: URLSearchParams): SeatView {
  const classes: ClassFilter[] = [];
  const lostByUnder = int(p.get('lostByUnder'), 1, 10_000_000);
  const battleground = num(p.get('battleground'), 0, 100);
  const stronghold = int(p.get('stronghold'), 1, 10);
  const won = p.get('won');
  if (won === 'true') classes.push('held');
  if (won === 'false') classes.push('not-held');
  if (stronghold !== null) classes.push('stronghold');
  if (battleground !== null) classes.push('battleground');
  if (p.get('neverWon') === 'true') classes.push('never-won');
  if (lostByUnder !== null) classes.push('lost-close');
  const party = p.get('party')?.trim().toUpperCase() || null;
  const state = p.get('state');
  return {
    election: p.get('election') || null,
    party,
    state: state && /^[A-Z]\d{2}$/.test(state) ? state : null,
    reserved: pick(p.get('reserved'), ['GEN', 'SC', 'ST'] as const),
    classes,
    closeVotes: lostByUnder ?? int(p.get('closeVotes'), 1, 10_000_000) ?? DEFAULTS.closeVotes,
    battlegroundPct: battleground ?? num(p.get('battlegroundPct'), 0, 100) ?? DEFAULTS.battlegroundPct,
    strongholdRuns: stronghold ?? int(p.get('strongholdRuns'), 1, 10) ?? DEFAULTS.strongholdRuns,
    sort: pick(p.get('sort'), SORT_KEYS) ?? 'seat',
    desc: p.get('dir') === 'desc',
    page: int(p.get('page'), 1, 100_000) ?? 1,
    tab: pick(p.get('tab'), ['table', 'map'] as const) ?? 'table',
    colour: pick(p.get('colour'), ['winner', 'margin', 'class', 'value', 'org'] as const) ?? 'winner',
    find: p.get('find') ?? '',
  };
}

/** The API's filters and thresholds for a view (a filter's value doubles as its threshold). */
export function seatsQuery(v: SeatView & { election: string; party: string }, filtered = true): SeatsQuery {
  const on = (c: ClassFilter) => filtered && v.classes.includes(c);
  const q: SeatsQuery = { election: v.election, party: v.party };
  if (filtered && v.state) q.state = v.state;
  if (filtered && v.reserved) q.reserved = v.reserved;
  if (on('held')) q.won = true;
  else if (on('not-held')) q.won = false;
  if (on('never-won')) q.neverWon = true;
  if (on('lost-close')) q.lostByUnder = v.closeVotes;
  else if (v.closeVotes !== DEFAULTS.closeVotes) q.closeVotes = v.closeVotes;
  if (on('battleground')) q.battleground = v.battlegroundPct;
  else if (v.battlegroundPct !== DEFAULTS.battlegroundPct) q.battlegroundPct = v.battlegroundPct;
  if (on('stronghold')) q.stronghold = v.strongholdRuns;
  else if (v.strongholdRuns !== DEFAULTS.strongholdRuns) q.strongholdRuns = v.strongholdRuns;
  return q;
}

/** The address for a view: the API query's names first, then the page's own settings when not default. */
export function writeView(v: SeatView): URLSearchParams {
  const out = new URLSearchParams();
  if (v.election) out.set('election', v.election);
  if (v.party) out.set('party', v.party);
  // Filters survive a change of election or party, even while the party is still being chosen.
  for (const [k, val] of Object.entries(seatsQuery({ ...v, election: v.election ?? '', party: v.party ?? '' }))) {
    if (k !== 'election' && k !== 'party' && val !== undefined) out.set(k, String(val));
  }
  if (v.sort !== 'seat') out.set('sort', v.sort);
  if (v.desc) out.set('dir', 'desc');
  if (v.page > 1) out.set('page', String(v.page));
  if (v.tab !== 'table') out.set('tab', v.tab);
  if (v.colour !== 'winner') out.set('colour', v.colour);
  if (v.find.trim()) out.set('find', v.find.trim());
  return out;
}

/** Turning one class filter on or off; held and not held exclude each other. */
export function toggleClass(classes: readonly ClassFilter[], c: ClassFilter): ClassFilter[] {
  if (classes.includes(c)) return classes.filter((x) => x !== c);
  const other = c === 'held' ? 'not-held' : c === 'not-held' ? 'held' : null;
  return [...classes.filter((x) => x !== other), c];
}

/** The party's share now minus at the previous election it has a share in; null without two. */
export function trendDelta(seat: Pick<Seat, 'shareTrend'>): number | null {
  const shares = seat.shareTrend.map((t) => t.share).filter((s): s is number => s !== null);
  if (shares.length < 2) return null;
  return Math.round((shares[shares.length - 1] - shares[shares.length - 2]) * 100) / 100;
}

const sortValue: Record<SortKey, (s: Seat) => number | string | null> = {
  seat: () => 0, // the API's order: state, then number
  name: (s) => s.constituency,
  margin: (s) => s.marginVotes,
  marginPct: (s) => s.marginPct,
  lead: (s) => s.partyLead,
  share: (s) => s.partyShare,
  trend: (s) => trendDelta(s),
};

/** A sorted copy; seats without a value go last either way, ties keep state and number order. */
export function sortSeats(items: readonly Seat[], key: SortKey, desc = false): Seat[] {
  const val = sortValue[key];
  const seatOrder = (a: Seat, b: Seat) => (a.state < b.state ? -1 : a.state > b.state ? 1 : a.constituencyNo - b.constituencyNo);
  const dir = desc ? -1 : 1;
  return items.slice().sort((a, b) => {
    if (key === 'seat') return dir * seatOrder(a, b);
    const [x, y] = [val(a), val(b)];
    if (x === null && y === null) return seatOrder(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return c !== 0 ? dir * c : seatOrder(a, b);
  });
}

/** Seats whose name contains the text, or whose number is it. */
export function findSeats(items: readonly Seat[], text: string): Seat[] {
  const q = text.trim().toLowerCase();
  if (!q) return items.slice();
  const no = /^\d+$/.test(q) ? Number(q) : null;
  return items.filter((s) => s.constituencyNo === no || s.constituency.toLowerCase().includes(q));
}

export const seatKey = (state: string, no: number) => `${state}:${no}`;

/** The constituency page of a seat, carrying the election and party it was opened from. */
export function seatPath(state: string, house: string, no: number, election?: string | null, party?: string | null): string {
  const q = new URLSearchParams();
  if (election) q.set('election', election);
  if (party) q.set('party', party);
  const s = q.toString();
  return `/seats/${encodeURIComponent(state)}/${encodeURIComponent(house)}/${no}${s ? `?${s}` : ''}`;
}

// The party last chosen for each election, on this device.
const partyKey = (election: string) => `warroom.seats.party.${election}`;
export function rememberedParty(election: string): string | null {
  try { return localStorage.getItem(partyKey(election)); } catch { return null; }
}
export function rememberParty(election: string, party: string): void {
  try { localStorage.setItem(partyKey(election), party); } catch { /* storage blocked */ }
}
