// The people file: one row per person, found by their mobile number (E.164) so a re-import updates
// rather than duplicates. A column left out of the file leaves that field alone; an empty cell clears
// an optional field. Written set-based: one `update … from unnest(…)` and one `insert … select from
// unnest(…)` per few thousand rows.
import { sql } from 'kysely';
import { ImportRejected, type Problems } from '../elections/problems.ts';
import { canImport, chunks, resolveUnits, unitOf, type Ctx } from './org-import-context.ts';
import { normaliseBulkPhone } from './org-import-phone.ts';
import { maskPhone } from '../../shared/phones.ts';
import type { CsvRecord } from '../elections/csv.ts';
import { field, type Sheet } from './org-import-read.ts';
import type { Counts } from './org-import-units.ts';

export interface Person {
  phone: string; name: string; nameHi: string | null; gender: string | null; ageBand: string | null; category: string | null;
  epic: string | null; homeId: number; homePath: string; wings: string; verified: boolean;
}
interface Row { line: number; person: Person; existing?: Person & { id: number } }
export interface PeoplePlan { rows: Row[] }

const GENDERS: Record<string, string> = { female: 'female', f: 'female', woman: 'female', male: 'male', m: 'male', man: 'male', other: 'other', o: 'other' };
const AGE_BANDS = new Set(['18-25', '26-35', '36-45', '46-60', '60+']);
const CATEGORIES: Record<string, string> = { GEN: 'GEN', GENERAL: 'GEN', OBC: 'OBC', SC: 'SC', ST: 'ST', OTHER: 'other' };
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

type Raw = { line: number; phone: string; rec: CsvRecord };

export async function checkPeople(ctx: Ctx, sheet: Sheet, problems: Problems): Promise<PeoplePlan> {
  if (!sheet.header.has('phone')) { problems.add(sheet.headerLine, 'phone', 'column missing (people need phone, name, home)'); return { rows: [] }; }
  const raws: Raw[] = [];
  const seen = new Map<string, number>();
  for (const rec of sheet.rows) {
    const text = field(sheet, rec, 'phone');
    const p = normaliseBulkPhone(text);
    if (!('e164' in p)) { problems.add(rec.line, 'phone', text ? `${p.message}: '${text}'` : 'required'); continue; }
    if (seen.has(p.e164)) { problems.add(rec.line, 'phone', `${p.e164} is also on line ${seen.get(p.e164)}`); continue; }
    seen.set(p.e164, rec.line);
    raws.push({ line: rec.line, phone: p.e164, rec });
  }
  seen.clear();
  ctx.progress({ phase: 'checking', done: 0, total: raws.length });
  const existing = await findPeople(ctx, raws.map((r) => r.phone));
  const merged = await findMergedNumbers(ctx, raws.filter((r) => !existing.has(r.phone)).map((r) => r.phone));
  await resolveUnits(ctx, raws.map((r) => field(sheet, r.rec, 'home')));
  const has = (c: string) => sheet.header.has(c);
  const rows: Row[] = [];
  for (const r of raws) {
    const old = existing.get(r.phone);
    const keptBy = merged.get(r.phone);
    if (keptBy) { problems.add(r.line, 'phone', `${r.phone} is a second number of ${keptBy.name} (merged); use their number ${maskPhone(keptBy.phone)} so they stay one person`); continue; }
    const person = parsePerson(ctx, r, (n) => field(sheet, r.rec, n), old, has, problems);
    if (person) rows.push({ line: r.line, person, existing: old });
    ctx.filePeople.add(r.phone);
  }
  return { rows };
}

export async function findPeople(ctx: Ctx, phones: string[]): Promise<Map<string, Person & { id: number }>> {
  const out = new Map<string, Person & { id: number }>();
  for (const part of chunks(phones, 20_000)) {
    const rows = (await sql<{ id: number; phone: string; name: string; name_hi: string | null; gender: string | null; age_band: string | null; category: string | null;
      epic: string | null; home_unit_id: number | null; unit_path: string; wings: string[]; verified: boolean }>`
      select id, phone, name, name_hi, gender, age_band, category, epic, home_unit_id, unit_path::text as unit_path, wings, phone_verified_at is not null as verified
      from people where tenant_id = ${ctx.tenantId} and merged_into is null and phone = any(${part}::text[])`.execute(ctx.tx)).rows;
    for (const p of rows) {
      out.set(p.phone, { id: Number(p.id), phone: p.phone, name: p.name, nameHi: p.name_hi, gender: p.gender, ageBand: p.age_band, category: p.category,
        epic: p.epic, homeId: p.home_unit_id === null ? 0 : Number(p.home_unit_id), homePath: p.unit_path, wings: p.wings.join(';'), verified: p.verified });
    }
  }
  return out;
}

