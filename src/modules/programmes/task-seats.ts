// A task's progress per assembly seat, for the map on the task page (docs/programmes.md): the task's
// rows at AC units (they carry state_code and ac_no), with the same figures as the tree drill-down
// because they come from the same progressRows. Only seats the reader may read the task at are
// listed, as on the task page; row-level security hides the rest of the tenant besides.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { pathsWith } from '../access/access.ts';
import { progressRows, toProgress } from './task-progress.ts';
import { requireTask } from './tasks.service.ts';
import type { TaskSeat } from './tasks.schemas.ts';

const AC_LEVEL = 'ac';

export async function findTaskSeats(tx: Tx, actor: Actor, taskId: number, q: { state?: string }): Promise<{ items: TaskSeat[] }> {
  const task = await requireTask(tx, actor, taskId, 'programmes.read');
  const levels = await tx.selectFrom('unit_levels').select(['level', 'depth']).execute();
  const acDepth = levels.find((l) => l.level === AC_LEVEL)?.depth;
  const assigneeDepth = task.assignee_level ? levels.find((l) => l.level === task.assignee_level)?.depth : undefined;
  // Assignees above the seats (states, districts): the task has no rows at ACs, so no map.
  if (acDepth === undefined || (assigneeDepth !== undefined && assigneeDepth < acDepth)) return { items: [] };
  const scopes = pathsWith(actor, 'programmes.read');
  const state = q.state ? sql`and u.state_code = ${q.state}` : sql``;
  // The AC units first (by the level index, a few thousand nationally), then their rows by primary
  // key: filtering the task's rows by level instead would read every booth's row of a national task.
  const acs = await sql<{ id: number }>`select u.id from units u
    where u.tenant_id = ${actor.tenantId}::uuid and u.level = ${AC_LEVEL} and u.wing is null
      and u.state_code is not null and u.ac_no is not null ${state}
      and u.path <@ ${task.unit_path}::ltree and u.path <@ any(${scopes}::ltree[])`.execute(tx);
  if (acs.rows.length === 0) return { items: [] };
  const rows = await progressRows(tx,
    sql`tt.tenant_id = ${actor.tenantId}::uuid and tt.task_id = ${taskId} and tt.unit_id = any(${acs.rows.map((r) => r.id)}::bigint[])`,
    sql`u.state_code, u.ac_no, tt.unit_id`);
  const codes = [...new Set(rows.map((r) => r.state_code!))];
  const states = codes.length === 0 ? [] : await tx.selectFrom('states').select(['code', 'name', 'name_hi']).where('code', 'in', codes).execute();
  const byCode = new Map(states.map((s) => [s.code, s]));
  return {
    items: rows.map((r) => {
      const p = toProgress(r);
      const s = byCode.get(r.state_code!);
      return {
        unitId: r.unit_id, name: r.name, nameHi: r.name_hi, stateCode: r.state_code!, stateName: s?.name ?? null, stateNameHi: s?.name_hi ?? null,
        constituencyNo: r.ac_no!, target: p.target, actual: p.actual, attainment: p.attainment,
      };
    }),
  };
}
