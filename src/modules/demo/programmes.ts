// The demo's programmes: national tasks cascaded from the root to every booth (booth committees
// formed and workers verified, read from the organisation's strength; wall paintings the booths
// report), one campaign drive, booth reports for a share of booths that varies by state and
// district, a review recorded a week earlier so the scorecard has a trend, leaders' tours
// (programmes-tours.ts), a training per state and a national executive (programmes-events.ts).
// Written as the system, a state at a time, a chunk of rows per statement (programmes-tree.ts): each
// task_targets row goes in once with its share of the target and its sums of the reports already final,
// where reportOnTask would move the sums a report at a time, a million times nationally.
// Dates hang off an anchor day (the day of the seed unless given), so a demo seeded today shows
// tasks that are current; for a seed and an anchor the data is the same on every run.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { TaskMetric } from '../programmes/tasks.schemas.ts';
import { today } from '../programmes/task-progress.ts';
import { createWriter, type BulkWriter } from './bulk.ts';
import { createPlan, planGeography, type DemoPlan, type Scale, type StateGeography } from './plan.ts';
import { demoEventTitles, writeEvents } from './programmes-events.ts';
import { writeSnapshots } from './programmes-review.ts';
import { demoTourTitles, writeTours } from './programmes-tours.ts';
import { splitWhole, stateTree, writeState, type SeededTask } from './programmes-tree.ts';

export interface ProgrammeResult {
  tasks: number; targets: number; reports: number; snapshots: number;
  /** The day the dates hang off. */
  anchor: string;
  /** Rows written per table. */
  counts: Record<string, number>;
}

type TaskKey = 'committees' | 'verify' | 'walls' | 'drive' | 'trainees';
export interface DemoTaskSpec {
  key: TaskKey; kind: 'task' | 'drive'; metric: TaskMetric; title: [string, string]; description: string;
  unitLabel?: [string, string];
  /** trainees_completed: the training course that counts. */
  course?: string;
  /** Target per booth under the owner (committees: one each); none for a drive, which counts its booths. */
  perBooth?: Record<Scale, number>;
  /** Days from the anchor. */
  starts: number; due: number;
}

/**
 * Per-booth targets chosen against the organisation org.ts writes: the state demo has ~2.8 verified workers
 * a booth, the national ~8.1, so verification lands near 85% of its target, with units on both sides; about
 * 40% of booths have a formed committee. The drive's window closed five days before the anchor; the review
 * was recorded a week before it.
 */
export const DEMO_TASKS: readonly DemoTaskSpec[] = [
  { key: 'committees', kind: 'task', metric: 'booths_formed', title: ['Form every booth committee', 'हर बूथ समिति का गठन'],
    description: 'Every booth has its committee with the required office-bearers.', perBooth: { state: 1, national: 1 }, starts: -75, due: 30 },
  { key: 'verify', kind: 'task', metric: 'workers_verified', title: ['Verify workers', 'कार्यकर्ताओं का सत्यापन'],
    description: 'Verify every worker\'s mobile number and voter ID.', perBooth: { state: 3.3, national: 9.5 }, starts: -60, due: 45 },
  { key: 'walls', kind: 'task', metric: 'reported', title: ['Wall paintings', 'दीवार लेखन'], unitLabel: ['walls', 'दीवारें'],
    description: 'Paint the party\'s message on walls in every booth.', perBooth: { state: 4, national: 4 }, starts: -35, due: 21 },
  { key: 'trainees', kind: 'task', metric: 'trainees_completed', course: 'booth_president_basics', title: ['Train booth presidents', 'बूथ अध्यक्षों का प्रशिक्षण'],
    description: 'Every booth president completes the three sessions of the booth president course.', perBooth: { state: 0.15, national: 0.2 }, starts: -45, due: 14 },
  { key: 'drive', kind: 'drive', metric: 'completion', title: ['Booth awareness drive', 'बूथ जागरूकता अभियान'],
    description: 'Four days: a meeting at every booth and a door-to-door round; report when done.', starts: -8, due: -5 },
];

/**
 * Writes the tenant's demo programmes (its unit tree and organisation must be there), replacing earlier
 * ones, in one transaction: a cut-off seed leaves all of them or none.
 */
