// Tours (pravas): plan a leader's tour at an organising unit, record its visits with meetings and a
// ground report, list tours for the plan view and the calendar. Reads need programmes.read, writes
// programmes.write: on the organising unit for the tour, on it or on the visited unit for a visit.
// Every write is audited in its transaction.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { canWriteVisit, requireTour, requireVisit, toTour, toVisit, tourQuery, visitQuery } from './tours.queries.ts';
import { tourDateProblems, type Tour, type TourDetail, type TourInput, type TourPatch, type ToursQuery, type Visit, type VisitInput, type VisitPatch } from './tours.schemas.ts';

const MAX_TOURS = 1000;

export async function findTours(tx: Tx, actor: Actor, q: ToursQuery): Promise<{ items: Tour[]; truncated: boolean }> {
  requirePermission(actor, 'programmes.read');
  const paths = q.unitId ? [(await requireUnits(tx, actor, 'programmes.read', [q.unitId]))[0].path] : pathsWith(actor, 'programmes.read');
  const under = sql`array[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`;
  let query = tourQuery(tx).where(sql<boolean>`(t.unit_path <@ ${under} or exists (select 1 from tour_visits v
    where v.tenant_id = t.tenant_id and v.tour_id = t.id and v.unit_path <@ ${under}))`);
  if (q.from) query = query.where('t.ends_on', '>=', q.from);
  if (q.to) query = query.where('t.starts_on', '<=', q.to);
  if (q.leaderPersonId) query = query.where('t.leader_person_id', '=', q.leaderPersonId);
  if (q.status) query = query.where('t.status', '=', q.status);
  const rows = await query.orderBy('t.starts_on').orderBy('t.leader_name').orderBy('t.id').limit(MAX_TOURS + 1).execute();
  return { items: rows.slice(0, MAX_TOURS).map((r) => toTour(actor, r)), truncated: rows.length > MAX_TOURS };
}

export async function getTour(tx: Tx, actor: Actor, id: number): Promise<TourDetail> {
  const row = await requireTour(tx, actor, id);
  const visits = await visitQuery(tx).where('v.tour_id', '=', id).orderBy('v.visit_on').orderBy('v.id').execute();
  const readable = visits.filter((v) => can(actor, 'programmes.read', v.unit_path) || can(actor, 'programmes.read', v.tour_unit_path));
  const tour = toTour(actor, row);
  return { ...tour, visits: readable.map((v) => toVisit(actor, v)), canAddVisit: can(actor, 'programmes.write') && tour.status !== 'cancelled' };
}

/** The leader's names: from the registered person (visible to the actor), else as typed. */
export async function leaderOf(tx: Tx, t: { leaderPersonId?: number | null; leaderName?: string | null; leaderNameHi?: string | null }, field = 'leaderPersonId') {
  if (!t.leaderPersonId) {
    if (!t.leaderName) throw new Invalid('Name the leader', [{ field: 'leaderName', message: 'name the leader, or pick a registered person' }]);
    return { id: null, name: t.leaderName, nameHi: t.leaderNameHi ?? null };
  }
  const p = await tx.selectFrom('people').select(['id', 'name', 'name_hi']).where('id', '=', t.leaderPersonId).where('merged_into', 'is', null).executeTakeFirst();
  if (!p) throw new Invalid(`No person ${t.leaderPersonId} in your access`, [{ field, message: 'no such person, or outside your access' }]);
  return { id: p.id, name: t.leaderName ?? p.name, nameHi: t.leaderNameHi ?? p.name_hi };
}

