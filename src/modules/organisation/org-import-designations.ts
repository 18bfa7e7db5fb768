// The designations file: who holds which seat of which unit, from when (and until when, for history).
// Idempotent: a row that is already true (the same person open in the same seat, or the same ended
// stint) changes nothing. An open row for a seat someone else holds ends that holder ("replaced").
import { sql } from 'kysely';
import { wholeNumber, type Problems } from '../elections/problems.ts';
import { canImport, chunks, parseDate, resolveUnits, today, unitOf, type Ctx, type UnitRef } from './org-import-context.ts';
import { normaliseBulkPhone } from './org-import-phone.ts';
import { findPeople } from './org-import-people.ts';
import { field, type Sheet } from './org-import-read.ts';
import type { Counts } from './org-import-units.ts';

interface Row { line: number; phone: string; unit: UnitRef; code: string; seat: number; from: string; to: string | null }
interface Held { id: number; unitId: number; code: string; seat: number; personId: number; from: string; to: string | null }
export interface DesignationsPlan { rows: Row[]; held: Held[] }

export async function checkDesignations(ctx: Ctx, sheet: Sheet, problems: Problems): Promise<DesignationsPlan> {
  for (const c of ['phone', 'unit', 'code']) if (!sheet.header.has(c)) problems.add(sheet.headerLine, c, 'column missing (designations need phone, unit, code)');
  if (problems.count) return { rows: [], held: [] };
  await resolveUnits(ctx, sheet.rows.map((r) => field(sheet, r, 'unit')));
  const phones = new Map<number, string>();
  for (const rec of sheet.rows) {
    const p = normaliseBulkPhone(field(sheet, rec, 'phone'));
    if ('e164' in p) phones.set(rec.line, p.e164);
    else problems.add(rec.line, 'phone', field(sheet, rec, 'phone') ? `${p.message}: '${field(sheet, rec, 'phone')}'` : 'required');
  }
  const known = await findPeople(ctx, [...new Set(phones.values())].filter((p) => !ctx.filePeople.has(p)));
  const rows: Row[] = [];
  for (const rec of sheet.rows) {
    const f = (n: string) => field(sheet, rec, n);
    const line = rec.line;
    const phone = phones.get(line);
    if (phone && !ctx.filePeople.has(phone) && !known.has(phone)) problems.add(line, 'phone', `no person with ${phone} in your scope (add them in a people file first)`);
    const unit = unitOf(ctx, f('unit'));
    if (!f('unit')) problems.add(line, 'unit', 'required');
    else if (!unit) problems.add(line, 'unit', `no unit '${f('unit')}' in your scope`);
    else if (!canImport(ctx, unit.path)) problems.add(line, 'unit', `'${f('unit')}' is outside your import scope`);
    const code = f('code').toLowerCase();
    const type = unit ? ctx.types.get(`${unit.level}:${code}`) : undefined;
    if (unit && !type) problems.add(line, 'code', code ? `'${code}' is not a designation of a ${unit.level} unit (${codesOf(ctx, unit.level)})` : 'required');
    const seat = wholeNumber(f('seat'), line, 'seat', problems) ?? 1;
    if (type && !type.perPage && (seat < 1 || seat > type.seats)) problems.add(line, 'seat', `${code} has seat${type.seats > 1 ? `s 1 to ${type.seats}` : ' 1 only'}`);
    else if (seat < 1) problems.add(line, 'seat', 'seats count from 1');
    const from = f('from') ? parseDate(f('from')) : today();
    if (!from) problems.add(line, 'from', `'${f('from')}' is not a date (YYYY-MM-DD)`);
    const to = f('to') ? parseDate(f('to')) ?? undefined : null;
    if (to === undefined) problems.add(line, 'to', `'${f('to')}' is not a date (YYYY-MM-DD)`);
    else if (to && from && to < from) problems.add(line, 'to', `before from (${from})`);
    if (phone && unit && type && from && to !== undefined) rows.push({ line, phone, unit, code, seat, from, to });
  }
  duplicates(rows, problems);
  return { rows, held: problems.count ? [] : await findHeld(ctx, rows) };
}

function codesOf(ctx: Ctx, level: string): string {
  return [...ctx.types.keys()].filter((k) => k.startsWith(`${level}:`)).map((k) => k.slice(level.length + 1)).join(', ') || 'none configured';
}

/** Two open rows for one seat, or one stint twice, cannot both be true. */
function duplicates(rows: Row[], problems: Problems): void {
  const open = new Map<string, number>();
  const stints = new Map<string, number>();
  for (const r of rows) {
    const seat = `${r.unit.id}:${r.code}:${r.seat}`;
    if (r.to === null) {
      if (open.has(seat)) problems.add(r.line, 'seat', `${r.code} seat ${r.seat} of this unit is also given on line ${open.get(seat)}`);
      else open.set(seat, r.line);
    }
    const stint = `${seat}:${r.phone}:${r.from}`;
    if (stints.has(stint)) problems.add(r.line, 'from', `the same stint is also on line ${stints.get(stint)}`);
    else stints.set(stint, r.line);
  }
}

