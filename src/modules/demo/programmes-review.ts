// The review the demo recorded a week before its anchor day, so the scorecard shows a trend.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { SnapshotFigures } from '../../db/schema-programmes.ts';
import type { DemoPlan } from './plan.ts';
import { streamOf } from './random.ts';
import type { SeededTask } from './programmes-tree.ts';

interface TreeUnit { id: number; path: string; parent_id: number | null }

/**
 * The review recorded a week before the anchor at the root and at every state, as recordReview stores it:
 * per task the target and the actual then. Reported actuals are the reports in by then; the computed
 * ones (committees, verification) and the trainees counted have no history, so a district's is today's
 * less some per cent drawn per district, and a state's and the nation's are sums of those.
 */
export async function writeSnapshots(db: Executor, plan: DemoPlan, tenantId: string, root: { id: number; path: string },
  tasks: SeededTask[], anchor: string): Promise<number> {
  const takenAt = new Date(Date.parse(`${anchor}T18:00:00+05:30`) - 7 * 86_400_000).toISOString();
  const ids = tasks.map((t) => t.id);
  const units = (await sql<TreeUnit>`select id, path::text as path, parent_id from units where tenant_id = ${tenantId}::uuid
    and wing is null and nlevel(path) <= 3 order by id`.execute(db)).rows;
  const rows = (await sql<{ task_id: number; unit_id: number; target: number | null; reported: number }>`select task_id, unit_id, target, reported
    from task_targets where tenant_id = ${tenantId}::uuid and task_id = any(${ids}::bigint[]) and depth <= 2`.execute(db)).rows;
  const targets = new Map(rows.map((r) => [`${r.task_id}:${r.unit_id}`, r.target]));
  const sums = new Map(rows.map((r) => [`${r.task_id}:${r.unit_id}`, r.reported]));
  const reported = new Map((await sql<{ task_id: number; path: string; total: number }>`select task_id, subpath(unit_path, 0, 3)::text as path,
      sum(value)::int as total from task_reports where tenant_id = ${tenantId}::uuid and task_id = any(${ids}::bigint[]) and at <= ${takenAt}::timestamptz
    group by 1, 2`.execute(db)).rows.map((r) => [`${r.task_id}:${r.path}`, r.total]));
  const strength = new Map((await sql<{ unit_id: number; bf: number; v: number }>`select unit_id, sum(booths_formed)::int as bf, sum(verified)::int as v
    from unit_strength where tenant_id = ${tenantId}::uuid and unit_id = any(${units.map((u) => u.id)}::bigint[]) group by unit_id`.execute(db)).rows
    .map((r) => [r.unit_id, r]));
  // Actual then, per task and district; a state's and the root's are sums over what lies under them.
  const then = new Map<string, number>();
  const districts = units.filter((u) => u.path.split('.').length === 3);
  for (const [ordinal, u] of districts.entries()) {
    for (const t of tasks) {
      const now = strength.get(u.id);
      const value = t.metric === 'booths_formed' || t.metric === 'workers_verified'
        ? Math.round((t.metric === 'booths_formed' ? now?.bf ?? 0 : now?.v ?? 0) * streamOf(plan.seed, 'programme-trend', t.index, ordinal).between(0.82, 0.98))
        // Trainees: sessions were being completed through the week before, so then is a share of now.
        : t.metric === 'trainees_completed' ? Math.round((sums.get(`${t.id}:${u.id}`) ?? 0) * streamOf(plan.seed, 'programme-trend', t.index, ordinal).between(0.6, 0.9))
        : reported.get(`${t.id}:${u.path}`) ?? 0;
      for (const p of ancestors(u.path)) then.set(`${t.id}:${p}`, (then.get(`${t.id}:${p}`) ?? 0) + value);
    }
  }
  const figures = (u: TreeUnit): Record<string, [number | null, number]> =>
    Object.fromEntries(tasks.map((t) => [String(t.id), [targets.get(`${t.id}:${u.id}`) ?? null, then.get(`${t.id}:${u.path}`) ?? 0]]));
  const reviewed = units.filter((u) => u.id === root.id || u.parent_id === root.id);
  for (const u of reviewed) {
    const snap: SnapshotFigures = { self: figures(u), children: Object.fromEntries(units.filter((c) => c.parent_id === u.id).map((c) => [String(c.id), figures(c)])) };
    await db.insertInto('review_snapshots').values({ tenant_id: tenantId, unit_id: u.id, unit_path: u.path, taken_at: takenAt, taken_by: null,
      figures: JSON.stringify(snap) }).execute();
  }
  return reviewed.length;
}

/** '1.2.15' → ['1.2.15', '1.2', '1']. */
function ancestors(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}