export async function createTour(tx: Tx, actor: Actor, input: TourInput): Promise<TourDetail> {
  requirePermission(actor, 'programmes.write');
  const [unit] = await requireUnits(tx, actor, 'programmes.write', [input.unitId]);
  const leader = await leaderOf(tx, input);
  const { id } = await tx.insertInto('tours').values({
    tenant_id: actor.tenantId, leader_person_id: leader.id, leader_name: leader.name, leader_name_hi: leader.nameHi, unit_id: unit.id, unit_path: unit.path,
    title: input.title, starts_on: input.startsOn, ends_on: input.endsOn, status: input.status, stay: input.stay ?? null, notes: input.notes ?? null, created_by: actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { type: 'tour.create', entity: 'tours', rowIds: [id], unitPath: unit.path, detail: { title: input.title, startsOn: input.startsOn, endsOn: input.endsOn } });
  return getTour(tx, actor, id);
}

async function requireTourWrite(tx: Tx, actor: Actor, id: number) {
  requirePermission(actor, 'programmes.write');
  const row = await requireTour(tx, actor, id);
  if (!can(actor, 'programmes.write', row.unit_path)) throw new NotFound('tour');
  return row;
}

export async function updateTour(tx: Tx, actor: Actor, id: number, patch: TourPatch): Promise<TourDetail> {
  const before = await requireTourWrite(tx, actor, id);
  const startsOn = patch.startsOn ?? before.starts_on;
  const endsOn = patch.endsOn ?? before.ends_on;
  const problems = tourDateProblems({ startsOn, endsOn });
  const outside = await tx.selectFrom('tour_visits').select('visit_on').where('tour_id', '=', id)
    .where((eb) => eb.or([eb('visit_on', '<', startsOn), eb('visit_on', '>', endsOn)])).orderBy('visit_on').executeTakeFirst();
  if (outside) problems.push({ field: patch.startsOn && outside.visit_on < startsOn ? 'startsOn' : 'endsOn', message: `a visit on ${outside.visit_on} would fall outside the tour` });
  if (problems.length) throw new Invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const unit = patch.unitId ? (await requireUnits(tx, actor, 'programmes.write', [patch.unitId]))[0] : { id: before.unit_id, path: before.unit_path };
  // A new person, or a typed name alone (which unlinks the registered person).
  const leader = patch.leaderPersonId || patch.leaderName ? await leaderOf(tx, { leaderPersonId: patch.leaderPersonId, leaderName: patch.leaderName, leaderNameHi: patch.leaderNameHi }) : null;
  await tx.updateTable('tours').set({
    ...(leader && { leader_person_id: leader.id, leader_name: leader.name, leader_name_hi: leader.nameHi }),
    ...(patch.leaderNameHi !== undefined && !leader && { leader_name_hi: patch.leaderNameHi }),
    unit_id: unit.id, unit_path: unit.path, title: patch.title ?? before.title, starts_on: startsOn, ends_on: endsOn, status: patch.status ?? before.status,
    ...(patch.stay !== undefined && { stay: patch.stay }), ...(patch.notes !== undefined && { notes: patch.notes }), updated_at: new Date(),
  }).where('id', '=', id).execute();
  // Visits copy the organising unit's path for row-level security: they move with the tour.
  if (unit.path !== before.unit_path) await tx.updateTable('tour_visits').set({ tour_unit_path: unit.path }).where('tour_id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'tour.update', entity: 'tours', rowIds: [id], unitPath: unit.path, detail: { fields: Object.keys(patch), ...(patch.status && { status: patch.status }) } });
  return getTour(tx, actor, id);
}

export async function removeTour(tx: Tx, actor: Actor, id: number): Promise<void> {
  const before = await requireTourWrite(tx, actor, id);
  await tx.deleteFrom('tours').where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'tour.remove', entity: 'tours', rowIds: [id], unitPath: before.unit_path, detail: { title: before.title, startsOn: before.starts_on } });
}

type SeatFields = { stateCode?: string | null; house?: 'LS' | 'AE' | null; constituencyNo?: number | null };

/** The seat of a visit: as given (a constituency of the reference geography), else the visited unit's AC, else none. */
export async function seatOf(tx: Tx, unitId: number, v: SeatFields, field = 'constituencyNo') {
  if (v.stateCode && v.house && v.constituencyNo) {
    const hit = await tx.selectFrom('constituencies').select('no').where('state_code', '=', v.stateCode).where('house', '=', v.house).where('no', '=', v.constituencyNo).executeTakeFirst();
    if (!hit) throw new Invalid(`No ${v.house} constituency ${v.constituencyNo} in state ${v.stateCode}`, [{ field, message: 'no such constituency' }]);
    return { state_code: v.stateCode, house: v.house, constituency_no: v.constituencyNo };
  }
  const u = await tx.selectFrom('units').select(['state_code', 'ac_no']).where('id', '=', unitId).executeTakeFirst();
  if (u?.state_code && u.ac_no) return { state_code: u.state_code, house: 'AE' as const, constituency_no: u.ac_no };
  return { state_code: null, house: null, constituency_no: null };
}

