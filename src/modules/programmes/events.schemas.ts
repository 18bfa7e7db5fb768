// Events, trainings and conferences at the edge (docs/programmes.md): one schema file shared by the
// server, the web app and the CLI. An event's invitees come from rules, materialised as rows.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';
import { Office } from '../organisation/representatives.schemas.ts';

export const EventKind = z.enum(['meeting', 'training', 'conference', 'rally']);
export type EventKind = z.infer<typeof EventKind>;
export const EventStatus = z.enum(['planned', 'cancelled', 'done']);
export const Rsvp = z.enum(['yes', 'no', 'maybe']);
export type Rsvp = z.infer<typeof Rsvp>;

const Code = z.string().trim().regex(/^[a-z_]{2,40}$/, 'a code such as booth_president');
const CourseCode = z.string().trim().regex(/^[a-z0-9_]{2,40}$/, 'a course code such as booth_basics');
const Instant = z.iso.datetime({ offset: true });
const Title = z.string().trim().min(1).max(200);

/**
 * Who is invited. office: current elected representatives (all mayors and municipal heads);
 * designation: current holders of one slot (every booth president of a state); delegates: the
 * office-bearers of every unit of a level, wing units included (a national executive); people: named.
 * withinUnitId narrows a rule to a subtree of the organising unit (which is the default).
 */
export const InviteRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('office'), offices: z.array(Office).min(1).max(6), withinUnitId: Id.optional() }),
  z.object({ kind: z.literal('designation'), level: Code, code: Code, withinUnitId: Id.optional() }),
  z.object({
    kind: z.literal('delegates'), level: Code, codes: z.array(Code).min(1).max(20),
    perUnit: z.number().int().min(1).max(100).optional(), includeWings: z.boolean().default(true), withinUnitId: Id.optional(),
  }),
  z.object({ kind: z.literal('people'), personIds: z.array(Id).min(1).max(5000) }),
]);
export type InviteRule = z.infer<typeof InviteRule>;
export const InviteRules = z.array(InviteRule).max(20);

export const SessionInput = z.object({ title: Title, titleHi: Title.nullish() });

const Fields = z.object({
  kind: EventKind,
  title: Title,
  titleHi: Title.nullish(),
  startsAt: Instant,
  endsAt: Instant,
  place: z.string().trim().max(300).nullish(),
  unitId: Id,
  courseCode: CourseCode.nullish(),
  rules: InviteRules.default([]),
  sessions: z.array(SessionInput).max(100).default([]),
});

type Shape = { kind?: EventKind; startsAt?: string; endsAt?: string; courseCode?: string | null; sessions?: unknown[] };
/** The rules a whole event must keep: shared by create and the merged result of a change. */
export function eventProblems(e: Shape): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (e.startsAt && e.endsAt && Date.parse(e.endsAt) < Date.parse(e.startsAt)) out.push({ field: 'endsAt', message: 'ends before it starts' });
  if (e.kind && e.kind !== 'training') {
    if (e.courseCode) out.push({ field: 'courseCode', message: 'only a training has a course' });
    if (e.sessions?.length) out.push({ field: 'sessions', message: 'only a training has sessions' });
  }
  return out;
}

export const EventInput = Fields.superRefine((e, ctx) => {
  for (const p of eventProblems(e)) ctx.addIssue({ code: 'custom', message: p.message, path: [p.field] });
});
export type EventInput = z.input<typeof EventInput>;
export type EventInputParsed = z.infer<typeof EventInput>;
/** Many events at once, all or nothing: a problem names the index and the field ("3.endsAt"). */
export const EventsBulk = z.array(EventInput).min(1).max(500);

export const EventPatch = z.object({
  title: Title, titleHi: Title.nullable(), startsAt: Instant, endsAt: Instant, place: z.string().trim().max(300).nullable(),
  status: EventStatus, courseCode: CourseCode.nullable(), rules: InviteRules,
}).partial().refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type EventPatch = z.infer<typeof EventPatch>;

export const Counts = z.object({ invited: z.number(), yes: z.number(), no: z.number(), maybe: z.number(), registered: z.number(), checkedIn: z.number() });
export type Counts = z.infer<typeof Counts>;

