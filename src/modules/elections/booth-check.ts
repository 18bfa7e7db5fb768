// The checks one booth must pass: a known election, state and AC, a part number, the booth's rows
// together, whole non-negative votes, no pasted duplicate rows, and a sum that agrees with the total
// column a Form 20 file carries. Blank cells are gaps in public scrapes: counted, not fatal.
import type { BoothRow } from './booth-formats.ts';
import { parseElectionId, seatNumber } from './formats.ts';
import { wholeNumber, type Problems, type Warnings } from './problems.ts';
import { stateCodeFor } from './states.ts';
import { detach } from './csv-scan.ts';

export interface CheckedVote { candidate: string; partyRaw: string; votes: number; seq?: number; occurrence: number; line?: number }
/** A booth's own fields, checked: who it is (election, state, AC, part) and its turnout. */
export interface CheckedHead {
  electionId: string; stateCode: string; acNo: number; partNo: number; partName: string | null;
  electors: number | null; voters: number | null;
  /** election|state|AC: the AC's context in an import. */
  acKey: string;
}

export interface BoothChecker {
  /** The booth's identity and turnout, and that its rows were together; null after reporting a problem. */
  head(row: BoothRow): CheckedHead | null;
  /** Its votes (folded, duplicates found); null after reporting a problem. */
  votes(row: BoothRow): CheckedVote[] | null;
}

/**
 * The checks of one booth. The parsed election ids, state names and AC numbers are remembered by
 * their text: a file repeats the same few for 163,000 booths. A text that fails is checked afresh
 * each time, so every bad line is reported.
 */
export function createBoothChecker(defaults: { election?: string; state?: string; ac?: number }, problems: Problems, warnings: Warnings): BoothChecker {
  const elections = new Map<string, NonNullable<ReturnType<typeof parseElectionId>>>();
  const states = new Map<string, string>();
  const acs = new Map<string, number>();
  const seen = new Map<string, Map<number, number>>(); // AC → part → line of its first row
  // The previous booth's election, state and AC as written, and what they were found to be: most
  // booths repeat them.
  let last: { election: string; state: string; ac: string; electionId: string; stateCode: string; acNo: number; acKey: string; parts: Map<number, number> } | undefined;
  return {
    head(row) {
      if (last && row.election === last.election && row.state === last.state && row.ac === last.ac) return known(row, last);
      const before = problems.count;
      const line = row.line;
      const electionId = (row.election || defaults.election || '').toUpperCase();
      let parsed = elections.get(electionId);
      if (!parsed) {
        parsed = parseElectionId(electionId);
        if (parsed) elections.set(detach(electionId), parsed);
        else problems.add(line, 'election_id', electionId ? `not an election id like LS-2014: '${electionId}'` : 'the file has no election_id column: pass --election');
      }
      const stateText = row.state || defaults.state || '';
      const stateKey = `${stateText}|${parsed?.year}`;
      let stateCode = states.get(stateKey);
      if (!stateCode) {
        stateCode = stateCodeFor(stateText, parsed?.year);
        if (stateCode) states.set(detach(stateKey), stateCode);
        else problems.add(line, 'state', stateText ? `unknown state '${stateText}'` : 'the file has no state column: pass --state');
      }
      const acText = row.ac || (defaults.ac ? String(defaults.ac) : '');
      const acKey = `${acText}|${stateCode}`;
      let acNo = acs.get(acKey);
      if (acNo === undefined) {
        acNo = acText ? seatNumber(acText, line, 'ac_no', problems, stateCode, 'AE') : (problems.add(line, 'ac_no', 'no AC: the file has no ac_no column: pass --ac'), undefined);
        if (acNo !== undefined) acs.set(detach(acKey), acNo);
      }
      const partNo = Number(row.part);
      if (!/^\d+$/.test(row.part) || partNo <= 0) problems.add(line, 'part_no', `not a polling-station number: '${row.part}'`);
      const electors = wholeNumber(row.electors, line, 'electors', problems);
      const voters = wholeNumber(row.voters, line, 'voters', problems);
      if (problems.count > before) return null;
      const ac = `${electionId}|${stateCode}|${acNo}`;
      let parts = seen.get(ac);
      if (!parts) seen.set(detach(ac), (parts = new Map()));
      last = { election: row.election, state: row.state, ac: row.ac, electionId, stateCode: stateCode!, acNo: acNo!, acKey: ac, parts };
      if (!firstOfBooth(parts, partNo, row.line, acNo!)) return null;
      return { electionId, stateCode: stateCode!, acNo: acNo!, partNo, partName: row.partName || null, electors: electors ?? null, voters: voters ?? null, acKey: ac };
    },
    votes: (row) => checkVotes(row, problems, warnings),
  };

  /** A booth of the same election, state and AC as the previous one: only its own fields are checked. */
  function known(row: BoothRow, l: NonNullable<typeof last>): CheckedHead | null {
    const before = problems.count;
    const partNo = Number(row.part);
    if (!/^\d+$/.test(row.part) || partNo <= 0) problems.add(row.line, 'part_no', `not a polling-station number: '${row.part}'`);
    const electors = wholeNumber(row.electors, row.line, 'electors', problems);
    const voters = wholeNumber(row.voters, row.line, 'voters', problems);
    if (problems.count > before || !firstOfBooth(l.parts, partNo, row.line, l.acNo)) return null;
    return { electionId: l.electionId, stateCode: l.stateCode, acNo: l.acNo, partNo, partName: row.partName || null, electors: electors ?? null, voters: voters ?? null, acKey: l.acKey };
  }

  function firstOfBooth(parts: Map<number, number>, partNo: number, line: number, acNo: number): boolean {
    const earlier = parts.get(partNo);
    if (earlier !== undefined) { problems.add(line, 'part_no', `AC ${acNo} booth ${partNo} already had rows ending before line ${line} (from line ${earlier}); keep the rows of one booth together`); return false; }
    parts.set(partNo, line);
    return true;
  }
}

