// One state's part of the demo programmes, written once: every task_targets row of the state's subtree
// with its share of the target, its `reported` sum and done_at already final, then the booth reports.
// The shares are the product's cascade (tasks-cascade.ts) computed here instead of in SQL: in proportion
// to booths, largest remainder, ties to the lower unit id, so children add up to their parent exactly.
// Doing it here writes each row once; the product's insert-then-split and a roll-up after the reports
// write every row three times (75 s against 28 s for the default demo on PGlite, bench/README.md).
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { intArray, type BulkWriter } from './bulk.ts';
import type { DemoPlan, StateGeography } from './plan.ts';
import { streamOf, type Random } from './random.ts';

export interface SeededTask { id: number; key: string; metric: string; index: number; target: number | null }

/** Rows per statement. */
const CHUNK = 20_000;
const REPORTER = 'Booth president (demo)';
const WALL_NOTES = ['Near the school', 'Main market', 'Panchayat bhavan wall', 'Bus stand', 'Temple road', 'Water tank'];
const DRIVE_NOTES = ['Meeting held, about 40 came', 'Door-to-door round done', 'Meeting at the community hall', "Round done with the women's wing"];
/** Minutes after midnight IST: reports come in between 9:00 and 20:00. */
const DAY_MINUTES: readonly [number, number] = [9 * 60, 20 * 60];

/** A state's main-axis units in id order (parents before children), with booths under each. */
export interface StateTree { id: number[]; parent: Int32Array; depth: Int32Array; path: string[]; booths: Int32Array; district: Int32Array }

export async function stateTree(db: Executor, tenantId: string, stateCode: string, depthOf: Map<string, number>): Promise<StateTree> {
  const { rows } = await sql<{ id: number; parent_id: number; level: string; path: string }>`select id, parent_id, level, path::text as path
    from units where tenant_id = ${tenantId}::uuid and state_code = ${stateCode} and wing is null order by id`.execute(db);
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const n = rows.length;
  const t: StateTree = { id: rows.map((r) => r.id), parent: new Int32Array(n).fill(-1), depth: new Int32Array(n), path: rows.map((r) => r.path),
    booths: new Int32Array(n), district: new Int32Array(n).fill(-1) };
  let districts = 0;
  rows.forEach((r, i) => {
    t.parent[i] = index.get(r.parent_id) ?? -1;
    t.depth[i] = depthOf.get(r.level)!;
    t.district[i] = r.level === 'district' ? districts++ : t.parent[i] >= 0 ? t.district[t.parent[i]] : -1;
  });
  for (let i = n - 1; i >= 0; i--) {
    if (t.depth[i] === depthOf.get('booth')) t.booths[i] += 1;
    if (t.parent[i] >= 0) t.booths[t.parent[i]] += t.booths[i];
  }
  return t;
}

/**
 * Largest remainder: `whole` split among weights in proportion (equally when all weigh nothing); the
 * units left after flooring go to the largest remainders, ties to the lower id, as splitDepth does.
 */
export function splitWhole(whole: number, weights: number[], ids: number[]): number[] {
  const w = weights.some((x) => x > 0) ? weights : weights.map(() => 1);
  const sum = w.reduce((a, b) => a + b, 0);
  const base = w.map((x) => Math.floor((whole * x) / sum));
  const rem = w.map((x) => (whole * x) % sum); // exact integers: whole × weight stays far below 2^53
  let left = whole - base.reduce((a, b) => a + b, 0);
  const order = w.map((_, i) => i).sort((a, b) => rem[b] - rem[a] || ids[a] - ids[b]);
  for (const i of order) { if (left-- <= 0) break; base[i] += 1; }
  return base;
}

