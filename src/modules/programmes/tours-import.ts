// Tours in bulk from a CSV file (docs/data-formats.md, "Tours"): one row per visit, rows of one tour
// sharing its `tour` key. Every row is read and checked first, every problem reported as
// `FILE:LINE: field: message`, and nothing is written when there is one; then the same resolver and
// writer as POST /api/tours/bulk run in one transaction, as the system for one tenant.
import { parse } from 'csv-parse/sync';
import type { Executor } from '../../db/open.ts';
import { ImportRejected } from '../elections/problems.ts';
import type { SystemActor } from '../access/audit.ts';
import { normalisePhone } from '../../shared/phones.ts';
import { resolveBulk, writeTours } from './tours.bulk.ts';
import { BulkTour } from './tours.schemas.ts';

const MAX_PROBLEMS = 200;
export const TOUR_COLUMNS = ['tour', 'leader_name', 'leader_name_hi', 'leader_phone', 'unit', 'title', 'starts_on', 'ends_on', 'status',
  'stay', 'notes', 'visit_unit', 'visit_on', 'seat', 'meetings'] as const;
const TOUR_FIELDS = ['leader_name', 'leader_name_hi', 'leader_phone', 'unit', 'title', 'starts_on', 'ends_on', 'status', 'stay', 'notes'] as const;
const SNAKE: Record<string, string> = {
  leaderName: 'leader_name', leaderNameHi: 'leader_name_hi', leaderPersonId: 'leader_phone', unitId: 'unit', startsOn: 'starts_on', endsOn: 'ends_on',
};
const VISIT_SNAKE: Record<string, string> = { unitId: 'visit_unit', visitOn: 'visit_on', stateCode: 'seat', house: 'seat', constituencyNo: 'seat', meetings: 'meetings' };

type Row = Record<string, string>;
interface Lookup { unitOf: (ref: string) => number | undefined; personOf: (phone: string) => number | undefined }
interface Group { key: string; line: number; row: Row; visits: { line: number; row: Row }[] }

/** `workers:120;public:3000;press` → meetings (attendance optional). */
export function parseMeetings(text: string): { meetings: { kind: string; attendance: number | null }[]; problem?: string } {
  const meetings: { kind: string; attendance: number | null }[] = [];
  for (const part of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)(?::(\d+))?$/.exec(part);
    if (!m) return { meetings, problem: `'${part}' should read KIND or KIND:ATTENDANCE (workers, public, core_committee, press, other)` };
    meetings.push({ kind: m[1], attendance: m[2] ? Number(m[2]) : null });
  }
  return { meetings };
}

/** `T01:AE:2` → a seat; empty → the visited unit's AC. */
function parseSeat(text: string): { stateCode?: string; house?: string; constituencyNo?: number } | null {
  if (!text) return {};
  const m = /^([A-Z][0-9]{2}):(AE|LS):(\d{1,3})$/.exec(text.trim().toUpperCase());
  return m ? { stateCode: m[1], house: m[2], constituencyNo: Number(m[3]) } : null;
}

/** Rows grouped by their tour key; a later row repeating a tour field must agree with the first. */
function groupRows(records: { record: Row; info: { lines: number } }[], problem: (line: number, field: string, msg: string) => void): Group[] {
  const groups = new Map<string, Group>();
  for (const { record, info } of records) {
    const key = record.tour ?? '';
    if (!key) { problem(info.lines, 'tour', 'required: rows of one tour share a key'); continue; }
    const g = groups.get(key);
    if (!g) groups.set(key, { key, line: info.lines, row: record, visits: [] });
    else for (const f of TOUR_FIELDS) if (record[f] && record[f] !== g.row[f]) problem(info.lines, f, `differs from line ${g.line} of tour '${key}'`);
    if (record.visit_unit || record.visit_on) (g ?? groups.get(key)!).visits.push({ line: info.lines, row: record });
  }
  return [...groups.values()];
}

function tourInput(g: Group, look: Lookup, problem: (line: number, field: string, msg: string) => void): unknown {
  const r = g.row;
  const unitId = look.unitOf(r.unit ?? '');
  if (unitId === undefined) problem(g.line, 'unit', r.unit ? `no unit '${r.unit}'` : 'required');
  let leaderPersonId: number | undefined;
  if (r.leader_phone) {
    const phone = normalisePhone(r.leader_phone);
    leaderPersonId = 'e164' in phone ? look.personOf(phone.e164) : undefined;
    if (leaderPersonId === undefined) problem(g.line, 'leader_phone', 'e164' in phone ? 'no person with this mobile number' : phone.message);
  }
  const visits = g.visits.map(({ line, row }) => {
    const vu = look.unitOf(row.visit_unit ?? '');
    if (vu === undefined) problem(line, 'visit_unit', row.visit_unit ? `no unit '${row.visit_unit}'` : 'required for a visit');
    const seat = parseSeat(row.seat ?? '');
    if (!seat) problem(line, 'seat', `'${row.seat}' should read STATE:HOUSE:NUMBER, such as S06:AE:12`);
    const m = parseMeetings(row.meetings ?? '');
    if (m.problem) problem(line, 'meetings', m.problem);
    return { unitId: vu ?? 1, visitOn: row.visit_on, ...seat, meetings: m.meetings };
  });
  return {
    leaderPersonId, leaderName: r.leader_name || undefined, leaderNameHi: r.leader_name_hi || null, unitId: unitId ?? 1, title: r.title,
    startsOn: r.starts_on, endsOn: r.ends_on, status: r.status || undefined, stay: r.stay || null, notes: r.notes || null, visits,
  };
}

