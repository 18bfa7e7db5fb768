import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid } from '../../shared/errors.ts';
import { pathsWith, requirePermission, requireUnits } from '../access/access.ts';

function unitQuery(tx: Tx) {
  return tx.selectFrom('units')
    .innerJoin('unit_levels', (j) => j.onRef('unit_levels.tenant_id', '=', 'units.tenant_id').onRef('unit_levels.level', '=', 'units.level'))
    .select(['units.id', 'units.name', 'units.name_hi', 'units.level', 'unit_levels.name as level_name', 'unit_levels.name_hi as level_name_hi',
      'units.state_code', 'units.ac_no', 'units.part_no', (eb) => eb.cast<string>('units.path', 'text').as('path'),
      (eb) => eb.selectFrom('units as c').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.tenant_id', '=', 'units.tenant_id').whereRef('c.parent_id', '=', 'units.id').as('child_count')]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['execute']>>[number];

function toUnit(r: UnitRow) {
  return { id: r.id, name: r.name, nameHi: r.name_hi, level: r.level, levelName: r.level_name, levelNameHi: r.level_name_hi,
    childCount: Number(r.child_count ?? 0), stateCode: r.state_code, acNo: r.ac_no, partNo: r.part_no };
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

/** Children in name order, a page at a time (keyset on name and id, so deep pages stay fast). */
export async function findChildUnits(tx: Tx, actor: Actor, unitId: number, page: { cursor?: string; limit: number }) {
  const [unit] = await requireUnits(tx, actor, 'units.read', [unitId]);
  let q = unitQuery(tx).where('units.parent_id', '=', unit.id).orderBy('units.name').orderBy('units.id').limit(page.limit + 1);
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