/** Every unit's share of the state's target, top-down (parents come before children in id order). */
function cascade(t: StateTree, stateTarget: number): Int32Array {
  const out = new Int32Array(t.id.length);
  const children: number[][] = t.id.map(() => []);
  for (let i = 0; i < t.id.length; i++) if (t.parent[i] >= 0) children[t.parent[i]].push(i);
  out[0] = stateTarget;
  for (let i = 0; i < t.id.length; i++) {
    const kids = children[i];
    if (kids.length === 0) continue;
    const shares = splitWhole(out[i], kids.map((k) => t.booths[k]), kids.map((k) => t.id[k]));
    kids.forEach((k, j) => { out[k] = shares[j]; });
  }
  return out;
}

/**
 * Shares of booths reporting, per district: the state's vigour (drawn nationally; the single-state demo
 * sits in the middle) times the district's, the same for both tasks but for a little noise, since a
 * district that paints its walls also turns out for the drive: the national review then has laggard and
 * leading states, and a state's review laggard and leading districts.
 */
function districtShares(plan: DemoPlan, geo: StateGeography, districts: number) {
  const state = plan.scale === 'national' ? streamOf(plan.seed, 'programme-state', geo.spec.index).between(0.45, 1.45) : 1;
  const clamp = (x: number) => Math.min(0.97, Math.max(0.03, x));
  const out = { walls: [] as number[], drive: [] as number[] };
  for (let d = 0; d < districts; d++) {
    const r = streamOf(plan.seed, 'programme-district', geo.spec.index, d);
    const vigour = state * r.between(0.5, 1.45);
    out.walls.push(clamp(0.55 * vigour * r.between(0.9, 1.1)));
    out.drive.push(clamp(0.6 * vigour * r.between(0.9, 1.1)));
  }
  return out;
}

/** Report columns: unit index in the tree, value, when (ISO), note (1-based, or null). */
class Reports {
  unit: number[] = []; value: number[] = []; at: string[] = []; note: (number | null)[] = [];
  add(r: Random, anchorMs: number, unit: number, value: number, day: number, notes: number, noteShare: number) {
    const minute = r.int(DAY_MINUTES[0], DAY_MINUTES[1]);
    this.unit.push(unit); this.value.push(value);
    this.at.push(new Date(anchorMs + day * 86_400_000 + (minute - 330) * 60_000).toISOString());
    this.note.push(r.next() < noteShare ? r.int(1, notes) : null);
  }
}

export interface StateTotals { reported: Map<number, number>; targets: number; reports: number }

/** Writes one state's targets and reports for every task; returns the state's reported sums per task. */
export async function writeState(w: BulkWriter, plan: DemoPlan, geo: StateGeography, tree: StateTree, tenantId: string, rootId: number,
  tasks: { task: SeededTask; stateTarget: number }[], anchor: string): Promise<StateTotals> {
  const boothDepth = tree.depth.reduce((a, b) => Math.max(a, b), 0); // Math.max(...a state's 100,000 units) overflows the stack
  const booths = tree.id.map((_, i) => i).filter((i) => tree.depth[i] === boothDepth);
  if (booths.length !== geo.boothCount) throw new Error(`state ${geo.spec.code}: ${booths.length} booth units, the plan has ${geo.boothCount}`);
  const shares = districtShares(plan, geo, tree.district.reduce((a, b) => Math.max(a, b), -1) + 1);
  const anchorMs = Date.parse(`${anchor}T00:00:00Z`);
  const totals: StateTotals = { reported: new Map(), targets: 0, reports: 0 };
  for (const { task, stateTarget } of tasks) {
    const targets = cascade(tree, stateTarget);
    const reports = new Reports();
    if (task.key === 'walls') {
      const r = streamOf(plan.seed, 'programme-walls', geo.spec.index);
      // Walls come in over the five weeks before the anchor, some booths beyond their share, most short of it.
      for (const b of booths) {
        if (r.next() < shares.walls[tree.district[b]]) {
          reports.add(r, anchorMs, b, Math.max(1, Math.round((targets[b] * r.int(450, 1400)) / 1000)), r.int(-34, -1), WALL_NOTES.length, 0.15);
        }
      }
    } else if (task.key === 'drive') {
      const r = streamOf(plan.seed, 'programme-drive', geo.spec.index);
      // The drive's four days (8 to 5 days before the anchor), most reports on its first two.
      for (const b of booths) {
        if (r.next() < shares.drive[tree.district[b]]) reports.add(r, anchorMs, b, 1, -8 + Math.min(3, Math.floor(r.next() * r.next() * 4.5)), DRIVE_NOTES.length, 0.25);
      }
    }
    const reported = new Int32Array(tree.id.length);
    const doneAt: (string | null)[] = tree.id.map(() => null);
    reports.unit.forEach((b, k) => { reported[b] += reports.value[k]; if (task.metric === 'completion') doneAt[b] = reports.at[k]; });
    for (let i = tree.id.length - 1; i > 0; i--) if (tree.parent[i] >= 0) reported[tree.parent[i]] += reported[i];
    await insertTargets(w, tenantId, task.id, tree, rootId, targets, reported, doneAt, boothDepth);
    await w.flush(); // reports after their booths' rows: a role that cannot skip foreign-key checks still has them
    await insertReports(w, tenantId, task.id, tree, reports, task.key === 'walls' ? WALL_NOTES : DRIVE_NOTES);
    totals.reported.set(task.id, reported[0]);
    totals.targets += tree.id.length;
    totals.reports += reports.unit.length;
  }
  await w.flush(); // one state's arrays in memory at a time
  return totals;
}

