// Bulk creation of tours with their visits, all or nothing: POST /api/tours/bulk (as the actor, within
// their grants) and `warroom tours import` (as the system, for one tenant). Both resolve every row
// first and report every problem by index and field ("3.visits.0.unitId") before anything is written.
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, type FieldProblem } from '../../shared/errors.ts';
import { can, requirePermission } from '../access/access.ts';
import { recordAudit, type SystemActor } from '../access/audit.ts';
import { canWriteVisit } from './tours.queries.ts';
import type { BulkTour } from './tours.schemas.ts';

interface Seat { state_code: string | null; house: 'LS' | 'AE' | null; constituency_no: number | null }
interface UnitGeo { id: number; path: string; state_code: string | null; ac_no: number | null }
export interface ResolvedTour {
  input: BulkTour; unit: UnitGeo; leader: { id: number | null; name: string; nameHi: string | null };
  visits: { unit: UnitGeo; seat: Seat }[];
}

const NO_UNIT = 'no such unit, or outside your access';

async function unitsById(tx: Tx, tenantId: string, items: BulkTour[]): Promise<Map<number, UnitGeo>> {
  const ids = [...new Set(items.flatMap((t) => [t.unitId, ...t.visits.map((v) => v.unitId)]))];
  const rows = ids.length ? await tx.selectFrom('units').select(['id', 'state_code', 'ac_no', (eb) => eb.cast<string>('path', 'text').as('path')])
    .where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : [];
  return new Map(rows.map((r) => [r.id, r]));
}

async function peopleById(tx: Tx, tenantId: string, items: BulkTour[]) {
  const ids = [...new Set(items.map((t) => t.leaderPersonId).filter((x): x is number => !!x))];
  const rows = ids.length ? await tx.selectFrom('people').select(['id', 'name', 'name_hi']).where('tenant_id', '=', tenantId)
    .where('id', 'in', ids).where('merged_into', 'is', null).execute() : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The named seats that exist in the reference geography, as "state:house:no". */
async function knownSeats(tx: Tx, items: BulkTour[]): Promise<Set<string>> {
  const named = items.flatMap((t) => t.visits).filter((v) => v.stateCode && v.house && v.constituencyNo);
  if (named.length === 0) return new Set();
  const rows = await tx.selectFrom('constituencies').select(['state_code', 'house', 'no'])
    .where('state_code', 'in', [...new Set(named.map((v) => v.stateCode!))]).execute();
  return new Set(rows.map((r) => `${r.state_code}:${r.house}:${r.no}`));
}

function seatFor(v: BulkTour['visits'][number], unit: UnitGeo): Seat {
  if (v.stateCode && v.house && v.constituencyNo) return { state_code: v.stateCode, house: v.house, constituency_no: v.constituencyNo };
  if (unit.state_code && unit.ac_no) return { state_code: unit.state_code, house: 'AE', constituency_no: unit.ac_no };
  return { state_code: null, house: null, constituency_no: null };
}

/** Looks up every unit, leader and seat the rows name (in one query each); problems by index and field. */
export async function resolveBulk(tx: Tx, tenantId: string, items: BulkTour[]): Promise<{ resolved: ResolvedTour[]; problems: FieldProblem[] }> {
  const [units, people, seats] = await Promise.all([unitsById(tx, tenantId, items), peopleById(tx, tenantId, items), knownSeats(tx, items)]);
  const problems: FieldProblem[] = [];
  const resolved = items.map((t, i): ResolvedTour => {
    const unit = units.get(t.unitId);
    if (!unit) problems.push({ field: `${i}.unitId`, message: NO_UNIT });
    const person = t.leaderPersonId ? people.get(t.leaderPersonId) : undefined;
    if (t.leaderPersonId && !person) problems.push({ field: `${i}.leaderPersonId`, message: 'no such person, or outside your access' });
    const visits = t.visits.map((v, j) => {
      const vu = units.get(v.unitId);
      if (!vu) problems.push({ field: `${i}.visits.${j}.unitId`, message: NO_UNIT });
      if (v.stateCode && v.house && v.constituencyNo && !seats.has(`${v.stateCode}:${v.house}:${v.constituencyNo}`)) {
        problems.push({ field: `${i}.visits.${j}.constituencyNo`, message: `no ${v.house} constituency ${v.constituencyNo} in state ${v.stateCode}` });
      }
      return { unit: vu!, seat: vu ? seatFor(v, vu) : { state_code: null, house: null, constituency_no: null } };
    });
    const leader = person ? { id: person.id, name: t.leaderName ?? person.name, nameHi: t.leaderNameHi ?? person.name_hi } : { id: null, name: t.leaderName ?? '', nameHi: t.leaderNameHi ?? null };
    return { input: t, unit: unit!, leader, visits };
  });
  return { resolved, problems };
}

/** The deepest path every given path sits under: where one audit event about them all belongs. */
function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let parts = paths[0].split('.');
  for (const p of paths.slice(1)) {
    const other = p.split('.');
    let n = 0;
    while (n < parts.length && n < other.length && parts[n] === other[n]) n++;
    parts = parts.slice(0, n);
  }
  return parts.length ? parts.join('.') : null;
}

