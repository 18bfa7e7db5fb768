// A unit's committee: its slots from the designation types of its level, who holds each seat,
// vacancies (computed, never typed in), the norm check and the history; the phone-first booth page;
// filling and ending a seat. Reads are one SQL statement building JSON, so the booth page costs one
// round trip after the grant check (it must stay fast with hundreds of office-bearers saving at once).
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, Invalid, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission, requireUnits, type ScopedUnit } from '../access/access.ts';
import { auditInsertSql, recordAudit } from '../access/audit.ts';
import type { AssignBody, BoothPage, Committee } from './committee.schemas.ts';
import type { PersonSummary } from './people.schemas.ts';
import { createPerson, findPersonByPhone } from './people.service.ts';
import { maskPhone } from '../../shared/phones.ts';
import { refreshStrength } from './strength.service.ts';
import { FIGURES, toStrength, zeroSums, type Grade } from './strength.ts';

interface TypeRow { code: string; name: string; nameHi: string | null; seats: number; perPage: boolean; isRequired: boolean; isHead: boolean }
interface HolderRow { designationId: number; code: string; seat: number; personId: number; name: string; nameHi: string | null; phone: string; gender: PersonSummary['gender']; category: PersonSummary['category']; isVerified: boolean; fromDate: string }
interface PageRow {
  unit: Committee['unit']; path: string; pages: number; types: TypeRow[] | null; holders: HolderRow[] | null; history: Committee['history'] | null;
  norm: { minFormed: number; minWomen: number; minScSt: number } | null;
  sums?: Record<string, number> | null; grade?: Grade | null; workerCount?: { count: number; verified: number };
  workers?: (Omit<PersonSummary, 'phoneMasked'> & { phone: string })[] | null;
}

function committeeSql(unitId: number, withBooth: boolean, paths: string[]) {
  // Holders and workers are built once in laterals that also answer their ids and paths, which the
  // person.read audit of the same statement takes (re-reading them out of the page's JSON cost more).
  const booth = withBooth ? sql`,
    'sums', (select json_build_object(${sql.join(FIGURES.map((f) => sql`${f}::text, coalesce(sum(${sql.ref(f)}), 0)`), sql`, `)})
             from unit_strength s where s.tenant_id = u.tenant_id and s.unit_id = u.id),
    'grade', (select o.grade from unit_own_strength o where o.tenant_id = u.tenant_id and o.unit_id = u.id),
    'workerCount', (select json_build_object('count', count(*), 'verified', count(*) filter (where p.is_verified))
                    from people p where p.tenant_id = u.tenant_id and p.home_unit_id = u.id and p.merged_into is null),
    'workers', w.list` : sql``;
  const workers = withBooth ? sql`
    left join lateral (select json_agg(json_build_object('id', p.id, 'name', p.name, 'nameHi', p.name_hi, 'phone', p.phone,
        'homeUnitId', p.home_unit_id, 'homeUnitName', u.name, 'gender', p.gender, 'category', p.category, 'isVerified', p.is_verified,
        'wings', p.wings,
        'designations', coalesce((select json_agg(json_build_object('unitId', d.unit_id, 'unitName', du.name, 'code', d.code) order by d.id)
          from designations d join units du on du.tenant_id = d.tenant_id and du.id = d.unit_id
          where d.tenant_id = p.tenant_id and d.person_id = p.id and d.to_date is null), '[]'::json)) order by p.name, p.id) as list,
        array_agg(p.id) as ids, array_agg(p.unit_path) as paths
      from (select * from people p where p.tenant_id = u.tenant_id and p.home_unit_id = u.id and p.merged_into is null
            order by p.name, p.id limit 50) p) w on true` : sql`
    cross join (select null::bigint[] as ids, null::ltree[] as paths) w`;
  return sql`
    select json_build_object(
      'unit', json_build_object('id', u.id, 'name', u.name, 'nameHi', u.name_hi, 'level', u.level, 'levelName', l.name,
        'levelNameHi', l.name_hi, 'stateCode', u.state_code, 'acNo', u.ac_no, 'partNo', u.part_no, 'wing', u.wing),
      'path', u.path::text,
      'pages', case when u.level = 'booth' and u.wing is null then coalesce((select ceil(ps.electors / 30.0)::int from polling_stations ps
        where ps.state_code = u.state_code and ps.era = 2008 and ps.ac_no = u.ac_no and ps.part_no = u.part_no), 0) else 0 end,
      'types', (select json_agg(json_build_object('code', t.code, 'name', t.name, 'nameHi', t.name_hi, 'seats', t.seats, 'perPage', t.per_page,
          'isRequired', t.is_required, 'isHead', t.is_head) order by t.sort, t.code)
        from designation_types t where t.tenant_id = u.tenant_id and t.level = u.level),
      'norm', (select json_build_object('minFormed', n.min_formed, 'minWomen', n.min_women, 'minScSt', n.min_sc_st)
        from committee_norms n where n.tenant_id = u.tenant_id and n.level = u.level),
      'holders', h.list,
      'history', (select json_agg(h order by h."toDate" desc, h."designationId" desc) from (
        select d.id as "designationId", d.code, d.seat, d.person_id as "personId", p.name, p.name_hi as "nameHi", d.from_date as "fromDate",
          d.to_date as "toDate", d.end_reason as "endReason"
        from (select * from designations d where d.tenant_id = u.tenant_id and d.unit_id = u.id and d.to_date is not null
              order by d.to_date desc, d.id desc limit ${withBooth ? 10 : 50}) d
        join people p on p.tenant_id = d.tenant_id and p.id = d.person_id) h)
      ${booth}
    ) as page,
    coalesce(h.ids, '{}') || coalesce(w.ids, '{}') as ids, coalesce(h.paths, '{}') || coalesce(w.paths, '{}') as paths
    from units u join unit_levels l on l.tenant_id = u.tenant_id and l.level = u.level
    left join lateral (select json_agg(json_build_object('designationId', d.id, 'code', d.code, 'seat', d.seat, 'personId', p.id, 'name', p.name,
          'nameHi', p.name_hi, 'phone', p.phone, 'gender', p.gender, 'category', p.category, 'isVerified', p.is_verified,
          'fromDate', d.from_date)) as list, array_agg(p.id) as ids, array_agg(p.unit_path) as paths
        from designations d join people p on p.tenant_id = d.tenant_id and p.id = d.person_id
        where d.tenant_id = u.tenant_id and d.unit_id = u.id and d.to_date is null) h on true
    ${workers}
    where u.id = ${unitId} and u.path <@ ${paths}::ltree[]`;
}

