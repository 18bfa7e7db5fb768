import { sql } from 'kysely';
import { isWithin, type Actor, type Tx } from '../../db/scope.ts';
import { Invalid } from '../../shared/errors.ts';
import { pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { refreshStrength } from '../organisation/strength.service.ts';
import { FIGURES } from '../organisation/strength.ts';
import type { CreateUnitBody } from './units.schemas.ts';

export function unitQuery(tx: Tx) {
  return tx.selectFrom('units')
    .innerJoin('unit_levels', (j) => j.onRef('unit_levels.tenant_id', '=', 'units.tenant_id').onRef('unit_levels.level', '=', 'units.level'))
    .select(['units.id', 'units.name', 'units.name_hi', 'units.level', 'unit_levels.name as level_name', 'unit_levels.name_hi as level_name_hi',
      'units.state_code', 'units.ac_no', 'units.part_no', 'units.wing', (eb) => eb.cast<string>('units.path', 'text').as('path'),
      (eb) => eb.selectFrom('units as c').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.tenant_id', '=', 'units.tenant_id').whereRef('c.parent_id', '=', 'units.id').as('child_count')]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['execute']>>[number];

function toUnit(r: UnitRow) {
  return { id: r.id, name: r.name, nameHi: r.name_hi, level: r.level, levelName: r.level_name, levelNameHi: r.level_name_hi,
    childCount: Number(r.child_count ?? 0), stateCode: r.state_code, acNo: r.ac_no, partNo: r.part_no, wing: r.wing };
}

/** The units at the top of the actor's grants: where browsing starts. */
export async function findRootUnits(tx: Tx, actor: Actor) {
  requirePermission(actor, 'units.read');
  const paths = pathsWith(actor, 'units.read');
  const rows = await unitQuery(tx).where(sql<string>`units.path::text`, 'in', paths).orderBy('units.name').execute();
  return { items: rows.map(toUnit) };
}

export async function getUnit(tx: Tx, actor: Actor, unitId: number) {
  const [unit] = await requireUnits(tx, actor, 'units.read', [unitId]);
  const row = await unitQuery(tx).where('units.id', '=', unit.id).executeTakeFirstOrThrow();
  const ancestorIds = unit.path.split('.').map(Number);
  // Row-level security hides ancestors above the actor's scope, so breadcrumbs start at their grant.
  const ancestors = await tx.selectFrom('units').select(['id', 'name', 'name_hi', 'level']).where('id', 'in', ancestorIds).execute();
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const path = ancestorIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])).map((a) => ({ id: a.id, name: a.name, nameHi: a.name_hi, level: a.level }));
  return { ...toUnit(row), path };
}

/**
 * Children in name order, a page at a time (keyset on name and id, so deep pages stay fast).
 * wing: undefined for every child, null for the main axis only, a code for that wing's units.
 */
export async function findChildUnits(tx: Tx, actor: Actor, unitId: number, page: { cursor?: string; limit: number; wing?: string | null },
  permission = 'units.read') {
  const [unit] = await requireUnits(tx, actor, permission, [unitId]);
  let q = unitQuery(tx).where('units.parent_id', '=', unit.id).orderBy('units.name').orderBy('units.id').limit(page.limit + 1);
  if (page.wing !== undefined) q = q.where('units.wing', page.wing === null ? 'is' : '=', page.wing);
  if (page.cursor) {
    const after = decodeCursor(page.cursor);
    q = q.where((eb) => eb.or([eb('units.name', '>', after.name), eb.and([eb('units.name', '=', after.name), eb('units.id', '>', after.id)])]));
  }
  const rows = await q.execute();
  const items = rows.slice(0, page.limit).map(toUnit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit ? Buffer.from(JSON.stringify({ name: last.name, id: last.id })).toString('base64url') : null };
}

function decodeCursor(cursor: string): { name: string; id: number } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof v.name === 'string' && Number.isSafeInteger(v.id)) return v;
  } catch { /* fall through */ }
  throw new Invalid('Bad cursor', [{ field: 'cursor', message: 'not a cursor this server gave out' }]);
}

// ---------- writes: create, rename, move ----------

async function levelDepth(tx: Tx, level: string): Promise<number | undefined> {
  return (await tx.selectFrom('unit_levels').select('depth').where('level', '=', level).executeTakeFirst())?.depth;
}

/**
 * A unit sits below its parent's level; a wing unit may share its parent's level (the youth wing
 * of a state is a state-level unit under the state).
 */
async function assertBelow(tx: Tx, parentLevel: string, level: string, wing: string | null): Promise<void> {
  const [p, c] = [await levelDepth(tx, parentLevel), await levelDepth(tx, level)];
  if (c === undefined) throw new Invalid(`No level ${level}`, [{ field: 'level', message: 'not a level of this organisation' }]);
  if (p !== undefined && !(c > p || (wing !== null && c === p))) {
    throw new Invalid(`A ${level} cannot sit under a ${parentLevel}`, [{ field: 'level', message: `must be below ${parentLevel}` }]);
  }
}

