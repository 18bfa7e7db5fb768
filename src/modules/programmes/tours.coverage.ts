// Coverage of seats by tours: for a scope unit and the last N days, each seat of an election with its
// class for the party (elections module), its organisation (booth committees formed, from the AC units'
// strength sums), the visits and days spent there, and when a central leader last came. "Central"
// means a tour organised at the tenant's root unit. A seat is weak when the party never won it, lost it
// by under maxMargin votes, or it is a battleground (won or lost within 5%) where under half the booths
// have a formed committee: a comfortably held seat with a thin organisation is not a touring priority.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { findSeats } from '../elections/seats.service.ts';
import { addDays, indiaDay } from '../../shared/time.ts';
import type { Coverage, CoverageQuery, CoverageSeat } from './tours.schemas.ts';

interface SeatKey { state: string; no: number }
interface VisitFigures { visits: number; days: number; last: string | null; lastCentral: string | null; next: string | null }

/** The scope unit (asked for, or the actor's widest programmes.read grant) and the seats' states and ACs under it. */
async function scopeOf(tx: Tx, actor: Actor, unitId?: number) {
  const unit = unitId ? (await requireUnits(tx, actor, 'programmes.read', [unitId]))[0]
    : (await requireUnits(tx, actor, 'programmes.read', [Number(pathsWith(actor, 'programmes.read')[0].split('.').pop())]))[0];
  const name = (await tx.selectFrom('units').select('name').where('id', '=', unit.id).executeTakeFirstOrThrow()).name;
  // At the root every seat of the election counts; below it, the seats whose AC unit sits in the subtree.
  if (!unit.path.includes('.')) return { unit, name, acs: null };
  const acs = await tx.selectFrom('units').select(['state_code', 'ac_no']).where('tenant_id', '=', actor.tenantId).where('level', '=', 'ac')
    .where('wing', 'is', null).where('state_code', 'is not', null).where('ac_no', 'is not', null).where(sql<boolean>`path <@ ${unit.path}::ltree`).execute();
  return { unit, name, acs: new Set(acs.map((a) => `${a.state_code}:${a.ac_no}`)) };
}

/**
 * Visits per seat, through row-level security (the actor's visible tours only), cancelled tours left out.
 * An assembly visit also counts for the Lok Sabha seat its AC belongs to.
 */
async function visitFigures(tx: Tx, house: 'LS' | 'AE', states: string[], since: string, day: string): Promise<Map<string, VisitFigures>> {
  if (states.length === 0) return new Map();
  const seatNo = house === 'AE' ? sql`v.constituency_no` : sql`case when v.house = 'LS' then v.constituency_no else c.pc_no end`;
  const rows = (await sql<{ state_code: string; no: number; visits: number; days: number; last: string | null; last_central: string | null; next: string | null }>`
    select v.state_code, ${seatNo} as no,
      count(*) filter (where v.visit_on between ${since}::date and ${day}::date)::int as visits,
      count(distinct v.visit_on) filter (where v.visit_on between ${since}::date and ${day}::date)::int as days,
      max(v.visit_on) filter (where v.visit_on <= ${day}::date)::text as last,
      max(v.visit_on) filter (where v.visit_on <= ${day}::date and nlevel(v.tour_unit_path) = 1)::text as last_central,
      min(v.visit_on) filter (where v.visit_on > ${day}::date)::text as next
    from tour_visits v
    join tours t on t.tenant_id = v.tenant_id and t.id = v.tour_id and t.status <> 'cancelled'
    left join constituencies c on v.house = 'AE' and c.state_code = v.state_code and c.house = 'AE' and c.no = v.constituency_no and c.era = 2008
    where v.state_code = any(${states}::text[]) and v.constituency_no is not null
      and ${house === 'AE' ? sql`v.house = 'AE'` : sql`true`}
    group by 1, 2`.execute(tx)).rows;
  return new Map(rows.filter((r) => r.no != null).map((r) => [`${r.state_code}:${r.no}`, { visits: r.visits, days: r.days, last: r.last, lastCentral: r.last_central, next: r.next }]));
}

