// Duplicate people: found by the same EPIC, the same Latin name in the same home unit, or one's phone
// among the other's merged-in numbers; merged with history kept (the merged row stays, pointing at
// the kept one, and person_merges holds a snapshot of what it was).
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { MergeBody, PersonSummary } from './people.schemas.ts';
import { auditPeopleRead, canOnPerson, loadSummaries, personQuery, requirePerson, summaryOf, type PersonRow } from './people.queries.ts';
import { getPerson, unitsCounting } from './people.service.ts';
import type { Person } from './people.schemas.ts';
import { refreshStrength } from './strength.service.ts';

type Reason = 'epic' | 'name_booth' | 'other_phone';
const MAX_PAIRS = 200;

// "R. K. Sharma", "RK Sharma" and "rk  sharma" are one name.
const latinKey = (col: string) => sql`lower(regexp_replace(${sql.ref(col)}, '[^a-zA-Z]+', '', 'g'))`;

/** Candidate pairs among unmerged people in the actor's org.write scope (or under unitId). */
export async function findDuplicates(tx: Tx, actor: Actor, query: { unitId?: number }): Promise<{ items: { a: PersonSummary; b: PersonSummary; reason: Reason }[] }> {
  requirePermission(actor, 'org.write');
  const paths = query.unitId ? [(await requireUnits(tx, actor, 'org.write', [query.unitId]))[0].path] : pathsWith(actor, 'org.write');
  const inScope = sql`a.unit_path <@ array[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`;
  // The people of the scope once, each with its name key computed once; then three hash joins.
  const { rows } = await sql<{ a: number; b: number; reason: Reason }>`
    with s as materialized (
      select a.id, a.epic, a.home_unit_id, a.phone, a.other_phones, ${latinKey('a.name')} as k
      from people a where a.merged_into is null and ${inScope})
    select a_id as a, b_id as b, min(reason) as reason from (
      select a.id as a_id, b.id as b_id, 'epic' as reason from s a join s b on b.epic = a.epic and b.id > a.id
        where a.epic is not null
      union all
      select a.id, b.id, 'name_booth' from s a join s b on b.home_unit_id = a.home_unit_id and b.k = a.k and b.id > a.id
        where a.home_unit_id is not null and a.k <> ''
      union all
      select least(a.id, b.id), greatest(a.id, b.id), 'other_phone' from s a cross join lateral unnest(a.other_phones) o(phone)
        join s b on b.phone = o.phone and b.id <> a.id
    ) pairs group by a_id, b_id order by a_id, b_id limit ${MAX_PAIRS}`.execute(tx);
  const ids = [...new Set(rows.flatMap((r) => [r.a, r.b]))];
  const people = await personQuery(tx).where('p.id', 'in', ids.length ? ids : [0]).execute() as PersonRow[];
  // Both halves must be the actor's to change: a pair is a proposal to merge.
  const mine = new Set(people.filter((p) => canOnPerson(actor, 'org.write', p)).map((p) => p.id));
  const pairs = rows.filter((r) => mine.has(r.a) && mine.has(r.b));
  const summaries = await loadSummaries(tx, [...new Set(pairs.flatMap((r) => [r.a, r.b]))]);
  await auditPeopleRead(tx, actor, people.filter((p) => summaries.has(p.id)), { via: 'duplicates' });
  return { items: pairs.map((r) => ({ a: summaryOf(summaries.get(r.a)!), b: summaryOf(summaries.get(r.b)!), reason: r.reason })) };
}

// Fields a merge copies from the merged person when the kept one has none.
const FILLABLE = ['name_hi', 'gender', 'age_band', 'category', 'epic', 'roll_page', 'phone_verified_at', 'epic_matched_at', 'vouched_by', 'vouched_at'] as const;

function filled(keep: PersonRow, merge: PersonRow): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const f of FILLABLE) if (keep[f] === null && merge[f] !== null) set[f] = merge[f];
  // The roll page belongs to the EPIC it was matched with: take both or neither.
  if ('roll_page' in set && !('epic' in set) && keep.epic !== null) delete set.roll_page;
  if (keep.home_unit_id === null && merge.home_unit_id !== null) Object.assign(set, { home_unit_id: merge.home_unit_id, unit_path: merge.unit_path });
  const wings = [...new Set([...keep.wings, ...merge.wings])];
  if (wings.length !== keep.wings.length) set.wings = wings;
  set.other_phones = [...new Set([...keep.other_phones, merge.phone, ...merge.other_phones])].filter((p) => p !== keep.phone);
  return set;
}

/**
 * Merges mergeId into keepId: designations, offices, inductee records, proposals and vouches move to
 * the kept person, empty fields are filled from the merged one, and the merged row is kept (with
 * merged_into) so its history still reads. Only rows the actor can see move (row-level security).
 */
export async function mergePeople(tx: Tx, actor: Actor, body: MergeBody): Promise<Person> {
  const keep = await requirePerson(tx, actor, 'org.write', body.keepId);
  const merge = await requirePerson(tx, actor, 'org.write', body.mergeId);
  for (const p of [keep, merge]) if (p.merged_into !== null) throw new Conflict(`Person ${p.id} was already merged into person ${p.merged_into}`, [{ field: p === keep ? 'keepId' : 'mergeId', message: 'already merged' }]);
  const countedBefore = await unitsCounting(tx, [keep.id, merge.id]);
  // The merged row first: once its seats move away it may no longer be visible to the actor, and
  // leaving the unique index lets its number join the kept person's other_phones.
  await tx.updateTable('people').set({ merged_into: keep.id, updated_at: new Date() }).where('id', '=', merge.id).execute();
  const moved = {
    designations: await repoint(tx, 'designations', 'person_id', merge.id, keep.id),
    representatives: await repoint(tx, 'representatives', 'person_id', merge.id, keep.id),
    inductees: await repoint(tx, 'inductees', 'person_id', merge.id, keep.id),
    proposals: await repoint(tx, 'inductees', 'proposer_id', merge.id, keep.id),
    vouches: await repoint(tx, 'people', 'vouched_by', merge.id, keep.id),
  };
  const unitPath = can(actor, 'org.write', keep.unit_path) ? keep.unit_path : keep.seat_paths.find((p) => can(actor, 'org.write', p))!;
  await tx.insertInto('person_merges').values({
    tenant_id: actor.tenantId, kept_id: keep.id, merged_id: merge.id, unit_path: unitPath, by_user: actor.userId,
    snapshot: JSON.stringify({ person: { ...merge, seat_paths: undefined }, moved }),
  }).execute();
  await tx.updateTable('people').set({ ...filled(keep, merge), updated_at: new Date() }).where('id', '=', keep.id).execute();
  await recordAudit(tx, actor, { type: 'person.merge', entity: 'people', rowIds: [keep.id, merge.id], unitPath, detail: { keptId: keep.id, mergedId: merge.id, moved } });
  await refreshStrength(tx, [...new Set([...countedBefore, ...(await unitsCounting(tx, [keep.id]))])]);
  return getPerson(tx, actor, keep.id);
}

async function repoint(tx: Tx, table: 'designations' | 'representatives' | 'inductees' | 'people', column: string, from: number, to: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`update ${sql.table(table)} set ${sql.ref(column)} = ${to} where ${sql.ref(column)} = ${from} returning id`.execute(tx);
  return rows.map((r) => r.id);
}