export async function writeProgrammes(db: Executor, plan: DemoPlan, geos: StateGeography[], tenantId: string,
  opts: { today?: string; onRows?: (rows: number) => void } = {}): Promise<ProgrammeResult> {
  return db.transaction().execute(async (tx) => {
    await clearProgrammes(tx, plan, tenantId);
    await skipForeignKeyChecks(tx);
    const w = createWriter(tx, { onRows: opts.onRows });
    const { events, ...result } = await writeAll(tx, w, plan, geos, tenantId, opts.today ?? today());
    // Rows written outside the writer: the tasks, their root rows, the recorded reviews, the events and their sessions.
    const counts = { ...w.counts, tasks: result.tasks, task_targets: (w.counts.task_targets ?? 0) + result.tasks, review_snapshots: result.snapshots, ...events };
    return { ...result, counts };
  });
}

/**
 * The rows are consistent by construction (units read in this transaction, tasks just inserted), and a
 * foreign-key check per row is ~40% of the phase on PGlite, so a superuser (PGlite always, the benchmark's
 * PostgreSQL) writes them as a restore does, with triggers off for this transaction only; any other role
 * keeps the checks. Set after the clean-up: replica mode would skip its cascades too.
 */
async function skipForeignKeyChecks(tx: Executor): Promise<void> {
  await sql`select set_config('session_replication_role', 'replica', true) where current_setting('is_superuser') = 'on'`.execute(tx);
}

