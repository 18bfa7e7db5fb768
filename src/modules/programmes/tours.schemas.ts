// Tours (pravas) at the edge (docs/programmes.md, Tours): a leader's tour organised by a unit, its
// visits to units and seats with the meetings held and a structured ground report, bulk creation,
// and coverage of seats by visits. One file for the server, the web app and the CLI.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';

const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);
/** A tour lasts at most this many days (a longer one is two tours, or a mistake). */
export const MAX_TOUR_DAYS = 90;

export const TourStatus = z.enum(['planned', 'done', 'cancelled']);
export type TourStatus = z.infer<typeof TourStatus>;
export const MeetingKind = z.enum(['workers', 'public', 'core_committee', 'press', 'other']);
export type MeetingKind = z.infer<typeof MeetingKind>;

export const Meeting = z.object({
  kind: MeetingKind,
  attendance: z.number().int().min(0).max(10_000_000).nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type Meeting = z.infer<typeof Meeting>;

/** What a visit found: the mood on a 1–5 scale, the local issues, the organisation, the opposition, what to follow up. */
export const GroundReport = z.object({
  mood: z.number().int().min(1).max(5),
  issues: z.array(Text(200)).max(20).default([]),
  organisationNotes: z.string().trim().max(4000).default(''),
  oppositionActivity: z.string().trim().max(4000).default(''),
  followUps: z.array(Text(300)).max(20).default([]),
});
export type GroundReport = z.infer<typeof GroundReport>;

const Seat = {
  stateCode: z.string().trim().regex(/^[A-Z][0-9]{2}$/, 'a state code such as S24').nullish(),
  house: z.enum(['LS', 'AE']).nullish(),
  constituencyNo: z.number().int().min(1).max(999).nullish(),
};

/** A seat is named whole (state, house, number) or not at all; left out, the visited unit's AC is used. */
function seatProblems(v: { stateCode?: string | null; house?: string | null; constituencyNo?: number | null }, ctx: z.RefinementCtx) {
  const given = [v.stateCode, v.house, v.constituencyNo].filter((x) => x != null).length;
  if (given === 0 || given === 3) return;
  for (const f of ['stateCode', 'house', 'constituencyNo'] as const) {
    if (v[f] == null) ctx.addIssue({ code: 'custom', message: 'a seat needs its state, house and number', path: [f] });
  }
}

const VisitFields = z.object({
  unitId: Id,
  ...Seat,
  visitOn: IsoDate,
  meetings: z.array(Meeting).max(50),
  groundReport: GroundReport.nullish(),
});
// Defaults only on create: a default inside .partial() would fill left-out fields of a change.
export const VisitInput = VisitFields.extend({ meetings: VisitFields.shape.meetings.default([]) }).superRefine(seatProblems);
export type VisitInput = z.infer<typeof VisitInput>;
export const VisitPatch = VisitFields.partial().superRefine(seatProblems)
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type VisitPatch = z.infer<typeof VisitPatch>;

const TourFields = z.object({
  leaderPersonId: Id.nullish(),
  leaderName: Text(120).nullish(),
  leaderNameHi: z.string().trim().max(120).nullish(),
  unitId: Id,
  title: Text(200),
  startsOn: IsoDate,
  endsOn: IsoDate,
  status: TourStatus,
  stay: z.string().trim().max(500).nullish(),
  notes: z.string().trim().max(4000).nullish(),
});

/** Date rules shared by create, the merged result of a change, and each row of a bulk file. */
export function tourDateProblems(t: { startsOn?: string | null; endsOn?: string | null }): { field: string; message: string }[] {
  if (!t.startsOn || !t.endsOn) return [];
  if (t.endsOn < t.startsOn) return [{ field: 'endsOn', message: 'ends before it starts' }];
  const days = (Date.parse(t.endsOn) - Date.parse(t.startsOn)) / 86_400_000;
  if (days > MAX_TOUR_DAYS) return [{ field: 'endsOn', message: `a tour lasts at most ${MAX_TOUR_DAYS} days` }];
  return [];
}

function tourProblems(t: z.infer<typeof TourFields> & { visits?: { visitOn: string }[] }, ctx: z.RefinementCtx) {
  for (const p of tourDateProblems(t)) ctx.addIssue({ code: 'custom', message: p.message, path: [p.field] });
  if (!t.leaderPersonId && !t.leaderName) ctx.addIssue({ code: 'custom', message: 'name the leader, or pick a registered person', path: ['leaderName'] });
  (t.visits ?? []).forEach((v, i) => {
    if (t.startsOn && t.endsOn && (v.visitOn < t.startsOn || v.visitOn > t.endsOn)) {
      ctx.addIssue({ code: 'custom', message: 'falls outside the tour\'s dates', path: ['visits', i, 'visitOn'] });
    }
  });
}

const TourCreate = TourFields.extend({ status: TourStatus.default('planned') });
export const TourInput = TourCreate.superRefine(tourProblems);
export type TourInput = z.infer<typeof TourInput>;
export const TourPatch = TourFields.partial().refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type TourPatch = z.infer<typeof TourPatch>;

/** One tour of a bulk request, with its visits; the whole request is written or nothing is. */
export const BulkTour = TourCreate.extend({ visits: z.array(VisitInput).max(200).default([]) }).superRefine(tourProblems);
export type BulkTour = z.infer<typeof BulkTour>;
export const MAX_BULK_TOURS = 2000;
export const BulkTours = z.array(BulkTour).min(1).max(MAX_BULK_TOURS);

export const ToursQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  unitId: Id.optional(),
  leaderPersonId: Id.optional(),
  status: TourStatus.optional(),
});
export type ToursQuery = z.infer<typeof ToursQuery>;