/** Numbers that live on as other_phones of a kept person after a merge: importing them again would split that person. */
async function findMergedNumbers(ctx: Ctx, phones: string[]): Promise<Map<string, { name: string; phone: string }>> {
  const out = new Map<string, { name: string; phone: string }>();
  for (const part of chunks(phones, 20_000)) {
    const rows = (await sql<{ other: string; name: string; phone: string }>`
      select o.other, p.name, p.phone from people p cross join lateral unnest(p.other_phones) o(other)
      where p.tenant_id = ${ctx.tenantId} and p.merged_into is null and p.other_phones && ${part}::text[] and o.other = any(${part}::text[])`.execute(ctx.tx)).rows;
    for (const r of rows) out.set(r.other, { name: r.name, phone: r.phone });
  }
  return out;
}

function parsePerson(ctx: Ctx, r: Raw, f: (n: string) => string, old: (Person & { id: number }) | undefined, has: (c: string) => boolean, problems: Problems): Person | undefined {
  const before = problems.count;
  const { line } = r;
  if (old && !canImport(ctx, old.homePath)) problems.add(line, 'phone', 'this person is registered at a unit outside your import scope');
  const pick = <T>(col: string, parse: (text: string) => T | undefined, current: T | null): T | null => {
    if (!has(col)) return current;
    const text = f(col);
    if (text === '') return null;
    const v = parse(text);
    if (v === undefined) return null;
    return v;
  };
  const name = f('name');
  if (!name && !old) problems.add(line, 'name', 'required for a new person');
  else if (name.length > 120) problems.add(line, 'name', 'longer than 120 characters');
  const nameHi = pick('name_hi', (t) => (t.length > 120 ? bad(line, 'name_hi', 'longer than 120 characters', problems) : t), old?.nameHi ?? null);
  const gender = pick('gender', (t) => GENDERS[t.toLowerCase()] ?? bad(line, 'gender', `'${t}' is not female, male or other`, problems), old?.gender ?? null);
  const ageBand = pick('age_band', (t) => (AGE_BANDS.has(t.replace(/\s/g, '')) ? t.replace(/\s/g, '') : bad(line, 'age_band', `'${t}' is not one of ${[...AGE_BANDS].join(', ')}`, problems)), old?.ageBand ?? null);
  const category = pick('category', (t) => CATEGORIES[t.toUpperCase()] ?? bad(line, 'category', `'${t}' is not GEN, OBC, SC, ST or other`, problems), old?.category ?? null);
  const epic = pick('epic', (t) => {
    const e = t.toUpperCase().replace(/\s/g, '');
    return /^[A-Z0-9/]{6,20}$/.test(e) ? e : bad(line, 'epic', `'${t}' is not a voter ID (6 to 20 letters and digits)`, problems);
  }, old?.epic ?? null);
  const wings = pick('wings', (t) => {
    const list = [...new Set(t.split(/[;,]/).map((w) => w.trim().toLowerCase()).filter(Boolean))];
    const unknown = list.filter((w) => !ctx.wings.has(w));
    return unknown.length ? bad(line, 'wings', `not a wing: ${unknown.join(', ')} (${[...ctx.wings].join(', ')})`, problems) : list.join(';');
  }, old?.wings ?? '') ?? '';
  const v = f('phone_verified').toLowerCase();
  if (v && !YES.has(v) && !NO.has(v)) problems.add(line, 'phone_verified', `'${v}' is not yes or no`);
  const verified = v ? YES.has(v) : old?.verified ?? false;
  const homeRef = f('home');
  let homeId = old?.homeId ?? 0;
  let homePath = old?.homePath ?? '';
  if (homeRef) {
    const u = unitOf(ctx, homeRef);
    if (!u) problems.add(line, 'home', `no unit '${homeRef}' in your scope`);
    else if (!canImport(ctx, u.path)) problems.add(line, 'home', `'${homeRef}' is outside your import scope`);
    else { homeId = u.id; homePath = u.path; }
  } else if (!old) problems.add(line, 'home', 'required for a new person (a unit key, #id, or state/AC/part of a booth)');
  if (problems.count > before) return undefined;
  return { phone: r.phone, name: name || old!.name, nameHi, gender, ageBand, category, epic, homeId, homePath, wings, verified };
}