/** Reads the file into bulk tours with the line of each tour and visit; every problem as FILE:LINE: field: message. */
export function readToursCsv(text: string, file: string, look: Lookup) {
  const problems: string[] = [];
  const problem = (line: number, field: string, msg: string) => problems.push(`${file}:${line}: ${field}: ${msg}`);
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_')), skip_empty_lines: true, trim: true, info: true });
  } catch (err) {
    return { inputs: [], lines: [], problems: [`${file}: ${(err as Error).message}`] };
  }
  const unknown = Object.keys(records[0]?.record ?? {}).filter((c) => !(TOUR_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) problem(1, unknown[0], `not a column of a tours file (${TOUR_COLUMNS.join(', ')})`);
  const inputs: BulkTour[] = [];
  const lines: { tour: number; visits: number[] }[] = [];
  for (const g of groupRows(records, problem)) {
    const before = problems.length;
    const parsed = BulkTour.safeParse(tourInput(g, look, problem));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [head, i, sub] = issue.path.map(String);
        const line = head === 'visits' && i !== undefined ? g.visits[Number(i)].line : g.line;
        problem(line, head === 'visits' ? VISIT_SNAKE[sub] ?? sub ?? 'visit' : SNAKE[head] ?? head, issue.message);
      }
    } else if (problems.length === before) { inputs.push(parsed.data); lines.push({ tour: g.line, visits: g.visits.map((v) => v.line) }); }
  }
  if (records.length === 0) problems.push(`${file}: no tours in the file`);
  return { inputs, lines, problems };
}

async function unitLookup(db: Executor, tenantId: string): Promise<Lookup['unitOf']> {
  const units = await db.selectFrom('units').select(['id', 'ext_key']).where('tenant_id', '=', tenantId).execute();
  const byKey = new Map(units.flatMap((u) => [[`#${u.id}`, Number(u.id)] as const, ...(u.ext_key ? [[u.ext_key, Number(u.id)] as const] : [])]));
  return (ref) => byKey.get(ref.trim());
}

/** The people the file's leader phones name, looked up in one query. */
async function phoneLookup(db: Executor, tenantId: string, text: string): Promise<Lookup['personOf']> {
  let rows: Row[] = [];
  try { rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, relax_column_count: true, trim: true }); } catch { /* reported by readToursCsv */ }
  const phones = [...new Set(rows.map((r) => normalisePhone(r.leader_phone ?? '')).flatMap((p) => ('e164' in p ? [p.e164] : [])))];
  const people = phones.length ? await db.selectFrom('people').select(['id', 'phone']).where('tenant_id', '=', tenantId)
    .where('merged_into', 'is', null).where('phone', 'in', phones).execute() : [];
  const byPhone = new Map(people.map((p) => [p.phone, p.id]));
  return (e164) => byPhone.get(e164);
}

/** Imports tours for one tenant as the system (the CLI): all or nothing, in one transaction. */
export async function importTours(db: Executor, input: { tenantId: string; file: string; text: string }): Promise<{ ids: number[]; visits: number }> {
  const look: Lookup = { unitOf: await unitLookup(db, input.tenantId), personOf: await phoneLookup(db, input.tenantId, input.text) };
  const { inputs, lines, problems } = readToursCsv(input.text, input.file, look);
  if (problems.length) throw new ImportRejected(cap(problems));
  const who: SystemActor = { system: 'cli', tenantId: input.tenantId };
  return db.transaction().execute(async (tx) => {
    const { resolved, problems: found } = await resolveBulk(tx, input.tenantId, inputs);
    if (found.length) {
      // The resolver names "INDEX.field" or "INDEX.visits.J.field"; the reader wants the file's line.
      throw new ImportRejected(cap(found.map((e) => {
        const [i, a, j, b] = e.field.split('.');
        const line = a === 'visits' ? lines[Number(i)].visits[Number(j)] : lines[Number(i)].tour;
        return `${input.file}:${line}: ${a === 'visits' ? VISIT_SNAKE[b] ?? b : SNAKE[a] ?? a}: ${e.message}`;
      })));
    }
    return writeTours(tx, who, resolved);
  });
}

function cap(problems: string[]): string[] {
  return problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`] : problems;
}
