// Tasks and drives (docs/programmes.md): create with the target cascaded to every assignee, list
// the tasks that reach a unit, read one with its children's progress, change, close, remove, and
// set shares by hand. Reads need programmes.read, writes programmes.write on the owner unit.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { depthsBetween, insertNamed, insertTree, splitTargets, type CascadeTask } from './tasks-cascade.ts';
import { progressRows, toProgress, today, isOverdue } from './task-progress.ts';
import { notifyUnits } from './notifications.service.ts';
import type { TaskDetail, TaskInput, TaskPatch, TaskSummary } from './tasks.schemas.ts';

type TaskRow = Awaited<ReturnType<typeof taskQuery>>[number];

function taskQuery(tx: Tx, where: (q: ReturnType<typeof baseTasks>) => ReturnType<typeof baseTasks>) {
  return where(baseTasks(tx)).execute();
}
function baseTasks(tx: Tx) {
  return tx.selectFrom('tasks as t')
    // A booth sees a national task but not the national unit (row-level security): the owner's name is then null.
    .leftJoin('units as o', (j) => j.onRef('o.tenant_id', '=', 't.tenant_id').onRef('o.id', '=', 't.owner_unit_id'))
    .select(['t.id', 't.kind', 't.title', 't.title_hi', 't.description', 't.metric', 't.unit_label', 't.unit_label_hi', 't.course_code', 't.owner_unit_id',
      'o.name as owner_name', 't.split_rule', 't.assignee_level', 't.evidence_required', 't.starts_on', 't.due_on', 't.status', 't.target',
      (eb) => eb.cast<string>('t.unit_path', 'text').as('unit_path')]);
}

function toSummary(actor: Actor, t: TaskRow, progress: TaskSummary['progress']): TaskSummary {
  return {
    id: t.id, kind: t.kind, title: t.title, titleHi: t.title_hi, description: t.description, metric: t.metric, unitLabel: t.unit_label, courseCode: t.course_code,
    unitLabelHi: t.unit_label_hi, ownerUnitId: t.owner_unit_id, ownerName: t.owner_name, splitRule: t.split_rule, assigneeLevel: t.assignee_level,
    evidenceRequired: t.evidence_required, startsOn: t.starts_on, dueOn: t.due_on, status: t.status,
    canManage: can(actor, 'programmes.write', t.unit_path), progress,
  };
}

/** The task, visible to the actor (row-level security: the owner's subtree and every unit it reaches). */
export async function requireTask(tx: Tx, actor: Actor, id: number, permission: 'programmes.read' | 'programmes.write'): Promise<TaskRow> {
  requirePermission(actor, permission);
  const [t] = await taskQuery(tx, (q) => q.where('t.id', '=', id));
  if (!t) throw new NotFound('task');
  if (permission === 'programmes.write' && !can(actor, permission, t.unit_path)) throw new NotFound('task');
  return t;
}

async function levelDepth(tx: Tx, level: string): Promise<number> {
  const r = await tx.selectFrom('unit_levels').select('depth').where('level', '=', level).executeTakeFirst();
  return r?.depth ?? 0;
}

/** Named units must sit under the owner; named people must live under it. */
async function namedUnits(tx: Tx, ownerPath: string, input: TaskInput) {
  const ids = input.units!.map((u) => u.unitId);
  const rows = await sql<{ id: number; path: string; depth: number }>`select u.id, u.path::text as path, l.depth from units u
    join unit_levels l on l.tenant_id = u.tenant_id and l.level = u.level
    where u.id = any(${ids}::bigint[]) and u.path <@ ${ownerPath}::ltree and u.path <> ${ownerPath}::ltree`.execute(tx);
  const missing = ids.findIndex((id) => !rows.rows.some((r) => r.id === id));
  if (missing >= 0) throw new Invalid('A named unit is not under the owner unit', [{ field: `units.${missing}.unitId`, message: 'not under the owner unit, or outside your access' }]);
  return rows.rows.map((r) => { const s = input.units!.find((u) => u.unitId === r.id)!; return { ...r, target: s.target ?? null, isManual: s.target != null }; });
}

