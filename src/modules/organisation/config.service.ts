// The organisation's configuration as data: levels, wings, designation types and composition norms.
// Reading needs org.read; replacing a list needs org.configure on the tenant's root, because the lists
// are the whole tenant's (an admin of one state must not redefine every booth's committee). A list
// is replaced whole; an entry still in use (a level with units, a type with designations) cannot go.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, Forbidden } from '../../shared/errors.ts';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { z } from 'zod';
import type { DesignationTypesBody, LevelsBody, NormsBody, OrgConfig, WingsBody } from './config.schemas.ts';
import { rebuildStrength } from './strength.service.ts';

export async function getOrgConfig(tx: Tx, actor: Actor): Promise<OrgConfig> {
  requirePermission(actor, 'org.read');
  const [levels, wings, types, norms] = await Promise.all([
    tx.selectFrom('unit_levels').selectAll().orderBy('depth').execute(),
    tx.selectFrom('wings').selectAll().orderBy('sort').orderBy('code').execute(),
    tx.selectFrom('designation_types').selectAll().orderBy('level').orderBy('sort').orderBy('code').execute(),
    tx.selectFrom('committee_norms').selectAll().orderBy('level').execute(),
  ]);
  return {
    levels: levels.map((l) => ({ level: l.level, depth: l.depth, name: l.name, nameHi: l.name_hi })),
    wings: wings.map((w) => ({ code: w.code, name: w.name, nameHi: w.name_hi })),
    designationTypes: types.map((t) => ({ level: t.level, code: t.code, name: t.name, nameHi: t.name_hi, seats: t.seats, perPage: t.per_page,
      isRequired: t.is_required, isHead: t.is_head, sort: t.sort })),
    norms: norms.map((n) => ({ level: n.level, minFormed: n.min_formed, minWomen: n.min_women, minScSt: n.min_sc_st })),
  };
}

function requireConfigure(actor: Actor): void {
  requirePermission(actor, 'org.configure');
  const atRoot = actor.grants.some((g) => g.permissions.includes('org.configure') && !g.unitPath.includes('.'));
  if (!atRoot) throw new Forbidden('Changing the organisation\'s configuration needs org.configure on the whole tenant');
}

async function audit(tx: Tx, actor: Actor, list: string, count: number, removed: string[]) {
  await recordAudit(tx, actor, { type: 'org.configure', entity: list, unitPath: null, detail: { list, count, removed } });
}

export async function replaceWings(tx: Tx, actor: Actor, body: z.infer<typeof WingsBody>): Promise<OrgConfig> {
  requireConfigure(actor);
  const keep = body.items.map((w) => w.code);
  const gone = (await tx.selectFrom('wings').select('code').execute()).map((w) => w.code).filter((c) => !keep.includes(c));
  if (gone.length) {
    const used = await tx.selectFrom('units').select('wing').distinct().where('wing', 'in', gone).execute();
    if (used.length) throw new Conflict(`Wing ${used.map((u) => u.wing).join(', ')} has units; move or remove them first`, [{ field: 'items', message: 'wing in use' }]);
    await tx.deleteFrom('wings').where('code', 'in', gone).execute();
  }
  if (body.items.length) {
    await tx.insertInto('wings').values(body.items.map((w, i) => ({ tenant_id: actor.tenantId, code: w.code, name: w.name, name_hi: w.nameHi ?? null, sort: i + 1 })))
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), name_hi: eb.ref('excluded.name_hi'), sort: eb.ref('excluded.sort') }))).execute();
  }
  await audit(tx, actor, 'wings', body.items.length, gone);
  return getOrgConfig(tx, actor);
}

