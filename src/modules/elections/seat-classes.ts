// Seat classes for one party, pure: from result rows of one election and the earlier ones of the
// same house (and state, for an assembly), which seats it holds, which are strongholds, battlegrounds,
// never won, or lost by a whisker. No database import, so the web can run it too.

export interface ResultRow { electionId: string; stateCode: string; no: number; party: string | null; votes: number | null; position: number | null; candidate: string }
export interface SeatInfo { stateCode: string; stateName: string; no: number; name: string; reservation: string }
export interface ElectionRef { id: string; year: number }

export interface ClassOptions {
  party: string;
  strongholdRuns: number;      // a stronghold was won in each of the last N elections (default 3)
  battlegroundPct: number;     // a battleground's margin is under this % either way (default 5)
  closeVotes: number;          // "lost by under V votes" (default 5,000)
}

export type SeatClass = 'held' | 'stronghold' | 'battleground' | 'never-won' | 'lost-close';

export interface ClassifiedSeat {
  state: string; stateName: string; constituencyNo: number; constituency: string; reservation: string;
  winnerParty: string | null; winnerCandidate: string | null; winnerVotes: number | null;
  runnerUpParty: string | null; runnerUpVotes: number | null;
  marginVotes: number | null; marginPct: number | null; validVotes: number;
  partyVotes: number; partyShare: number; partyPosition: number | null;
  /** Votes the party is ahead of the runner-up (when it won) or behind the winner (negative). */
  partyLead: number | null;
  uncontested: boolean;
  classes: SeatClass[];
  shareTrend: { election: string; share: number | null }[];
}

const key = (state: string, no: number) => `${state}:${no}`;
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 100 : 0);

/** Elections oldest first; the last is the one being classified. */
export function classifySeats(elections: ElectionRef[], rows: ResultRow[], seats: SeatInfo[], opts: ClassOptions): ClassifiedSeat[] {
  const ordered = [...elections].sort((a, b) => a.year - b.year);
  const current = ordered[ordered.length - 1];
  const bySeat = groupBy(rows, (r) => key(r.stateCode, r.no));
  const info = new Map(seats.map((s) => [key(s.stateCode, s.no), s]));
  const out: ClassifiedSeat[] = [];
  for (const [k, seatRows] of bySeat) {
    const now = seatRows.filter((r) => r.electionId === current.id);
    if (now.length === 0) continue;
    const byElection = groupBy(seatRows, (r) => r.electionId);
    out.push(classifyOne(info.get(k) ?? fallbackInfo(now[0]), now, ordered, byElection, opts));
  }
  return out.sort((a, b) => a.state.localeCompare(b.state) || a.constituencyNo - b.constituencyNo);
}

function classifyOne(seat: SeatInfo, now: ResultRow[], ordered: ElectionRef[], byElection: Map<string, ResultRow[]>, opts: ClassOptions): ClassifiedSeat {
  const ranked = now.filter((r) => r.position !== null).sort((a, b) => a.position! - b.position!);
  const [winner, runnerUp] = ranked;
  const valid = now.reduce((n, r) => n + (r.votes ?? 0), 0);
  const uncontested = ranked.length === 1 && winner.votes === null;
  const mine = ranked.find((r) => r.party === opts.party);
  const partyVotes = now.filter((r) => r.party === opts.party).reduce((n, r) => n + (r.votes ?? 0), 0);
  const margin = winner && runnerUp && winner.votes !== null && runnerUp.votes !== null ? winner.votes - runnerUp.votes : null;
  const held = winner?.party === opts.party;
  const lead = held ? margin : mine && winner?.votes != null && mine.votes != null ? mine.votes - winner.votes : null;
  const history = ordered.map((e) => byElection.get(e.id) ?? []);
  const wins = history.map((rs) => rs.some((r) => r.position === 1 && r.party === opts.party));
  const contested = history.filter((rs) => rs.length > 0).length;
  const classes: SeatClass[] = [];
  if (held) classes.push('held');
  const lastN = history.slice(-opts.strongholdRuns);
  if (lastN.length === opts.strongholdRuns && lastN.every((rs, i) => rs.length > 0 && wins[wins.length - lastN.length + i])) classes.push('stronghold');
  const marginPct = margin === null ? null : pct(margin, valid);
  if (marginPct !== null && marginPct < opts.battlegroundPct && (held || runnerUp?.party === opts.party)) classes.push('battleground');
  if (contested > 0 && !wins.some(Boolean)) classes.push('never-won');
  if (!held && lead !== null && -lead < opts.closeVotes) classes.push('lost-close');
  return {
    state: seat.stateCode, stateName: seat.stateName, constituencyNo: seat.no, constituency: seat.name, reservation: seat.reservation,
    winnerParty: winner?.party ?? null, winnerCandidate: winner?.candidate ?? null, winnerVotes: winner?.votes ?? null,
    runnerUpParty: runnerUp?.party ?? null, runnerUpVotes: runnerUp?.votes ?? null,
    marginVotes: margin, marginPct, validVotes: valid,
    partyVotes, partyShare: pct(partyVotes, valid), partyPosition: mine?.position ?? null, partyLead: lead, uncontested, classes,
    shareTrend: ordered.map((e, i) => {
      const rs = history[i];
      const total = rs.reduce((n, r) => n + (r.votes ?? 0), 0);
      return { election: e.id, share: rs.length ? pct(rs.filter((r) => r.party === opts.party).reduce((n, r) => n + (r.votes ?? 0), 0), total) : null };
    }),
  };
}

function fallbackInfo(r: ResultRow): SeatInfo {
  return { stateCode: r.stateCode, stateName: r.stateCode, no: r.no, name: `#${r.no}`, reservation: 'GEN' };
}

function groupBy<T>(items: T[], by: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = by(it);
    const list = m.get(k);
    if (list) list.push(it); else m.set(k, [it]);
  }
  return m;
}

/** Booth grade for a party from its booth votes: A wins by 10+ points, B wins, C loses by under 10, D the rest. */
export function boothGrade(partyVotes: number, bestOtherVotes: number, total: number): 'A' | 'B' | 'C' | 'D' {
  if (total <= 0) return 'D';
  const lead = ((partyVotes - bestOtherVotes) / total) * 100;
  if (lead >= 10) return 'A';
  if (lead > 0) return 'B';
  if (lead > -10) return 'C';
  return 'D';
}
