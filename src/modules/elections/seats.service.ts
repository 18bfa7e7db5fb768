import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { requirePermission } from '../access/access.ts';
import { boothGrade, classifySeats, type ClassifiedSeat } from './seat-classes.ts';
import type { SeatQuery, SeatsOut } from './seats.schemas.ts';

type Db = Executor | Tx;

/** Imported elections with their seat counts, newest first. Reference data: any reader of elections. */
export async function findElections(db: Db, actor: Actor | null) {
  if (actor) requirePermission(actor, 'elections.read');
  const rows = await db.selectFrom('elections')
    .select(['id', 'name', 'house', 'state_code', 'year', 'is_demo',
      (eb) => eb.selectFrom('results').select((e) => e.fn.countAll<number>().as('n')).whereRef('results.election_id', '=', 'elections.id').where('position', '=', 1).as('seats')])
    .orderBy('year', 'desc').orderBy('id').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, house: r.house, stateCode: r.state_code, year: r.year, seats: Number(r.seats ?? 0), isDemo: r.is_demo })) };
}

/** A source's party code in our terms (CPI(M) → CPM), through the editable alias table. */
export async function canonicalParty(db: Db, code: string): Promise<string> {
  const alias = await db.selectFrom('party_aliases').select('party_code').where('alias', '=', code).executeTakeFirst();
  return alias?.party_code ?? code;
}

/**
 * Every seat of an election classified for one party, compared with the earlier elections of the
 * same house (and state, for an assembly) in the same delimitation era; then the query's filters.
 */
export async function findSeats(db: Db, actor: Actor | null, q: SeatQuery): Promise<SeatsOut> {
  if (actor) requirePermission(actor, 'elections.read');
  const election = await db.selectFrom('elections').selectAll().where('id', '=', q.election).executeTakeFirst();
  if (!election) throw new NotFound('election');
  const party = await canonicalParty(db, q.party);
  let comparable = db.selectFrom('elections').select(['id', 'year']).where('house', '=', election.house).where('era', '=', election.era).where('year', '<=', election.year);
  if (election.house === 'AE') comparable = comparable.where('state_code', '=', election.state_code);
  const elections = await comparable.orderBy('year').execute();
  let rows = db.selectFrom('results').select(['election_id', 'state_code', 'constituency_no', 'party_code', 'votes', 'position', 'candidate'])
    .where('election_id', 'in', elections.map((e) => e.id));
  if (q.state) rows = rows.where('state_code', '=', q.state);
  const seats = await db.selectFrom('constituencies').innerJoin('states', 'states.code', 'constituencies.state_code')
    .select(['constituencies.state_code', 'states.name as state_name', 'constituencies.no', 'constituencies.name', 'constituencies.reservation'])
    .where('house', '=', election.house).where('era', '=', election.era)
    .$if(Boolean(election.state_code), (b) => b.where('constituencies.state_code', '=', election.state_code!)).execute();
  const classified = classifySeats(elections, (await rows.execute()).map((r) => ({
    electionId: r.election_id, stateCode: r.state_code, no: r.constituency_no, party: r.party_code, votes: r.votes, position: r.position, candidate: r.candidate,
  })), seats.map((s) => ({ stateCode: s.state_code, stateName: s.state_name, no: s.no, name: s.name, reservation: s.reservation })),
  { party, strongholdRuns: q.stronghold ?? q.strongholdRuns, battlegroundPct: q.battleground ?? q.battlegroundPct, closeVotes: q.lostByUnder ?? q.closeVotes });
  const items = classified.filter((s) => matches(s, q));
  return {
    election: { id: election.id, name: election.name, house: election.house, year: election.year },
    party,
    comparedWith: elections.map((e) => e.id),
    counts: countClasses(classified),
    items,
  };
}

function matches(s: ClassifiedSeat, q: SeatQuery): boolean {
  if (q.reserved && s.reservation !== q.reserved) return false;
  if (q.won === true && !s.classes.includes('held')) return false;
  if (q.won === false && s.classes.includes('held')) return false;
  if (q.neverWon && !s.classes.includes('never-won')) return false;
  if (q.lostByUnder !== undefined && !s.classes.includes('lost-close')) return false;
  if (q.battleground !== undefined && !s.classes.includes('battleground')) return false;
  if (q.stronghold !== undefined && !s.classes.includes('stronghold')) return false;
  return true;
}

function countClasses(seats: ClassifiedSeat[]): Record<string, number> {
  const counts: Record<string, number> = { seats: seats.length };
  for (const s of seats) for (const c of s.classes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

/** Booth grades A–D for a party in one assembly constituency, from Form 20 results. */
export async function findBoothGrades(db: Db, actor: Actor | null, q: { election: string; party: string; state: string; ac: number }) {
  if (actor) requirePermission(actor, 'elections.read');
  const party = await canonicalParty(db, q.party);
  const rows = (await sql<{ part_no: number; mine: number; best_other: number; total: number }>`
    select part_no, coalesce(sum(votes) filter (where party_code = ${party}), 0)::int as mine,
      coalesce(max(votes) filter (where party_code is distinct from ${party} and party_code is distinct from 'NOTA'), 0)::int as best_other,
      sum(votes)::int as total
    from booth_results where election_id = ${q.election} and state_code = ${q.state} and ac_no = ${q.ac}
    group by part_no order by part_no`.execute(db)).rows;
  return rows.map((r) => ({ partNo: r.part_no, partyVotes: r.mine, bestOtherVotes: r.best_other, total: r.total, grade: boothGrade(r.mine, r.best_other, r.total) }));
}
