// Tasks, targets and drives at the edge (docs/programmes.md). A task has an owner unit, assignees
// (every unit of a level under the owner, or named units, or named people), a due date and a metric;
// a numeric target cascades from the owner down to the assignees by a split rule. A drive is a task
// every booth reports on once within a window. Shared by the routes, the web app, the CLI and tests.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';

export const TaskKind = z.enum(['task', 'drive']);
export const TaskMetric = z.enum(['completion', 'reported', 'booths_formed', 'workers_verified', 'trainees_completed', 'calls_made']);
/** A training course code (events.course_code). */
export const CourseCode = z.string().regex(/^[a-z0-9_]{2,40}$/, 'a course code such as booth_president_basics');
export type TaskMetric = z.infer<typeof TaskMetric>;
export const SplitRule = z.enum(['equal', 'booths', 'electors', 'manual']);
const IsoDate = z.iso.date();
const Level = z.string().regex(/^[a-z_]{2,30}$/, 'a level code such as booth');
const Devanagari = z.string().trim().min(1).max(200).regex(/\p{Script=Devanagari}/u, 'text in Devanagari');
const Share = z.object({ unitId: Id, target: z.number().int().min(0).max(100_000_000).nullish() });

export const TaskInput = z.object({
  kind: TaskKind.default('task'),
  ownerUnitId: Id,
  title: z.string().trim().min(1).max(200),
  titleHi: Devanagari.nullish(),
  description: z.string().trim().max(4000).nullish(),
  metric: TaskMetric.default('completion'),
  unitLabel: z.string().trim().min(1).max(60).nullish(),
  unitLabelHi: z.string().trim().min(1).max(60).nullish(),
  /** trainees_completed: people who completed a training of this course; of any course when left out. */
  courseCode: CourseCode.nullish(),
  target: z.number().int().min(0).max(100_000_000).nullish(),
  splitRule: SplitRule.default('booths'),
  /** Every unit of this level under the owner is an assignee; or name units, or people. */
  assigneeLevel: Level.nullish(),
  units: z.array(Share).max(5000).optional(),
  personIds: z.array(Id).max(5000).optional(),
  /** With splitRule 'manual': the owner's children's shares; the rest below split by booths. */
  shares: z.array(Share).max(5000).optional(),
  evidenceRequired: z.boolean().default(false),
  startsOn: IsoDate.nullish(),
  dueOn: IsoDate,
}).superRefine((t, ctx) => {
  const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
  const ways = [t.assigneeLevel ? 1 : 0, t.units?.length ? 1 : 0, t.personIds?.length ? 1 : 0].reduce((a, b) => a + b, 0);
  if (ways !== 1) add('assigneeLevel', 'give one of assigneeLevel, units or personIds');
  if (t.personIds?.length && t.metric !== 'completion') add('metric', 'a task for named people is a to-do (metric completion)');
  if ((t.metric === 'reported' || t.metric === 'workers_verified' || t.metric === 'trainees_completed' || t.metric === 'calls_made') && t.target == null) add('target', `a ${t.metric} task needs a target`);
  if (t.metric === 'reported' && !t.unitLabel) add('unitLabel', 'say what is counted, such as wall paintings');
  if (t.metric === 'completion' && t.target != null) add('target', 'a completion target is the number of assignees; leave it out');
  if (t.splitRule === 'manual' && !t.shares?.length) add('shares', 'a manual split needs the shares of the owner\'s units');
  if (t.courseCode && t.metric !== 'trainees_completed') add('courseCode', 'a course is for a trainees-completed task');
  if (t.kind === 'drive' && t.metric !== 'completion') add('metric', 'a drive counts the units that report (metric completion)');
  if (t.startsOn && t.dueOn < t.startsOn) add('dueOn', 'due before it starts');
});
export type TaskInput = z.infer<typeof TaskInput>;

export const TaskPatch = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  titleHi: Devanagari.nullish(),
  description: z.string().trim().max(4000).nullish(),
  dueOn: IsoDate.optional(),
  status: z.enum(['open', 'closed']).optional(),
}).refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type TaskPatch = z.infer<typeof TaskPatch>;

/** Shares set by hand for the children of one unit of the task; their subtrees are split again. */
export const SplitInput = z.object({ unitId: Id, shares: z.array(Share.extend({ target: z.number().int().min(0).max(100_000_000) })).min(1).max(5000) });
export type SplitInput = z.infer<typeof SplitInput>;