async function writeAll(db: Executor, w: BulkWriter, plan: DemoPlan, geos: StateGeography[], tenantId: string, anchor: string) {
  const root = await db.selectFrom('units').select(['id', (eb) => eb.cast<string>('path', 'text').as('path')])
    .where('tenant_id', '=', tenantId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const levels = await db.selectFrom('unit_levels').select(['level', 'depth']).where('tenant_id', '=', tenantId).execute();
  const depthOf = new Map(levels.map((l) => [l.level, l.depth]));
  const stateIds = await stateUnitIds(db, tenantId);
  const booths = geos.reduce((n, g) => n + g.boothCount, 0);
  const tasks = await insertTasks(db, tenantId, root, plan.scale, anchor, booths);
  // The root's target split among the states by booths, as every level below is (programmes-tree.ts).
  const ids = geos.map((g) => stateIds.get(g.spec.code)!);
  const perState = tasks.map((t) => splitWhole(t.target ?? booths, geos.map((g) => g.boothCount), ids));
  const reported = new Map<number, number>();
  let targets = 0;
  let reports = 0;
  for (const [s, geo] of geos.entries()) {
    const tree = await stateTree(db, tenantId, geo.spec.code, depthOf);
    const totals = await writeState(w, plan, geo, tree, tenantId, root.id, tasks.map((task, t) => ({ task, stateTarget: perState[t][s] })), anchor);
    for (const [id, n] of totals.reported) reported.set(id, (reported.get(id) ?? 0) + n);
    targets += totals.targets;
    reports += totals.reports;
  }
  for (const t of tasks) {
    await db.insertInto('task_targets').values({ tenant_id: tenantId, task_id: t.id, unit_id: root.id, unit_path: root.path, depth: 0,
      parent_unit_id: null, is_assignee: false, target: t.target ?? booths, reported: reported.get(t.id) ?? 0 }).execute();
  }
  await writeTours(db, w, plan, tenantId, root, anchor);
  const events = await writeEvents(db, w, plan, geos, tenantId, root, anchor);
  await w.flush();
  await sql`analyze tours, tour_visits, event_invitees, session_completions`.execute(db);
  await countTrainees(db, tenantId, root.path, tasks);
  await sql`analyze task_targets, task_reports`.execute(db);
  const snapshots = await writeSnapshots(db, plan, tenantId, root, tasks, anchor);
  return { tasks: tasks.length, targets: targets + tasks.length, reports, snapshots, anchor, events };
}

/**
 * The trainees task counts the people the training above completed, as the product counts them when
 * such a task is created (prog_count_trained, migration 0018), which reads the tenant and scope of
 * the caller: set here as the root's for this transaction.
 */
async function countTrainees(db: Executor, tenantId: string, rootPath: string, tasks: SeededTask[]): Promise<void> {
  const ids = tasks.filter((t) => t.metric === 'trainees_completed').map((t) => t.id);
  if (ids.length === 0) return;
  await sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('app.scopes', ${`{${rootPath}}`}, true)`.execute(db);
  for (const id of ids) await sql`select prog_count_trained(${id}::bigint)`.execute(db);
}

/**
 * The programmes alone, on a demo seeded before they existed (or to redo them): the review benchmark adds
 * them to a national demo already in the database instead of reseeding everything under them.
 */
export async function seedDemoProgrammes(db: Executor, opts: { scale: Scale; seed?: number; today?: string; onRows?: (rows: number) => void }):
  Promise<ProgrammeResult & { tenantId: string; seconds: number }> {
  const started = performance.now();
  const plan = createPlan(opts.scale, opts.seed ?? 1);
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', plan.tenant.slug).executeTakeFirstOrThrow();
  const result = await writeProgrammes(db, plan, plan.states.map((spec) => planGeography(plan, spec)), tenant.id, { today: opts.today, onRows: opts.onRows });
  return { ...result, tenantId: tenant.id, seconds: (performance.now() - started) / 1000 };
}

export function emptyProgrammeResult(): ProgrammeResult {
  return { tasks: 0, targets: 0, reports: 0, snapshots: 0, anchor: '', counts: {} };
}

/**
 * Rows writeProgrammes adds, roughly, for the progress bar: task_targets for every unit, reports for about
 * half the booths twice, and the training's invitees with their completions (booth presidents are about
 * 36% of booths in the state demo and 57% nationally; about 1.1 completions each). Tours are a few hundred.
 */
export function estimateProgrammeRows(geos: StateGeography[], scale: Scale): number {
  const training = (scale === 'state' ? 0.36 : 0.57) * 2.1;
  return Math.round(geos.reduce((n, g) => n + g.boothCount, 0) * (DEMO_TASKS.length * 1.25 + 1.2 + training));
}

/**
 * What the seed made earlier (system-made tasks and reviews; a user's own are kept), so a redo replaces it.
 * Tours and events imported by the CLI are system-made too, so those go only when they carry a title the
 * seed gives; invitees and completions first, set-based, rather than a cascade a row at a time.
 */
async function clearProgrammes(db: Executor, plan: DemoPlan, tenantId: string): Promise<void> {
  await db.deleteFrom('review_snapshots').where('tenant_id', '=', tenantId).where('taken_by', 'is', null).execute();
  // Reports and evidence go with their targets' rows (foreign keys cascade from tasks down).
  await db.deleteFrom('tasks').where('tenant_id', '=', tenantId).where('created_by', 'is', null).execute();
  await db.deleteFrom('tours').where('tenant_id', '=', tenantId).where('created_by', 'is', null).where('title', 'in', demoTourTitles(plan)).execute();
  const events = db.selectFrom('events').select('id').where('tenant_id', '=', tenantId).where('created_by', 'is', null).where('title', 'in', demoEventTitles(plan));
  for (const table of ['session_completions', 'event_invitees'] as const) {
    await db.deleteFrom(table).where('tenant_id', '=', tenantId).where('event_id', 'in', events).execute();
  }
  await db.deleteFrom('events').where('tenant_id', '=', tenantId).where('id', 'in', events).execute();
}

async function stateUnitIds(db: Executor, tenantId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('units').select(['id', 'state_code']).where('tenant_id', '=', tenantId).where('level', '=', 'state')
    .where('wing', 'is', null).execute();
  return new Map(rows.map((r) => [r.state_code!, r.id]));
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The tasks' own rows; a drive's target is its booths (each counts once), as the product's cascade sets it. */
async function insertTasks(db: Executor, tenantId: string, root: { id: number; path: string }, scale: Scale, anchor: string, booths: number): Promise<SeededTask[]> {
  const out: SeededTask[] = [];
  for (const [index, spec] of DEMO_TASKS.entries()) {
    const target = spec.perBooth ? Math.round(booths * spec.perBooth[scale]) : booths;
    const row = await db.insertInto('tasks').values({
      tenant_id: tenantId, kind: spec.kind, owner_unit_id: root.id, unit_path: root.path, title: spec.title[0], title_hi: spec.title[1],
      description: spec.description, metric: spec.metric, unit_label: spec.unitLabel?.[0] ?? null, unit_label_hi: spec.unitLabel?.[1] ?? null, course_code: spec.course ?? null,
      target: spec.perBooth ? target : null, split_rule: 'booths', assignee_level: 'booth', evidence_required: false,
      starts_on: addDays(anchor, spec.starts), due_on: addDays(anchor, spec.due), created_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    out.push({ id: row.id, key: spec.key, metric: spec.metric, index, target });
  }
  return out;
}
