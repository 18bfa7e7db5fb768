// Strength maintenance and reads (docs/organisation.md, Strength). Writes recompute the own figures of
// the units they touched from the base tables and add the difference to one shard of every ancestor
// (org_apply_strength_delta), so a read of any unit — the nation included — sums at most SHARDS rows.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { requireUnits } from '../access/access.ts';
import { FIGURES, SHARDS, toStrength, zeroSums, type Grade, type Strength, type Sums } from './strength.ts';

type Db = Executor | Tx;
type UnitFilter = { ids: number[] } | { under: string } | 'all';

/**
 * Own figures of units, computed from units, designations, designation types, norms, people and the
 * roll (polling_stations): one row per unit with the columns of unit_own_strength. Set-based, so the
 * same text serves a one-booth save, a subtree GROUP BY and a rebuild of the whole tenant.
 */
function ownFigures(tenantId: string, filter: UnitFilter): RawBuilder<unknown> {
  const where = filter === 'all' ? sql``
    : 'ids' in filter ? sql`and u.id = any(${filter.ids}::bigint[])` : sql`and u.path <@ ${filter.under}::ltree`;
  return sql`
    with u as (
      select u.id, u.path, u.level, (u.level = 'booth' and u.wing is null) as is_booth,
        case when u.level = 'booth' and u.wing is null then coalesce(ceil(ps.electors / 30.0)::int, 0) else 0 end as pages
      from units u
      left join polling_stations ps on ps.state_code = u.state_code and ps.era = 2008 and ps.ac_no = u.ac_no and ps.part_no = u.part_no
      where u.tenant_id = ${tenantId} ${where}
    ),
    lt as (
      select level, coalesce(sum(seats) filter (where is_required and not per_page), 0)::int as fixed_slots,
        coalesce(bool_or(is_required and per_page), false) as page_slots, (count(*) filter (where is_head))::int as heads
      from designation_types where tenant_id = ${tenantId} group by level
    ),
    dd as (
      select d.unit_id, d.code, d.seat, d.person_id, t.is_required, t.is_head, t.per_page, t.seats, u.pages
      from designations d
      join u on u.id = d.unit_id
      join designation_types t on t.tenant_id = d.tenant_id and t.level = d.level and t.code = d.code
      where d.tenant_id = ${tenantId} and d.to_date is null
    ),
    ds as (
      select unit_id,
        (count(*) filter (where is_required and seat <= case when per_page then pages else seats end))::int as filled,
        (count(distinct seat) filter (where per_page and seat <= pages))::int as pages_covered,
        (count(distinct code) filter (where is_head and seat = 1))::int as heads
      from dd group by unit_id
    ),
    m as (
      select x.unit_id, count(*)::int as members, (count(*) filter (where p.gender = 'female'))::int as women,
        (count(*) filter (where p.category in ('SC', 'ST')))::int as sc_st
      from (select distinct unit_id, person_id from dd) x
      join people p on p.tenant_id = ${tenantId} and p.id = x.person_id
      group by x.unit_id
    ),
    w as (
      select p.home_unit_id as unit_id, count(*)::int as workers, (count(*) filter (where p.is_verified))::int as verified
      from people p join u on u.id = p.home_unit_id
      where p.tenant_id = ${tenantId} and p.merged_into is null
      group by p.home_unit_id
    ),
    f as (
      select u.id as unit_id, u.path as unit_path, u.is_booth, u.pages,
        coalesce(lt.fixed_slots, 0) + case when lt.page_slots then u.pages else 0 end as slots,
        coalesce(ds.filled, 0) as filled, coalesce(ds.pages_covered, 0) as pages_covered,
        coalesce(ds.heads, 0) >= coalesce(lt.heads, 0) and coalesce(ds.filled, 0) >= coalesce(n.min_formed, 1) as formed,
        coalesce(ds.heads, 0) > 0 as head,
        coalesce(m.members, 0) as members, coalesce(m.women, 0) as women, coalesce(m.sc_st, 0) as sc_st,
        coalesce(w.workers, 0) as workers, coalesce(w.verified, 0) as verified, coalesce(n.min_women, 0)::int as min_women
      from u
      left join lt on lt.level = u.level
      left join ds on ds.unit_id = u.id
      left join m on m.unit_id = u.id
      left join w on w.unit_id = u.id
      left join committee_norms n on n.tenant_id = ${tenantId} and n.level = u.level
    )
    select unit_id, unit_path, is_booth, (is_booth and formed)::int as booths_formed, slots, filled, members, women, sc_st,
      workers, verified, pages, pages_covered,
      case when is_booth then org_booth_grade(formed, head, slots, filled, pages, pages_covered, workers, verified, women, min_women) end as grade
    from f`;
}