export async function replaceLevels(tx: Tx, actor: Actor, body: z.infer<typeof LevelsBody>): Promise<OrgConfig> {
  requireConfigure(actor);
  const keep = body.items.map((l) => l.level);
  const gone = (await tx.selectFrom('unit_levels').select('level').execute()).map((l) => l.level).filter((l) => !keep.includes(l));
  if (gone.length) {
    // Row-level security would hide units outside the actor's scope, but org.configure sits at the root.
    const used = await tx.selectFrom('units').select('level').distinct().where('level', 'in', gone).execute();
    if (used.length) throw new Conflict(`Level ${used.map((u) => u.level).join(', ')} has units`, [{ field: 'items', message: 'level in use' }]);
    await tx.deleteFrom('unit_levels').where('level', 'in', gone).execute();
  }
  // Depths are unique: park the kept levels out of the way first so two levels can swap depths.
  await tx.updateTable('unit_levels').set({ depth: sql`depth + 1000` }).execute();
  await tx.insertInto('unit_levels').values(body.items.map((l) => ({ tenant_id: actor.tenantId, level: l.level, depth: l.depth, name: l.name, name_hi: l.nameHi ?? null })))
    .onConflict((oc) => oc.columns(['tenant_id', 'level']).doUpdateSet((eb) => ({ depth: eb.ref('excluded.depth'), name: eb.ref('excluded.name'), name_hi: eb.ref('excluded.name_hi') }))).execute();
  await audit(tx, actor, 'levels', body.items.length, gone);
  return getOrgConfig(tx, actor);
}

/** Slots and norms decide every unit's figures and grade: the tenant's strength is rebuilt with them. */
export async function replaceDesignationTypes(tx: Tx, actor: Actor, body: z.infer<typeof DesignationTypesBody>): Promise<OrgConfig> {
  requireConfigure(actor);
  const key = (t: { level: string; code: string }) => `${t.level}/${t.code}`;
  const keep = new Set(body.items.map(key));
  const gone = (await tx.selectFrom('designation_types').select(['level', 'code']).execute()).filter((t) => !keep.has(key(t)));
  for (const t of gone) {
    const used = await tx.selectFrom('designations').select('id').where('level', '=', t.level).where('code', '=', t.code).limit(1).executeTakeFirst();
    if (used) throw new Conflict(`Designation ${key(t)} has holders or history; it cannot be removed`, [{ field: 'items', message: `${key(t)} in use` }]);
    await tx.deleteFrom('designation_types').where('level', '=', t.level).where('code', '=', t.code).execute();
  }
  if (body.items.length) {
    await tx.insertInto('designation_types').values(body.items.map((t) => ({
      tenant_id: actor.tenantId, level: t.level, code: t.code, name: t.name, name_hi: t.nameHi ?? null, seats: t.seats, per_page: t.perPage,
      is_required: t.isRequired, is_head: t.isHead, sort: t.sort,
    }))).onConflict((oc) => oc.columns(['tenant_id', 'level', 'code']).doUpdateSet((eb) => ({
      name: eb.ref('excluded.name'), name_hi: eb.ref('excluded.name_hi'), seats: eb.ref('excluded.seats'), per_page: eb.ref('excluded.per_page'),
      is_required: eb.ref('excluded.is_required'), is_head: eb.ref('excluded.is_head'), sort: eb.ref('excluded.sort'),
    }))).execute();
  }
  await audit(tx, actor, 'designation_types', body.items.length, gone.map(key));
  await rebuildStrength(tx, actor.tenantId);
  return getOrgConfig(tx, actor);
}

export async function replaceNorms(tx: Tx, actor: Actor, body: z.infer<typeof NormsBody>): Promise<OrgConfig> {
  requireConfigure(actor);
  await tx.deleteFrom('committee_norms').execute();
  if (body.items.length) {
    await tx.insertInto('committee_norms').values(body.items.map((n) => ({ tenant_id: actor.tenantId, level: n.level, min_formed: n.minFormed, min_women: n.minWomen, min_sc_st: n.minScSt }))).execute();
  }
  await audit(tx, actor, 'committee_norms', body.items.length, []);
  await rebuildStrength(tx, actor.tenantId);
  return getOrgConfig(tx, actor);
}
