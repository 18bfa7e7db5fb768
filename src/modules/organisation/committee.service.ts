// A unit's committee: its slots from the designation types of its level, who holds each seat,
// vacancies (computed, never typed in), the norm check and the history; the phone-first booth page;
// filling and ending a seat. Reads are one SQL statement building JSON, so the booth page costs one
// round trip after the grant check (it must stay fast with hundreds of office-bearers saving at once).
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, Invalid, NotFound } from '../../shared/errors.ts';
import { requirePermission, requireUnits, type ScopedUnit } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { AssignBody, BoothPage, Committee } from './committee.schemas.ts';
import type { PersonSummary } from './people.schemas.ts';
import { auditPeopleRead, requirePerson } from './people.queries.ts';
import { createPerson, findPersonByPhone } from './people.service.ts';
import { maskPhone } from './phones.ts';
import { refreshStrength } from './strength.service.ts';
import { FIGURES, toStrength, zeroSums, type Grade } from './strength.ts';

interface TypeRow { code: string; name: string; nameHi: string | null; seats: number; perPage: boolean; isRequired: boolean; isHead: boolean }
interface HolderRow { designationId: number; code: string; seat: number; personId: number; name: string; nameHi: string | null; phone: string; gender: PersonSummary['gender']; category: PersonSummary['category']; isVerified: boolean; fromDate: string; unitPath: string }
interface PageRow {
  unit: Committee['unit']; pages: number; types: TypeRow[] | null; holders: HolderRow[] | null; history: Committee['history'] | null;
  norm: { minFormed: number; minWomen: number; minScSt: number } | null;
  sums?: Record<string, number> | null; grade?: Grade | null; workerCount?: { count: number; verified: number };
  workers?: (Omit<PersonSummary, 'phoneMasked'> & { phone: string; unitPath: string })[] | null;
}