/** Slots, holders, vacancies and the norm check, from one unit's committee row. */
function toCommittee(r: PageRow): Committee {
  const holders = new Map((r.holders ?? []).map((h) => [`${h.code}:${h.seat}`, h]));
  const slots: Committee['slots'] = [];
  for (const t of r.types ?? []) {
    const seats = t.perPage ? r.pages : t.seats;
    for (let seat = 1; seat <= seats; seat++) {
      const h = holders.get(`${t.code}:${seat}`);
      slots.push({ code: t.code, name: t.name, nameHi: t.nameHi, seat, isRequired: t.isRequired, isHead: t.isHead, perPage: t.perPage,
        holder: h ? { designationId: h.designationId, personId: h.personId, name: h.name, nameHi: h.nameHi, phoneMasked: maskPhone(h.phone),
          gender: h.gender, category: h.category, isVerified: h.isVerified, fromDate: h.fromDate } : null });
    }
  }
  const required = slots.filter((s) => s.isRequired);
  const filled = required.filter((s) => s.holder).length;
  const heads = slots.filter((s) => s.isHead && s.seat === 1);
  const norm = r.norm ?? { minFormed: 1, minWomen: 0, minScSt: 0 };
  // Members are people, not seats: one person holding two seats counts once towards the norms.
  const members = new Map((r.holders ?? []).map((h) => [h.personId, h]));
  const women = [...members.values()].filter((h) => h.gender === 'female').length;
  const scSt = [...members.values()].filter((h) => h.category === 'SC' || h.category === 'ST').length;
  return {
    unit: r.unit, slots, vacancies: required.length - filled, pages: r.pages,
    norm: { ...norm, women, scSt, formed: heads.every((s) => s.holder) && filled >= norm.minFormed },
    history: r.history ?? [],
  };
}

/**
 * The page of a unit the actor may read, and the person.read audit of the people on it, in one
 * statement: the grant check is in its WHERE (units under the actor's org.read grants; row-level
 * security has already hidden other tenants), so an out-of-reach unit reads nothing, audits nothing
 * and answers 404 like a missing one.
 */
