// Results formats: which one a file is (by its header), and how one of its rows becomes a ResultRow.
// TCPD Lok Dhaba (many general elections in one file), the normalised files of the shared data, and
// our canonical CSV (docs/data-formats.md), which is the normalised one with fewer required columns.
import { hasAny, pick } from './csv.ts';
import { decimal, wholeNumber, type Problems } from './problems.ts';
import { maxSeat, stateCodeFor, stateByCode } from './states.ts';

export type ResultsFormat = 'tcpd' | 'normalised' | 'canonical';
export const RESULTS_FORMATS: readonly ResultsFormat[] = ['tcpd', 'normalised', 'canonical'];

const REQUIRED: Record<ResultsFormat, string[]> = {
  tcpd: ['state_name', 'assembly_no', 'constituency_no', 'year', 'poll_no', 'candidate', 'party', 'votes'],
  normalised: ['election_id', 'house', 'year', 'state', 'state_code', 'constituency_no', 'constituency', 'constituency_type',
    'candidate', 'party', 'votes', 'position', 'valid_votes'],
  canonical: ['election_id', 'constituency_no', 'candidate', 'party', 'votes'],
};

export interface ResultRow {
  line: number; electionId: string; house: 'LS' | 'AE'; year: number; era: number;
  stateCode: string; no: number; name: string | null; reservation: 'GEN' | 'SC' | 'ST' | null; pcNo: number | null;
  candidate: string; sex: 'M' | 'F' | 'O' | null; partyRaw: string; votes: number | null; position: number | null;
  electors: number | null; totalVotes: number | null; turnoutPct: number | null;
}

/** The format a header names, the forced one if it fits, or a message saying what was expected. */
export function detectResultsFormat(header: Map<string, number>, forced?: string): { format: ResultsFormat } | { error: string } {
  const missing = (f: ResultsFormat) => REQUIRED[f].filter((c) => !header.has(c))
    .concat(f === 'canonical' && !hasAny(header, 'state', 'state_code') ? ['state'] : []);
  if (forced) {
    if (!RESULTS_FORMATS.includes(forced as ResultsFormat)) return { error: `unknown format '${forced}' (expected ${RESULTS_FORMATS.join(', ')})` };
    const m = missing(forced as ResultsFormat);
    return m.length ? { error: `not a ${forced} file: missing column(s) ${m.join(', ')}` } : { format: forced as ResultsFormat };
  }
  const fit = RESULTS_FORMATS.find((f) => missing(f).length === 0);
  return fit ? { format: fit }
    : { error: `unknown format: expected the columns of a TCPD file (${REQUIRED.tcpd.join(', ')}) or of our CSV (${REQUIRED.canonical.join(', ')}, state)` };
}

// TCPD numbers Lok Sabhas; the general election that elected each one, and its delimitation.
const LS_YEAR: Record<number, number> = { 1: 1951, 2: 1957, 3: 1962, 4: 1967, 5: 1971, 6: 1977, 7: 1980, 8: 1984, 9: 1989,
  10: 1991, 11: 1996, 12: 1998, 13: 1999, 14: 2004, 15: 2009, 16: 2014, 17: 2019, 18: 2024 };
const DELIM_ERA: Record<number, number> = { 1: 1956, 2: 1966, 3: 1976, 4: 2008 };

const ELECTION_ID = /^(LS|AE)(?:-([A-Z]{2}))?-(\d{4})(?:-[A-Z0-9]+)?$/;

export function parseElectionId(id: string): { house: 'LS' | 'AE'; abbr?: string; year: number } | undefined {
  const m = ELECTION_ID.exec(id);
  return m ? { house: m[1] as 'LS' | 'AE', abbr: m[2], year: Number(m[3]) } : undefined;
}

type Ctx = { line: number; problems: Problems; fallbackState?: string };

/** Maps one row; null when it is skipped (a TCPD by-election) or had a problem (already reported). */
export function mapResultRow(format: ResultsFormat, f: string[], h: Map<string, number>, ctx: Ctx): ResultRow | null {
  return format === 'tcpd' ? mapTcpd(f, h, ctx) : mapColumns(f, h, ctx);
}

