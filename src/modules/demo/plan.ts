// The demo plan: what the seed writes, computed without a database so it can be tested, checksummed
// and run anywhere. createPlan is tiny; a state's geography and booths are built one state at a time
// (planGeography, then planBooths in votes.ts) so the national scale never holds a million objects.
import { placeName, PLACE_NAME_COUNT, villageName, type Bilingual } from './names.ts';
import { hashInts, splitSizes, streamOf, type Random } from './random.ts';

export type Scale = 'state' | 'national';
export type Reservation = 'GEN' | 'SC' | 'ST';
/** How a party behaves: majors are everywhere, regionals have strongholds, independents are local. */
export type PartyRole = 'major' | 'regional' | 'independent' | 'nota';

export interface PartySpec { code: string; name: string; nameHi: string; colour: string; role: PartyRole }
export interface ElectionSpec { id: string; house: 'LS' | 'AE'; stateCode: string | null; year: number; pollDate: string; name: string }
export interface StateSpec { index: number; code: string; name: string; nameHi: string; kind: 'state' | 'ut'; pcs: number; acs: number }
export interface TenantSpec { slug: string; name: string; nameHi: string }

export interface DemoPlan {
  scale: Scale;
  seed: number;
  tenant: TenantSpec;
  parties: PartySpec[];
  /** Oldest first: the last one is "the last election" the product's targets start from. */
  elections: ElectionSpec[];
  states: StateSpec[];
}

export interface Seat { no: number; name: string; nameHi: string; reservation: Reservation; pcNo: number | null }

/** One state's constituencies and booths, and the party's districts, mandals and shakti kendras over them. */
export interface StateGeography {
  spec: StateSpec;
  pcs: Seat[];
  acs: Seat[];
  /** Booths of AC a are acFirstBooth[a] ..< acFirstBooth[a + 1] (state-wide booth indices). */
  acFirstBooth: Int32Array;
  districts: { name: Bilingual; firstAc: number; acCount: number }[];
  /** Mandal m covers shakti kendras mandalFirstSk[m] ..< mandalFirstSk[m + 1]; it lies in AC mandalAc[m]. */
  mandalFirstSk: Int32Array;
  mandalAc: Int32Array;
  /** Shakti kendra s covers booths skFirstBooth[s] ..< skFirstBooth[s + 1]. */
  skFirstBooth: Int32Array;
  boothCount: number;
}

export const DEMO_PARTIES: readonly PartySpec[] = [
  { code: 'DP', name: 'Demo Party', nameHi: 'डेमो पार्टी', colour: '#f28c28', role: 'major' },
  { code: 'PF', name: "People's Front", nameHi: 'पीपुल्स फ्रंट', colour: '#1f6fd1', role: 'major' },
  { code: 'NU', name: 'National Union', nameHi: 'नेशनल यूनियन', colour: '#1b9e5a', role: 'regional' },
  { code: 'RS', name: 'Regional Samaj', nameHi: 'रीजनल समाज', colour: '#8e44ad', role: 'regional' },
  { code: 'KM', name: 'Kisan Manch', nameHi: 'किसान मंच', colour: '#b58900', role: 'regional' },
  { code: 'PS', name: 'Pragati Sangh', nameHi: 'प्रगति संघ', colour: '#d6336c', role: 'regional' },
  { code: 'UD', name: 'United Democrats', nameHi: 'यूनाइटेड डेमोक्रेट्स', colour: '#0f9fb5', role: 'regional' },
  { code: 'IND', name: 'Independents', nameHi: 'निर्दलीय', colour: '#7f8c8d', role: 'independent' },
  { code: 'NOTA', name: 'None of the Above', nameHi: 'उपरोक्त में से कोई नहीं', colour: '#2d3436', role: 'nota' },
];

