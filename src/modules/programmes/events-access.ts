// Who may touch an event, shared by the events use cases. The CLI acts as the system for one tenant
// (no grants, the whole tree), so these take an actor or a system actor.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { can, requirePermission, requireUnits, type ScopedUnit } from '../access/access.ts';
import type { SystemActor } from '../access/audit.ts';

export type Who = Actor | SystemActor;
export type ProgrammesPermission = 'programmes.read' | 'programmes.write';
export const isSystem = (who: Who): who is SystemActor => 'system' in who;
export const userOf = (who: Who): string | null => (isSystem(who) ? null : who.userId);

/** Units by id for the actor's permission (missing and forbidden both 404), or any unit of the tenant for the system. */
export async function unitsFor(tx: Tx, who: Who, permission: ProgrammesPermission, ids: number[]): Promise<ScopedUnit[]> {
  if (!isSystem(who)) return requireUnits(tx, who, permission, ids);
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await tx.selectFrom('units').select(['id', 'level', 'name', (eb) => eb.cast<string>('path', 'text').as('path')])
    .where('tenant_id', '=', who.tenantId).where('id', 'in', unique).execute();
  if (rows.length !== unique.length) throw new NotFound('unit');
  return rows;
}

export interface EventRow {
  id: number; kind: 'meeting' | 'training' | 'conference' | 'rally'; title: string; title_hi: string | null; starts_at: Date; ends_at: Date;
  place: string | null; unit_id: number; unit_path: string; unit_name: string; status: 'planned' | 'cancelled' | 'done';
  course_code: string | null; rules: unknown; invited_at: Date | null;
}

export function eventQuery(tx: Tx) {
  return tx.selectFrom('events as e')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'))
    .select(['e.id', 'e.kind', 'e.title', 'e.title_hi', 'e.starts_at', 'e.ends_at', 'e.place', 'e.unit_id', 'u.name as unit_name',
      'e.status', 'e.course_code', 'e.rules', 'e.invited_at', sql<string>`e.unit_path::text`.as('unit_path')]);
}

/** The event, if it exists and the actor holds the permission on its organising unit; else 404. */
export async function requireEvent(tx: Tx, who: Who, permission: ProgrammesPermission, id: number): Promise<EventRow> {
  if (!isSystem(who)) requirePermission(who, permission);
  const row = await eventQuery(tx).where('e.tenant_id', '=', who.tenantId).where('e.id', '=', id).executeTakeFirst();
  if (!row || (!isSystem(who) && !can(who, permission, row.unit_path))) throw new NotFound('event');
  return row as EventRow;
}
