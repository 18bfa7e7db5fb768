// Strength figures, pure: the booth grade rule and the shares a reader sees. No database import, so
// the web can grade and colour with the same rule. The SQL twin of boothGrade is org_booth_grade
// (migration 0013), which a rebuild uses for a million booths at once; the tests check they agree.

export type Grade = 'A' | 'B' | 'C' | 'D';
export const GRADES: Grade[] = ['A', 'B', 'C', 'D'];

/** The order of org_apply_strength_delta's integer[] and of unit_strength's figure columns. */
export const FIGURES = ['booths', 'booths_formed', 'slots', 'filled', 'members', 'women', 'sc_st', 'workers', 'verified',
  'pages', 'pages_covered', 'grade_a', 'grade_b', 'grade_c', 'grade_d'] as const;
export type Figure = (typeof FIGURES)[number];
export type Sums = Record<Figure, number>;

/** Subtree sums live in this many rows per unit; a write lands in shard (unit id % SHARDS). */
export const SHARDS = 8;

export interface BoothFigures {
  formed: boolean;   // every head seat filled and at least the norm's min_formed required seats
  head: boolean;     // some head seat (the booth president) filled
  slots: number; filled: number; pages: number; pagesCovered: number;
  workers: number; verified: number; women: number; minWomen: number;
}

/**
 * A: formed, ≥ 90% of required seats, ≥ 50% of roll pages covered, ≥ 60% of workers verified, women norm met;
 * B: formed and ≥ 60% of required seats; C: a president named or ≥ 3 seats; D: otherwise.
 * Integer comparisons (filled·10 ≥ slots·9), so SQL and JavaScript never disagree on a rounding.
 * Unknown roll pages (0) do not hold a booth back from A; having no workers does.
 */
export function boothGrade(f: BoothFigures): Grade {
  if (f.formed && f.filled * 10 >= f.slots * 9 && (f.pages === 0 || f.pagesCovered * 2 >= f.pages)
    && f.workers > 0 && f.verified * 10 >= f.workers * 6 && f.women >= f.minWomen) return 'A';
  if (f.formed && f.filled * 10 >= f.slots * 6) return 'B';
  if (f.head || f.filled >= 3) return 'C';
  return 'D';
}

/** Roll pages of a booth: 30 electors a page; 0 when the roll is unknown. */
export function rollPages(electors: number | null | undefined): number {
  return electors && electors > 0 ? Math.ceil(electors / 30) : 0;
}

export function zeroSums(): Sums {
  return Object.fromEntries(FIGURES.map((f) => [f, 0])) as Sums;
}

export interface Strength {
  unitId: number; booths: number; boothsFormed: number; slots: number; filled: number; vacancies: number;
  members: number; women: number; scSt: number; workers: number; verified: number; unverified: number;
  pages: number; pagesCovered: number; grades: Record<Grade, number>;
  workersPerBooth: number | null; verifiedShare: number | null; completeness: number | null; grade: Grade | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

/** The answer for a unit from its summed shards (and, for a booth, its own grade). */
export function toStrength(unitId: number, s: Sums, grade: Grade | null): Strength {
  return {
    unitId, booths: s.booths, boothsFormed: s.booths_formed, slots: s.slots, filled: s.filled,
    vacancies: Math.max(0, s.slots - s.filled), members: s.members, women: s.women, scSt: s.sc_st,
    workers: s.workers, verified: s.verified, unverified: s.workers - s.verified, pages: s.pages, pagesCovered: s.pages_covered,
    grades: { A: s.grade_a, B: s.grade_b, C: s.grade_c, D: s.grade_d },
    workersPerBooth: s.booths > 0 ? Math.round((s.workers / s.booths) * 100) / 100 : null,
    verifiedShare: ratio(s.verified, s.workers), completeness: ratio(s.filled, s.slots), grade,
  };
}
