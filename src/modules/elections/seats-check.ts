// The checks a constituency's rows must pass before anything is written: no duplicate rows, votes on
// every row of a contested seat, a winner, and a sum that agrees with the total the file carries.
// It also orders the rows (candidates by position, then OTHERS, then NOTA) and fixes positions.
import type { ResultRow } from './formats.ts';
import type { Problems } from './problems.ts';

export interface Ordered { row: ResultRow; position: number | null }
export interface Seat {
  first: ResultRow; rows: ResultRow[]; ordered: Ordered[];
  electors?: number | null; validVotes?: number | null; turnoutPct?: number | null;
}

/** NOTA and the aggregated OTHERS row are not candidates: they get no position and never win. */
export function isCandidate(r: { candidate: string; partyRaw: string }): boolean {
  const c = r.candidate.toUpperCase();
  const p = r.partyRaw.toUpperCase();
  return !(c === 'NOTA' || p === 'NOTA' || c.startsWith('NONE OF THE ABOVE') || c.startsWith('OTHERS') || p === 'OTHERS');
}

export function checkSeat(seat: Seat, problems: Problems): void {
  const before = problems.count;
  checkDuplicates(seat, problems);
  const candidates = seat.rows.filter(isCandidate);
  const blanks = seat.rows.filter((r) => r.votes === null);
  const place = seatPlace(seat.first);
  if (blanks.length && blanks.length === seat.rows.length) {
    // Uncontested: one candidate, declared elected without a poll.
    if (candidates.length !== 1) problems.add(seat.first.line, 'votes', `${place}: blank votes on every row, which only an uncontested seat (one candidate) may have`);
    else seat.ordered = [{ row: candidates[0], position: 1 }];
  } else {
    for (const b of blanks) problems.add(b.line, 'votes', `${place}: blank in a contested constituency`);
    if (!blanks.length) seat.ordered = orderContested(seat, candidates, problems);
  }
  checkTotals(seat, problems);
  if (problems.count > before) seat.ordered = [];
}

function seatPlace(r: ResultRow): string {
  return `${r.electionId} ${r.stateCode} ${r.house === 'LS' ? 'PC' : 'AC'} ${r.no}${r.name ? ` ${r.name}` : ''}`;
}

function checkDuplicates(seat: Seat, problems: Problems): void {
  // Namesakes of one party are real (two independents called Ram Singh); the same name, party and
  // votes twice is a row pasted twice.
  const seen = new Map<string, number>();
  for (const r of seat.rows) {
    const key = `${r.candidate.toUpperCase()}\u0000${r.partyRaw.toUpperCase()}\u0000${r.votes}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.add(r.line, 'candidate', `duplicate row: ${r.candidate} (${r.partyRaw}) with ${r.votes ?? 'no'} votes is already on line ${earlier}`);
    else seen.set(key, r.line);
  }
}

function orderContested(seat: Seat, candidates: ResultRow[], problems: Problems): Ordered[] {
  const ranked = [...candidates].sort((a, b) => b.votes! - a.votes!);
  const stated = seat.rows.some((r) => r.position !== null);
  if (stated) {
    const winner = candidates.find((r) => r.position === 1);
    if (!winner) { problems.add(seat.first.line, 'position', `${seatPlace(seat.first)}: no winner (no candidate has position 1)`); return []; }
    if (winner.votes! < ranked[0].votes!) {
      problems.add(winner.line, 'position', `the winner has ${winner.votes} votes, fewer than ${ranked[0].candidate} (line ${ranked[0].line}, ${ranked[0].votes})`);
      return [];
    }
    // A tie at the top is settled by lot; the file's winner stands.
    ranked.splice(ranked.indexOf(winner), 1);
    ranked.unshift(winner);
  } else if (ranked.length > 1 && ranked[0].votes === ranked[1].votes) {
    problems.add(ranked[1].line, 'votes', `tie for first place with line ${ranked[0].line}; add a position column to say who won`);
    return [];
  } else if (!ranked.length) {
    problems.add(seat.first.line, 'candidate', `${seatPlace(seat.first)}: no candidate, only NOTA or OTHERS rows`);
    return [];
  }
  const rest = seat.rows.filter((r) => !isCandidate(r)).sort((a, b) => Number(a.candidate.toUpperCase() === 'NOTA') - Number(b.candidate.toUpperCase() === 'NOTA'));
  return [...ranked.map((row, i) => ({ row, position: i + 1 })), ...rest.map((row) => ({ row, position: null }))];
}

function checkTotals(seat: Seat, problems: Problems): void {
  const firstWith = <K extends 'electors' | 'totalVotes' | 'turnoutPct'>(k: K) => seat.rows.find((r) => r[k] !== null)?.[k] ?? null;
  seat.electors = firstWith('electors');
  seat.turnoutPct = firstWith('turnoutPct');
  const total = firstWith('totalVotes');
  const sum = seat.rows.reduce((a, r) => a + (r.votes ?? 0), 0);
  for (const r of seat.rows) {
    if (r.totalVotes !== null && r.totalVotes !== total) problems.add(r.line, 'valid_votes', `${r.totalVotes} differs from ${total} on line ${seat.first.line} for the same constituency`);
  }
  if (total !== null && seat.rows.some((r) => r.votes !== null) && sum !== total) {
    problems.add(seat.first.line, 'valid_votes', `${seatPlace(seat.first)}: the file says ${total} valid votes but its rows add up to ${sum}`);
  }
  seat.validVotes = seat.rows.every((r) => r.votes === null) ? total : sum;
}
