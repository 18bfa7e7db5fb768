// Node-only: reads the normalised candidate-level result files, alliance files and succession files
// into the engine's shapes. Kept apart from the engine so the engine never touches node:fs.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { INDEPENDENT } from './blocs.ts';
import { canonicalState } from './matching.ts';
import type { Alliance, BaselineSeat } from './projection.schemas.ts';

export interface Candidate { party: string; votes: number; position: number | null }
export interface ElectionSeat extends BaselineSeat { candidates: Candidate[]; winner: string | null }
export interface Election { id: string; year: number; house: 'LS' | 'AE'; seats: ElectionSeat[] }
export interface Succession { from: string; to: string; fraction: number; state?: string }

type Row = Record<string, string>;

function readCsv(file: string, required: string[]): Row[] {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) { throw new Error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`); }
  let rows: Row[];
  try { rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }); } catch (e) { throw new Error(`${file}: ${(e as Error).message}`); }
  const header = Object.keys(rows[0] ?? {});
  const missing = required.filter((c) => !header.includes(c));
  if (rows.length === 0) throw new Error(`${file}: no rows`);
  if (missing.length) throw new Error(`${file}, line 1: missing column(s) ${missing.join(', ')}`);
  return rows;
}

function int(file: string, line: number, col: string, v: string, optional = false): number {
  if (optional && (v === '' || v === undefined)) return NaN;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${file}, line ${line}, column ${col}: expected a number, found '${v}'`);
  return n;
}

const CANDIDATE_COLUMNS = ['election_id', 'year', 'state', 'constituency_no', 'constituency', 'party', 'votes', 'valid_votes'];

/** One election: seats with votes per party; the strongest independent stands for `IND`, NOTA stays in the residual. */
export function readElection(file: string): Election {
  const rows = readCsv(file, CANDIDATE_COLUMNS);
  const seats = new Map<string, ElectionSeat>();
  rows.forEach((r, i) => {
    const line = i + 2;
    const state = canonicalState(r.state);
    const number = int(file, line, 'constituency_no', r.constituency_no);
    const key = `${state}\u0000${number}`;
    let seat = seats.get(key);
    if (!seat) {
      const turnout = int(file, line, 'turnout_pct', r.turnout_pct, true);
      const electors = int(file, line, 'electors', r.electors, true);
      seat = { state, stateCode: r.state_code || undefined, number, name: r.constituency, reservation: reservation(r.constituency_type),
        validVotes: int(file, line, 'valid_votes', r.valid_votes), votes: {}, candidates: [], winner: null,
        ...(Number.isFinite(turnout) && { turnoutPct: turnout }), ...(Number.isFinite(electors) && { electors }) };
      seats.set(key, seat);
    }
    addCandidate(seat, r.party?.trim() || r.candidate, int(file, line, 'votes', r.votes), r.position ? int(file, line, 'position', r.position) : null);
  });
  const first = rows[0];
  return { id: first.election_id, year: int(file, 2, 'year', first.year), house: first.house === 'AE' ? 'AE' : 'LS', seats: [...seats.values()] };
}

function reservation(t: string | undefined): 'GEN' | 'SC' | 'ST' {
  return t === 'SC' || t === 'ST' ? t : 'GEN';
}

function addCandidate(seat: ElectionSeat, party: string, votes: number, position: number | null) {
  if (party === 'NOTA' || party.startsWith('OTHERS')) return;
  seat.candidates.push({ party, votes, position });
  if (position === 1) seat.winner = party;
  // Independents are different people: only the strongest competes as one; the rest join the residual.
  seat.votes[party] = party === INDEPENDENT ? Math.max(seat.votes[party] ?? 0, votes) : (seat.votes[party] ?? 0) + votes;
}

/** `election_id,state,party,bloc,national_alliance[,transfer,transfer_sd]`; `state = *` for every other state. */
export function readAlliances(file: string): Alliance[] {
  const rows = readCsv(file, ['state', 'party', 'bloc']);
  const byKey = new Map<string, Alliance>();
  rows.forEach((r, i) => {
    const state = r.state === '*' ? '*' : canonicalState(r.state);
    const key = `${state}\u0000${r.bloc}`;
    const a = byKey.get(key) ?? { state, bloc: r.bloc, nationalAlliance: r.national_alliance || r.bloc, members: [] };
    const transfer = r.transfer ? int(file, i + 2, 'transfer', r.transfer) : 1;
    const transferSd = r.transfer_sd ? int(file, i + 2, 'transfer_sd', r.transfer_sd) : 0;
    a.members.push({ party: r.party, transfer, transferSd });
    byKey.set(key, a);
  });
  return [...byKey.values()];
}

/** `from_party,to_party,weight[,state]`: the share of from_party's earlier votes that passes to to_party. */
export function readSuccessions(file: string): Succession[] {
  const rows = readCsv(file, ['from_party', 'to_party', 'weight']);
  return rows.map((r, i) => {
    const fraction = int(file, i + 2, 'weight', r.weight);
    if (fraction < 0 || fraction > 1) throw new Error(`${file}, line ${i + 2}, column weight: expected a fraction between 0 and 1, found '${r.weight}'`);
    return { from: r.from_party, to: r.to_party, fraction, ...(r.state && r.state !== '*' && { state: canonicalState(r.state) }) };
  });
}
