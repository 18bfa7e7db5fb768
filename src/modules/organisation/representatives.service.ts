// Elected representatives (MPs, MLAs, mayors, municipal heads, district panchayat chairs, councillors),
// each held by a person and placed at a unit for scope, so trainings and conferences can invite them by
// rule. Reads need org.read on the unit, writes org.write; every write is audited.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { requirePerson } from './people.queries.ts';
import { createPerson } from './people.service.ts';
import { officeProblems, type Representative, type RepresentativeInput, type RepresentativePatch, type RepresentativesQuery } from './representatives.schemas.ts';
import type { z } from 'zod';

const MAX_ROWS = 1000;

function baseQuery(tx: Tx) {
  return tx.selectFrom('representatives as r')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.unit_id'))
    .leftJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.person_id'))
    .select(['r.id', 'r.person_id', 'p.name', 'p.name_hi', 'r.office', 'r.state_code', 'r.house', 'r.constituency_no', 'r.body',
      'r.unit_id', 'u.name as unit_name', 'r.from_date', 'r.to_date', (eb) => eb.cast<string>('r.unit_path', 'text').as('unit_path'),
      // Seats are numbered per delimitation era: the latest era's name.
      sql<string | null>`(select c.name from constituencies c where c.state_code = r.state_code and c.house = r.house and c.no = r.constituency_no order by c.era desc limit 1)`.as('constituency_name')]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toOut(r: Row): Representative {
  return {
    id: r.id, personId: r.person_id, name: r.name ?? '', nameHi: r.name_hi ?? null, office: r.office, stateCode: r.state_code,
    house: r.house, constituencyNo: r.constituency_no, constituencyName: r.constituency_name, body: r.body,
    unitId: r.unit_id, unitName: r.unit_name, fromDate: r.from_date, toDate: r.to_date,
  };
}

export async function findRepresentatives(tx: Tx, actor: Actor, query: z.infer<typeof RepresentativesQuery>): Promise<{ items: Representative[] }> {
  requirePermission(actor, 'org.read');
  const paths = query.unitId ? [(await requireUnits(tx, actor, 'org.read', [query.unitId]))[0].path] : pathsWith(actor, 'org.read');
  let q = baseQuery(tx).where(sql<boolean>`r.unit_path <@ array[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`);
  if (query.office) q = q.where('r.office', '=', query.office);
  const rows = await q.orderBy('r.office').orderBy('p.name').orderBy('r.id').limit(MAX_ROWS).execute();
  return { items: rows.map(toOut) };
}

async function requireRepresentative(tx: Tx, actor: Actor, permission: 'org.read' | 'org.write', id: number): Promise<Row> {
  requirePermission(actor, permission);
  const row = await baseQuery(tx).where('r.id', '=', id).executeTakeFirst();
  if (!row || !can(actor, permission, row.unit_path)) throw new NotFound('representative');
  return row;
}

export async function getRepresentative(tx: Tx, actor: Actor, id: number): Promise<Representative> {
  return toOut(await requireRepresentative(tx, actor, 'org.read', id));
}

/** An MP's or MLA's seat must be a constituency of the reference geography. */
async function assertSeat(tx: Tx, r: { office: string; stateCode?: string | null; house?: string | null; constituencyNo?: number | null }): Promise<void> {
  if (r.office !== 'mp' && r.office !== 'mla') return;
  const hit = await tx.selectFrom('constituencies').select('no')
    .where('state_code', '=', r.stateCode!).where('house', '=', r.house as 'LS' | 'AE').where('no', '=', r.constituencyNo!).executeTakeFirst();
  if (!hit) throw new Invalid(`No ${r.house} constituency ${r.constituencyNo} in state ${r.stateCode}`, [{ field: 'constituencyNo', message: 'no such constituency' }]);
}

export async function createRepresentative(tx: Tx, actor: Actor, input: RepresentativeInput): Promise<Representative> {
  const [unit] = await requireUnits(tx, actor, 'org.write', [input.unitId]);
  await assertSeat(tx, input);
  // A new holder is created by phone in this transaction, so a refused office leaves no stray person.
  const personId = input.person ? (await createPerson(tx, actor, input.person)).id : (await requirePerson(tx, actor, 'org.read', input.personId!)).id;
  const { id } = await tx.insertInto('representatives').values({
    tenant_id: actor.tenantId, person_id: personId, office: input.office, state_code: input.stateCode ?? null, house: input.house ?? null,
    constituency_no: input.constituencyNo ?? null, body: input.body ?? null, unit_id: unit.id, unit_path: unit.path,
    from_date: input.fromDate ?? null, to_date: input.toDate ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { type: 'representative.create', entity: 'representatives', rowIds: [id], unitPath: unit.path, detail: { personId, office: input.office, ...(input.person && { newPerson: true }) } });
  return getRepresentative(tx, actor, id);
}

export async function updateRepresentative(tx: Tx, actor: Actor, id: number, patch: RepresentativePatch): Promise<Representative> {
  const before = await requireRepresentative(tx, actor, 'org.write', id);
  const next = {
    personId: patch.personId ?? before.person_id, office: patch.office ?? before.office,
    stateCode: patch.stateCode !== undefined ? patch.stateCode : before.state_code, house: patch.house !== undefined ? patch.house : before.house,
    constituencyNo: patch.constituencyNo !== undefined ? patch.constituencyNo : before.constituency_no,
    body: patch.body !== undefined ? patch.body : before.body, unitId: patch.unitId ?? before.unit_id,
    fromDate: patch.fromDate !== undefined ? patch.fromDate : before.from_date, toDate: patch.toDate !== undefined ? patch.toDate : before.to_date,
  };
  const problems = officeProblems(next);
  if (problems.length) throw new Invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const [unit] = await requireUnits(tx, actor, 'org.write', [next.unitId]);
  if (next.personId !== before.person_id) await requirePerson(tx, actor, 'org.read', next.personId);
  await assertSeat(tx, next);
  await tx.updateTable('representatives').set({
    person_id: next.personId, office: next.office, state_code: next.stateCode ?? null, house: next.house ?? null,
    constituency_no: next.constituencyNo ?? null, body: next.body ?? null, unit_id: unit.id, unit_path: unit.path,
    from_date: next.fromDate ?? null, to_date: next.toDate ?? null,
  }).where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'representative.update', entity: 'representatives', rowIds: [id], unitPath: unit.path, detail: { fields: Object.keys(patch) } });
  return getRepresentative(tx, actor, id);
}

export async function removeRepresentative(tx: Tx, actor: Actor, id: number): Promise<void> {
  const before = await requireRepresentative(tx, actor, 'org.write', id);
  await tx.deleteFrom('representatives').where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'representative.remove', entity: 'representatives', rowIds: [id], unitPath: before.unit_path, detail: { personId: before.person_id, office: before.office } });
}
