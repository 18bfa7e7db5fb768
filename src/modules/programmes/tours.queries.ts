// Reading tours and visits as the API shapes them, and the grant checks every use case starts with.
// Row-level security already hides what the actor may not see; these add which grant may write.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { can, requirePermission } from '../access/access.ts';
import type { GroundReport, Meeting, Tour, Visit } from './tours.schemas.ts';

export function tourQuery(tx: Tx) {
  return tx.selectFrom('tours as t')
    // Left joins: a booth sees a national tour through its visit, but not the national unit itself.
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.unit_id'))
    .select(['t.id', 't.leader_person_id', 't.leader_name', 't.leader_name_hi', 't.unit_id', 'u.name as unit_name', 'u.name_hi as unit_name_hi',
      't.title', 't.starts_on', 't.ends_on', 't.status', 't.stay', 't.notes',
      (eb) => eb.cast<string>('t.unit_path', 'text').as('unit_path'),
      // Counted through row-level security: a district sees the count of the visits it can see.
      sql<number>`(select count(*)::int from tour_visits v where v.tenant_id = t.tenant_id and v.tour_id = t.id)`.as('visit_count')]);
}
export type TourRow = Awaited<ReturnType<ReturnType<typeof tourQuery>['executeTakeFirstOrThrow']>>;

/** A tour organised at the tenant's root unit is a central leader's tour (coverage counts these apart). */
export const isCentralPath = (path: string) => !path.includes('.');

export function toTour(actor: Actor, r: TourRow): Tour {
  return {
    id: r.id, leaderPersonId: r.leader_person_id, leaderName: r.leader_name, leaderNameHi: r.leader_name_hi,
    unitId: r.unit_id, unitName: r.unit_name ?? null, unitNameHi: r.unit_name_hi ?? null, isCentral: isCentralPath(r.unit_path),
    title: r.title, startsOn: r.starts_on, endsOn: r.ends_on, status: r.status, stay: r.stay, notes: r.notes,
    visitCount: Number(r.visit_count), canWrite: can(actor, 'programmes.write', r.unit_path),
  };
}

export function visitQuery(tx: Tx) {
  return tx.selectFrom('tour_visits as v')
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'v.tenant_id').onRef('u.id', '=', 'v.unit_id'))
    .select(['v.id', 'v.tour_id', 'v.unit_id', 'u.name as unit_name', 'u.name_hi as unit_name_hi', 'v.state_code', 'v.house', 'v.constituency_no',
      'v.visit_on', 'v.meetings', 'v.ground_report',
      (eb) => eb.cast<string>('v.unit_path', 'text').as('unit_path'), (eb) => eb.cast<string>('v.tour_unit_path', 'text').as('tour_unit_path'),
      // Seats are numbered per delimitation era: the latest era's name.
      sql<string | null>`(select c.name from constituencies c where c.state_code = v.state_code and c.house = v.house and c.no = v.constituency_no order by c.era desc limit 1)`.as('seat_name')]);
}
export type VisitRow = Awaited<ReturnType<ReturnType<typeof visitQuery>['executeTakeFirstOrThrow']>>;

/** A visit may be changed by a writer of the tour's organising unit or of the unit visited (field users log their own). */
export const canWriteVisit = (actor: Actor, r: { unit_path: string; tour_unit_path: string }) =>
  can(actor, 'programmes.write', r.unit_path) || can(actor, 'programmes.write', r.tour_unit_path);

export function toVisit(actor: Actor, r: VisitRow): Visit {
  return {
    id: r.id, tourId: r.tour_id, unitId: r.unit_id, unitName: r.unit_name ?? null, unitNameHi: r.unit_name_hi ?? null,
    seat: r.state_code && r.house && r.constituency_no ? { stateCode: r.state_code, house: r.house, constituencyNo: r.constituency_no, name: r.seat_name } : null,
    visitOn: r.visit_on, meetings: (r.meetings ?? []) as Meeting[], groundReport: (r.ground_report ?? null) as GroundReport | null,
    canWrite: canWriteVisit(actor, r),
  };
}

/** The tour, if the actor may read it (programmes.read on its unit or on a unit it visits); else 404. */
export async function requireTour(tx: Tx, actor: Actor, id: number): Promise<TourRow> {
  requirePermission(actor, 'programmes.read');
  const row = await tourQuery(tx).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('tour');
  if (can(actor, 'programmes.read', row.unit_path)) return row;
  // Seen through a visit: the actor needs programmes.read where that visit is.
  const visits = await tx.selectFrom('tour_visits').select((eb) => eb.cast<string>('unit_path', 'text').as('p')).where('tour_id', '=', id).execute();
  if (!visits.some((v) => can(actor, 'programmes.read', v.p))) throw new NotFound('tour');
  return row;
}

export async function requireVisit(tx: Tx, actor: Actor, id: number, write: boolean): Promise<VisitRow> {
  requirePermission(actor, write ? 'programmes.write' : 'programmes.read');
  const row = await visitQuery(tx).where('v.id', '=', id).executeTakeFirst();
  const allowed = row && (write ? canWriteVisit(actor, row) : can(actor, 'programmes.read', row.unit_path) || can(actor, 'programmes.read', row.tour_unit_path));
  if (!row || !allowed) throw new NotFound('visit');
  return row;
}
