// How far a unit has got on a task: its share of the target against its actual. Reported and
// completion tasks carry their subtree sums on the task_targets row itself (moved by every report);
// computed metrics read the organisation's strength sums at read time, so they are always current.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import { indiaDay } from '../../shared/time.ts';
import type { Progress, TaskMetric } from './tasks.schemas.ts';

export interface ProgressRow {
  task_id: number; unit_id: number; unit_path: string; depth: number; parent_unit_id: number | null; name: string; name_hi: string | null;
  level: string; target: number | null; actual: number | null; is_assignee: boolean; is_manual: boolean; done_at: Date | null;
  has_children: boolean; metric: TaskMetric; due_on: string; status: 'open' | 'closed';
  /** The unit's seat, where it has one (assembly units carry state_code and ac_no). */
  state_code: string | null; ac_no: number | null;
}

/** Strength columns behind each computed metric. */
export const COMPUTED: Partial<Record<TaskMetric, string>> = { booths_formed: 'booths_formed', workers_verified: 'verified' };

/**
 * Progress rows of task_targets matching `where` (over alias tt, with tk the task). Strength sums are
 * summed over their shards only for computed metrics; outside the reader's scope they are not
 * visible (row-level security), so the actual is null there rather than a misleading zero.
 */
export async function progressRows(tx: Tx, where: RawBuilder<unknown>, orderBy: RawBuilder<unknown> = sql`tt.depth, u.name`): Promise<ProgressRow[]> {
  const rows = await sql<ProgressRow>`select tt.task_id, tt.unit_id, tt.unit_path::text as unit_path, tt.depth, tt.parent_unit_id,
      u.name, u.name_hi, u.level, u.state_code, u.ac_no, tt.target, tt.is_assignee, tt.is_manual, tt.done_at, tk.metric, tk.due_on, tk.status,
      case tk.metric when 'booths_formed' then st.booths_formed when 'workers_verified' then st.verified else tt.reported
        -- named people's to-dos are counted at the owner's row
        + case when tt.parent_unit_id is null then (select count(*)::int from task_people p
            where p.tenant_id = tt.tenant_id and p.task_id = tt.task_id and p.done_at is not null) else 0 end end as actual,
      exists (select 1 from task_targets k where k.tenant_id = tt.tenant_id and k.task_id = tt.task_id and k.parent_unit_id = tt.unit_id) as has_children
    from task_targets tt
    join tasks tk on tk.tenant_id = tt.tenant_id and tk.id = tt.task_id
    join units u on u.tenant_id = tt.tenant_id and u.id = tt.unit_id
    left join lateral (
      select sum(s.booths_formed)::int as booths_formed, sum(s.verified)::int as verified
      from unit_strength s where s.tenant_id = tt.tenant_id and s.unit_id = tt.unit_id and tk.metric in ('booths_formed', 'workers_verified')
    ) st on true
    where ${where}
    order by ${orderBy}`.execute(tx);
  return rows.rows;
}

export function attainment(target: number | null, actual: number | null): number | null {
  if (target == null || actual == null) return null;
  if (target === 0) return 1;
  return actual / target;
}

/** Overdue: past its due date, still open, short of its target. */
export function isOverdue(r: { due_on: string; status: string; target: number | null; actual: number | null }, today: string): boolean {
  if (r.status !== 'open' || r.due_on >= today) return false;
  const a = attainment(r.target, r.actual);
  return a === null || a < 1;
}

/** India first: due dates are days in IST, whatever the server's clock zone (src/shared/time.ts). */
export const today = (): string => indiaDay();

export function toProgress(r: ProgressRow, day = today()): Progress {
  return {
    unitId: r.unit_id, name: r.name, nameHi: r.name_hi, level: r.level, target: r.target, actual: r.actual,
    attainment: attainment(r.target, r.actual), isAssignee: r.is_assignee, isManual: r.is_manual,
    isOverdue: isOverdue(r, day), doneAt: r.done_at ? new Date(r.done_at).toISOString() : null, hasChildren: r.has_children,
  };
}