function mapTcpd(f: string[], h: Map<string, number>, ctx: Ctx): ResultRow | null {
  const { line, problems } = ctx;
  if (pick(f, h, 'poll_no') !== '0') return null; // by-elections and repolls are not the general election
  const assembly = Number(pick(f, h, 'assembly_no'));
  const year = LS_YEAR[assembly];
  if (!year) { problems.add(line, 'Assembly_No', `not a Lok Sabha number: '${pick(f, h, 'assembly_no')}'`); return null; }
  const era = DELIM_ERA[Number(pick(f, h, 'delimid'))] ?? 2008;
  const stateText = pick(f, h, 'state_name').replace(/_/g, ' ');
  return common(f, h, ctx, { electionId: `LS-${year}`, house: 'LS', year, era, stateText, stateField: 'State_Name',
    total: 'valid_votes', turnout: 'turnout_percentage', reservation: 'constituency_type', name: 'constituency_name' });
}

function mapColumns(f: string[], h: Map<string, number>, ctx: Ctx): ResultRow | null {
  const { line, problems } = ctx;
  const electionId = pick(f, h, 'election_id').toUpperCase();
  const parsed = parseElectionId(electionId);
  if (!parsed) { problems.add(line, 'election_id', `not an election id like LS-2019 or AE-GJ-2022: '${electionId}'`); return null; }
  const stateText = pick(f, h, 'state_code', 'state') || (parsed.abbr ?? '') || (ctx.fallbackState ?? '');
  return common(f, h, ctx, { electionId, house: parsed.house, year: parsed.year, era: 2008, stateText,
    stateField: h.has('state_code') ? 'state_code' : 'state', total: 'valid_votes', turnout: 'turnout_pct',
    reservation: 'constituency_type', name: 'constituency' });
}

interface Common {
  electionId: string; house: 'LS' | 'AE'; year: number; era: number; stateText: string; stateField: string;
  total: string; turnout: string; reservation: string; name: string;
}

function common(f: string[], h: Map<string, number>, ctx: Ctx, c: Common): ResultRow | null {
  const { line, problems } = ctx;
  const before = problems.count;
  const stateCode = stateCodeFor(c.stateText, c.year);
  if (!stateCode) problems.add(line, c.stateField, `unknown state '${c.stateText}'`);
  const no = seatNumber(pick(f, h, 'constituency_no'), line, 'constituency_no', problems, stateCode, c.house, c.era);
  const candidate = pick(f, h, 'candidate');
  if (!candidate) problems.add(line, 'candidate', 'blank');
  const votes = wholeNumber(pick(f, h, 'votes'), line, 'votes', problems);
  const position = wholeNumber(pick(f, h, 'position'), line, 'position', problems);
  const electors = wholeNumber(pick(f, h, 'electors'), line, 'electors', problems);
  const totalVotes = wholeNumber(pick(f, h, c.total, 'total_votes'), line, c.total, problems);
  const turnoutPct = decimal(pick(f, h, c.turnout), line, c.turnout, problems);
  const pcNo = wholeNumber(pick(f, h, 'pc_no'), line, 'pc_no', problems);
  const reservation = reservationOf(pick(f, h, c.reservation, 'reservation'), line, problems);
  const sexText = pick(f, h, 'sex').toUpperCase();
  if (problems.count > before || !stateCode || no === undefined) return null;
  return {
    line, electionId: c.electionId, house: c.house, year: c.year, era: c.era, stateCode, no, candidate,
    name: pick(f, h, c.name, 'constituency_name') || null, reservation: reservation ?? null, pcNo: c.house === 'AE' ? pcNo ?? null : null,
    sex: sexText === 'M' || sexText === 'F' || sexText === 'O' ? sexText : null, partyRaw: pick(f, h, 'party'),
    votes: votes ?? null, position: position ?? null, electors: electors ?? null, totalVotes: totalVotes ?? null, turnoutPct: turnoutPct ?? null,
  };
}

/** A seat number: a positive whole number, within the state's seats in the 2008 delimitation. */
export function seatNumber(text: string, line: number, field: string, problems: Problems, stateCode: string | undefined,
  house: 'LS' | 'AE', era = 2008): number | undefined {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n <= 0) { problems.add(line, field, `not a seat number: '${text}'`); return undefined; }
  const max = stateCode && era === 2008 ? maxSeat(stateCode, house) : undefined;
  if (max !== undefined && n > max) {
    problems.add(line, field, `unknown seat: ${stateByCode(stateCode!)?.name} has ${max} ${house === 'LS' ? 'PCs' : 'ACs'}, not ${n}`);
    return undefined;
  }
  return n;
}

export function reservationOf(text: string, line: number, problems: Problems): 'GEN' | 'SC' | 'ST' | null | undefined {
  const t = text.toUpperCase();
  if (t === '' || t === 'GEN' || t === 'GENERAL') return t ? 'GEN' : null;
  if (t === 'SC' || t === 'ST') return t;
  problems.add(line, 'constituency_type', `expected GEN, SC or ST, not '${text}'`);
  return undefined;
}