async function readPage(tx: Tx, actor: Actor, unitId: number, withBooth: boolean): Promise<PageRow> {
  requirePermission(actor, 'org.read');
  const audit = auditInsertSql(actor, 'person.read', 'people', sql`jsonb_build_object('via', ${withBooth ? 'booth' : 'committee'}::text, 'unitId', ${unitId}::bigint)`,
    sql`array(select x::text from (select distinct unnest(pg.ids) as x) i order by x)`, sql`org_common_path(pg.paths)`, sql`from pg where cardinality(pg.ids) > 0`);
  const row = (await sql<{ page: PageRow }>`
    with pg as (${committeeSql(unitId, withBooth, pathsWith(actor, 'org.read'))}),
    audit as (${audit})
    select page from pg`.execute(tx)).rows[0];
  if (!row || !can(actor, 'org.read', row.page.path)) throw new NotFound('unit');
  return row.page;
}

export async function getCommittee(tx: Tx, actor: Actor, unitId: number): Promise<Committee> {
  const page = await readPage(tx, actor, unitId, false);
  return toCommittee(page);
}

/** The phone-first booth page: the unit, its strength, its committee and its first 50 workers, in one read. */
export async function getBoothPage(tx: Tx, actor: Actor, unitId: number): Promise<BoothPage> {
  const page = await readPage(tx, actor, unitId, true);
  const sums = zeroSums();
  for (const f of FIGURES) sums[f] = Number(page.sums?.[f] ?? 0);
  const workers = (page.workers ?? []).map(({ phone, ...w }) => ({ ...w, phoneMasked: maskPhone(phone) }));
  return {
    unit: page.unit, strength: toStrength(page.unit.id, sums, page.grade ?? null), committee: toCommittee(page),
    workers: { count: page.workerCount?.count ?? 0, verified: page.workerCount?.verified ?? 0, items: workers },
  };
}

interface SeatTarget extends ScopedUnit { code: string | null; seats: number; per_page: boolean; pages: number }

/**
 * The unit to write to, with the designation type asked for and, for a per-page type, the booth's
 * roll pages: the grant check and the seat's bounds in one statement.
 */
async function seatTarget(tx: Tx, actor: Actor, unitId: number, code: string): Promise<SeatTarget> {
  requirePermission(actor, 'org.write');
  const row = (await sql<SeatTarget>`
    select u.id, u.path::text as path, u.level, u.name, t.code, coalesce(t.seats, 0) as seats, coalesce(t.per_page, false) as per_page,
      case when t.per_page then coalesce((select ceil(ps.electors / 30.0)::int from polling_stations ps where ps.state_code = u.state_code
        and ps.era = 2008 and ps.ac_no = u.ac_no and ps.part_no = u.part_no), 0) else 0 end as pages
    from units u left join designation_types t on t.tenant_id = u.tenant_id and t.level = u.level and t.code = ${code}
    where u.id = ${unitId}`.execute(tx)).rows[0];
  if (!row || !can(actor, 'org.write', row.path)) throw new NotFound('unit');
  return row;
}

/** Fills a seat with a known person or one found or created by phone; 409 when held unless replace. */
export async function assignDesignation(tx: Tx, actor: Actor, unitId: number, body: AssignBody) {
  const unit = await seatTarget(tx, actor, unitId, body.code);
  if (!unit.code) throw new Invalid(`No designation ${body.code} at level ${unit.level}`, [{ field: 'code', message: `not a designation of a ${unit.level}` }]);
  const limit = unit.per_page ? unit.pages : unit.seats;
  if (body.seat > limit) {
    throw new Invalid(`Seat ${body.seat} is beyond the ${limit} seats of ${body.code}`, [{ field: 'seat', message: unit.per_page ? `the booth has ${limit} roll pages` : `at most ${limit}` }]);
  }
  // A known person is checked inside takeSeat (in reach as for requirePerson); one found or made by phone here.
  const person = 'personId' in body ? { id: body.personId, check: true }
    : { id: (await findPersonByPhone(tx, actor, body.person.phone))?.id ?? (await createPerson(tx, actor, body.person)).id, check: false };
  const seat = await takeSeat(tx, actor, unit, body.code, body.seat, person, body.replace ?? false);
  await refreshStrength(tx, [unit.id]); // last: ancestors' shard rows stay locked until commit
  return { id: seat.id, unitId: unit.id, personId: person.id, code: body.code, seat: body.seat, fromDate: seat.fromDate, replacedId: seat.heldId };
}