function committeeSql(unitId: number, withBooth: boolean) {
  const booth = withBooth ? sql`,
    'sums', (select json_build_object(${sql.join(FIGURES.map((f) => sql`${f}::text, coalesce(sum(${sql.ref(f)}), 0)`), sql`, `)})
             from unit_strength s where s.tenant_id = u.tenant_id and s.unit_id = u.id),
    'grade', (select o.grade from unit_own_strength o where o.tenant_id = u.tenant_id and o.unit_id = u.id),
    'workerCount', (select json_build_object('count', count(*), 'verified', count(*) filter (where p.is_verified))
                    from people p where p.tenant_id = u.tenant_id and p.home_unit_id = u.id and p.merged_into is null),
    'workers', (select json_agg(json_build_object('id', p.id, 'name', p.name, 'nameHi', p.name_hi, 'phone', p.phone,
        'homeUnitId', p.home_unit_id, 'homeUnitName', u.name, 'gender', p.gender, 'category', p.category, 'isVerified', p.is_verified,
        'wings', p.wings, 'unitPath', p.unit_path::text,
        'designations', coalesce((select json_agg(json_build_object('unitId', d.unit_id, 'unitName', du.name, 'code', d.code) order by d.id)
          from designations d join units du on du.tenant_id = d.tenant_id and du.id = d.unit_id
          where d.tenant_id = p.tenant_id and d.person_id = p.id and d.to_date is null), '[]'::json)) order by p.name, p.id)
      from (select * from people p where p.tenant_id = u.tenant_id and p.home_unit_id = u.id and p.merged_into is null
            order by p.name, p.id limit 50) p)` : sql``;
  return sql<{ page: PageRow }>`
    select json_build_object(
      'unit', json_build_object('id', u.id, 'name', u.name, 'nameHi', u.name_hi, 'level', u.level, 'levelName', l.name,
        'levelNameHi', l.name_hi, 'stateCode', u.state_code, 'acNo', u.ac_no, 'partNo', u.part_no, 'wing', u.wing),
      'pages', case when u.level = 'booth' and u.wing is null then coalesce((select ceil(ps.electors / 30.0)::int from polling_stations ps
        where ps.state_code = u.state_code and ps.era = 2008 and ps.ac_no = u.ac_no and ps.part_no = u.part_no), 0) else 0 end,
      'types', (select json_agg(json_build_object('code', t.code, 'name', t.name, 'nameHi', t.name_hi, 'seats', t.seats, 'perPage', t.per_page,
          'isRequired', t.is_required, 'isHead', t.is_head) order by t.sort, t.code)
        from designation_types t where t.tenant_id = u.tenant_id and t.level = u.level),
      'norm', (select json_build_object('minFormed', n.min_formed, 'minWomen', n.min_women, 'minScSt', n.min_sc_st)
        from committee_norms n where n.tenant_id = u.tenant_id and n.level = u.level),
      'holders', (select json_agg(json_build_object('designationId', d.id, 'code', d.code, 'seat', d.seat, 'personId', p.id, 'name', p.name,
          'nameHi', p.name_hi, 'phone', p.phone, 'gender', p.gender, 'category', p.category, 'isVerified', p.is_verified,
          'fromDate', d.from_date, 'unitPath', p.unit_path::text))
        from designations d join people p on p.tenant_id = d.tenant_id and p.id = d.person_id
        where d.tenant_id = u.tenant_id and d.unit_id = u.id and d.to_date is null),
      'history', (select json_agg(h order by h."toDate" desc, h."designationId" desc) from (
        select d.id as "designationId", d.code, d.seat, d.person_id as "personId", p.name, p.name_hi as "nameHi", d.from_date as "fromDate",
          d.to_date as "toDate", d.end_reason as "endReason"
        from designations d join people p on p.tenant_id = d.tenant_id and p.id = d.person_id
        where d.tenant_id = u.tenant_id and d.unit_id = u.id and d.to_date is not null
        order by d.to_date desc, d.id desc limit 50) h)
      ${booth}
    ) as page
    from units u join unit_levels l on l.tenant_id = u.tenant_id and l.level = u.level
    where u.id = ${unitId}`;
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

async function readPage(tx: Tx, unit: ScopedUnit, withBooth: boolean): Promise<PageRow> {
  const row = (await committeeSql(unit.id, withBooth).execute(tx)).rows[0];
  if (!row) throw new NotFound('unit');
  return row.page;
}

export async function getCommittee(tx: Tx, actor: Actor, unitId: number): Promise<Committee> {
  const [unit] = await requireUnits(tx, actor, 'org.read', [unitId]);
  const page = await readPage(tx, unit, false);
  await auditPeopleRead(tx, actor, (page.holders ?? []).map((h) => ({ id: h.personId, unit_path: h.unitPath })), { via: 'committee', unitId: unit.id });
  return toCommittee(page);
}

/** The phone-first booth page: the unit, its strength, its committee and its first 50 workers, in one read. */
export async function getBoothPage(tx: Tx, actor: Actor, unitId: number): Promise<BoothPage> {
  const [unit] = await requireUnits(tx, actor, 'org.read', [unitId]);
  const page = await readPage(tx, unit, true);
  const sums = zeroSums();
  for (const f of FIGURES) sums[f] = Number(page.sums?.[f] ?? 0);
  const workers = (page.workers ?? []).map(({ phone, unitPath: _p, ...w }) => ({ ...w, phoneMasked: maskPhone(phone) }));
  const read = [...(page.holders ?? []).map((h) => ({ id: h.personId, unit_path: h.unitPath })),
    ...(page.workers ?? []).map((w) => ({ id: w.id, unit_path: w.unitPath }))];
  await auditPeopleRead(tx, actor, [...new Map(read.map((r) => [r.id, r])).values()], { via: 'booth', unitId: unit.id });
  return {
    unit: page.unit, strength: toStrength(unit.id, sums, page.grade ?? null), committee: toCommittee(page),
    workers: { count: page.workerCount?.count ?? 0, verified: page.workerCount?.verified ?? 0, items: workers },
  };
}

/** Upper bound of a seat: the type's seats, or the booth's roll pages for a per-page type. */
async function seatLimit(tx: Tx, unit: ScopedUnit, type: { seats: number; per_page: boolean }): Promise<number> {
  if (!type.per_page) return type.seats;
  const r = (await sql<{ pages: number }>`select coalesce(ceil(ps.electors / 30.0)::int, 0) as pages from units u
    left join polling_stations ps on ps.state_code = u.state_code and ps.era = 2008 and ps.ac_no = u.ac_no and ps.part_no = u.part_no
    where u.id = ${unit.id}`.execute(tx)).rows[0];
  return r?.pages ?? 0;
}

/** Fills a seat with a known person or one found or created by phone; 409 when held unless replace. */
export async function assignDesignation(tx: Tx, actor: Actor, unitId: number, body: AssignBody) {
  const [unit] = await requireUnits(tx, actor, 'org.write', [unitId]);
  const type = await tx.selectFrom('designation_types').select(['code', 'seats', 'per_page', 'level'])
    .where('level', '=', unit.level).where('code', '=', body.code).executeTakeFirst();
  if (!type) throw new Invalid(`No designation ${body.code} at level ${unit.level}`, [{ field: 'code', message: `not a designation of a ${unit.level}` }]);
  const limit = await seatLimit(tx, unit, type);
  if (body.seat > limit) {
    throw new Invalid(`Seat ${body.seat} is beyond the ${limit} seats of ${body.code}`, [{ field: 'seat', message: type.per_page ? `the booth has ${limit} roll pages` : `at most ${limit}` }]);
  }
  let personId: number;
  if ('personId' in body) personId = (await requirePerson(tx, actor, 'org.read', body.personId)).id;
  else personId = (await findPersonByPhone(tx, actor, body.person.phone))?.id ?? (await createPerson(tx, actor, body.person)).id;

  const holder = await tx.selectFrom('designations').select(['id', 'person_id']).where('unit_id', '=', unit.id)
    .where('code', '=', body.code).where('seat', '=', body.seat).where('to_date', 'is', null).forUpdate().executeTakeFirst();
  if (holder && !body.replace) {
    throw new Conflict(`Seat ${body.seat} of ${body.code} is held (designation ${holder.id}); send replace: true to replace the holder`,
      [{ field: 'seat', message: 'held' }]);
  }
  if (holder) {
    await tx.updateTable('designations').set({ to_date: sql<string>`current_date`, end_reason: 'replaced' }).where('id', '=', holder.id).execute();
  }
  let row: { id: number; from_date: string };
  try {
    row = await tx.insertInto('designations').values({
      tenant_id: actor.tenantId, unit_id: unit.id, unit_path: unit.path, level: unit.level, code: body.code, seat: body.seat,
      person_id: personId, created_by: actor.userId,
    }).returning(['id', 'from_date']).executeTakeFirstOrThrow();
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new Conflict('Someone filled this seat a moment ago', [{ field: 'seat', message: 'held' }]);
    throw e;
  }
  await recordAudit(tx, actor, { type: 'designation.assign', entity: 'designations', rowIds: [row.id, ...(holder ? [holder.id] : [])], unitPath: unit.path,
    detail: { code: body.code, seat: body.seat, personId, replaced: holder?.id ?? null } });
  await refreshStrength(tx, [unit.id]); // last: ancestors' shard rows stay locked until commit
  return { id: row.id, unitId: unit.id, personId, code: body.code, seat: body.seat, fromDate: row.from_date, replacedId: holder?.id ?? null };
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
