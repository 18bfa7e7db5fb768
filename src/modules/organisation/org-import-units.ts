// The units file: one row per unit, `key` its own stable key, `parent_key` where it hangs. A row whose
// key (or, for a booth, state/AC/part) matches an existing unit updates its names and geography; the
// rest are created under their parents, which may be rows of the same file in any order.
import { sql } from 'kysely';
import { ImportRejected, wholeNumber, type Problems } from '../elections/problems.ts';
import { canImport, chunks, KEY_RE, resolveUnits, type Ctx, type UnitRef } from './org-import-context.ts';
import { field, type Sheet } from './org-import-read.ts';

interface Row {
  line: number; key: string; parentKey: string; level: string; name: string; nameHi: string | null; wing: string | null;
  stateCode: string | null; acNo: number | null; partNo: number | null; existing?: UnitRef; ref?: UnitRef;
}
export interface UnitsPlan { rows: Row[]; has: (col: string) => boolean }
export interface Counts { rows: number; created: number; updated: number; unchanged: number; replaced?: number }

export async function checkUnits(ctx: Ctx, sheet: Sheet, problems: Problems): Promise<UnitsPlan> {
  const has = (c: string) => sheet.header.has(c);
  for (const c of ['key', 'level', 'name']) if (!has(c)) problems.add(sheet.headerLine, c, 'column missing (units need key, parent_key, level, name)');
  if (problems.count) return { rows: [], has };
  const rows = parseRows(ctx, sheet, problems);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  await resolveUnits(ctx, [...rows.map((r) => r.key), ...rows.filter((r) => r.partNo !== null && r.stateCode && r.acNo !== null && !r.wing)
    .map((r) => `${r.stateCode}/${r.acNo}/${r.partNo}`), ...rows.map((r) => r.parentKey).filter((k) => k && !byKey.has(k))]);
  matchExisting(ctx, rows, problems);
  for (const r of rows) if (r.key.startsWith('#') && !r.existing) byKey.delete(r.key); // reported: names no unit
  for (const r of rows) if (byKey.get(r.key) === r) checkPlace(ctx, r, byKey, problems);
  const order = depthOrder(rows, byKey, problems);
  if (problems.count) return { rows, has };
  await place(ctx, order, byKey, has);
  return { rows, has };
}

function parseRows(ctx: Ctx, sheet: Sheet, problems: Problems): Row[] {
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const rec of sheet.rows) {
    const f = (n: string) => field(sheet, rec, n);
    const line = rec.line;
    const key = f('key');
    if (!key) problems.add(line, 'key', 'required');
    else if (!KEY_RE.test(key) && !/^#\d+$/.test(key)) problems.add(line, 'key', `'${key}' is not a key (letters, digits and . _ : / -, up to 80) or an existing unit's '#id'`);
    else if (seen.has(key)) problems.add(line, 'key', `'${key}' is also on line ${seen.get(key)}`);
    seen.set(key, seen.get(key) ?? line);
    const level = f('level');
    if (!ctx.levels.has(level)) problems.add(line, 'level', level ? `'${level}' is not a level (${[...ctx.levels.keys()].join(', ')})` : 'required');
    const name = f('name');
    if (!name || name.length > 120) problems.add(line, 'name', name ? 'longer than 120 characters' : 'required');
    const wing = f('wing').toLowerCase() || null;
    if (wing && !ctx.wings.has(wing)) problems.add(line, 'wing', `'${wing}' is not a wing (${[...ctx.wings].join(', ')})`);
    const stateCode = f('state_code').toUpperCase() || null;
    if (stateCode && !/^[A-Z0-9]{1,4}$/.test(stateCode)) problems.add(line, 'state_code', `'${stateCode}' is not a state code such as S06`);
    const acNo = wholeNumber(f('ac_no'), line, 'ac_no', problems);
    const partNo = wholeNumber(f('part_no'), line, 'part_no', problems);
    const nameHi = f('name_hi') || null;
    if (nameHi && nameHi.length > 120) problems.add(line, 'name_hi', 'longer than 120 characters');
    rows.push({ line, key, parentKey: f('parent_key'), level, name, nameHi, wing, stateCode, acNo: acNo ?? null, partNo: partNo ?? null });
  }
  return rows;
}

