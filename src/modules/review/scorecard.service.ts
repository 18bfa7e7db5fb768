// The review (docs/programmes.md): a unit's scorecard, target against actual for every task with a
// target that reaches it, its children ranked, who is lacking and who did well, and the trend since
// the unit's last recorded review. Read from the cascade's rows and the strength sums, so a national
// scorecard touches a few hundred rows, never the million booths under it.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { attainment, isOverdue, progressRows, today, type ProgressRow } from '../programmes/task-progress.ts';
import type { SnapshotFigures } from '../../db/schema-programmes.ts';
import type { ChildRow, MetricRow, Scorecard } from './review.schemas.ts';

/** Below this a child is lacking; at or above the other it did well. */
export const LACKING_BELOW = 0.6;
export const DID_WELL_FROM = 0.9;
const LIST_MAX = 10;
/** Closed tasks stay on the scorecard this long after their due date. */
const RECENT_DAYS = 90;

/** Mean of each metric's attainment capped at 1: one metric far over target cannot hide another far under. */
export function overall(pairs: { target: number | null; actual: number | null }[]): number | null {
  const parts = pairs.map((p) => attainment(p.target, p.actual)).filter((a): a is number => a !== null);
  return parts.length === 0 ? null : parts.reduce((s, a) => s + Math.min(1, a), 0) / parts.length;
}

function sinceDay(): string {
  return new Date(Date.parse(today()) - RECENT_DAYS * 86400_000).toISOString().slice(0, 10);
}

async function lastSnapshot(tx: Tx, unitId: number) {
  return tx.selectFrom('review_snapshots').select(['taken_at', 'figures']).where('unit_id', '=', unitId).orderBy('taken_at', 'desc').limit(1).executeTakeFirst();
}

function childRows(rows: ProgressRow[], taskIds: number[], prev: SnapshotFigures | undefined): ChildRow[] {
  const byUnit = new Map<number, ProgressRow[]>();
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  const out = [...byUnit.values()].map((rs) => {
    const u = rs[0];
    const metrics = taskIds.map((id) => rs.find((r) => r.task_id === id)).filter((r): r is ProgressRow => !!r)
      .map((r) => ({ taskId: r.task_id, target: r.target, actual: r.actual ?? 0, attainment: attainment(r.target, r.actual) }));
    const worst = metrics.filter((m) => m.attainment !== null).sort((a, b) => a.attainment! - b.attainment!)[0];
    const before = prev?.children[String(u.unit_id)];
    const previousAttainment = before ? overall(Object.values(before).map(([target, actual]) => ({ target, actual }))) : null;
    return { id: u.unit_id, name: u.name, nameHi: u.name_hi, level: u.level, rank: 0, attainment: overall(metrics), previousAttainment, metrics, worstTaskId: worst?.taskId ?? null };
  });
  out.sort((a, b) => (b.attainment ?? -1) - (a.attainment ?? -1) || a.name.localeCompare(b.name));
  out.forEach((c, i) => { c.rank = i + 1; });
  return out;
}

export async function getScorecard(tx: Tx, actor: Actor, unitId: number): Promise<Scorecard> {
  requirePermission(actor, 'review.read');
  const [unit] = await requireUnits(tx, actor, 'review.read', [unitId]);
  const day = today();
  const live = sql`(tk.status = 'open' or tk.due_on >= ${sinceDay()}::date) and tt.target is not null`;
  const [selfRows, snap, unitRow, crumbs] = await Promise.all([
    progressRows(tx, sql`tt.unit_id = ${unit.id} and ${live}`, sql`tk.due_on, tk.id`),
    lastSnapshot(tx, unit.id),
    tx.selectFrom('units').select(['name_hi']).where('id', '=', unit.id).executeTakeFirstOrThrow(),
    sql<{ id: number; name: string; name_hi: string | null; level: string }>`select id, name, name_hi, level from units
      where id = any(string_to_array(${unit.path}, '.')::bigint[]) and id <> ${unit.id} order by nlevel(path)`.execute(tx),
  ]);
  const taskIds = selfRows.map((r) => r.task_id);
  const kids = taskIds.length === 0 ? [] : await progressRows(tx, sql`tt.task_id = any(${taskIds}::bigint[]) and tt.parent_unit_id = ${unit.id}`, sql`tt.unit_id`);
  const tasks = taskIds.length === 0 ? [] : await tx.selectFrom('tasks').select(['id', 'title', 'title_hi', 'kind', 'unit_label']).where('id', 'in', taskIds).execute();
  const prev = snap?.figures;
  const metrics: MetricRow[] = selfRows.map((r) => {
    const t = tasks.find((x) => x.id === r.task_id)!;
    const before = prev?.self[String(r.task_id)];
    return { taskId: r.task_id, title: t.title, titleHi: t.title_hi, kind: t.kind, metric: r.metric, unitLabel: t.unit_label, dueDate: r.due_on,
      target: r.target, actual: r.actual ?? 0, attainment: attainment(r.target, r.actual),
      previousAttainment: before ? attainment(before[0], before[1]) : null, isOverdue: isOverdue(r, day) };
  });
  const children = childRows(kids, taskIds, prev);
  const prevSelf = prev ? overall(Object.values(prev.self).map(([target, actual]) => ({ target, actual }))) : null;
  return {
    unit: { id: unit.id, name: unit.name, nameHi: unitRow.name_hi, level: unit.level },
    breadcrumb: crumbs.rows.map((c) => ({ id: c.id, name: c.name, nameHi: c.name_hi, level: c.level })),
    asOf: new Date().toISOString(), lastReviewAt: snap ? new Date(snap.taken_at).toISOString() : null,
    attainment: overall(metrics), previousAttainment: prevSelf, metrics, children,
    lacking: children.filter((c) => c.attainment !== null && c.attainment < LACKING_BELOW).sort((a, b) => a.attainment! - b.attainment!).slice(0, LIST_MAX),
    didWell: children.filter((c) => c.attainment !== null && c.attainment >= DID_WELL_FROM).slice(0, LIST_MAX),
  };
}

/** Records the review: the next scorecard of this unit shows the trend since now. */
export async function recordReview(tx: Tx, actor: Actor, unitId: number): Promise<Scorecard> {
  const card = await getScorecard(tx, actor, unitId);
  const [unit] = await requireUnits(tx, actor, 'review.read', [unitId]);
  const figures: SnapshotFigures = {
    self: Object.fromEntries(card.metrics.map((m) => [String(m.taskId), [m.target, m.actual]])),
    children: Object.fromEntries(card.children.map((c) => [String(c.id), Object.fromEntries(c.metrics.map((m) => [String(m.taskId), [m.target, m.actual]]))])),
  };
  const row = await tx.insertInto('review_snapshots').values({ tenant_id: actor.tenantId, unit_id: unit.id, unit_path: unit.path, taken_by: actor.userId,
    figures: JSON.stringify(figures) }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { type: 'review.snapshot', entity: 'review_snapshots', rowIds: [row.id], unitPath: unit.path, detail: { unitId } });
  return getScorecard(tx, actor, unitId);
}

/** The deck's pages: the unit's scorecard, then one per child (every state of the nation). */
export async function deckScorecards(tx: Tx, actor: Actor, unitId: number): Promise<{ summary: Scorecard; pages: Scorecard[] }> {
  const summary = await getScorecard(tx, actor, unitId);
  const pages: Scorecard[] = [];
  for (const c of [...summary.children].sort((a, b) => a.name.localeCompare(b.name))) pages.push(await getScorecard(tx, actor, c.id));
  return { summary, pages };
}
