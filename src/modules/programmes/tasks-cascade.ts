// The cascade: a task's target split from its owner down to its assignees, materialised as one
// task_targets row per unit. Set-based, one statement per level, because a national task reaches a
// million booths. Children of a row always sum exactly to it (largest remainder), so the figures
// a state sees add up to the national one.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { TaskMetric } from './tasks.schemas.ts';

export interface CascadeTask {
  tenantId: string; id: number; ownerUnitId: number; ownerPath: string; ownerDepth: number;
  metric: TaskMetric; target: number | null; splitRule: 'equal' | 'booths' | 'electors' | 'manual';
}

/** Level depths from the owner's (exclusive) down to the assignees' level (inclusive). */
export async function depthsBetween(tx: Tx, ownerDepth: number, assigneeLevel: string): Promise<number[]> {
  const rows = await tx.selectFrom('unit_levels').select(['level', 'depth']).orderBy('depth').execute();
  const leaf = rows.find((r) => r.level === assigneeLevel);
  if (!leaf) return [];
  return rows.filter((r) => r.depth > ownerDepth && r.depth <= leaf.depth).map((r) => r.depth);
}

/** Rows for the owner and every main-axis unit under it down to the assignee level. */
export async function insertTree(tx: Tx, task: CascadeTask, depths: number[]): Promise<void> {
  const leafDepth = depths.at(-1) ?? task.ownerDepth;
  await sql`insert into task_targets (tenant_id, task_id, unit_id, unit_path, depth, parent_unit_id, is_assignee, target)
    values (${task.tenantId}::uuid, ${task.id}, ${task.ownerUnitId}, ${task.ownerPath}::ltree, ${task.ownerDepth}, null,
      ${leafDepth === task.ownerDepth}, ${task.target})`.execute(tx);
  for (const d of depths) {
    // Units of level depth d whose parent already has a row: levels may be skipped in a tree.
    await sql`insert into task_targets (tenant_id, task_id, unit_id, unit_path, depth, parent_unit_id, is_assignee)
      select c.tenant_id, p.task_id, c.id, c.path, ${d}, p.unit_id, ${d === leafDepth}
      from task_targets p
      join units c on c.tenant_id = p.tenant_id and c.parent_id = p.unit_id and c.wing is null
      join unit_levels l on l.tenant_id = c.tenant_id and l.level = c.level and l.depth = ${d}
      where p.tenant_id = ${task.tenantId}::uuid and p.task_id = ${task.id} and p.depth < ${d} and not p.is_assignee`.execute(tx);
  }
  await sql`select prog_analyze_targets()`.execute(tx);
}

/** Rows for named units (each an assignee directly under the owner's row). */
export async function insertNamed(tx: Tx, task: CascadeTask, units: { id: number; path: string; depth: number; target: number | null; isManual: boolean }[]): Promise<void> {
  await sql`insert into task_targets (tenant_id, task_id, unit_id, unit_path, depth, parent_unit_id, is_assignee, target)
    values (${task.tenantId}::uuid, ${task.id}, ${task.ownerUnitId}, ${task.ownerPath}::ltree, ${task.ownerDepth}, null, false, ${task.target})`.execute(tx);
  for (const u of units) {
    await sql`insert into task_targets (tenant_id, task_id, unit_id, unit_path, depth, parent_unit_id, is_assignee, target, is_manual)
      values (${task.tenantId}::uuid, ${task.id}, ${u.id}, ${u.path}::ltree, ${u.depth}, ${task.ownerUnitId}, true, ${u.target}, ${u.isManual})`.execute(tx);
  }
}

/** How much of the parent a child should get under the rule (before rounding). */
function weight(rule: CascadeTask['splitRule']): RawBuilder<number> {
  if (rule === 'equal') return sql<number>`1::numeric`;
  if (rule === 'electors') {
    // Electors of the polling stations of the booths under the unit (the current delimitation).
    return sql<number>`coalesce((select sum(ps.electors) from units b
      join polling_stations ps on ps.state_code = b.state_code and ps.era = 2008 and ps.ac_no = b.ac_no and ps.part_no = b.part_no
      where b.tenant_id = c.tenant_id and b.path <@ c.unit_path and b.part_no is not null), 0)::numeric`;
  }
  // 'booths', and below a manual split: booths under the unit, from the organisation's strength sums.
  return sql<number>`coalesce((select sum(s.booths) from unit_strength s where s.tenant_id = c.tenant_id and s.unit_id = c.unit_id), 0)::numeric`;
}