// The real states' and union territories' Lok Sabha seats and assembly sizes, largest first
// (0 assembly seats: a UT without an assembly, whose PCs get a few segments instead).
const INDIA: readonly (readonly [seats: number, assembly: number, isUt?: boolean])[] = [
  [80, 403], [48, 288], [42, 294], [40, 243], [39, 234], [29, 230], [28, 224], [26, 182], [25, 175], [25, 200], // UP MH WB BR TN MP KA GJ AP RJ
  [21, 147], [20, 140], [17, 119], [14, 126], [14, 81], [13, 117], [11, 90], [10, 90], [7, 70, true], [5, 90, true], // OD KL TG AS JH PB CG HR DL JK
  [5, 70], [4, 68], [2, 60], [2, 40], [2, 60], [2, 60], [2, 60], [2, 0, true], [1, 0, true], [1, 0, true], // UK HP AR GA MN ME TR DNHDD AN CH
  [1, 0, true], [1, 0, true], [1, 40], [1, 60], [1, 30, true], [1, 32], // LD LA MZ NL PY SK
];
const SEGMENTS_PER_PC = 3;

/** Sizes chosen so the state scale has ~50,000 booths and the national ~1.05 million. */
const BOOTHS_PER_AC: Record<Scale, readonly [number, number]> = { state: [200, 350], national: [180, 330] };

export function createPlan(scale: Scale, seed = 1): DemoPlan {
  const tenant = scale === 'state'
    ? { slug: 'demo', name: 'Demo Party', nameHi: 'डेमो पार्टी' }
    : { slug: 'demo-national', name: 'Demo Party', nameHi: 'डेमो पार्टी' };
  if (scale === 'state') {
    return {
      scale, seed, tenant, parties: DEMO_PARTIES.filter((p) => !['PS', 'UD'].includes(p.code)),
      states: [{ index: 0, code: 'D01', name: 'Demo State', nameHi: 'डेमो राज्य', kind: 'state', pcs: 26, acs: 182 }],
      elections: [2018, 2023].map((year, i) => ({
        id: `AE-D01-${year}`, house: 'AE' as const, stateCode: 'D01', year, pollDate: ['2018-11-28', '2023-11-25'][i],
        name: `Demo State Assembly ${year}`,
      })),
    };
  }
  return {
    scale, seed, tenant, parties: [...DEMO_PARTIES],
    states: INDIA.map(([pcs, acs, isUt], index) => {
      const n = index + 1;
      return {
        index, code: `N${String(n).padStart(2, '0')}`, kind: isUt ? 'ut' as const : 'state' as const,
        name: isUt ? `Demo Territory ${n}` : `Demo State ${n}`, nameHi: isUt ? `डेमो केंद्रशासित प्रदेश ${n}` : `डेमो राज्य ${n}`,
        pcs, acs: acs || pcs * SEGMENTS_PER_PC,
      };
    }),
    elections: [2014, 2019].map((year, i) => ({
      id: `LS-DEMO-${year}`, house: 'LS' as const, stateCode: null, year, pollDate: ['2014-05-12', '2019-05-19'][i],
      name: `Demo Lok Sabha ${year}`,
    })),
  };
}

/** The constituencies, booth counts and party organisation of one state; cheap (no per-booth objects). */
export function planGeography(plan: DemoPlan, spec: StateSpec): StateGeography {
  const r = streamOf(plan.seed, 'geography', spec.index);
  const names = r.shuffle(Array.from({ length: PLACE_NAME_COUNT }, (_, i) => i));
  const acsPerPc = spreadEvenly(spec.acs, spec.pcs);
  const acReservation = reservations(r, spec.acs);
  const pcReservation = reservations(r, spec.pcs);
  const acs: Seat[] = [];
  const pcs: Seat[] = acsPerPc.map((count, p) => {
    for (let i = 0; i < count; i++) {
      const [name, nameHi] = placeName(names[acs.length]);
      acs.push({ no: acs.length + 1, name, nameHi, reservation: acReservation[acs.length], pcNo: p + 1 });
    }
    // A PC is named after its first AC, as most real ones are after their main town.
    const first = acs[acs.length - count];
    return { no: p + 1, name: first.name, nameHi: first.nameHi, reservation: pcReservation[p], pcNo: null };
  });
  const [lo, hi] = BOOTHS_PER_AC[plan.scale];
  const acFirstBooth = offsets(acs.map(() => r.int(lo, hi)));
  let firstAc = 0;
  const districts = splitSizes(r, spec.acs, 7, 10).map((acCount) => {
    const district = { name: placeName(names[firstAc]), firstAc, acCount };
    firstAc += acCount;
    return district;
  });
  return { spec, pcs, acs, acFirstBooth, districts, ...planMandals(r, acFirstBooth), boothCount: acFirstBooth[spec.acs] };
}