async function findHeld(ctx: Ctx, rows: Row[]): Promise<Held[]> {
  const units = [...new Set(rows.filter((r) => !r.unit.isNew).map((r) => r.unit.id))];
  const held: Held[] = [];
  for (const part of chunks(units, 10_000)) {
    const found = (await sql<{ id: number; unit_id: number; code: string; seat: number; person_id: number; from_date: string; to_date: string | null }>`
      select id, unit_id, code, seat, person_id, from_date::text as from_date, to_date::text as to_date
      from designations where tenant_id = ${ctx.tenantId} and unit_id = any(${part}::bigint[])`.execute(ctx.tx)).rows;
    for (const d of found) held.push({ id: Number(d.id), unitId: Number(d.unit_id), code: d.code, seat: d.seat, personId: Number(d.person_id), from: d.from_date, to: d.to_date });
  }
  return held;
}

export async function writeDesignations(ctx: Ctx, plan: DesignationsPlan): Promise<Counts> {
  // People of the same upload have ids only now.
  const ids = await findPeople(ctx, [...new Set(plan.rows.map((r) => r.phone))]);
  const openBySeat = new Map<string, Held>();
  const byStint = new Map<string, Held>();
  for (const h of plan.held) {
    if (h.to === null) openBySeat.set(`${h.unitId}:${h.code}:${h.seat}`, h);
    byStint.set(`${h.unitId}:${h.code}:${h.seat}:${h.personId}:${h.from}`, h);
  }
  const ends: { id: number; to: string; reason: string }[] = [];
  const inserts: (Row & { personId: number })[] = [];
  let unchanged = 0;
  let replaced = 0;
  for (const r of plan.rows) {
    const personId = ids.get(r.phone)!.id;
    const seat = `${r.unit.id}:${r.code}:${r.seat}`;
    const stint = byStint.get(`${seat}:${personId}:${r.from}`);
    const holder = openBySeat.get(seat);
    if (r.to === null) {
      if (holder?.personId === personId) { unchanged += 1; continue; }
      if (holder) { ends.push({ id: holder.id, to: holder.from > r.from ? holder.from : r.from, reason: 'replaced (import)' }); replaced += 1; }
      inserts.push({ ...r, personId });
    } else if (stint && stint.to === r.to) unchanged += 1;
    else if (stint) ends.push({ id: stint.id, to: r.to, reason: stint.to === null ? 'ended (import)' : 'corrected (import)' });
    else inserts.push({ ...r, personId });
  }
  for (const part of chunks(ends)) {
    await sql`update designations d set to_date = v.to_date, end_reason = v.reason
      from unnest(${part.map((e) => e.id)}::bigint[], ${part.map((e) => e.to)}::date[], ${part.map((e) => e.reason)}::text[]) as v(id, to_date, reason)
      where d.tenant_id = ${ctx.tenantId} and d.id = v.id`.execute(ctx.tx);
  }
  const userId = ctx.actor?.userId ?? null;
  let done = 0;
  for (const part of chunks(inserts)) {
    await sql`insert into designations (tenant_id, unit_id, unit_path, level, code, seat, person_id, from_date, to_date, end_reason, created_by)
      select ${ctx.tenantId}, v.unit_id, v.path::ltree, v.level, v.code, v.seat, v.person_id, v.from_date, v.to_date,
        case when v.to_date is not null then 'ended (import)' end, ${userId}::uuid
      from unnest(${part.map((r) => r.unit.id)}::bigint[], ${part.map((r) => r.unit.path)}::text[], ${part.map((r) => r.unit.level)}::text[],
        ${part.map((r) => r.code)}::text[], ${part.map((r) => r.seat)}::int[], ${part.map((r) => r.personId)}::bigint[],
        ${part.map((r) => r.from)}::date[], ${part.map((r) => r.to)}::date[]) as v(unit_id, path, level, code, seat, person_id, from_date, to_date)`.execute(ctx.tx);
    ctx.progress({ phase: 'writing', done: (done += part.length), total: inserts.length });
  }
  for (const r of inserts) ctx.touched.add(r.unit.id);
  const heldUnit = new Map(plan.held.map((h) => [h.id, h.unitId]));
  for (const e of ends) ctx.touched.add(heldUnit.get(e.id)!);
  const updated = ends.length - replaced;
  return { rows: plan.rows.length, created: inserts.length, updated, unchanged, replaced };
}
