import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { can, pathsWith, requirePermission } from '../access/access.ts';

// The ACs the actor's visible units cover: a unit with a state but no AC covers its whole state.
const scopeAcs = sql`
  select c.state_code, c.no as ac_no, c.pc_no from constituencies c
  where c.house = 'AE' and c.era = 2008
    and (c.state_code in (select state_code from units where state_code is not null and ac_no is null)
      or (c.state_code, c.no) in (select state_code, ac_no from units where ac_no is not null))`;

/** The tenant at a glance, within the actor's scope. */
export async function getHome(tx: Tx, actor: Actor) {
  requirePermission(actor, 'tenant.view');
  const tenant = await tx.selectFrom('tenants').select(['name', 'name_hi', 'is_demo']).executeTakeFirstOrThrow();
  const scope = await tx.selectFrom('units').select(['id', 'name', 'name_hi', 'level'])
    .where(sql<string>`path::text`, 'in', pathsWith(actor, 'tenant.view')).orderBy('name').execute();
  const geography = (await sql<{ states: number; pcs: number; acs: number; booths: number }>`
    with ac as (${scopeAcs})
    select (select count(distinct state_code) from ac)::int as states,
           (select count(distinct (state_code, pc_no)) from ac)::int as pcs,
           (select count(*) from ac)::int as acs,
           (select count(*) from polling_stations p join ac on ac.state_code = p.state_code and ac.ac_no = p.ac_no where p.era = 2008)::int as booths`.execute(tx)).rows[0];
  const units = await tx.selectFrom('units')
    .innerJoin('unit_levels', (j) => j.onRef('unit_levels.tenant_id', '=', 'units.tenant_id').onRef('unit_levels.level', '=', 'units.level'))
    .select(['units.level', 'unit_levels.name', 'unit_levels.name_hi', 'unit_levels.depth', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['units.level', 'unit_levels.name', 'unit_levels.name_hi', 'unit_levels.depth']).orderBy('unit_levels.depth').execute();
  const users = await tx.selectFrom('grants').select((eb) => eb.fn.count<number>('user_id').distinct().as('n')).executeTakeFirstOrThrow();
  const recent = can(actor, 'audit.read')
    ? await tx.selectFrom('audit_events').select(['at', 'type', 'actor_label']).orderBy('id', 'desc').limit(8).execute()
    : [];
  return {
    tenant: { name: tenant.name, nameHi: tenant.name_hi, isDemo: tenant.is_demo },
    scope: scope.map((u) => ({ unitId: u.id, name: u.name, nameHi: u.name_hi, level: u.level })),
    geography,
    units: units.map((u) => ({ level: u.level, name: u.name, nameHi: u.name_hi, count: Number(u.count) })),
    users: Number(users.n),
    elections: await electionSummaries(tx),
    recent: recent.map((r) => ({ at: r.at.toISOString(), type: r.type, actorLabel: r.actor_label })),
  };
}

/** Seats and votes per party in each past election, counted over the constituencies in scope. */
async function electionSummaries(tx: Tx) {
  const rows = (await sql<{ id: string; name: string; year: number; house: string; party_code: string; party_name: string | null; name_hi: string | null; colour: string | null; seats: number; votes: number; total: number }>`
    with ac as (${scopeAcs}),
    scoped as (
      select r.* from results r join elections e on e.id = r.election_id
      where (e.house = 'AE' and (r.state_code, r.constituency_no) in (select state_code, ac_no from ac))
         or (e.house = 'LS' and (r.state_code, r.constituency_no) in (select state_code, pc_no from ac)))
    select e.id, e.name, e.year, e.house, s.party_code, p.name as party_name, p.name_hi, p.colour,
           count(*) filter (where s.position = 1)::int as seats, coalesce(sum(s.votes), 0)::bigint as votes,
           sum(coalesce(sum(s.votes), 0)) over (partition by e.id)::bigint as total
    from scoped s join elections e on e.id = s.election_id left join parties p on p.code = s.party_code
    group by e.id, e.name, e.year, e.house, s.party_code, p.name, p.name_hi, p.colour
    order by e.year desc, e.id, seats desc, votes desc`.execute(tx)).rows;
  const out = new Map<string, { id: string; name: string; year: number; house: string; seats: number; parties: { code: string; name: string; nameHi: string | null; colour: string | null; seats: number; votes: number; voteShare: number }[] }>();
  for (const r of rows) {
    const e = out.get(r.id) ?? { id: r.id, name: r.name, year: r.year, house: r.house, seats: 0, parties: [] };
    e.seats += r.seats;
    e.parties.push({ code: r.party_code ?? '—', name: r.party_name ?? r.party_code ?? '—', nameHi: r.name_hi, colour: r.colour, seats: r.seats, votes: Number(r.votes), voteShare: r.total ? Math.round((Number(r.votes) / Number(r.total)) * 10000) / 100 : 0 });
    out.set(r.id, e);
  }
  return [...out.values()];
}