/** A row is an existing unit when its key is that unit's '#id' or key, or a booth's state/AC/part matches a unit without a key. */
function matchExisting(ctx: Ctx, rows: Row[], problems: Problems): void {
  const taken = new Map<number, number>();
  for (const r of rows) {
    if (!r.key) continue;
    let u = ctx.cache.get(r.key) ?? null;
    if (!u && r.key.startsWith('#')) { problems.add(r.line, 'key', `no unit ${r.key} (a '#id' key names an existing unit; give new units a key of their own)`); continue; }
    if (!u && r.partNo !== null && r.stateCode && r.acNo !== null && !r.wing) {
      const g = ctx.cache.get(`${r.stateCode}/${r.acNo}/${r.partNo}`);
      if (g && g.extKey === null && g.level === r.level) u = g;
    }
    if (!u) continue;
    if (taken.has(u.id)) { problems.add(r.line, 'key', `the same unit as line ${taken.get(u.id)}`); continue; }
    taken.set(u.id, r.line);
    r.existing = u;
  }
}

function checkPlace(ctx: Ctx, r: Row, byKey: Map<string, Row>, problems: Problems): void {
  const u = r.existing;
  const parentRow = r.parentKey ? byKey.get(r.parentKey) : undefined;
  const parent = parentRow ? (parentRow.existing ?? null) : r.parentKey ? (ctx.cache.get(r.parentKey) ?? null) : null;
  if (u) {
    if (!canImport(ctx, u.path)) problems.add(r.line, 'key', 'the unit is outside your import scope');
    if (r.level && u.level !== r.level) problems.add(r.line, 'level', `the unit is a ${u.level}; a unit's level is not changed by import`);
    if ((r.wing ?? null) !== u.wing) problems.add(r.line, 'wing', `the unit's wing is ${u.wing ?? 'none'}; a unit's wing is not changed by import`);
    if (!r.parentKey || r.parentKey === `#${u.parentId}`) return;
    if (parentRow && !parentRow.existing) problems.add(r.line, 'parent_key', `the unit exists under #${u.parentId}; move units in the app, not by import`);
    else if (!parent) problems.add(r.line, 'parent_key', `no unit '${r.parentKey}'`);
    else if (parent.id !== u.parentId) problems.add(r.line, 'parent_key', `the unit exists under #${u.parentId}; move units in the app, not by import`);
    return;
  }
  if (!r.parentKey) { problems.add(r.line, 'parent_key', 'required for a new unit'); return; }
  if (!parentRow && !parent) { problems.add(r.line, 'parent_key', `no unit '${r.parentKey}' in the file or in your scope`); return; }
  if (parent && !parentRow && !canImport(ctx, parent.path)) { problems.add(r.line, 'parent_key', `'${r.parentKey}' is outside your import scope`); return; }
  const parentLevel = parentRow ? parentRow.level : parent!.level;
  const d = ctx.levels.get(r.level);
  const pd = ctx.levels.get(parentLevel);
  if (d === undefined || pd === undefined) return;
  if (!(d > pd || (r.wing && r.level === parentLevel))) {
    problems.add(r.line, 'level', `a ${r.level} cannot sit under a ${parentLevel}${r.wing ? '' : ' (only a wing unit takes its parent\'s level)'}`);
  }
}

/** New rows parents first; a loop of parents inside the file is reported on each of its rows. */
function depthOrder(rows: Row[], byKey: Map<string, Row>, problems: Problems): Row[] {
  const depth = new Map<Row, number>();
  const visit = (r: Row, trail: Set<Row>): number => {
    if (depth.has(r)) return depth.get(r)!;
    const p = byKey.get(r.parentKey);
    if (r.existing || !p) { depth.set(r, 0); return 0; }
    if (trail.has(r)) { for (const t of trail) { problems.add(t.line, 'parent_key', 'the parents of these units form a loop'); depth.set(t, 0); } return 0; }
    trail.add(r);
    const d = visit(p, trail) + 1;
    depth.set(r, d);
    return d;
  };
  for (const r of rows) visit(r, new Set());
  return rows.filter((r) => !r.existing).sort((a, b) => depth.get(a)! - depth.get(b)!);
}