function bad(line: number, field: string, message: string, problems: Problems): undefined {
  problems.add(line, field, message);
  return undefined;
}

const same = (a: Person, b: Person) => a.name === b.name && a.nameHi === b.nameHi && a.gender === b.gender && a.ageBand === b.ageBand
  && a.category === b.category && a.epic === b.epic && a.homeId === b.homeId && a.wings === b.wings && a.verified === b.verified;

/** The columns of a batch as arrays for unnest, in the order the statements below take them. */
function columns(part: Person[]) {
  return sql`${part.map((p) => p.phone)}::text[], ${part.map((p) => p.name)}::text[], ${part.map((p) => p.nameHi)}::text[],
    ${part.map((p) => p.gender)}::text[], ${part.map((p) => p.ageBand)}::text[], ${part.map((p) => p.category)}::text[],
    ${part.map((p) => p.epic)}::text[], ${part.map((p) => p.homeId || null)}::bigint[], ${part.map((p) => p.homePath)}::text[],
    ${part.map((p) => p.wings)}::text[], ${part.map((p) => p.verified)}::boolean[]`;
}
const V = sql`v(phone, name, name_hi, gender, age_band, category, epic, home, path, wings, verified)`;

export async function writePeople(ctx: Ctx, plan: PeoplePlan, fileName: string): Promise<Counts> {
  const changed = plan.rows.filter((r) => r.existing && !same(r.existing, r.person));
  const created = plan.rows.filter((r) => !r.existing);
  const total = changed.length + created.length;
  let done = 0;
  const userId = ctx.actor?.userId ?? null;
  for (const part of chunks(changed, 10_000)) {
    await sql`update people p set name = v.name, name_hi = v.name_hi, gender = v.gender, age_band = v.age_band, category = v.category, epic = v.epic,
        home_unit_id = v.home, unit_path = v.path::ltree, wings = coalesce(string_to_array(nullif(v.wings, ''), ';'), '{}'),
        phone_verified_at = case when v.verified then coalesce(p.phone_verified_at, now()) end, updated_at = now()
      from unnest(${columns(part.map((r) => r.person))}) as ${V}
      where p.tenant_id = ${ctx.tenantId} and p.merged_into is null and p.phone = v.phone`.execute(ctx.tx);
    for (const r of part) { ctx.touched.add(r.existing!.homeId); ctx.touched.add(r.person.homeId); }
    ctx.progress({ phase: 'writing', done: (done += part.length), total });
  }
  const lost: Row[] = [];
  for (const part of chunks(created, 10_000)) {
    const made = (await sql<{ phone: string }>`
      insert into people (tenant_id, phone, name, name_hi, gender, age_band, category, epic, home_unit_id, unit_path, wings, phone_verified_at, created_by)
      select ${ctx.tenantId}, v.phone, v.name, v.name_hi, v.gender, v.age_band, v.category, v.epic, v.home, v.path::ltree,
        coalesce(string_to_array(nullif(v.wings, ''), ';'), '{}'), case when v.verified then now() end, ${userId}::uuid
      from unnest(${columns(part.map((r) => r.person))}) as ${V}
      on conflict (tenant_id, phone) where merged_into is null do nothing returning phone`.execute(ctx.tx)).rows;
    const got = new Set(made.map((m) => m.phone));
    for (const r of part) { if (got.has(r.person.phone)) ctx.touched.add(r.person.homeId); else lost.push(r); }
    ctx.progress({ phase: 'writing', done: (done += part.length), total });
  }
  if (lost.length) {
    // A number held by someone the actor cannot see: refused here, where the insert finds it, and rolled back.
    throw new ImportRejected(lost.slice(0, 100).map((r) => `${fileName}:${r.line}: phone: ${r.person.phone} belongs to a person outside your scope`));
  }
  ctx.touched.delete(0);
  return { rows: plan.rows.length, created: created.length, updated: changed.length, unchanged: plan.rows.length - total };
}