/** Booths and formed committees per seat from the AC units' strength sums (no booth is scanned). */
async function orgFigures(tx: Tx, actor: Actor, house: 'LS' | 'AE', seats: SeatKey[]): Promise<Map<string, { booths: number; formed: number }>> {
  if (!can(actor, 'org.read') || seats.length === 0) return new Map();
  const states = [...new Set(seats.map((s) => s.state))];
  const seatNo = house === 'AE' ? sql`u.ac_no` : sql`c.pc_no`;
  const rows = (await sql<{ state_code: string; no: number; booths: number; formed: number }>`
    select u.state_code, ${seatNo} as no, coalesce(sum(x.booths), 0)::int as booths, coalesce(sum(x.booths_formed), 0)::int as formed
    from units u
    join unit_strength x on x.tenant_id = u.tenant_id and x.unit_id = u.id
    left join constituencies c on c.state_code = u.state_code and c.house = 'AE' and c.era = 2008 and c.no = u.ac_no
    where u.tenant_id = ${actor.tenantId} and u.level = 'ac' and u.wing is null and u.state_code = any(${states}::text[])
    group by 1, 2`.execute(tx)).rows;
  return new Map(rows.map((r) => [`${r.state_code}:${r.no}`, { booths: r.booths, formed: r.formed }]));
}

function weakness(classes: string[], org: { booths: number; formed: number } | undefined): CoverageSeat['weakBecause'] {
  const out: CoverageSeat['weakBecause'] = [];
  if (classes.includes('never-won')) out.push('never-won');
  if (classes.includes('lost-close')) out.push('lost-close');
  if (classes.includes('battleground') && org && org.booths > 0 && org.formed * 2 < org.booths) out.push('organisation');
  return out;
}

/** The window ends on `day`, by default India's date (src/shared/time.ts) whatever the server's clock zone: a visit's day is a day in India. */
export async function findCoverage(tx: Tx, actor: Actor, q: CoverageQuery, day = indiaDay()): Promise<Coverage> {
  requirePermission(actor, 'programmes.read');
  const scope = await scopeOf(tx, actor, q.unitId);
  const seats = await findSeats(tx, actor, { election: q.election, party: q.party, strongholdRuns: 3, battlegroundPct: 5, closeVotes: q.maxMargin });
  const house = seats.election.house as 'LS' | 'AE';
  const inScope = await seatsInScope(tx, house, seats.items, scope.acs);
  const since = addDays(day, -(q.days - 1));
  const states = [...new Set(inScope.map((s) => s.state))];
  const [visits, org] = await Promise.all([
    visitFigures(tx, house, states, since, day),
    orgFigures(tx, actor, house, inScope.map((s) => ({ state: s.state, no: s.constituencyNo }))),
  ]);
  const all = inScope.map((s): CoverageSeat => {
    const key = `${s.state}:${s.constituencyNo}`;
    const v = visits.get(key);
    const o = org.get(key);
    const weakBecause = weakness(s.classes, o);
    return {
      stateCode: s.state, house, constituencyNo: s.constituencyNo, name: s.constituency, classes: s.classes, partyLead: s.partyLead,
      booths: o?.booths ?? null, boothsFormed: o?.formed ?? null, isWeak: weakBecause.length > 0, weakBecause,
      visits: v?.visits ?? 0, days: v?.days ?? 0, lastVisitOn: v?.last ?? null, lastCentralVisitOn: v?.lastCentral ?? null,
      centralVisited: Boolean(v?.lastCentral && v.lastCentral >= since), nextVisitOn: v?.next ?? null,
    };
  });
  const items = all.filter((s) => (!q.weakOnly || s.isWeak) && (!q.notVisited || !s.centralVisited));
  return {
    election: seats.election.id, party: seats.party, days: q.days, since, today: day, scope: { unitId: scope.unit.id, name: scope.name },
    counts: { seats: all.length, weak: all.filter((s) => s.isWeak).length, weakNotVisited: all.filter((s) => s.isWeak && !s.centralVisited).length, centralVisited: all.filter((s) => s.centralVisited).length },
    items,
  };
}

/** The election's seats under the scope: all at the root; else the ACs of the subtree (a Lok Sabha seat when one of its ACs is). */
async function seatsInScope<T extends { state: string; constituencyNo: number }>(tx: Tx, house: 'LS' | 'AE', seats: T[], acs: Set<string> | null): Promise<T[]> {
  if (!acs) return seats;
  if (house === 'AE') return seats.filter((s) => acs.has(`${s.state}:${s.constituencyNo}`));
  const pcs = await tx.selectFrom('constituencies').select(['state_code', 'no', 'pc_no']).where('house', '=', 'AE').where('era', '=', 2008).execute();
  const mine = new Set(pcs.filter((c) => acs.has(`${c.state_code}:${c.no}`)).map((c) => `${c.state_code}:${c.pc_no}`));
  return seats.filter((s) => mine.has(`${s.state}:${s.constituencyNo}`));
}
