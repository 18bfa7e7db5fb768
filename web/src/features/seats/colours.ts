// Colours for seats: parties (the parties table's colours when the app has seen them, a small
// palette of well-known codes, else a stable colour from the code), margins diverging around the
// chosen party, seat classes, booth grades, and a sequential scale for any per-seat number.
import type { Seat } from '../../api.ts';

export const NO_DATA = '#c3cad2';
const INDEPENDENT = '#7f8c8d';

// Common codes as published by the Election Commission; the parties table wins when known.
const PALETTE: Record<string, string> = {
  BJP: '#f97d09', INC: '#19aaed', AAP: '#0066a4', AITC: '#20c646', TMC: '#20c646', DMK: '#dd1100',
  ADMK: '#138808', AIADMK: '#138808', SP: '#ff2222', BSP: '#22409a', CPM: '#cc0d0d', 'CPI(M)': '#cc0d0d',
  CPI: '#de0000', NCP: '#00b2b2', SHS: '#f26f21', SS: '#f26f21', 'JD(U)': '#003366', JDU: '#003366',
  RJD: '#008000', TDP: '#fcee23', YSRCP: '#1569c7', BJD: '#3a8e3a', BRS: '#e6007e', TRS: '#e6007e',
  JMM: '#215b30', IUML: '#006400', SAD: '#0f204a', AIMIM: '#136b4b', NPP: '#db7093', LJP: '#0000ff',
  // The demo's made-up parties.
  DP: '#f28c28', PF: '#1f6fd1', NU: '#1b9e5a', RS: '#8e44ad', KM: '#b58900', PS: '#d6336c', UD: '#0f9fb5',
  IND: INDEPENDENT, NOTA: '#2d3436',
};

/** A colour for a party code: known colours first, then the palette, then one derived from the code. */
export function partyColour(code: string | null | undefined, known?: ReadonlyMap<string, string>): string {
  if (!code) return NO_DATA;
  const hit = known?.get(code) ?? PALETTE[code] ?? PALETTE[code.toUpperCase()];
  if (hit) return hit;
  let h = 0;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) >>> 0;
  // Hue from the code; mid saturation and lightness stay readable next to white and black.
  return `hsl(${h % 360} 55% ${42 + ((h >>> 9) % 3) * 6}%)`;
}

// ---- margin, diverging around the chosen party ---------------------------------------------------

/** The party's lead over (or gap to) the winner as a percentage of valid votes; null if not in the race. */
export function leadPct(seat: Pick<Seat, 'partyLead' | 'validVotes'>): number | null {
  if (seat.partyLead === null || seat.validVotes <= 0) return null;
  return (seat.partyLead / seat.validVotes) * 100;
}

/** Bins from lost badly to won handsomely (ColorBrewer RdBu, safe for red-green colour blindness). */
export const MARGIN_BINS: { from: number; to: number; colour: string }[] = [
  { from: -Infinity, to: -20, colour: '#b2182b' },
  { from: -20, to: -10, colour: '#d6604d' },
  { from: -10, to: -5, colour: '#f4a582' },
  { from: -5, to: 0, colour: '#fddbc7' },
  { from: 0, to: 5, colour: '#d1e5f0' },
  { from: 5, to: 10, colour: '#92c5de' },
  { from: 10, to: 20, colour: '#4393c3' },
  { from: 20, to: Infinity, colour: '#2166ac' },
];

export function marginBin(pct: number | null): number {
  if (pct === null) return -1;
  // A lead of 0 or less is a seat not won (a tie goes to the winner, who is someone else).
  if (pct > 0) return pct < 5 ? 4 : pct < 10 ? 5 : pct < 20 ? 6 : 7;
  const gap = -pct;
  return gap < 5 ? 3 : gap < 10 ? 2 : gap < 20 ? 1 : 0;
}

export function marginColour(pct: number | null): string {
  const i = marginBin(pct);
  return i < 0 ? NO_DATA : MARGIN_BINS[i].colour;
}

// ---- seat class, one per seat for the map --------------------------------------------------------

export type MapClass = 'stronghold' | 'held' | 'held-close' | 'lost-close' | 'never-won' | 'lost';
export const MAP_CLASSES: MapClass[] = ['stronghold', 'held', 'held-close', 'lost-close', 'never-won', 'lost'];
export const MAP_CLASS_COLOURS: Record<MapClass, string> = {
  stronghold: '#14532d', held: '#2f9e44', 'held-close': '#a9e34b',
  'lost-close': '#f59f00', 'never-won': '#9c3d54', lost: '#ced4da',
};

/** The one class a seat is coloured by: what it is to the party, the most telling first. */
export function mapClass(seat: Pick<Seat, 'classes'>): MapClass {
  const c = seat.classes;
  if (c.includes('held')) {
    if (c.includes('stronghold')) return 'stronghold';
    return c.includes('battleground') ? 'held-close' : 'held';
  }
  if (c.includes('lost-close') || c.includes('battleground')) return 'lost-close';
  if (c.includes('never-won')) return 'never-won';
  return 'lost';
}

// ---- any number per seat (the projection's win probability) -------------------------------------

// The lowest step is a visible tint, not white: a seat at 0–20% must still show against the page.
const SEQUENTIAL = ['#d6e6f4', '#9ecae1', '#4a98c9', '#1764ab', '#08306b'];
export const VALUE_STEPS = SEQUENTIAL.length;

export function valueBin(v: number | null, min: number, max: number): number {
  if (v === null || !Number.isFinite(v)) return -1;
  const t = max > min ? (v - min) / (max - min) : 0.5;
  return Math.min(SEQUENTIAL.length - 1, Math.max(0, Math.floor(t * SEQUENTIAL.length)));
}

export function valueColour(v: number | null, min: number, max: number): string {
  const i = valueBin(v, min, max);
  return i < 0 ? NO_DATA : SEQUENTIAL[i];
}
export const valueColours = SEQUENTIAL;

// ---- booth grades ---------------------------------------------------------------------------------

export const GRADE_COLOURS: Record<'A' | 'B' | 'C' | 'D', string> = { A: '#1b7a3e', B: '#74c476', C: '#fdae6b', D: '#c0392b' };