/** Writes resolved tours and their visits; one audit event for the batch. Returns the new tour ids in input order. */
export async function writeTours(tx: Tx, by: Actor | SystemActor, rows: ResolvedTour[]): Promise<{ ids: number[]; visits: number }> {
  const createdBy = 'system' in by ? null : by.userId;
  const ids: number[] = [];
  // One tour at a time so each id pairs with its visits without relying on the order RETURNING gives.
  for (const r of rows) {
    const t = r.input;
    const { id } = await tx.insertInto('tours').values({
      tenant_id: by.tenantId, leader_person_id: r.leader.id, leader_name: r.leader.name, leader_name_hi: r.leader.nameHi, unit_id: r.unit.id, unit_path: r.unit.path,
      title: t.title, starts_on: t.startsOn, ends_on: t.endsOn, status: t.status, stay: t.stay ?? null, notes: t.notes ?? null, created_by: createdBy,
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(id);
    if (r.visits.length === 0) continue;
    await tx.insertInto('tour_visits').values(r.visits.map((v, j) => ({
      tenant_id: by.tenantId, tour_id: id, tour_unit_path: r.unit.path, unit_id: v.unit.id, unit_path: v.unit.path, ...v.seat,
      visit_on: t.visits[j].visitOn, meetings: JSON.stringify(t.visits[j].meetings),
      ground_report: t.visits[j].groundReport ? JSON.stringify(t.visits[j].groundReport) : null, created_by: createdBy,
    }))).execute();
  }
  const visits = rows.reduce((n, r) => n + r.visits.length, 0);
  await recordAudit(tx, by, { type: 'tour.import', entity: 'tours', rowIds: ids, unitPath: commonPath(rows.map((r) => r.unit.path)), detail: { tours: ids.length, visits } });
  return { ids, visits };
}

/** POST /api/tours/bulk: every tour's unit writable by the actor, every visit's unit or tour writable, or nothing is written. */
export async function createToursBulk(tx: Tx, actor: Actor, items: BulkTour[]): Promise<{ ids: number[]; visits: number }> {
  requirePermission(actor, 'programmes.write');
  const { resolved, problems } = await resolveBulk(tx, actor.tenantId, items);
  resolved.forEach((r, i) => {
    // Rows outside the actor's grants read exactly like missing ones.
    if (r.unit && !can(actor, 'programmes.write', r.unit.path)) problems.push({ field: `${i}.unitId`, message: NO_UNIT });
    r.visits.forEach((v, j) => {
      if (v.unit && r.unit && !canWriteVisit(actor, { unit_path: v.unit.path, tour_unit_path: r.unit.path })) problems.push({ field: `${i}.visits.${j}.unitId`, message: NO_UNIT });
    });
  });
  if (problems.length) throw new Invalid(`${problems.length} problem(s); nothing was created`, problems);
  return writeTours(tx, actor, resolved);
}