export const TaskParams = z.object({ taskId: Id });
export const TaskQuery = z.object({ unitId: Id.optional() });
export const TasksQuery = z.object({
  unitId: Id.optional(),
  kind: TaskKind.optional(),
  status: z.enum(['open', 'closed', 'overdue', 'all']).default('open'),
});

/** One unit's share of a task and how far it has got. */
export const Progress = z.object({
  unitId: z.number(), name: z.string(), nameHi: z.string().nullable(), level: z.string(),
  target: z.number().nullable(), actual: z.number().nullable(), attainment: z.number().nullable(),
  isAssignee: z.boolean(), isManual: z.boolean(), isOverdue: z.boolean(), doneAt: z.string().nullable(),
  hasChildren: z.boolean(),
});
export type Progress = z.infer<typeof Progress>;

export const TaskSummary = z.object({
  id: z.number(), kind: TaskKind, title: z.string(), titleHi: z.string().nullable(), description: z.string().nullable(),
  metric: TaskMetric, unitLabel: z.string().nullable(), unitLabelHi: z.string().nullable(), courseCode: z.string().nullable(),
  ownerUnitId: z.number(), ownerName: z.string().nullable(), splitRule: SplitRule, assigneeLevel: z.string().nullable(),
  evidenceRequired: z.boolean(), startsOn: z.string(), dueOn: z.string(), status: z.enum(['open', 'closed']),
  canManage: z.boolean(),
  /** Progress at the unit asked about (the owner by default, or the actor's own unit). */
  progress: Progress.nullable(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskDetail = TaskSummary.extend({
  breadcrumb: z.array(z.object({ id: z.number(), name: z.string(), nameHi: z.string().nullable() })),
  children: z.array(Progress),
  people: z.array(z.object({ personId: z.number(), name: z.string(), nameHi: z.string().nullable(), doneAt: z.string().nullable() })),
});
export type TaskDetail = z.infer<typeof TaskDetail>;
export const Tasks = z.object({ items: z.array(TaskSummary) });

const Evidence = z.object({
  fileName: z.string().trim().min(1).max(200),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
  /** The file, base64: photos are shrunk on the phone first, so a report is one small request. */
  dataBase64: z.string().min(4).max(7_000_000),
});
export const ReportInput = z.object({
  unitId: Id,
  value: z.number().int().min(0).max(10_000_000).nullish(),
  note: z.string().trim().max(2000).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  evidence: z.array(Evidence).max(4).default([]),
}).refine((r) => (r.lat == null) === (r.lng == null), { message: 'a location needs both lat and lng', path: ['lng'] });
export type ReportInput = z.infer<typeof ReportInput>;

export const Report = z.object({
  id: z.number(), taskId: z.number(), unitId: z.number(), unitName: z.string(), value: z.number(), note: z.string().nullable(),
  lat: z.number().nullable(), lng: z.number().nullable(), reportedBy: z.string(), at: z.string(),
  evidence: z.array(z.object({ id: z.number(), kind: z.enum(['photo', 'document']), fileName: z.string(), mime: z.string(), size: z.number() })),
});
export type Report = z.infer<typeof Report>;
export const Reports = z.object({ items: z.array(Report) });
export const ReportsQuery = z.object({ unitId: Id.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const EvidenceParams = z.object({ evidenceId: Id });
export const PersonDoneParams = z.object({ taskId: Id, personId: Id });

/** A task's progress per assembly seat, for the map (GET /api/tasks/:taskId/seats). */
export const TaskSeatsQuery = z.object({ state: z.string().regex(/^[A-Z]\d{2}$/, 'a state code such as D01').optional() });
export const TaskSeat = z.object({
  /** The AC unit: the task page drills down to it. */
  unitId: z.number(), name: z.string(), nameHi: z.string().nullable(),
  stateCode: z.string(), stateName: z.string().nullable(), stateNameHi: z.string().nullable(),
  /** The assembly constituency's number (the unit's ac_no). */
  constituencyNo: z.number(),
  target: z.number().nullable(), actual: z.number().nullable(), attainment: z.number().nullable(),
});
export type TaskSeat = z.infer<typeof TaskSeat>;
export const TaskSeats = z.object({ items: z.array(TaskSeat) });