/** Hands out ids (before any insert, so children know their parents' paths) and records every row's unit. */
async function place(ctx: Ctx, order: Row[], byKey: Map<string, Row>, has: (c: string) => boolean): Promise<void> {
  const ids = order.length
    ? (await sql<{ id: number }>`select nextval(pg_get_serial_sequence('units', 'id'))::bigint as id from generate_series(1, ${order.length})`.execute(ctx.tx)).rows.map((r) => Number(r.id))
    : [];
  for (const r of byKey.values()) {
    if (!r.existing) continue;
    const u = r.existing;
    const keep = <T>(col: string, v: T, old: T) => (has(col) ? v : old);
    r.ref = {
      ...u, name: r.name, nameHi: keep('name_hi', r.nameHi, u.nameHi), stateCode: keep('state_code', r.stateCode, u.stateCode),
      acNo: keep('ac_no', r.acNo, u.acNo), partNo: keep('part_no', r.partNo, u.partNo), extKey: r.key.startsWith('#') ? u.extKey : r.key,
    };
    ctx.fileUnits.set(r.key, r.ref);
  }
  order.forEach((r, i) => {
    const p = byKey.get(r.parentKey)?.ref ?? ctx.cache.get(r.parentKey)!;
    r.ref = {
      id: ids[i], path: `${p.path}.${ids[i]}`, level: r.level, parentId: p.id, wing: r.wing, name: r.name, nameHi: r.nameHi,
      stateCode: r.stateCode, acNo: r.acNo, partNo: r.partNo, extKey: r.key, isNew: true,
    };
    ctx.fileUnits.set(r.key, r.ref);
  });
  for (const r of byKey.values()) ctx.fileUnits.set(`#${r.ref!.id}`, r.ref!);
}

const same = (a: UnitRef, b: UnitRef) => a.name === b.name && a.nameHi === b.nameHi && a.stateCode === b.stateCode && a.acNo === b.acNo
  && a.partNo === b.partNo && a.extKey === b.extKey;

export async function writeUnits(ctx: Ctx, plan: UnitsPlan, fileName: string): Promise<Counts> {
  const created = plan.rows.filter((r) => !r.existing).map((r) => r.ref!).sort((a, b) => a.path.split('.').length - b.path.split('.').length);
  const changed = plan.rows.filter((r) => r.existing && !same(r.existing, r.ref!)).map((r) => r.ref!);
  const lost: string[] = [];
  let done = 0;
  for (const part of chunks(created)) {
    const rows = (await sql<{ ext_key: string }>`
      insert into units (tenant_id, id, parent_id, level, name, name_hi, path, state_code, ac_no, part_no, wing, ext_key)
      select ${ctx.tenantId}, v.id, v.parent_id, v.level, v.name, v.name_hi, v.path::ltree, v.state_code, v.ac_no, v.part_no, v.wing, v.ext_key
      from unnest(${part.map((u) => u.id)}::bigint[], ${part.map((u) => u.parentId)}::bigint[], ${part.map((u) => u.level)}::text[],
        ${part.map((u) => u.name)}::text[], ${part.map((u) => u.nameHi)}::text[], ${part.map((u) => u.path)}::text[],
        ${part.map((u) => u.stateCode)}::text[], ${part.map((u) => u.acNo)}::int[], ${part.map((u) => u.partNo)}::int[],
        ${part.map((u) => u.wing)}::text[], ${part.map((u) => u.extKey)}::text[]) as v(id, parent_id, level, name, name_hi, path, state_code, ac_no, part_no, wing, ext_key)
      on conflict (tenant_id, ext_key) do nothing returning ext_key`.execute(ctx.tx)).rows;
    const made = new Set(rows.map((r) => r.ext_key));
    for (const u of part) if (!made.has(u.extKey!)) lost.push(u.extKey!);
    done += part.length;
    ctx.progress({ phase: 'writing', done, total: created.length + changed.length });
  }
  if (lost.length) {
    // Keys held by units the actor cannot see: reported like any other problem, and nothing stays written.
    const lines = new Map(plan.rows.map((r) => [r.key, r.line]));
    throw new ImportRejected(lost.slice(0, 100).map((k) => `${fileName}:${lines.get(k)}: key: '${k}' is already the key of a unit outside your scope`));
  }
  for (const part of chunks(changed)) {
    await sql`update units u set name = v.name, name_hi = v.name_hi, state_code = v.state_code, ac_no = v.ac_no, part_no = v.part_no, ext_key = v.ext_key
      from unnest(${part.map((u) => u.id)}::bigint[], ${part.map((u) => u.name)}::text[], ${part.map((u) => u.nameHi)}::text[],
        ${part.map((u) => u.stateCode)}::text[], ${part.map((u) => u.acNo)}::int[], ${part.map((u) => u.partNo)}::int[], ${part.map((u) => u.extKey)}::text[])
        as v(id, name, name_hi, state_code, ac_no, part_no, ext_key)
      where u.tenant_id = ${ctx.tenantId} and u.id = v.id`.execute(ctx.tx);
  }
  for (const u of created) ctx.touched.add(u.id);
  return { rows: plan.rows.length, created: created.length, updated: changed.length, unchanged: plan.rows.length - created.length - changed.length };
}