/**
 * Locks the seat's current holder, ends it when replacing, inserts the new designation and writes its
 * audit event, in one statement (the booth page's save is the hot path). The insert reads from the
 * update's result, so the old row is ended before the new one meets the one-holder-per-seat index; a
 * concurrent fill of the same seat surfaces as that index's violation: 409, never two holders. With
 * check, the person must be in the actor's org.read reach, as requirePerson decides: their home unit or
 * a current seat under such a grant (row-level security hides the rest); otherwise 404 and no change.
 */
async function takeSeat(tx: Tx, actor: Actor, unit: ScopedUnit, code: string, seatNo: number,
  person: { id: number; check: boolean }, replace: boolean) {
  const paths = pathsWith(actor, 'org.read');
  const reach = person.check ? sql`exists (select 1 from people p where p.id = ${person.id}::bigint and (p.unit_path <@ ${paths}::ltree[]
      or exists (select 1 from designations d where d.tenant_id = p.tenant_id and d.person_id = p.id and d.to_date is null
        and d.unit_path <@ ${paths}::ltree[])))` : sql`true`;
  const audit = auditInsertSql(actor, 'designation.assign', 'designations',
    sql`jsonb_build_object('code', ${code}::text, 'seat', ${seatNo}::int, 'personId', ${person.id}::bigint, 'replaced', (select id from h))`,
    sql`array_remove(array[ins.id::text, (select id from h)::text], null)`, sql`${unit.path}::ltree`, sql`from ins`);
  type Row = { person_ok: boolean; held_id: number | null; id: number | null; from_date: string | null };
  let row: Row | undefined;
  try {
    row = (await sql<Row>`
      with ok as (select ${reach} as person_ok),
      h as (
        select id from designations where unit_id = ${unit.id} and code = ${code} and seat = ${seatNo} and to_date is null
          and (select person_ok from ok) for update),
      ended as (
        update designations d set to_date = current_date, end_reason = 'replaced' from h where d.id = h.id and ${replace}::boolean
        returning d.id),
      ins as (
        insert into designations (tenant_id, unit_id, unit_path, level, code, seat, person_id, created_by)
        select ${actor.tenantId}::uuid, ${unit.id}::bigint, ${unit.path}::ltree, ${unit.level}, ${code}, ${seatNo}::int, ${person.id}::bigint, ${actor.userId}::uuid
        from (select count(*) from ended) e
        where (select person_ok from ok) and (${replace}::boolean or not exists (select 1 from h))
        returning id, from_date),
      audit as (${audit})
      select (select person_ok from ok) as person_ok, (select id from h) as held_id, (select id from ins) as id, (select from_date from ins) as from_date`.execute(tx)).rows[0];
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new Conflict('Someone filled this seat a moment ago', [{ field: 'seat', message: 'held' }]);
    throw e;
  }
  if (!row?.person_ok) throw new NotFound('person');
  if (!row.id) {
    throw new Conflict(`Seat ${seatNo} of ${code} is held (designation ${row.held_id}); send replace: true to replace the holder`,
      [{ field: 'seat', message: 'held' }]);
  }
  return { id: row.id, fromDate: row.from_date!, heldId: row.held_id };
}

export async function endDesignation(tx: Tx, actor: Actor, designationId: number, body: { reason?: string }) {
  requirePermission(actor, 'org.write');
  const d = await tx.selectFrom('designations').select(['id', 'unit_id', 'to_date', 'code', 'seat', 'person_id']).where('id', '=', designationId).executeTakeFirst();
  if (!d) throw new NotFound('designation');
  const [unit] = await requireUnits(tx, actor, 'org.write', [d.unit_id]).catch(() => { throw new NotFound('designation'); });
  if (d.to_date) throw new Conflict(`Designation ${d.id} ended on ${d.to_date}`);
  const endReason = body.reason ?? 'ended';
  const row = await tx.updateTable('designations').set({ to_date: sql<string>`current_date`, end_reason: endReason })
    .where('id', '=', d.id).returning('to_date').executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { type: 'designation.end', entity: 'designations', rowIds: [d.id], unitPath: unit.path,
    detail: { code: d.code, seat: d.seat, personId: d.person_id, reason: endReason } });
  await refreshStrength(tx, [unit.id]);
  return { id: d.id, toDate: row.to_date!, endReason };
}