async function insertTargets(w: BulkWriter, tenantId: string, taskId: number, t: StateTree, rootId: number, targets: Int32Array,
  reported: Int32Array, doneAt: (string | null)[], boothDepth: number): Promise<void> {
  for (let first = 0; first < t.id.length; first += CHUNK) {
    const end = Math.min(t.id.length, first + CHUNK);
    const range = Array.from({ length: end - first }, (_, k) => first + k);
    await w.run('task_targets', sql`insert into task_targets (tenant_id, task_id, unit_id, unit_path, depth, parent_unit_id, is_assignee, target, reported, done_at)
      select ${tenantId}::uuid, ${taskId}::bigint, x.id, x.path::ltree, x.depth, x.parent, x.depth = ${boothDepth}, x.target, x.reported, x.done_at::timestamptz
      from unnest(${intArray(range.map((i) => t.id[i]))}::bigint[], ${range.map((i) => t.path[i])}::text[], ${intArray(t.depth.subarray(first, end))}::int[],
        ${intArray(range.map((i) => (t.parent[i] >= 0 ? t.id[t.parent[i]] : rootId)))}::bigint[], ${intArray(targets.subarray(first, end))}::int[],
        ${intArray(reported.subarray(first, end))}::int[], ${range.map((i) => doneAt[i])}::text[]) x(id, path, depth, parent, target, reported, done_at)`);
  }
}

async function insertReports(w: BulkWriter, tenantId: string, taskId: number, t: StateTree, r: Reports, notes: readonly string[]): Promise<void> {
  for (let first = 0; first < r.unit.length; first += CHUNK) {
    const end = Math.min(r.unit.length, first + CHUNK);
    const units = r.unit.slice(first, end);
    await w.run('task_reports', sql`insert into task_reports (tenant_id, task_id, unit_id, unit_path, value, note, reported_by_label, at)
      select ${tenantId}::uuid, ${taskId}::bigint, x.id, x.path::ltree, x.value, (${notes}::text[])[x.note], ${REPORTER}, x.at::timestamptz
      from unnest(${intArray(units.map((i) => t.id[i]))}::bigint[], ${units.map((i) => t.path[i])}::text[], ${intArray(r.value.slice(first, end))}::int[],
        ${intArray(r.note.slice(first, end))}::int[], ${r.at.slice(first, end)}::text[]) x(id, path, value, note, at)`);
  }
}