export const Event = z.object({
  id: z.number(), kind: EventKind, title: z.string(), titleHi: z.string().nullable(), startsAt: z.string(), endsAt: z.string(),
  place: z.string().nullable(), unitId: z.number(), unitName: z.string(), status: EventStatus, courseCode: z.string().nullable(),
  rules: InviteRules, invitedAt: z.string().nullable(), counts: Counts,
  sessions: z.array(z.object({ no: z.number(), title: z.string(), titleHi: z.string().nullable(), completed: z.number() })),
  canWrite: z.boolean(),
});
export type Event = z.infer<typeof Event>;
export const EventSummary = Event.omit({ rules: true, sessions: true, canWrite: true });
export const EventList = z.object({ items: z.array(EventSummary) });
export const EventsQuery = z.object({
  kind: EventKind.optional(), upcoming: z.enum(['true', 'false']).optional(), unitId: Id.optional(),
  courseCode: CourseCode.optional(),
});
export const EventParams = z.object({ eventId: Id });
export const InviteeParams = z.object({ eventId: Id, personId: Id });
export const SessionParams = z.object({ eventId: Id, sessionNo: z.coerce.number().int().min(1).max(100) });

export const Invitee = z.object({
  personId: z.number(), name: z.string(), nameHi: z.string().nullable(), unitName: z.string().nullable(), stateName: z.string().nullable(),
  wing: z.string().nullable(), reason: z.string(), rsvp: Rsvp.nullable(), registeredAt: z.string().nullable(),
  checkedInAt: z.string().nullable(), sessionsDone: z.number(), sessionNos: z.array(z.number()),
});
export type Invitee = z.infer<typeof Invitee>;
export const InviteesQuery = z.object({
  q: z.string().trim().max(80).optional(), rsvp: z.enum(['yes', 'no', 'maybe', 'none']).optional(),
  cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const InviteePage = z.object({ items: z.array(Invitee), nextCursor: z.string().nullable(), total: z.number() });

export const RsvpBody = z.object({ rsvp: Rsvp });
export const Registration = z.object({ personId: z.number(), name: z.string(), nameHi: z.string().nullable(), token: z.string(), registeredAt: z.string() });
/** Printable badges of an event's registered delegates (GET …/badges.pdf): the language of the page's words. */
export const BadgesQuery = z.object({ lang: z.enum(['en', 'hi']).default('en') });
/** At most this many badges in one PDF: 625 A4 pages, drawn in about 11 s. A bigger sheet is not one print job. */
export const MAX_BADGES = 5000;
export const CheckinBody = z.object({ token: z.string().trim().min(1).max(400) });
export const CheckinResult = z.object({
  personId: z.number(), name: z.string(), nameHi: z.string().nullable(), checkedInAt: z.string(), alreadyCheckedIn: z.boolean(),
});

export const Breakdown = z.object({
  byState: z.array(Counts.extend({ unitId: z.number().nullable(), name: z.string().nullable(), nameHi: z.string().nullable() })),
  byWing: z.array(Counts.extend({ wing: z.string().nullable(), name: z.string().nullable(), nameHi: z.string().nullable() })),
  total: Counts,
});
export type Breakdown = z.infer<typeof Breakdown>;

export const PreviewBody = z.object({ unitId: Id, rules: InviteRules });
export const Preview = z.object({ total: z.number(), perRule: z.array(z.number()) });

export const CompletionBody = z.object({ personIds: z.array(Id).min(1).max(5000), completed: z.boolean().default(true) });
export const CompletionResult = z.object({ changed: z.number() });

export const RequirementBody = z.object({ level: Code, code: Code, course: CourseCode.nullable() });
export const Requirements = z.object({ items: z.array(z.object({ level: z.string(), code: z.string(), name: z.string(), nameHi: z.string().nullable(), course: z.string() })) });
export const GapsQuery = z.object({ unitId: Id, level: Code, code: Code });
export const Gaps = z.object({
  course: z.string().nullable(), holders: z.number(), lacking: z.number(), truncated: z.boolean(),
  byUnit: z.array(z.object({ unitId: z.number(), name: z.string(), nameHi: z.string().nullable(), holders: z.number(), lacking: z.number() })),
  items: z.array(z.object({ personId: z.number(), name: z.string(), nameHi: z.string().nullable(), unitId: z.number(), unitName: z.string() })),
});
export type Gaps = z.infer<typeof Gaps>;
