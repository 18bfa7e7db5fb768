// Matching seats across two elections: by state and number within a delimitation era, through the
// reorganisation table, with names as a check. A pair whose names disagree is reported and left
// unpaired: a wrong pair would silently feed one seat's history into another.
import { ERAS, SEAT_MAPS, STATE_ALIASES, type House } from './reorganisations.ts';

export interface SeatRef { state: string; number: number; name: string }
export interface ElectionRef { year: number; house?: House }

export interface SeatMatch<A extends SeatRef, B extends SeatRef> {
  pairs: { from: A; to: B; nameScore: number }[];
  /** Seats with no partner, and pairs refused because the names disagree. */
  unmatched: { side: 'from' | 'to'; state: string; number: number; name: string; reason: string }[];
}

export function canonicalState(name: string): string {
  const t = name.trim().replace(/\s+/g, ' ');
  return STATE_ALIASES[t.toLowerCase()] ?? t;
}

/** The seat's key in its era's frame, e.g. `2008|Andhra Pradesh|18`. */
export function seatKey(state: string, number: number, election: ElectionRef): string {
  const house = election.house ?? 'LS';
  const st = canonicalState(state);
  // The era is the original state's: Ladakh kept its seat when J&K was redrawn in 2022.
  const era = [...ERAS].reverse().find((e) => election.year >= e.from && (!e.state || e.state === st))!.era;
  const map = SEAT_MAPS.find((m) => m.house === house && m.state === st && election.year >= m.from
    && (!m.numbers || (number >= m.numbers[0] && number <= m.numbers[1])));
  return map ? `${era}|${map.toState}|${number + map.offset}` : `${era}|${st}|${number}`;
}

const STOP = new Set(['AND', 'SC', 'ST', 'THE']);
/** Words that tell apart seats of one city or district (English and Hindi/Bengali forms). */
const QUALIFIERS = new Set(['NORTH', 'SOUTH', 'EAST', 'WEST', 'CENTRAL', 'OUTER', 'INNER', 'RURAL', 'UTTAR', 'DAKSHIN', 'PURBA', 'PURV', 'PASCHIM', 'MADHYA']);
function tokens(name: string): string[] {
  return name.toUpperCase().replace(/&/g, ' AND ').replace(/\([^)]*\)/g, ' ').split(/[^A-Z]+/).filter((t) => t && !STOP.has(t));
}

function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) grams.set(a.slice(i, i + 2), (grams.get(a.slice(i, i + 2)) ?? 0) + 1);
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2), n = grams.get(g) ?? 0;
    if (n > 0) { common++; grams.set(g, n - 1); }
  }
  return (2 * common) / (a.length + b.length - 2);
}

/**
 * 0..1 likeness of two constituency names, tolerant of the spellings sources use (FEROZPUR / FIROZPUR,
 * BURDWAN - DURGAPUR / BARDHAMAN DURGAPUR, "GAYA (SC)"): the better of whole-name bigram overlap and the
 * share of the shorter name's words that have a close word in the other.
 */
export function nameSimilarity(a: string, b: string): number {
  const ta = tokens(a), tb = tokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  // NORTH GOA and SOUTH GOA share most letters but are different seats: qualifiers must agree exactly.
  const qa = ta.filter((t) => QUALIFIERS.has(t)).sort().join(' '), qb = tb.filter((t) => QUALIFIERS.has(t)).sort().join(' ');
  if (qa !== qb) return 0;
  const whole = dice(ta.join(''), tb.join(''));
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const words = short.filter((t) => long.some((u) => dice(t, u) >= 0.6)).length / short.length;
  return Math.max(whole, words);
}

export const NAME_THRESHOLD = 0.5;

export function matchSeats<A extends SeatRef, B extends SeatRef>(from: A[], fromElection: ElectionRef, to: B[], toElection: ElectionRef): SeatMatch<A, B> {
  const out: SeatMatch<A, B> = { pairs: [], unmatched: [] };
  const byKey = new Map<string, A>();
  for (const s of from) byKey.set(seatKey(s.state, s.number, fromElection), s);
  const used = new Set<A>();
  for (const t of to) {
    const f = byKey.get(seatKey(t.state, t.number, toElection));
    if (!f) { out.unmatched.push({ side: 'to', state: t.state, number: t.number, name: t.name, reason: 'no seat in the earlier election maps here' }); continue; }
    const score = nameSimilarity(f.name, t.name);
    used.add(f);
    if (score < NAME_THRESHOLD) {
      out.unmatched.push({ side: 'to', state: t.state, number: t.number, name: t.name, reason: `names disagree with ${f.state} ${f.number} ${f.name} (likeness ${score.toFixed(2)})` });
      out.unmatched.push({ side: 'from', state: f.state, number: f.number, name: f.name, reason: `names disagree with ${t.state} ${t.number} ${t.name}` });
      continue;
    }
    out.pairs.push({ from: f, to: t, nameScore: score });
  }
  for (const f of from) if (!used.has(f)) out.unmatched.push({ side: 'from', state: f.state, number: f.number, name: f.name, reason: 'no seat in the later election maps here' });
  return out;
}
