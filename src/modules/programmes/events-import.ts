// Events in bulk from a CSV file (docs/data-formats.md, "Events"): every row is read and checked
// first, every problem reported as `FILE:LINE: field: message`, and nothing is written when there is
// one; then createEvents writes them all in one transaction (the same use case as POST /api/events/bulk).
import { parse } from 'csv-parse/sync';
import type { Executor } from '../../db/open.ts';
import { Invalid } from '../../shared/errors.ts';
import { ImportRejected } from '../elections/problems.ts';
import type { SystemActor } from '../access/audit.ts';
import { createEvents } from './events.service.ts';
import { EventInput, type EventInputParsed } from './events.schemas.ts';

const MAX_PROBLEMS = 200;
const COLUMNS = ['kind', 'title', 'title_hi', 'starts_at', 'ends_at', 'place', 'unit', 'course_code', 'sessions', 'invite'] as const;

/** `2030-03-01 10:00` (India time), a date (midnight, India time), or ISO 8601 with an offset. */
export function instantOf(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `${t}T00:00:00+05:30`;
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(t);
  if (local) return `${local[1]}T${local[2]}${local[3] ?? ':00'}+05:30`;
  return Number.isNaN(Date.parse(t)) ? null : new Date(t).toISOString();
}

type Named = (unit: string) => number | undefined;
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * One rule of the `invite` column: office:mayor,municipal_head · designation:booth.booth_president@UNIT ·
 * delegates:state.president,general_secretary/2 (at most 2 per unit; add -wings to leave wing units out) ·
 * people:12,15 (person ids).
 */
export function parseRule(text: string, unitOf: Named): { rule?: unknown; problem?: string } {
  const m = /^(office|designation|delegates|people):(.+)$/.exec(text.trim());
  if (!m) return { problem: `'${text}' is not office:…, designation:…, delegates:… or people:…` };
  const [, kind, rest] = m;
  if (kind === 'office') return { rule: { kind, offices: list(rest) } };
  if (kind === 'people') return { rule: { kind, personIds: list(rest).map(Number) } };
  const r = /^([a-z_]+)\.([a-z_,]+)(?:\/(\d+))?(-wings)?(?:@(.+))?$/.exec(rest.trim());
  if (!r) return { problem: `'${text}' should read ${kind}:LEVEL.CODE${kind === 'delegates' ? '[,CODE…][/N][-wings]' : ''}[@UNIT]` };
  const within = r[5] ? unitOf(r[5]) : undefined;
  if (r[5] && within === undefined) return { problem: `no unit '${r[5]}'` };
  const base = { level: r[1], ...(within !== undefined && { withinUnitId: within }) };
  if (kind === 'designation') return { rule: { kind, ...base, code: r[2] } };
  return { rule: { kind, ...base, codes: list(r[2]), ...(r[3] && { perUnit: Number(r[3]) }), includeWings: !r[4] } };
}

function rowInput(row: Record<string, string>, unitOf: Named, problem: (field: string, message: string) => void): unknown {
  const unit = unitOf(row.unit ?? '');
  if (unit === undefined) problem('unit', row.unit ? `no unit '${row.unit}'` : 'required');
  const rules: unknown[] = [];
  for (const part of (row.invite ?? '').split(';').filter((s) => s.trim())) {
    const r = parseRule(part, unitOf);
    if (r.problem) problem('invite', r.problem); else rules.push(r.rule);
  }
  const at = (f: 'starts_at' | 'ends_at') => {
    const v = instantOf(row[f] ?? '');
    if (!v) problem(f, row[f] ? `'${row[f]}' is not a date and time` : 'required');
    return v;
  };
  return {
    kind: row.kind?.trim().toLowerCase(), title: row.title, titleHi: row.title_hi || null, startsAt: at('starts_at'), endsAt: at('ends_at'),
    place: row.place || null, unitId: unit ?? 0, courseCode: row.course_code || null, rules,
    sessions: (row.sessions ?? '').split('|').map((s) => s.trim()).filter(Boolean).map((title) => ({ title })),
  };
}

const SNAKE: Record<string, string> = { titleHi: 'title_hi', startsAt: 'starts_at', endsAt: 'ends_at', unitId: 'unit', courseCode: 'course_code', rules: 'invite' };

/** Reads the file's rows into event inputs; every problem as FILE:LINE: field: message. */
export function readEventsCsv(text: string, file: string, unitOf: Named): { inputs: EventInputParsed[]; lines: number[]; problems: string[] } {
  const problems: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_')), skip_empty_lines: true, trim: true, info: true, relax_column_count: false });
  } catch (err) {
    return { inputs: [], lines: [], problems: [`${file}: ${(err as Error).message}`] };
  }
  const unknown = Object.keys(records[0]?.record ?? {}).filter((c) => !(COLUMNS as readonly string[]).includes(c));
  if (unknown.length) problems.push(`${file}:1: ${unknown[0]}: not a column of an events file (${COLUMNS.join(', ')})`);
  const inputs: EventInputParsed[] = [];
  const lines: number[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const reported = new Set<string>();
    const problem = (field: string, message: string) => { reported.add(field); problems.push(`${file}:${line}: ${field}: ${message}`); };
    const parsed = EventInput.safeParse(rowInput(record, unitOf, problem));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [head, ...tail] = issue.path.map(String);
        if (reported.has(SNAKE[head] ?? head)) continue; // the reader said it better already
        problem([SNAKE[head] ?? head, ...tail].join('.'), issue.message);
      }
    } else { inputs.push(parsed.data); lines.push(line); }
  }
  if (records.length === 0) problems.push(`${file}: no events in the file`);
  return { inputs, lines, problems };
}

/** Imports events for one tenant as the system (the CLI): all or nothing, in one transaction. */
export async function importEvents(db: Executor, input: { tenantId: string; file: string; text: string }): Promise<{ ids: number[]; invited: number }> {
  const units = await db.selectFrom('units').select(['id', 'ext_key']).where('tenant_id', '=', input.tenantId).execute();
  const byKey = new Map(units.flatMap((u) => [[`#${u.id}`, Number(u.id)] as const, ...(u.ext_key ? [[u.ext_key, Number(u.id)] as const] : [])]));
  const { inputs, lines, problems } = readEventsCsv(input.text, input.file, (s) => byKey.get(s.trim()));
  if (problems.length) throw new ImportRejected(cap(problems));
  const who: SystemActor = { system: 'cli', tenantId: input.tenantId };
  try {
    return await db.transaction().execute((tx) => createEvents(tx, who, inputs));
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    // createEvents names "INDEX.field"; the file's reader wants its line.
    throw new ImportRejected(cap((err.errors ?? []).map((e) => {
      const [i, ...rest] = e.field.split('.');
      return `${input.file}:${lines[Number(i)] ?? '?'}: ${[SNAKE[rest[0]] ?? rest[0], ...rest.slice(1)].join('.')}: ${e.message}`;
    })));
  }
}

function cap(problems: string[]): string[] {
  return problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`] : problems;
}
