// The projection's baseline from imported results: votes per canonical party per seat (the strongest
// independent as IND, other independents, NOTA and aggregated rows in the residual), valid votes,
// reservation, state, plus the alliance presets the project ships for that election.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { requirePermission } from '../access/access.ts';
import { INDEPENDENT } from './blocs.ts';
import { readAlliances } from './files.ts';
import { canonicalState } from './matching.ts';
import type { Alliance, BaselineSeat } from './projection.schemas.ts';
import type { BaselineOut } from './scenarios.schemas.ts';

type Db = Executor | Tx;

const DATA = fileURLToPath(new URL('./data/', import.meta.url));

/** Alliance presets shipped for an election: data/alliances_<id without dashes, lower case>.csv (LS-2019 → alliances_ls2019.csv). */
export function findAlliancePresets(election: string): Alliance[] {
  const file = path.join(DATA, `alliances_${election.toLowerCase().replace(/-/g, '')}.csv`);
  return fs.existsSync(file) ? readAlliances(file) : [];
}

interface ResultRow { state_code: string; state_name: string; no: number; name: string | null; reservation: string | null; candidate: string; party_code: string | null; votes: number | null; position: number | null; valid_votes: number | null; electors: number | null; turnout_pct: string | number | null }

/** Throws NotFound for an election that was never imported (or has no results). */
export async function getBaseline(db: Db, actor: Actor | null, electionId: string): Promise<BaselineOut> {
  if (actor) requirePermission(actor, 'projection.run');
  const election = await db.selectFrom('elections').select(['id', 'name', 'house', 'year', 'era']).where('id', '=', electionId).executeTakeFirst();
  if (!election) throw new NotFound('election');
  const rows: ResultRow[] = await db.selectFrom('results')
    .innerJoin('states', 'states.code', 'results.state_code')
    .leftJoin('constituencies as c', (j) => j.onRef('c.state_code', '=', 'results.state_code').onRef('c.no', '=', 'results.constituency_no')
      .on('c.house', '=', election.house).on('c.era', '=', election.era))
    .leftJoin('constituency_turnout as t', (j) => j.onRef('t.election_id', '=', 'results.election_id').onRef('t.state_code', '=', 'results.state_code')
      .onRef('t.constituency_no', '=', 'results.constituency_no'))
    .select(['results.state_code', 'states.name as state_name', 'results.constituency_no as no', 'c.name', 'c.reservation', 'results.candidate',
      'results.party_code', 'results.votes', 'results.position', 't.valid_votes', 't.electors', 't.turnout_pct'])
    .where('results.election_id', '=', electionId)
    .orderBy('results.state_code').orderBy('results.constituency_no').orderBy('results.seq')
    .execute();
  if (rows.length === 0) throw new NotFound('election');
  const { seats, uncontested } = seatsFrom(rows);
  return {
    election: election.id, year: election.year, name: election.name, house: election.house,
    seats, alliances: findAlliancePresets(election.id), uncontested,
  };
}

/** Rows ordered by seat → one BaselineSeat each. */
export function seatsFrom(rows: ResultRow[]): { seats: BaselineSeat[]; uncontested: number } {
  const seats: BaselineSeat[] = [];
  let uncontested = 0;
  for (let i = 0; i < rows.length;) {
    const first = rows[i];
    let j = i;
    while (j < rows.length && rows[j].state_code === first.state_code && rows[j].no === first.no) j++;
    const seat = toSeat(rows.slice(i, j));
    if (seat.uncontested) uncontested++;
    seats.push(seat.seat);
    i = j;
  }
  return { seats, uncontested };
}

function toSeat(rows: ResultRow[]): { seat: BaselineSeat; uncontested: boolean } {
  const f = rows[0];
  const votes: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const v = r.votes ?? 0;
    total += v;
    // NOTA and the aggregated OTHERS rows have no position: they stay in the residual.
    if (r.position === null) continue;
    const party = r.party_code?.trim() || r.candidate;
    // Independents are different people: only the strongest competes as one.
    votes[party] = party === INDEPENDENT ? Math.max(votes[party] ?? 0, v) : (votes[party] ?? 0) + v;
  }
  const winner = rows.find((r) => r.position === 1);
  const uncontested = total === 0;
  const validVotes = uncontested ? 1 : Math.max(total, Number(f.valid_votes ?? 0));
  if (uncontested && winner) { for (const k of Object.keys(votes)) delete votes[k]; votes[winner.party_code?.trim() || winner.candidate] = 1; }
  const turnout = f.turnout_pct === null ? NaN : Number(f.turnout_pct);
  return {
    uncontested,
    seat: {
      state: canonicalState(f.state_name), stateCode: f.state_code, number: f.no, name: f.name ?? `${f.state_code} ${f.no}`,
      reservation: f.reservation === 'SC' || f.reservation === 'ST' ? f.reservation : 'GEN', validVotes,
      votes: Object.fromEntries(Object.entries(votes).filter(([, v]) => v > 0 || uncontested)),
      ...(f.electors !== null && f.electors > 0 && { electors: f.electors }),
      ...(Number.isFinite(turnout) && turnout > 0 && turnout <= 100 && { turnoutPct: turnout }),
    },
  };
}