/** Mandals of 25–40 booths inside each AC, shakti kendras of 4–6 booths inside each mandal. */
function planMandals(r: Random, acFirstBooth: Int32Array) {
  const mandalSks: number[] = [];
  const mandalAc: number[] = [];
  const skBooths: number[] = [];
  for (let a = 0; a + 1 < acFirstBooth.length; a++) {
    for (const mandalBooths of splitSizes(r, acFirstBooth[a + 1] - acFirstBooth[a], 25, 40)) {
      const sks = splitSizes(r, mandalBooths, 4, 6);
      skBooths.push(...sks);
      mandalSks.push(sks.length);
      mandalAc.push(a);
    }
  }
  return { mandalFirstSk: offsets(mandalSks), mandalAc: Int32Array.from(mandalAc), skFirstBooth: offsets(skBooths) };
}

/** A shakti kendra is named after its village, and its booths sit in that village. */
export function skVillage(plan: DemoPlan, spec: StateSpec, sk: number): Bilingual {
  return villageName(hashInts(plan.seed, spec.index, sk));
}

export interface BoothSpan { acIndex: Int32Array; acNo: Int32Array; partNo: Int32Array; sk: Int32Array }

/** Where booths first ..< end of a state sit: AC, part number (1.. within the AC) and shakti kendra. */
export function boothsBetween(geo: StateGeography, first: number, end: number): BoothSpan {
  const span = { acIndex: new Int32Array(end - first), acNo: new Int32Array(end - first), partNo: new Int32Array(end - first), sk: new Int32Array(end - first) };
  let a = rangeOf(geo.acFirstBooth, first);
  let s = rangeOf(geo.skFirstBooth, first);
  for (let b = first; b < end; b++) {
    while (geo.acFirstBooth[a + 1] <= b) a++;
    while (geo.skFirstBooth[s + 1] <= b) s++;
    span.acIndex[b - first] = a;
    span.acNo[b - first] = a + 1;
    span.partNo[b - first] = b - geo.acFirstBooth[a] + 1;
    span.sk[b - first] = s;
  }
  return span;
}

/** The index of the range holding item i, for ranges given as offsets (binary search). */
export function rangeOf(firsts: Int32Array, i: number): number {
  let lo = 0;
  let hi = firsts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firsts[mid] <= i) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Sizes → start offsets, with the total as the last entry. */
function offsets(sizes: number[]): Int32Array {
  const out = new Int32Array(sizes.length + 1);
  for (let i = 0; i < sizes.length; i++) out[i + 1] = out[i] + sizes[i];
  return out;
}

/** total split into parts as equal as integers allow (real states' ACs per PC: UP's 403 into 80). */
function spreadEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** India reserves about 16% of seats for Scheduled Castes and 8% for Scheduled Tribes. */
function reservations(r: Random, n: number): Reservation[] {
  const order = r.shuffle(Array.from({ length: n }, (_, i) => i));
  const sc = Math.round(n * 0.16);
  const st = Math.round(n * 0.08);
  const out = new Array<Reservation>(n).fill('GEN');
  order.forEach((seat, i) => { if (i < sc) out[seat] = 'SC'; else if (i < sc + st) out[seat] = 'ST'; });
  return out;
}