const OWN_COLUMNS = ['booths_formed', 'slots', 'filled', 'members', 'women', 'sc_st', 'workers', 'verified', 'pages', 'pages_covered'] as const;

/** The contribution of one own row to its ancestors' sums, in FIGURES order (n: new, o: old). */
function contribution(alias: string): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql.join([
    sql`coalesce(${a}.is_booth::int, 0)`,
    ...OWN_COLUMNS.map((c) => sql`coalesce(${a}.${sql.ref(c)}, 0)`),
    ...(['A', 'B', 'C', 'D'] as const).map((g) => sql`coalesce((${a}.grade = ${g})::int, 0)`),
  ], sql`, `);
}

/**
 * Recomputes the own figures of the given units (unit_own_strength) from the base tables and adds
 * the change to every ancestor's sums (unit_strength, via org_apply_strength_delta). Call it in the
 * same transaction as any write that changes a unit's committee, workers or their verification —
 * last, just before commit: the ancestors' shard rows stay locked until then. Units the actor cannot
 * see (row-level security) are skipped.
 */
export async function refreshStrength(tx: Tx, unitIds: number[]): Promise<void> {
  const ids = [...new Set(unitIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  // Lock the own rows first (creating missing ones as "nothing counted yet"): the next statement then
  // reads base tables and the stored row as of after any concurrent save of the same unit committed.
  const t = (await sql<{ t: string | null }>`select org_lock_own_strength(${ids}::bigint[]) as t`.execute(tx)).rows[0]?.t;
  if (!t) throw new Error('refreshStrength needs an actor transaction (app.tenant_id)');
  const set = sql.join([sql`unit_path = excluded.unit_path`, sql`is_booth = excluded.is_booth`, sql`grade = excluded.grade`,
    ...OWN_COLUMNS.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`)], sql`, `);
  const cols = sql.join(['unit_id', 'unit_path', 'is_booth', ...OWN_COLUMNS, 'grade'].map((c) => sql.ref(c)), sql`, `);
  const zero = `{${FIGURES.map(() => 0).join(',')}}`;
  await sql`
    with n as (${ownFigures(t, { ids })}),
    o as (select * from unit_own_strength where tenant_id = ${t} and unit_id = any(${ids}::bigint[])),
    up as (
      insert into unit_own_strength (tenant_id, ${cols}) select ${t}, ${cols} from n
      on conflict (tenant_id, unit_id) do update set ${set}
      returning unit_id),
    delta as (
      select n.unit_id, (array[${contribution('n')}])::int[] as now, (array[${contribution('o')}])::int[] as was
      from n left join o on o.unit_id = n.unit_id),
    changed as (
      select unit_id, (select array_agg(a - b order by i) from unnest(now, was) with ordinality as x(a, b, i)) as d
      from delta where now <> was order by unit_id % ${SHARDS}, unit_id)
    select (select count(*) from up) as written, count(org_apply_strength_delta(unit_id, (unit_id % ${SHARDS})::smallint, d)) as applied
    from changed where d <> ${zero}::int[]`.execute(tx);
}

/**
 * Recomputes every unit's own figures and all subtree sums of one tenant, set-based (seeding, bulk
 * imports, a change of designation types or norms). Runs as the system or inside an actor's
 * transaction with the tenant's whole tree in scope.
 */
export async function rebuildStrength(db: Executor, tenantId: string): Promise<void> {
  const cols = sql.join(['unit_id', 'unit_path', 'is_booth', ...OWN_COLUMNS, 'grade'].map((c) => sql.ref(c)), sql`, `);
  const set = sql.join([sql`unit_path = excluded.unit_path`, sql`is_booth = excluded.is_booth`, sql`grade = excluded.grade`,
    ...OWN_COLUMNS.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`)], sql`, `);
  await sql`insert into unit_own_strength (tenant_id, ${cols}) select ${tenantId}, ${cols} from (${ownFigures(tenantId, 'all')}) f
    on conflict (tenant_id, unit_id) do update set ${set}`.execute(db);
  await sql`select org_rebuild_strength_sums(${tenantId}::uuid)`.execute(db);
}

const sumColumns = sql.join(FIGURES.map((f) => sql`coalesce(sum(${sql.ref(`s.${f}`)}), 0)::int as ${sql.ref(f)}`), sql`, `);

function toSums(row: Record<string, unknown> | undefined): Sums {
  const s = zeroSums();
  if (row) for (const f of FIGURES) s[f] = Number(row[f] ?? 0);
  return s;
}

/** Strength of many units at once from their shards (children of a drill-down page). */
export async function strengthOfUnits(tx: Db, unitIds: number[]): Promise<Map<number, Strength>> {
  const out = new Map<number, Strength>();
  if (unitIds.length === 0) return out;
  const rows = (await sql<Record<string, unknown> & { unit_id: number; grade: Grade | null }>`
    select u.id as unit_id, o.grade, ${sumColumns}
    from unnest(${unitIds}::bigint[]) as u(id)
    left join unit_strength s on s.tenant_id = (select app_tenant()) and s.unit_id = u.id
    left join unit_own_strength o on o.tenant_id = (select app_tenant()) and o.unit_id = u.id
    group by u.id, o.grade`.execute(tx)).rows;
  for (const r of rows) out.set(Number(r.unit_id), toStrength(Number(r.unit_id), toSums(r), r.grade ?? null));
  return out;
}

/** GET /api/org/units/:unitId/strength: the unit's shards summed (≤ SHARDS rows, whatever its size). */
export async function getStrength(tx: Tx, actor: Actor, unitId: number): Promise<Strength> {
  const [unit] = await requireUnits(tx, actor, 'org.read', [unitId]);
  return (await strengthOfUnits(tx, [unit.id])).get(unit.id)!;
}

/**
 * The same figures as a plain GROUP BY over the base tables of the unit's subtree, with no stored
 * sums: what the benchmark reports beside getStrength, and what the tests hold the sums to.
 */
export async function strengthByGroupBy(db: Db, tenantId: string, unitId: number): Promise<Strength> {
  const unit = await db.selectFrom('units').select((eb) => eb.cast<string>('path', 'text').as('path'))
    .where('tenant_id', '=', tenantId).where('id', '=', unitId).executeTakeFirstOrThrow();
  const row = (await sql<Record<string, unknown>>`
    select coalesce(sum(is_booth::int), 0)::int as booths, coalesce(sum(booths_formed), 0)::int as booths_formed,
      ${sql.join(OWN_COLUMNS.filter((c) => c !== 'booths_formed').map((c) => sql`coalesce(sum(${sql.ref(c)}), 0)::int as ${sql.ref(c)}`), sql`, `)},
      (count(*) filter (where grade = 'A'))::int as grade_a, (count(*) filter (where grade = 'B'))::int as grade_b,
      (count(*) filter (where grade = 'C'))::int as grade_c, (count(*) filter (where grade = 'D'))::int as grade_d,
      max(grade) filter (where unit_id = ${unitId}) as own_grade
    from (${ownFigures(tenantId, { under: unit.path })}) f`.execute(db)).rows[0];
  return toStrength(unitId, toSums(row), (row?.own_grade as Grade | null) ?? null);
}
