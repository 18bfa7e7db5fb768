// Saved scenarios: a tenant's named what-ifs. A scenario sits at the highest unit of the grant that
// saved it; reading needs projection.run there, writing scenarios.write there. Row-level security
// confines every query to the tenant and the actor's subtrees as well; every write is audited in the
// same transaction.
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { can, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { SavedScenario, ScenarioBody } from './scenarios.schemas.ts';

const READ = 'projection.run';
const WRITE = 'scenarios.write';

function baseQuery(tx: Tx) {
  return tx.selectFrom('scenarios as s')
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'))
    .leftJoin('users as cu', 'cu.id', 's.created_by')
    .select(['s.id', 's.name', 's.election', 's.scenario', 's.unit_id', (eb) => eb.cast<string>('s.unit_path', 'text').as('unit_path'),
      'u.name as unit_name', 'cu.name as created_by_name', 's.created_at', 's.updated_at']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toSaved(r: Row): SavedScenario {
  return {
    id: Number(r.id), name: r.name, election: r.election, scenario: r.scenario as Record<string, unknown>,
    unitId: Number(r.unit_id), unitName: r.unit_name ?? '', createdBy: r.created_by_name ?? null,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export async function findScenarios(tx: Tx, actor: Actor): Promise<{ items: SavedScenario[] }> {
  requirePermission(actor, READ);
  const rows = await baseQuery(tx).orderBy('s.updated_at', 'desc').orderBy('s.id', 'desc').limit(500).execute();
  return { items: rows.filter((r) => can(actor, READ, r.unit_path)).map(toSaved) };
}

/** One scenario the actor may read (missing and out of scope both answer 404). */
export async function getScenario(tx: Tx, actor: Actor, id: number): Promise<SavedScenario> {
  requirePermission(actor, READ);
  const row = await baseQuery(tx).where('s.id', '=', id).executeTakeFirst();
  if (!row || !can(actor, READ, row.unit_path)) throw new NotFound('scenario');
  return toSaved(row);
}

async function requireElection(tx: Tx, election: string): Promise<void> {
  const hit = await tx.selectFrom('elections').select('id').where('id', '=', election).executeTakeFirst();
  if (!hit) throw new Invalid(`No imported election ${election}`, [{ field: 'election', message: `no imported election ${election}` }]);
}

/** The unit a new scenario is saved at: the highest of the actor's grants that may write scenarios. */
function homeUnit(actor: Actor): { id: number; path: string } {
  const g = actor.grants.filter((x) => x.permissions.includes(WRITE))
    .sort((a, b) => a.unitPath.split('.').length - b.unitPath.split('.').length || a.unitPath.localeCompare(b.unitPath))[0];
  return { id: g.unitId, path: g.unitPath };
}

export async function createScenario(tx: Tx, actor: Actor, input: ScenarioBody): Promise<SavedScenario> {
  requirePermission(actor, WRITE);
  await requireElection(tx, input.election);
  const unit = homeUnit(actor);
  const row = await tx.insertInto('scenarios').values({
    tenant_id: actor.tenantId, unit_id: unit.id, unit_path: unit.path, name: input.name, election: input.election,
    scenario: JSON.stringify(input.scenario), created_by: actor.userId, updated_by: actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { type: 'scenario.create', entity: 'scenarios', rowIds: [row.id], unitPath: unit.path, detail: { name: input.name, election: input.election } });
  return getScenario(tx, actor, Number(row.id));
}

/** A scenario the actor may change: visible and under a grant carrying scenarios.write. */
async function writable(tx: Tx, actor: Actor, id: number) {
  requirePermission(actor, WRITE);
  const row = await tx.selectFrom('scenarios').select(['id', 'name', (eb) => eb.cast<string>('unit_path', 'text').as('unit_path')])
    .where('id', '=', id).executeTakeFirst();
  if (!row || !can(actor, WRITE, row.unit_path)) throw new NotFound('scenario');
  return row;
}

export async function updateScenario(tx: Tx, actor: Actor, id: number, input: ScenarioBody): Promise<SavedScenario> {
  const before = await writable(tx, actor, id);
  await requireElection(tx, input.election);
  await tx.updateTable('scenarios').set({
    name: input.name, election: input.election, scenario: JSON.stringify(input.scenario), updated_by: actor.userId, updated_at: new Date(),
  }).where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'scenario.update', entity: 'scenarios', rowIds: [id], unitPath: before.unit_path, detail: { name: input.name, previousName: before.name, election: input.election } });
  return getScenario(tx, actor, id);
}

export async function removeScenario(tx: Tx, actor: Actor, id: number): Promise<void> {
  const before = await writable(tx, actor, id);
  await tx.deleteFrom('scenarios').where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'scenario.remove', entity: 'scenarios', rowIds: [id], unitPath: before.unit_path, detail: { name: before.name } });
}
