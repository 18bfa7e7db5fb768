// Shares set by hand, and escalation of overdue units to the level above (docs/programmes.md).
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import type { Executor } from '../../db/open.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { can, requirePermission } from '../access/access.ts';
import { recordAudit, type SystemActor } from '../access/audit.ts';
import { resplitBelow } from './tasks-cascade.ts';
import { getTask, requireTask } from './tasks.service.ts';
import { notifyUnits } from './notifications.service.ts';
import { today } from './task-progress.ts';
import type { SplitInput, TaskDetail } from './tasks.schemas.ts';

/**
 * A unit of the task gives its children shares by hand (a state knows its districts better than a
 * booth count). The shares may not exceed the unit's own target; children left out share the rest
 * by the task's rule, and every subtree below is split again.
 */
export async function setShares(tx: Tx, actor: Actor, taskId: number, input: SplitInput): Promise<TaskDetail> {
  const task = await requireTask(tx, actor, taskId, 'programmes.read');
  if (task.metric === 'completion') throw new Invalid('A completion task has one share per assignee', [{ field: 'shares', message: 'nothing to split by hand' }]);
  const parent = await tx.selectFrom('task_targets').select(['target', (eb) => eb.cast<string>('unit_path', 'text').as('unit_path'), 'depth'])
    .where('task_id', '=', taskId).where('unit_id', '=', input.unitId).executeTakeFirst();
  if (!parent || !can(actor, 'programmes.write', parent.unit_path)) throw new NotFound('unit of this task');
  const children = await tx.selectFrom('task_targets').select(['unit_id']).where('task_id', '=', taskId).where('parent_unit_id', '=', input.unitId).execute();
  const ids = new Set(children.map((c) => c.unit_id));
  const bad = input.shares.findIndex((s) => !ids.has(s.unitId));
  if (bad >= 0) throw new Invalid('A share names a unit that is not directly under this one', [{ field: `shares.${bad}.unitId`, message: 'not a unit directly under this one in the task' }]);
  const sum = input.shares.reduce((a, s) => a + s.target, 0);
  const whole = parent.target ?? 0;
  const all = new Set(input.shares.map((s) => s.unitId)).size === ids.size;
  if (sum > whole || (all && sum !== whole)) {
    throw new Invalid(`The shares add up to ${sum}, the unit's target is ${whole}`, [{ field: 'shares', message: all ? `must add up to ${whole}` : `must not exceed ${whole}` }]);
  }
  for (const s of input.shares) {
    await tx.updateTable('task_targets').set({ target: s.target, is_manual: true }).where('task_id', '=', taskId).where('unit_id', '=', s.unitId).execute();
  }
  await resplitBelow(tx, { tenantId: actor.tenantId, id: taskId, ownerUnitId: task.owner_unit_id, ownerPath: task.unit_path, ownerDepth: 0,
    metric: task.metric, target: task.target, splitRule: task.split_rule }, input.unitId);
  await recordAudit(tx, actor, { type: 'task.split', entity: 'task_targets', rowIds: input.shares.map((s) => s.unitId), unitPath: parent.unit_path,
    detail: { taskId, unitId: input.unitId, shares: input.shares } });
  return getTask(tx, actor, taskId, { unitId: input.unitId });
}

/** Parents of the units short of their target on a task, with how many are short under each. */
function laggingParents(tenantId: string, taskId: number, metric: string) {
  return sql`select c.parent_unit_id as unit_id, count(*)::int as n from task_targets c
    left join lateral (select sum(s.booths_formed) as bf, sum(s.verified) as v from unit_strength s
      where s.tenant_id = c.tenant_id and s.unit_id = c.unit_id and ${metric} in ('booths_formed', 'workers_verified')) st on true
    where c.tenant_id = ${tenantId}::uuid and c.task_id = ${taskId} and c.parent_unit_id is not null
      and coalesce(c.target, 0) > coalesce(case ${metric} when 'booths_formed' then st.bf when 'workers_verified' then st.v else c.reported end, 0)
    group by c.parent_unit_id`;
}

/**
 * Every open task past its due date that was not escalated yet: the users at each unit with a child
 * short of its target are told how many are short. Once per task (a new due date re-arms it).
 * Runs as a user (within their scope) or as the system for a whole tenant.
 */
export async function escalateOverdue(tx: Tx | Executor, actor: Actor | SystemActor, scopePath?: string): Promise<{ tasks: number; notified: number }> {
  if (!('system' in actor)) requirePermission(actor, 'programmes.write');
  const inScope = scopePath ? sql`and unit_path <@ ${scopePath}::ltree` : sql``;
  const due = await sql<{ id: number; title: string; title_hi: string | null; due_on: string; metric: string; unit_path: string }>`select id, title, title_hi, due_on,
    metric, unit_path::text as unit_path from tasks where tenant_id = ${actor.tenantId}::uuid and status = 'open' and due_on < ${today()}::date
    and escalated_at is null ${inScope} order by id limit 200`.execute(tx);
  let notified = 0;
  for (const t of due.rows) {
    notified += await notifyUnits(tx as Tx, actor.tenantId, 'system' in actor ? null : actor.userId, laggingParents(actor.tenantId, t.id, t.metric), {
      kind: 'task.escalated', link: `/programmes/tasks/${t.id}`, params: { taskId: t.id, title: t.title, titleHi: t.title_hi, dueOn: t.due_on },
    });
    await sql`update tasks set escalated_at = now() where tenant_id = ${actor.tenantId}::uuid and id = ${t.id}`.execute(tx);
    await recordAudit(tx as Tx, actor, { type: 'task.escalate', entity: 'tasks', rowIds: [t.id], unitPath: t.unit_path, detail: { title: t.title } });
  }
  return { tasks: due.rows.length, notified };
}