export async function createUnit(tx: Tx, actor: Actor, input: CreateUnitBody) {
  const [parent] = await requireUnits(tx, actor, 'units.write', [input.parentId]);
  const wing = input.wing ?? null;
  await assertBelow(tx, parent.level, input.level, wing);
  if (wing && !(await tx.selectFrom('wings').select('code').where('code', '=', wing).executeTakeFirst())) {
    throw new Invalid(`No wing ${wing}`, [{ field: 'wing', message: 'not a wing of this organisation' }]);
  }
  // The id first, so the row is written with its final path (row-level security checks the path on insert).
  const { id } = (await sql<{ id: number }>`select nextval(pg_get_serial_sequence('units', 'id'))::bigint as id`.execute(tx)).rows[0];
  const path = `${parent.path}.${id}`;
  await tx.insertInto('units').values({
    tenant_id: actor.tenantId, id, parent_id: parent.id, level: input.level, name: input.name, name_hi: input.nameHi ?? null, path,
    state_code: input.stateCode ?? null, ac_no: input.acNo ?? null, part_no: input.partNo ?? null, wing,
  }).execute();
  await recordAudit(tx, actor, { type: 'unit.create', entity: 'units', rowIds: [id], unitPath: path, detail: { name: input.name, level: input.level, parentId: parent.id, wing } });
  await refreshStrength(tx, [id]); // a new booth counts at once in every ancestor's booths
  return getUnit(tx, actor, id);
}

export async function renameUnit(tx: Tx, actor: Actor, unitId: number, input: { name?: string; nameHi?: string | null }) {
  const [unit] = await requireUnits(tx, actor, 'units.write', [unitId]);
  await tx.updateTable('units').set({ ...(input.name !== undefined && { name: input.name }), ...(input.nameHi !== undefined && { name_hi: input.nameHi }) })
    .where('id', '=', unit.id).execute();
  await recordAudit(tx, actor, { type: 'unit.update', entity: 'units', rowIds: [unit.id], unitPath: unit.path, detail: { name: input.name, previousName: unit.name, nameHi: input.nameHi } });
  return getUnit(tx, actor, unit.id);
}

// Tables that copy a unit's path (so row-level security needs no join); a move rewrites them all.
const PATH_TABLES = ['people', 'designations', 'representatives', 'inductees', 'unit_own_strength', 'scenarios', 'events', 'event_invitees', 'session_completions', 'tours', 'tour_visits', 'tasks', 'task_targets', 'task_people'] as const;

/**
 * Moves a unit, with its whole subtree, under another parent: needs units.write on the unit, its
 * current parent and the new one. Paths are rewritten everywhere they are copied, and the subtree's
 * sums leave the old ancestors and join the new ones, shard by shard.
 */
export async function moveUnit(tx: Tx, actor: Actor, unitId: number, input: { parentId: number }) {
  const [unit] = await requireUnits(tx, actor, 'units.write', [unitId]);
  const row = await tx.selectFrom('units').select(['parent_id', 'wing']).where('id', '=', unit.id).executeTakeFirstOrThrow();
  if (row.parent_id === null) throw new Invalid('The root unit cannot move', [{ field: 'parentId', message: 'the root has no parent' }]);
  const units = await requireUnits(tx, actor, 'units.write', [row.parent_id, input.parentId]);
  const oldParent = units.find((u) => u.id === row.parent_id)!;
  const parent = units.find((u) => u.id === input.parentId)!;
  if (isWithin(parent.path, unit.path)) throw new Invalid('A unit cannot move under itself', [{ field: 'parentId', message: 'inside the unit being moved' }]);
  if (parent.id === oldParent.id) return getUnit(tx, actor, unit.id);
  await assertBelow(tx, parent.level, unit.level, row.wing);
  const [oldPath, newPath] = [unit.path, `${parent.path}.${unit.id}`];

  const shards = (await sql<Record<string, number> & { shard: number }>`select shard, ${sql.join(FIGURES.map((f) => sql.ref(f)))}
    from unit_strength where tenant_id = ${actor.tenantId} and unit_id = ${unit.id} order by shard`.execute(tx)).rows;
  const apply = (to: number, sign: 1 | -1) => Promise.all(shards.map((s) => sql`select org_apply_strength_delta(${to}::bigint, ${s.shard}::smallint,
    ${FIGURES.map((f) => sign * Number(s[f]))}::int[])`.execute(tx)));
  await apply(oldParent.id, -1);

  // subpath() refuses an empty tail, so the moved unit's own rows take the new path whole.
  const depth = oldPath.split('.').length;
  const rewrite = (col: string) => sql`case when nlevel(${sql.ref(col)}) > ${depth} then ${sql.lit(newPath)}::ltree || subpath(${sql.ref(col)}, ${depth}) else ${sql.lit(newPath)}::ltree end`;
  await tx.updateTable('units').set({ parent_id: parent.id }).where('id', '=', unit.id).execute();
  await sql`update units set path = ${rewrite('path')} where tenant_id = ${actor.tenantId} and path <@ ${oldPath}::ltree`.execute(tx);
  for (const table of PATH_TABLES) {
    await sql`update ${sql.table(table)} set unit_path = ${rewrite('unit_path')} where tenant_id = ${actor.tenantId} and unit_path <@ ${oldPath}::ltree`.execute(tx);
  }
  // A tour's visits also copy the organising unit's path (migration 0016).
  await sql`update tour_visits set tour_unit_path = ${rewrite('tour_unit_path')} where tenant_id = ${actor.tenantId} and tour_unit_path <@ ${oldPath}::ltree`.execute(tx);
  await sql`select org_move_paths(${oldPath}::ltree, ${newPath}::ltree)`.execute(tx);
  await sql`select prog_move_paths(${oldPath}::ltree, ${newPath}::ltree)`.execute(tx);
  // Its share of every task goes with it, so each level of a task still adds up (migration 0018).
  await sql`select prog_move_shares(${unit.id}::bigint, ${oldPath}::ltree, ${newPath}::ltree)`.execute(tx);
  await recordAudit(tx, actor, { type: 'unit.move', entity: 'units', rowIds: [unit.id], unitPath: newPath,
    detail: { from: oldParent.id, to: parent.id, fromPath: oldPath, toPath: newPath } });
  await apply(parent.id, 1);
  return getUnit(tx, actor, unit.id);
}