function checkVotes(row: BoothRow, problems: Problems, warnings: Warnings): CheckedVote[] | null {
  const before = problems.count;
  let blanks = 0;
  const parsed: (CheckedVote & { line: number })[] = [];
  for (const v of row.votes) {
    if (v.votes === '') { blanks += 1; continue; }
    const n = wholeNumber(v.votes, v.line, v.seq !== undefined ? `${v.seq} - ${v.candidate}` : 'votes', problems);
    if (!v.candidate) problems.add(v.line, 'candidate', 'blank');
    if (typeof n === 'number') parsed.push({ line: v.line, candidate: v.candidate, partyRaw: v.partyRaw, votes: n, seq: v.seq, occurrence: 0 });
  }
  if (blanks) warnings.count('blank vote cells (gaps in the source; skipped)', `line ${row.line}`);
  if (problems.count > before) return null;
  const folded = row.votes[0]?.seq === undefined ? foldRepeats(parsed, warnings, row) : parsed;
  if (!checkDuplicates(folded, problems)) return null;
  if (row.total !== '' && !blanks) {
    const total = wholeNumber(row.total, row.line, 'total', problems);
    const sum = folded.reduce((a, v) => a + v.votes, 0);
    if (typeof total === 'number' && total !== sum) { problems.add(row.line, 'total', `the file says ${total} votes but the candidates add up to ${sum}`); return null; }
  }
  return folded;
}

/**
 * A booth where every candidate appears the same number of times (A B C A B C, or A A B B C C) is an
 * auxiliary polling station filed under its parent's number, as in the Gujarat 2014 scrape: its votes
 * are added to the parent's. Only some names repeating means namesakes, which are kept apart.
 */
function foldRepeats<T extends CheckedVote>(votes: T[], warnings: Warnings, row: BoothRow): T[] {
  const groups = new Map<string, T[]>();
  for (const v of votes) {
    const key = `${v.candidate}\u0000${v.partyRaw}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const sizes = new Set([...groups.values()].map((g) => g.length));
  if (groups.size < 2 || sizes.size !== 1 || [...sizes][0] < 2) return votes;
  warnings.count('booths listed twice (auxiliary stations?); their votes were added', `AC ${row.ac} booth ${row.part}, line ${row.line}`);
  return [...groups.values()].map((g) => ({ ...g[0], votes: g.reduce((a, v) => a + v.votes, 0) }));
}

function checkDuplicates(votes: (CheckedVote & { line: number })[], problems: Problems): boolean {
  const seen = new Map<string, number>();
  const occurrences = new Map<string, number>();
  let ok = true;
  for (const v of votes) {
    const name = `${v.candidate.toUpperCase()}\u0000${v.partyRaw.toUpperCase()}`;
    const full = `${name}\u0000${v.votes}`;
    if (seen.has(full) && v.seq === undefined) { problems.add(v.line, 'candidate', `duplicate row: ${v.candidate} (${v.partyRaw || 'no party'}) with ${v.votes} votes is already on line ${seen.get(full)}`); ok = false; }
    seen.set(full, v.line);
    v.occurrence = occurrences.get(name) ?? 0;
    occurrences.set(name, v.occurrence + 1);
  }
  return ok;
}