/**
 * Splits the target of every row at one depth's parents among their children at that depth.
 * Rows set by hand keep their target and the parent's remainder goes to the others. A parent whose
 * children all weigh nothing (no booths recorded yet) splits equally.
 */
async function splitDepth(tx: Tx, task: CascadeTask, at: { depth?: number; parents?: number[] }, rule: CascadeTask['splitRule']): Promise<void> {
  const onlyDepth = at.depth !== undefined ? sql`and c.depth = ${at.depth}` : sql``;
  const onlyParents = at.parents ? sql`and c.parent_unit_id = any(${at.parents}::bigint[])` : sql``;
  // Every join is by primary key or the parent index: with fresh, never-analysed rows (PGlite has no
  // autovacuum) a planner left to join CTEs by guesswork went quadratic on sixty thousand booths.
  await sql`with kids as (
      select c.unit_id, c.parent_unit_id, ${weight(rule)} as w,
        greatest(coalesce(p.target, 0) - coalesce((select sum(m.target) from task_targets m
          where m.tenant_id = p.tenant_id and m.task_id = p.task_id and m.parent_unit_id = p.unit_id and m.is_manual), 0), 0) as free
      from task_targets c
      join task_targets p on p.tenant_id = c.tenant_id and p.task_id = c.task_id and p.unit_id = c.parent_unit_id
      where c.tenant_id = ${task.tenantId}::uuid and c.task_id = ${task.id} ${onlyDepth} and not c.is_manual ${onlyParents}
    ), wk as (
      select unit_id, parent_unit_id, free, case when sum(w) over (partition by parent_unit_id) > 0 then w else 1 end as w from kids
    ), ex as (
      select unit_id, parent_unit_id, free, free::numeric * w / sum(w) over (partition by parent_unit_id) as exact from wk
    ), fl as (
      select unit_id, parent_unit_id, free, floor(exact)::int as base, exact - floor(exact) as frac from ex
    ), rk as (
      select unit_id, base, free - sum(base) over (partition by parent_unit_id) as left_over,
        row_number() over (partition by parent_unit_id order by frac desc, unit_id) as rn
      from fl
    )
    update task_targets x set target = rk.base + (rk.rn <= rk.left_over)::int
    from rk where x.tenant_id = ${task.tenantId}::uuid and x.task_id = ${task.id} and x.unit_id = rk.unit_id`.execute(tx);
}

/** Completion: every assignee counts one; each row's target is the number of assignees under it. */
async function countUp(tx: Tx, task: CascadeTask, depths: number[]): Promise<void> {
  await sql`update task_targets set target = 1 where tenant_id = ${task.tenantId}::uuid and task_id = ${task.id} and is_assignee`.execute(tx);
  for (const d of [...depths].reverse().slice(1).concat(task.ownerDepth)) {
    await sql`update task_targets p set target = coalesce(p.target, 0) * p.is_assignee::int + coalesce((select sum(c.target) from task_targets c
        where c.tenant_id = p.tenant_id and c.task_id = p.task_id and c.parent_unit_id = p.unit_id), 0)
      where p.tenant_id = ${task.tenantId}::uuid and p.task_id = ${task.id} and p.depth = ${d}`.execute(tx);
  }
}

/** Sets every target of the task from the owner's down. */
export async function splitTargets(tx: Tx, task: CascadeTask, depths: number[]): Promise<void> {
  if (task.metric === 'completion') return countUp(tx, task, depths);
  if (task.target == null) return;
  for (const d of depths) await splitDepth(tx, task, { depth: d }, task.splitRule);
}

/** After shares were set by hand under one unit: split again the subtrees of that unit's children. */
export async function resplitBelow(tx: Tx, task: CascadeTask, parentUnitId: number): Promise<void> {
  let parents = [parentUnitId];
  // The first pass keeps the hand-set shares and gives the remainder to the rest; below, the rule.
  while (parents.length > 0) {
    await splitDepth(tx, task, { parents }, task.splitRule);
    parents = (await sql<{ unit_id: number }>`select unit_id from task_targets where tenant_id = ${task.tenantId}::uuid and task_id = ${task.id}
      and parent_unit_id = any(${parents}::bigint[]) and not is_assignee`.execute(tx)).rows.map((r) => r.unit_id);
  }
}