const SeatOut = z.object({ stateCode: z.string(), house: z.enum(['LS', 'AE']), constituencyNo: z.number(), name: z.string().nullable() });
export const Visit = z.object({
  id: z.number(), tourId: z.number(), unitId: z.number(), unitName: z.string().nullable(), unitNameHi: z.string().nullable(),
  seat: SeatOut.nullable(), visitOn: z.string(), meetings: z.array(Meeting), groundReport: GroundReport.nullable(), canWrite: z.boolean(),
});
export type Visit = z.infer<typeof Visit>;
export const Tour = z.object({
  id: z.number(), leaderPersonId: z.number().nullable(), leaderName: z.string(), leaderNameHi: z.string().nullable(),
  unitId: z.number(), unitName: z.string().nullable(), unitNameHi: z.string().nullable(), isCentral: z.boolean(),
  title: z.string(), startsOn: z.string(), endsOn: z.string(), status: TourStatus, stay: z.string().nullable(), notes: z.string().nullable(),
  visitCount: z.number(), canWrite: z.boolean(),
});
export type Tour = z.infer<typeof Tour>;
export const TourDetail = Tour.extend({ visits: z.array(Visit), canAddVisit: z.boolean() });
export type TourDetail = z.infer<typeof TourDetail>;
export const Tours = z.object({ items: z.array(Tour), truncated: z.boolean() });
export const TourParams = z.object({ tourId: Id });
export const VisitParams = z.object({ visitId: Id });
export const BulkResult = z.object({ ids: z.array(z.number()), visits: z.number() });

const flag = z.preprocess((v) => (v === '' || v === 'true' || v === true ? true : v === 'false' || v === false ? false : v), z.boolean()).default(false);
export const CoverageQuery = z.object({
  election: z.string().regex(/^[A-Z0-9-]+$/, 'an election id such as LS-2019 or AE-GJ-2022'),
  party: z.string().trim().min(1).max(40),
  unitId: Id.optional(),
  days: z.coerce.number().int().min(1).max(365).default(30),
  maxMargin: z.coerce.number().int().positive().max(10_000_000).default(5000),
  weakOnly: flag,
  notVisited: flag,
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;
export const CoverageSeat = z.object({
  stateCode: z.string(), house: z.enum(['LS', 'AE']), constituencyNo: z.number(), name: z.string(), classes: z.array(z.string()),
  partyLead: z.number().nullable(), booths: z.number().nullable(), boothsFormed: z.number().nullable(),
  isWeak: z.boolean(), weakBecause: z.array(z.enum(['never-won', 'lost-close', 'organisation'])),
  visits: z.number(), days: z.number(), lastVisitOn: z.string().nullable(), lastCentralVisitOn: z.string().nullable(),
  centralVisited: z.boolean(), nextVisitOn: z.string().nullable(),
});
export type CoverageSeat = z.infer<typeof CoverageSeat>;
export const Coverage = z.object({
  election: z.string(), party: z.string(), days: z.number(), since: z.string(), today: z.string(),
  scope: z.object({ unitId: z.number(), name: z.string() }),
  counts: z.object({ seats: z.number(), weak: z.number(), weakNotVisited: z.number(), centralVisited: z.number() }),
  items: z.array(CoverageSeat),
});
export type Coverage = z.infer<typeof Coverage>;
