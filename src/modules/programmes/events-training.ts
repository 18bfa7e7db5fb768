// A training as a curriculum of sessions: completion per session and person; a person has completed
// a training when every one of its sessions is complete. A designation type can require a course
// (events.course_code): its holders who have not completed a training of that course are "lacking".
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor, Tx } from '../../db/scope.ts';
import { Forbidden, Invalid, NotFound } from '../../shared/errors.ts';
import { can, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { requireEvent } from './events-access.ts';
import type { CompletionBody, Gaps, GapsQuery, RequirementBody } from './events.schemas.ts';

const MAX_GAP_ITEMS = 500;

/** Marks (or clears) a session's completion for invitees of the training. */
export async function markCompletion(tx: Tx, actor: Actor, eventId: number, no: number, body: z.infer<typeof CompletionBody>) {
  const ev = await requireEvent(tx, actor, 'programmes.write', eventId);
  const session = await tx.selectFrom('training_sessions').select('no').where('tenant_id', '=', actor.tenantId).where('event_id', '=', eventId).where('no', '=', no).executeTakeFirst();
  if (!session) throw new NotFound('session');
  const ids = [...new Set(body.personIds.map(Number))];
  const invited = await tx.selectFrom('event_invitees').select('person_id').where('tenant_id', '=', actor.tenantId).where('event_id', '=', eventId).where('person_id', 'in', ids).execute();
  const missing = ids.filter((id) => !invited.some((r) => Number(r.person_id) === id));
  if (missing.length) throw new Invalid(`Not invited to this training: ${missing.slice(0, 10).join(', ')}`, [{ field: 'personIds', message: `not invited: ${missing.slice(0, 10).join(', ')}` }]);
  const before = await trainedStatus(tx, ids);
  let changed: number;
  if (body.completed) {
    // The completion carries the person's home path, so their own units count them as trained.
    const res = await sql`insert into session_completions (tenant_id, event_id, no, person_id, unit_path, recorded_by)
      select ${actor.tenantId}::uuid, ${eventId}::bigint, ${no}::smallint, p.id, p.unit_path, ${actor.userId}::uuid
      from people p where p.tenant_id = ${actor.tenantId} and p.id = any(${ids}::bigint[])
      on conflict do nothing`.execute(tx);
    changed = Number(res.numAffectedRows ?? 0n);
  } else {
    const res = await tx.deleteFrom('session_completions').where('tenant_id', '=', actor.tenantId).where('event_id', '=', eventId)
      .where('no', '=', no).where('person_id', 'in', ids).executeTakeFirst();
    changed = Number(res.numDeletedRows);
  }
  if (changed > 0) await moveTraineeTasks(tx, before, await trainedStatus(tx, ids));
  await recordAudit(tx, actor, { type: 'training.complete', entity: 'session_completions', rowIds: ids, unitPath: ev.unit_path, detail: { eventId, session: no, completed: body.completed, changed } });
  return { changed };
}

/** 'person:course' for each course the people completed a training of, and 'person:*' for any training. */
async function trainedStatus(tx: Tx, ids: number[]): Promise<Set<string>> {
  const { rows } = await sql<{ person_id: string; course: string }>`select person_id::text, course from prog_trained_status(${ids}::bigint[])`.execute(tx);
  return new Set(rows.map((r) => `${r.person_id}:${r.course}`));
}

/** Trainees-completed tasks count a person once per course: only a change of status moves their sums. */
async function moveTraineeTasks(tx: Tx, before: Set<string>, after: Set<string>): Promise<void> {
  const moves = [...[...after].filter((k) => !before.has(k)).map((k) => [k, 1] as const), ...[...before].filter((k) => !after.has(k)).map((k) => [k, -1] as const)];
  if (moves.length === 0) return;
  const split = moves.map(([k]) => k.split(':'));
  await sql`select prog_add_trained(m.person, m.course, m.delta) from unnest(${split.map((x) => Number(x[0]))}::bigint[],
    ${split.map((x) => x[1])}::text[], ${moves.map(([, d]) => d)}::int[]) as m(person, course, delta)`.execute(tx);
}

/**
 * For the review's scorecards: distinct people who completed any training, counted in each given
 * unit's subtree by the person's home path. The caller needs programmes.read or review.read there.
 */
export async function countTrainedPeople(tx: Tx, actor: Actor, unitIds: number[]): Promise<Map<number, number>> {
  const ids = [...new Set(unitIds.map(Number))];
  if (ids.length === 0) return new Map();
  const units = await tx.selectFrom('units').select(['id', sql<string>`path::text`.as('path')]).where('id', 'in', ids).execute();
  if (units.length !== ids.length || units.some((u) => !can(actor, 'programmes.read', u.path) && !can(actor, 'review.read', u.path))) throw new NotFound('unit');
  // From the trained people (few) to their home paths by primary key, then one count per unit.
  const rows = (await sql<{ id: string; n: number }>`with t as (
      select (select p.unit_path from people p where p.tenant_id = ${actor.tenantId} and p.id = t.person_id and p.merged_into is null) as path
      from events_trained_people(null) t)
    select u.id::text as id, (select count(*)::int from t where t.path <@ u.path) as n
    from units u where u.tenant_id = ${actor.tenantId} and u.id = any(${ids}::bigint[])`.execute(tx)).rows;
  return new Map(ids.map((id) => [id, rows.find((r) => Number(r.id) === id)?.n ?? 0]));
}

function requireConfigure(actor: Actor): void {
  requirePermission(actor, 'org.configure');
  const atRoot = actor.grants.some((g) => g.permissions.includes('org.configure') && !g.unitPath.includes('.'));
  if (!atRoot) throw new Forbidden('Requiring a training for a designation needs org.configure on the whole tenant');
}

export async function findRequirements(tx: Tx, actor: Actor) {
  requirePermission(actor, 'programmes.read');
  const rows = await tx.selectFrom('designation_types').select(['level', 'code', 'name', 'name_hi', 'required_course'])
    .where('required_course', 'is not', null).orderBy('level').orderBy('sort').execute();
  return { items: rows.map((r) => ({ level: r.level, code: r.code, name: r.name, nameHi: r.name_hi, course: r.required_course! })) };
}

/** Makes a designation require a training course (or no longer, with course null). */
export async function setRequirement(tx: Tx, actor: Actor, body: z.infer<typeof RequirementBody>) {
  requireConfigure(actor);
  const res = await tx.updateTable('designation_types').set({ required_course: body.course })
    .where('tenant_id', '=', actor.tenantId).where('level', '=', body.level).where('code', '=', body.code).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new Invalid(`No designation ${body.code} at level ${body.level}`, [{ field: 'code', message: 'no such designation at this level' }]);
  await recordAudit(tx, actor, { type: 'training.require', entity: 'designation_types', unitPath: null, detail: body });
  return findRequirements(tx, actor);
}

/** Holders of a designation in a unit's subtree who lack its required training: the list, and counts per child unit. */
export async function findTrainingGaps(tx: Tx, actor: Actor, query: z.infer<typeof GapsQuery>): Promise<Gaps> {
  const [unit] = await requireUnits(tx, actor, 'programmes.read', [query.unitId]);
  const type = await tx.selectFrom('designation_types').select('required_course').where('level', '=', query.level).where('code', '=', query.code).executeTakeFirst();
  if (!type) throw new Invalid(`No designation ${query.code} at level ${query.level}`, [{ field: 'code', message: 'no such designation at this level' }]);
  const course = type.required_course;
  const depth = unit.path.split('.').length;
  // Names by primary-key lookups, not joins (see personWing in events-invitees.ts).
  const rows = (await sql<{ person_id: string; unit_id: string; unit_name: string; name: string; name_hi: string | null; child: string; lacking: boolean }>`
    with holders as (
      select distinct on (d.person_id) d.person_id, d.unit_id, d.unit_path from designations d
      where d.tenant_id = ${actor.tenantId} and d.to_date is null and d.level = ${query.level} and d.code = ${query.code} and d.unit_path <@ ${unit.path}::ltree
      order by d.person_id, d.unit_path
    ), trained as (select person_id from events_trained_people(${course}::text) where ${course}::text is not null)
    select x.*, (select u.name from units u where u.tenant_id = ${actor.tenantId} and u.id = x.unit_id) as unit_name from (
      select h.person_id, h.unit_id,
        (select p.name from people p where p.tenant_id = ${actor.tenantId} and p.id = h.person_id) as name,
        (select p.name_hi from people p where p.tenant_id = ${actor.tenantId} and p.id = h.person_id) as name_hi,
        case when nlevel(h.unit_path) > ${depth}::int then ltree2text(subpath(h.unit_path, ${depth}::int, 1)) else ${String(unit.id)} end as child,
        (${course}::text is not null and h.person_id not in (select person_id from trained)) as lacking
      from holders h) x
    order by x.name, x.person_id`.execute(tx)).rows;
  const lacking = rows.filter((r) => r.lacking);
  const items = lacking.slice(0, MAX_GAP_ITEMS).map((r) => ({ personId: Number(r.person_id), name: r.name, nameHi: r.name_hi, unitId: Number(r.unit_id), unitName: r.unit_name }));
  if (items.length) await recordAudit(tx, actor, { type: 'person.read', entity: 'designations', rowIds: items.map((i) => i.personId), unitPath: unit.path, detail: { trainingGaps: `${query.level}/${query.code}` } });
  return { course, holders: rows.length, lacking: lacking.length, truncated: lacking.length > MAX_GAP_ITEMS, byUnit: await byChild(tx, actor.tenantId, rows), items };
}

async function byChild(tx: Tx, tenantId: string, rows: { child: string; lacking: boolean }[]): Promise<Gaps['byUnit']> {
  const tally = new Map<number, { holders: number; lacking: number }>();
  for (const r of rows) {
    const t = tally.get(Number(r.child)) ?? { holders: 0, lacking: 0 };
    tally.set(Number(r.child), { holders: t.holders + 1, lacking: t.lacking + (r.lacking ? 1 : 0) });
  }
  if (tally.size === 0) return [];
  const units = await tx.selectFrom('units').select(['id', 'name', 'name_hi']).where('tenant_id', '=', tenantId).where('id', 'in', [...tally.keys()]).execute();
  return units.map((u) => ({ unitId: Number(u.id), name: u.name, nameHi: u.name_hi, ...tally.get(Number(u.id))! }))
    .sort((a, b) => b.lacking - a.lacking || a.name.localeCompare(b.name));
}
