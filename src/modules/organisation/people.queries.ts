// Reading people: who may see or change a person, the summaries every list answers with, and the
// person.read audit every read of personal data writes. Used by people.service.ts, merge.ts and
// the inductee and representative services.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { can, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { PersonSummary } from './people.schemas.ts';
import { maskPhone } from '../../shared/phones.ts';

export interface PersonRow {
  id: number; phone: string; other_phones: string[]; name: string; name_hi: string | null;
  gender: PersonSummary['gender']; age_band: string | null; category: PersonSummary['category']; epic: string | null;
  home_unit_id: number | null; unit_path: string; wings: string[]; roll_page: number | null;
  phone_verified_at: Date | null; epic_matched_at: Date | null; vouched_by: number | null; vouched_at: Date | null;
  is_verified: boolean; merged_into: number | null; created_at: Date; updated_at: Date;
  /** Paths of the units where the person holds a current designation (visible to the actor). */
  seat_paths: string[];
}

export function personQuery(tx: Tx) {
  return tx.selectFrom('people as p').select([
    'p.id', 'p.phone', 'p.other_phones', 'p.name', 'p.name_hi', 'p.gender', 'p.age_band', 'p.category', 'p.epic',
    'p.home_unit_id', (eb) => eb.cast<string>('p.unit_path', 'text').as('unit_path'), 'p.wings', 'p.roll_page',
    'p.phone_verified_at', 'p.epic_matched_at', 'p.vouched_by', 'p.vouched_at', 'p.is_verified', 'p.merged_into',
    'p.created_at', 'p.updated_at',
    sql<string[]>`array(select d.unit_path::text from designations d where d.tenant_id = p.tenant_id and d.person_id = p.id and d.to_date is null)`.as('seat_paths'),
  ]);
}

/**
 * A person is in the actor's reach for a permission when their home unit is under a grant carrying
 * it, or when they hold a current seat there (a state president who lives in another district).
 */
export function canOnPerson(actor: Actor, permission: string, row: Pick<PersonRow, 'unit_path' | 'seat_paths'>): boolean {
  return can(actor, permission, row.unit_path) || row.seat_paths.some((p) => can(actor, permission, p));
}

/** One person the actor may read (org.read) or change (org.write); missing and forbidden both 404. */
export async function requirePerson(tx: Tx, actor: Actor, permission: 'org.read' | 'org.write', id: number): Promise<PersonRow> {
  requirePermission(actor, permission);
  const row = await personQuery(tx).where('p.id', '=', id).executeTakeFirst() as PersonRow | undefined;
  if (!row || !canOnPerson(actor, permission, row)) throw new NotFound('person');
  return row;
}

/** The longest path all the given paths sit under: where an audit event about them belongs. */
export function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let parts = paths[0].split('.');
  for (const p of paths.slice(1)) {
    const other = p.split('.');
    let i = 0;
    while (i < parts.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? parts.join('.') : null;
}

/** Every read of personal data leaves a person.read event naming the people read. */
export async function auditPeopleRead(tx: Tx, actor: Actor, rows: { id: number; unit_path: string }[], detail: Record<string, unknown>): Promise<void> {
  if (rows.length === 0) return;
  await recordAudit(tx, actor, { type: 'person.read', entity: 'people', rowIds: rows.map((r) => r.id), unitPath: commonPath(rows.map((r) => r.unit_path)), detail });
}

/** Summaries for ids, in the order given. Phones are always masked; the full number is the unmask call's. */
export async function loadSummaries(tx: Tx, ids: number[]): Promise<Map<number, PersonSummary & { unitPath: string }>> {
  const out = new Map<number, PersonSummary & { unitPath: string }>();
  if (ids.length === 0) return out;
  const rows = await tx.selectFrom('people as p')
    .leftJoin('units as h', (j) => j.onRef('h.tenant_id', '=', 'p.tenant_id').onRef('h.id', '=', 'p.home_unit_id'))
    .select(['p.id', 'p.name', 'p.name_hi', 'p.phone', 'p.home_unit_id', 'h.name as home_name', 'p.gender', 'p.category', 'p.is_verified', 'p.wings',
      (eb) => eb.cast<string>('p.unit_path', 'text').as('unit_path')])
    .where('p.id', 'in', ids).execute();
  const seats = await tx.selectFrom('designations as d')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.unit_id'))
    .select(['d.person_id', 'd.unit_id', 'u.name', 'd.code']).where('d.person_id', 'in', ids).where('d.to_date', 'is', null)
    .orderBy('d.person_id').orderBy('d.id').execute();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id, name: r.name, nameHi: r.name_hi, phoneMasked: maskPhone(r.phone), homeUnitId: r.home_unit_id, homeUnitName: r.home_name,
      gender: r.gender, category: r.category, isVerified: r.is_verified, wings: r.wings, unitPath: r.unit_path,
      designations: seats.filter((s) => s.person_id === r.id).map((s) => ({ unitId: s.unit_id, unitName: s.name, code: s.code })),
    });
  }
  return out;
}

/** Drops the unitPath loadSummaries keeps for scope checks, so answers hold exactly the schema. */
export function summaryOf(s: PersonSummary & { unitPath?: string }): PersonSummary {
  const { unitPath: _unitPath, ...rest } = s;
  return rest;
}