/** A visit can be logged by a writer of the tour's unit, or of the unit visited (a district logging the leader's visit there). */
async function visitUnit(tx: Tx, actor: Actor, tourPath: string, unitId: number) {
  const [unit] = await requireUnits(tx, actor, 'programmes.read', [unitId]);
  if (!canWriteVisit(actor, { unit_path: unit.path, tour_unit_path: tourPath })) throw new NotFound('unit');
  return unit;
}

function assertWithin(tour: { starts_on: string; ends_on: string }, visitOn: string): void {
  if (visitOn < tour.starts_on || visitOn > tour.ends_on) {
    throw new Invalid(`The visit on ${visitOn} falls outside the tour (${tour.starts_on} to ${tour.ends_on})`, [{ field: 'visitOn', message: 'falls outside the tour\'s dates' }]);
  }
}

export async function createVisit(tx: Tx, actor: Actor, tourId: number, input: VisitInput): Promise<Visit> {
  requirePermission(actor, 'programmes.write');
  const tour = await requireTour(tx, actor, tourId);
  const unit = await visitUnit(tx, actor, tour.unit_path, input.unitId);
  assertWithin(tour, input.visitOn);
  const seat = await seatOf(tx, unit.id, input);
  const { id } = await tx.insertInto('tour_visits').values({
    tenant_id: actor.tenantId, tour_id: tourId, tour_unit_path: tour.unit_path, unit_id: unit.id, unit_path: unit.path, ...seat,
    visit_on: input.visitOn, meetings: JSON.stringify(input.meetings), ground_report: input.groundReport ? JSON.stringify(input.groundReport) : null, created_by: actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { type: 'visit.create', entity: 'tour_visits', rowIds: [id], unitPath: unit.path, detail: { tourId, visitOn: input.visitOn, report: Boolean(input.groundReport) } });
  return getVisit(tx, actor, id);
}

export async function getVisit(tx: Tx, actor: Actor, id: number): Promise<Visit> {
  return toVisit(actor, await requireVisit(tx, actor, id, false));
}

export async function updateVisit(tx: Tx, actor: Actor, id: number, patch: VisitPatch): Promise<Visit> {
  const before = await requireVisit(tx, actor, id, true);
  const tour = await tx.selectFrom('tours').select(['starts_on', 'ends_on']).where('id', '=', before.tour_id).executeTakeFirstOrThrow();
  const unit = patch.unitId ? await visitUnit(tx, actor, before.tour_unit_path, patch.unitId) : { id: before.unit_id, path: before.unit_path };
  if (patch.visitOn) assertWithin(tour, patch.visitOn);
  const seatChanged = patch.unitId !== undefined || patch.constituencyNo !== undefined;
  const seat = seatChanged ? await seatOf(tx, unit.id, patch) : null;
  await tx.updateTable('tour_visits').set({
    unit_id: unit.id, unit_path: unit.path, ...seat, ...(patch.visitOn && { visit_on: patch.visitOn }),
    ...(patch.meetings && { meetings: JSON.stringify(patch.meetings) }),
    ...(patch.groundReport !== undefined && { ground_report: patch.groundReport ? JSON.stringify(patch.groundReport) : null }), updated_at: new Date(),
  }).where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'visit.update', entity: 'tour_visits', rowIds: [id], unitPath: unit.path, detail: { tourId: before.tour_id, fields: Object.keys(patch) } });
  return getVisit(tx, actor, id);
}

export async function removeVisit(tx: Tx, actor: Actor, id: number): Promise<void> {
  const before = await requireVisit(tx, actor, id, true);
  await tx.deleteFrom('tour_visits').where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'visit.remove', entity: 'tour_visits', rowIds: [id], unitPath: before.unit_path, detail: { tourId: before.tour_id, visitOn: before.visit_on } });
}
