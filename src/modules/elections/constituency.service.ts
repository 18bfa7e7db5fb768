import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { requirePermission } from '../access/access.ts';

type Db = Executor | Tx;

/** One constituency: what it is, and every imported election's candidates and turnout, newest first. */
export async function getConstituency(db: Db, actor: Actor | null, key: { stateCode: string; house: 'LS' | 'AE'; no: number; era?: number }) {
  if (actor) requirePermission(actor, 'elections.read');
  const era = key.era ?? 2008;
  const seat = await db.selectFrom('constituencies').innerJoin('states', 'states.code', 'constituencies.state_code')
    .select(['constituencies.state_code', 'states.name as state_name', 'states.name_hi as state_name_hi', 'constituencies.no', 'constituencies.name',
      'constituencies.name_hi', 'constituencies.reservation', 'constituencies.pc_no', 'constituencies.house'])
    .where('constituencies.state_code', '=', key.stateCode).where('constituencies.house', '=', key.house)
    .where('constituencies.era', '=', era).where('constituencies.no', '=', key.no).executeTakeFirst();
  if (!seat) throw new NotFound('constituency');
  const rows = await db.selectFrom('results').innerJoin('elections', 'elections.id', 'results.election_id')
    .leftJoin('parties', 'parties.code', 'results.party_code')
    .leftJoin('constituency_turnout as t', (j) => j.onRef('t.election_id', '=', 'results.election_id').onRef('t.state_code', '=', 'results.state_code').onRef('t.constituency_no', '=', 'results.constituency_no'))
    .select(['elections.id', 'elections.name as election_name', 'elections.year', 'results.seq', 'results.candidate', 'results.party_code', 'parties.name as party_name',
      'parties.colour', 'results.votes', 'results.position', 't.electors', 't.turnout_pct'])
    .where('results.state_code', '=', key.stateCode).where('results.constituency_no', '=', key.no)
    .where('elections.house', '=', key.house).where('elections.era', '=', era)
    .orderBy('elections.year', 'desc').orderBy('results.seq').execute();
  const elections = new Map<string, { id: string; name: string; year: number; electors: number | null; turnoutPct: number | null; validVotes: number; candidates: { candidate: string; party: string | null; partyName: string | null; colour: string | null; votes: number | null; share: number | null; position: number | null }[] }>();
  for (const r of rows) {
    const e = elections.get(r.id) ?? { id: r.id, name: r.election_name, year: r.year, electors: r.electors, turnoutPct: r.turnout_pct === null ? null : Number(r.turnout_pct), validVotes: 0, candidates: [] };
    e.validVotes += r.votes ?? 0;
    e.candidates.push({ candidate: r.candidate, party: r.party_code, partyName: r.party_name, colour: r.colour, votes: r.votes, share: null, position: r.position });
    elections.set(r.id, e);
  }
  for (const e of elections.values()) for (const c of e.candidates) c.share = c.votes === null || !e.validVotes ? null : Math.round((c.votes / e.validVotes) * 10000) / 100;
  return {
    stateCode: seat.state_code, stateName: seat.state_name, stateNameHi: seat.state_name_hi, house: seat.house, no: seat.no, name: seat.name, nameHi: seat.name_hi,
    reservation: seat.reservation, pcNo: seat.pc_no, elections: [...elections.values()],
  };
}

/** Imported polygons as a GeoJSON FeatureCollection; properties carry the key that joins them to seats. */
export async function findBoundaries(db: Db, actor: Actor | null, q: { house: 'LS' | 'AE'; state?: string }) {
  if (actor) requirePermission(actor, 'elections.read');
  let query = db.selectFrom('boundaries').select(['state_code', 'no', 'geometry']).where('house', '=', q.house).where('era', '=', 2008);
  if (q.state) query = query.where('state_code', '=', q.state);
  const rows = await query.orderBy('state_code').orderBy('no').execute();
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({ type: 'Feature' as const, properties: { state: r.state_code, no: r.no }, geometry: r.geometry })),
  };
}
