// Booth (Form 20) layouts. `long`: one row per booth and candidate. `wide`: one row per booth with a
// column per candidate ("3 - NAME"), as the CEO sites publish Form 20, optionally under a row of group
// labels ("Total No of Electors", "Voters Turnout", "Candidate ID and Name"). `turnout`: one row per
// booth with electors and voters only. Every layout becomes the same Booth record.
import { headerKey, indexHeader, pick } from './csv.ts';

export type BoothLayout = 'long' | 'wide' | 'turnout';
export const BOOTH_LAYOUTS: readonly BoothLayout[] = ['long', 'wide', 'turnout'];

export interface BoothVote { line: number; candidate: string; partyRaw: string; votes: string; seq?: number }
export interface BoothRow {
  line: number; election: string; state: string; ac: string; part: string; partName: string; pc: string; acName: string;
  electors: string; voters: string; total: string; votes: BoothVote[];
}

const PART = ['part_no', 'booth_no', 'booth', 'ps_no', 'part'];
const AC = ['ac_no', 'ac'];
const CANDIDATE_COLUMN = /^(\d+)\s*-\s*(.+?)\s*$/;

export interface WideColumns { part: number; partName?: number; electors?: number; voters?: number; total?: number; candidates: { index: number; seq: number; name: string; party: string }[] }

/** Which layout a file is, from its first two records; `header` is the index of the column-name row. */
export function detectBoothLayout(first: string[], second: string[] | undefined, forced?: string): { layout: BoothLayout; headerRow: 0 | 1 } | { error: string } {
  const candidates: { layout: BoothLayout; headerRow: 0 | 1 }[] = [];
  for (const [row, fields] of [[0, first], [1, second]] as const) {
    if (!fields) continue;
    const h = indexHeader(fields);
    if (!PART.some((p) => h.has(p))) continue;
    if (h.has('candidate') && h.has('votes')) candidates.push({ layout: 'long', headerRow: row });
    else if (fields.some((f) => CANDIDATE_COLUMN.test(f.trim()))) candidates.push({ layout: 'wide', headerRow: row });
    else if ([...h.keys()].some((k) => k.includes('elector') || k.includes('voter'))) candidates.push({ layout: 'turnout', headerRow: row });
  }
  const fit = forced ? candidates.find((c) => c.layout === forced) : candidates[0];
  if (fit) return fit;
  if (forced && !BOOTH_LAYOUTS.includes(forced as BoothLayout)) return { error: `unknown format '${forced}' (expected ${BOOTH_LAYOUTS.join(', ')})` };
  return { error: `${forced ? `not a ${forced} booth file` : 'unknown format'}: expected a part_no (or booth_no) column with candidate and votes columns (long), ` +
    `a column per candidate named like "3 - NAME" (wide), or electors/voters columns (turnout)` };
}

/** Classifies a wide header, using the group labels above it when there are any. */
export function wideColumns(header: string[], groups: string[] | undefined): WideColumns | string {
  const keys = header.map(headerKey);
  let label = '';
  const group = header.map((_, i) => (label = groups?.[i]?.trim() ? headerKey(groups[i]) : label));
  const find = (test: (k: string, g: string) => boolean) => { const i = keys.findIndex((k, j) => test(k, group[j])); return i >= 0 ? i : undefined; };
  const part = keys.findIndex((k) => PART.includes(k));
  if (part < 0) return 'no part_no column';
  const candidates = header.flatMap((h, index) => {
    const m = CANDIDATE_COLUMN.exec(h.trim());
    if (!m) return [];
    const named = /^(.*?)\s*\(([^()]+)\)$/.exec(m[2]);
    return [{ index, seq: Number(m[1]), name: named ? named[1] : m[2], party: named ? named[2] : '' }];
  });
  return {
    part, candidates,
    partName: find((k) => k === 'part_name' || k === 'polling_station_name'),
    electors: find((k, g) => (g.includes('elector') && k.startsWith('total')) || ['electors', 'electors_total', 'total_electors'].includes(k)),
    voters: find((k, g) => (g.includes('turnout') && k === 'total') || ['voters', 'voters_total', 'total_voters'].includes(k)),
    total: find((k) => k.startsWith('total_votes') || k === 'total_valid_votes'),
  };
}

export function wideRow(fields: string[], line: number, c: WideColumns): BoothRow {
  const at = (i?: number) => (i === undefined ? '' : (fields[i] ?? '').trim());
  return {
    line, election: '', state: '', ac: '', pc: '', acName: '', part: at(c.part), partName: at(c.partName),
    electors: at(c.electors), voters: at(c.voters), total: at(c.total),
    votes: c.candidates.map((k) => ({ line, candidate: k.name, partyRaw: k.party, votes: at(k.index), seq: k.seq })),
  };
}

/** A long or turnout row: the booth's fields, and (long) its one candidate's vote. */
export function flatRow(fields: string[], line: number, h: Map<string, number>, layout: BoothLayout): BoothRow {
  const p = (...names: string[]) => pick(fields, h, ...names);
  return {
    line, election: p('election_id'), state: p('state_code', 'state'), ac: p(...AC), part: p(...PART), partName: p('part_name', 'polling_station_name'),
    pc: p('pc_no', 'pc'), acName: p('ac_name'), electors: p('electors_total', 'electors', 'total_electors'),
    voters: p('voters_total', 'voters', 'total_voters'), total: '',
    votes: layout === 'long' ? [{ line, candidate: p('candidate'), partyRaw: p('party'), votes: p('votes') }] : [],
  };
}

export function boothKey(r: BoothRow): string { return `${r.election}|${r.state}|${r.ac}|${r.part}`; }