async function checkPeople(tx: Tx, ownerPath: string, personIds: number[]) {
  const rows = await tx.selectFrom('people').select(['id', (eb) => eb.cast<string>('unit_path', 'text').as('unit_path')])
    .where('id', 'in', personIds).where('merged_into', 'is', null).where(sql<boolean>`unit_path <@ ${ownerPath}::ltree`).execute();
  const missing = personIds.findIndex((id) => !rows.some((r) => r.id === id));
  if (missing >= 0) throw new Invalid('A named person does not live under the owner unit', [{ field: `personIds.${missing}`, message: 'no such person under the owner unit' }]);
  return rows;
}

/** The owner's target: given, the sum of hand-set shares, or for booths formed every booth under the owner. */
async function ownerTarget(tx: Tx, ownerId: number, input: TaskInput): Promise<number | null> {
  if (input.target != null) return input.target;
  if (input.splitRule === 'manual' && input.shares) return input.shares.reduce((a, s) => a + (s.target ?? 0), 0);
  if (input.units?.length && input.units.every((u) => u.target != null)) return input.units.reduce((a, s) => a + (s.target ?? 0), 0);
  if (input.metric === 'booths_formed') {
    const r = await tx.selectFrom('unit_strength').select((eb) => eb.fn.sum<number>('booths').as('n')).where('unit_id', '=', ownerId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
  return null;
}

async function applyShares(tx: Tx, task: CascadeTask, shares: { unitId: number; target?: number | null }[]): Promise<void> {
  for (const [i, s] of shares.entries()) {
    const r = await tx.updateTable('task_targets').set({ target: s.target ?? 0, is_manual: true })
      .where('task_id', '=', task.id).where('unit_id', '=', s.unitId).where('parent_unit_id', '=', task.ownerUnitId).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Invalid('A share names a unit that is not directly under the owner', [{ field: `shares.${i}.unitId`, message: 'not a unit directly under the owner' }]);
  }
}

export async function createTask(tx: Tx, actor: Actor, input: TaskInput): Promise<TaskDetail> {
  requirePermission(actor, 'programmes.write');
  const [owner] = await requireUnits(tx, actor, 'programmes.write', [input.ownerUnitId]);
  const ownerDepth = await levelDepth(tx, owner.level);
  let depths: number[] = [];
  if (input.assigneeLevel) {
    depths = await depthsBetween(tx, ownerDepth, input.assigneeLevel);
    const same = input.assigneeLevel === owner.level;
    if (depths.length === 0 && !same) throw new Invalid('The assignee level is not below the owner', [{ field: 'assigneeLevel', message: `no level ${input.assigneeLevel} below ${owner.level}` }]);
  }
  const named = input.units?.length ? await namedUnits(tx, owner.path, input) : [];
  const people = input.personIds?.length ? await checkPeople(tx, owner.path, input.personIds) : [];
  const target = people.length ? people.length : await ownerTarget(tx, owner.id, input);
  const row = await tx.insertInto('tasks').values({
    tenant_id: actor.tenantId, kind: input.kind, owner_unit_id: owner.id, unit_path: owner.path, title: input.title, title_hi: input.titleHi ?? null,
    description: input.description ?? null, metric: input.metric, unit_label: input.unitLabel ?? null, unit_label_hi: input.unitLabelHi ?? null,
    course_code: input.metric === 'trainees_completed' ? input.courseCode ?? null : null, target, split_rule: input.splitRule, assignee_level: input.assigneeLevel ?? null, evidence_required: input.evidenceRequired,
    starts_on: input.startsOn ?? today(), due_on: input.dueOn, created_by: actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  const task: CascadeTask = { tenantId: actor.tenantId, id: row.id, ownerUnitId: owner.id, ownerPath: owner.path, ownerDepth, metric: input.metric, target, splitRule: input.splitRule };
  if (input.assigneeLevel) {
    await insertTree(tx, task, depths);
    if (input.splitRule === 'manual') await applyShares(tx, task, input.shares!);
    await splitTargets(tx, task, depths);
  } else if (named.length) {
    await insertNamed(tx, task, named);
    if (named.some((u) => !u.isManual)) await splitTargets(tx, task, [...new Set(named.map((u) => u.depth))]);
  } else {
    await insertNamed(tx, task, []);
    await tx.insertInto('task_people').values(people.map((p) => ({ tenant_id: actor.tenantId, task_id: row.id, person_id: p.id, unit_path: p.unit_path }))).execute();
  }
  // People trained before the task count from the start; later completions move the sums (events-training.ts).
  if (input.metric === 'trainees_completed') await sql`select prog_count_trained(${row.id}::bigint)`.execute(tx);
  if (input.metric === 'calls_made') await sql`select prog_count_calls(${row.id}::bigint)`.execute(tx);
  const stats = await tx.selectFrom('task_targets').select([(eb) => eb.fn.countAll<number>().as('rows'), (eb) => eb.fn.sum<number>(sql`is_assignee::int`).as('assignees')])
    .where('task_id', '=', row.id).executeTakeFirstOrThrow();
  // Tell the units one level down and the assignees (a national task: every state and every booth).
  const firstDepth = depths[0] ?? ownerDepth + 1;
  const notified = await notifyUnits(tx, actor.tenantId, actor.userId, sql`select unit_id, null::int as n from task_targets where tenant_id = ${actor.tenantId}::uuid
    and task_id = ${row.id} and (is_assignee or depth = ${firstDepth})`, {
    kind: 'task.assigned', link: `/programmes/tasks/${row.id}`,
    params: { taskId: row.id, title: input.title, titleHi: input.titleHi ?? null, dueOn: input.dueOn, unitName: owner.name },
  });
  await recordAudit(tx, actor, { type: 'task.create', entity: 'tasks', rowIds: [row.id], unitPath: owner.path,
    detail: { title: input.title, kind: input.kind, metric: input.metric, target, rule: input.splitRule, rows: Number(stats.rows), assignees: Number(stats.assignees ?? 0) + people.length, notified } });
  return getTask(tx, actor, row.id, {});
}

/** Tasks that reach a unit (the given one, or each of the actor's grant units), with progress there. */
export async function findTasks(tx: Tx, actor: Actor, query: { unitId?: number; kind?: 'task' | 'drive'; status: 'open' | 'closed' | 'overdue' | 'all' }): Promise<{ items: TaskSummary[] }> {
  requirePermission(actor, 'programmes.read');
  const unitIds = query.unitId ? [(await requireUnits(tx, actor, 'programmes.read', [query.unitId]))[0].id]
    : actor.grants.filter((g) => g.permissions.includes('programmes.read') && pathsWith(actor, 'programmes.read').includes(g.unitPath)).map((g) => g.unitId);
  if (unitIds.length === 0) return { items: [] };
  const kind = query.kind ? sql`and tk.kind = ${query.kind}` : sql``;
  const status = query.status === 'closed' ? sql`and tk.status = 'closed'` : query.status === 'all' ? sql`` : sql`and tk.status = 'open'`;
  const rows = await progressRows(tx, sql`tt.unit_id = any(${unitIds}::bigint[]) ${kind} ${status}`, sql`tk.due_on, tk.id, tt.depth`);
  const seen = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!seen.has(r.task_id)) seen.set(r.task_id, r);
  const day = today();
  const chosen = [...seen.values()].filter((r) => query.status !== 'overdue' || isOverdue(r, day)).slice(0, 500);
  if (chosen.length === 0) return { items: [] };
  const tasks = await taskQuery(tx, (q) => q.where('t.id', 'in', chosen.map((r) => r.task_id)));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return { items: chosen.filter((r) => byId.has(r.task_id)).map((r) => toSummary(actor, byId.get(r.task_id)!, toProgress(r, day))) };
}

/** One task at one unit (the owner by default, else the actor's highest unit it reaches): progress, children, people. */
export async function getTask(tx: Tx, actor: Actor, id: number, query: { unitId?: number }): Promise<TaskDetail> {
  const t = await requireTask(tx, actor, id, 'programmes.read');
  const readable = (path: string) => can(actor, 'programmes.read', path);
  let focus = query.unitId ?? (readable(t.unit_path) ? t.owner_unit_id : undefined);
  if (focus === undefined) {
    const mine = await progressRows(tx, sql`tt.task_id = ${id} and tt.unit_id = any(${actor.grants.map((g) => g.unitId)}::bigint[])`);
    focus = mine.find((r) => readable(r.unit_path))?.unit_id;
  }
  const [here] = focus === undefined ? [] : await progressRows(tx, sql`tt.task_id = ${id} and tt.unit_id = ${focus}`);
  if (!here || !readable(here.unit_path)) throw new NotFound('unit of this task');
  const day = today();
  const children = await progressRows(tx, sql`tt.task_id = ${id} and tt.parent_unit_id = ${here.unit_id}`, sql`u.name, tt.unit_id limit 2000`);
  const crumbs = await sql<{ id: number; name: string; name_hi: string | null }>`select u.id, u.name, u.name_hi from task_targets tt
    join units u on u.tenant_id = tt.tenant_id and u.id = tt.unit_id
    where tt.task_id = ${id} and tt.unit_id = any(string_to_array(${here.unit_path}, '.')::bigint[]) and tt.unit_id <> ${here.unit_id} order by tt.depth`.execute(tx);
  const people = await sql<{ person_id: number; name: string; name_hi: string | null; done_at: Date | null }>`select tp.person_id, p.name, p.name_hi, tp.done_at
    from task_people tp join people p on p.tenant_id = tp.tenant_id and p.id = tp.person_id where tp.task_id = ${id} order by p.name limit 2000`.execute(tx);
  return {
    ...toSummary(actor, t, toProgress(here, day)),
    breadcrumb: crumbs.rows.map((c) => ({ id: c.id, name: c.name, nameHi: c.name_hi })),
    children: children.map((c) => toProgress(c, day)),
    people: people.rows.map((p) => ({ personId: p.person_id, name: p.name, nameHi: p.name_hi, doneAt: p.done_at ? new Date(p.done_at).toISOString() : null })),
  };
}

export async function updateTask(tx: Tx, actor: Actor, id: number, patch: TaskPatch): Promise<TaskDetail> {
  const t = await requireTask(tx, actor, id, 'programmes.write');
  if (patch.dueOn && patch.dueOn < t.starts_on) throw new Invalid('Due before it starts', [{ field: 'dueOn', message: `the task starts on ${t.starts_on}` }]);
  await tx.updateTable('tasks').set({
    ...(patch.title !== undefined && { title: patch.title }), ...(patch.titleHi !== undefined && { title_hi: patch.titleHi }),
    ...(patch.description !== undefined && { description: patch.description }), ...(patch.dueOn !== undefined && { due_on: patch.dueOn, escalated_at: null }),
    ...(patch.status !== undefined && { status: patch.status }),
  }).where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'task.update', entity: 'tasks', rowIds: [id], unitPath: t.unit_path, detail: { ...patch } });
  return getTask(tx, actor, id, {});
}

export async function removeTask(tx: Tx, actor: Actor, id: number): Promise<void> {
  const t = await requireTask(tx, actor, id, 'programmes.write');
  await tx.deleteFrom('tasks').where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'task.remove', entity: 'tasks', rowIds: [id], unitPath: t.unit_path, detail: { title: t.title } });
}
