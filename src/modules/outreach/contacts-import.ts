// Contacts from a CSV or XLSX file (voters, beneficiaries, supporters): numbers normalised to E.164
// (a landline or a malformed number is refused with the reason), one contact per phone per tenant (a
// number twice in the file is one contact, tags merged; a number already known is updated), each placed
// at its booth (state, AC and part number) or its AC, else at the root. All or nothing: every problem is
// `FILE:LINE: column: message` and nothing is written. (Issue 6, first part: no API route or CLI command yet.)
// readSheet and normalisePhone still live in the organisation module: they should move to src/shared
// (modules call each other only through services and schemas).
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { ImportRejected } from '../elections/problems.ts';
import { readSheet, type Sheet } from '../organisation/org-import-read.ts';
import { normalisePhone } from '../organisation/phones.ts';

const MAX_PROBLEMS = 200;
const KINDS = new Set(['voter', 'beneficiary', 'supporter']);

export interface ContactRow {
  line: number; phone: string; name: string | null; language: string; stateCode: string | null; acNo: number | null;
  partNo: number | null; tags: string[]; kind: string; consentSource: string | null;
}

/** The file's rows, checked; throws ImportRejected with every problem. */
export async function readContactsFile(file: string, fileName: string): Promise<{ rows: ContactRow[]; duplicates: number }> {
  let sheet: Sheet;
  try {
    sheet = await readSheet(file, fileName);
  } catch (e) {
    throw new ImportRejected([`${fileName}: ${(e as Error).message}`]);
  }
  const col = (r: string[], name: string) => { const i = sheet.header.get(name); return i === undefined ? '' : (r[i] ?? '').trim(); };
  const problems: string[] = [];
  if (!sheet.header.has('phone')) problems.push(`${fileName}:${sheet.headerLine}: phone: no phone column (columns: phone, name, language, state, ac, part, tags, kind, consent_source)`);
  const byPhone = new Map<string, ContactRow>();
  let duplicates = 0;
  for (const { line, fields } of problems.length ? [] : sheet.rows) {
    const bad = (column: string, message: string) => problems.push(`${fileName}:${line}: ${column}: ${message}`);
    const phone = normalisePhone(col(fields, 'phone'));
    if (!('e164' in phone)) { bad('phone', `${phone.message} ('${col(fields, 'phone')}')`); continue; }
    const language = (col(fields, 'language') || 'hi').toLowerCase();
    if (!/^[a-z]{2}$/.test(language)) bad('language', `a two-letter language code such as hi, en, gu ('${language}')`);
    const num = (name: string) => { const v = col(fields, name); if (!v) return null; if (!/^\d{1,5}$/.test(v)) { bad(name, `a number ('${v}')`); return null; } return Number(v); };
    const kind = (col(fields, 'kind') || 'voter').toLowerCase();
    if (!KINDS.has(kind)) bad('kind', `one of voter, beneficiary, supporter ('${kind}')`);
    const tags = col(fields, 'tags').split(/[;|]/).map((x) => x.trim()).filter(Boolean);
    const row: ContactRow = { line, phone: phone.e164, name: col(fields, 'name') || null, language, stateCode: col(fields, 'state').toUpperCase() || null,
      acNo: num('ac'), partNo: num('part'), tags, kind, consentSource: col(fields, 'consent_source') || null };
    const seen = byPhone.get(row.phone);
    if (seen) { duplicates += 1; seen.tags = [...new Set([...seen.tags, ...tags])]; } else byPhone.set(row.phone, row);
  }
  if (!problems.length && sheet.rows.length === 0) problems.push(`${fileName}: no contacts (a header line, then one contact per line)`);
  if (problems.length) throw new ImportRejected(problems.slice(0, MAX_PROBLEMS));
  return { rows: [...byPhone.values()], duplicates };
}

/**
 * Writes the rows in the caller's transaction: new phones inserted, known ones updated (name and
 * language when given, tags added). Each contact goes to its booth, else its AC, else the root.
 */
export async function writeContacts(tx: Tx, actor: Actor, rows: ContactRow[]): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const { rows: out } = await sql<{ inserted: boolean }>`
      with input as (
        select * from unnest(${chunk.map((r) => r.phone)}::text[], ${chunk.map((r) => r.name)}::text[], ${chunk.map((r) => r.language)}::text[],
          ${chunk.map((r) => r.stateCode)}::text[], ${chunk.map((r) => r.acNo)}::int[], ${chunk.map((r) => r.partNo)}::int[],
          ${chunk.map((r) => JSON.stringify(r.tags))}::jsonb[], ${chunk.map((r) => r.kind)}::text[], ${chunk.map((r) => r.consentSource)}::text[])
          as x(phone, name, language, state_code, ac_no, part_no, tags, kind, consent_source)
      ), placed as (
        select x.*, coalesce(b.id, a.id) as unit_id, coalesce(b.path, a.path, (select path from units where tenant_id = ${actor.tenantId} and parent_id is null limit 1)) as unit_path
        from input x
        left join units b on b.tenant_id = ${actor.tenantId} and b.level = 'booth' and b.wing is null and b.state_code = x.state_code and b.ac_no = x.ac_no and b.part_no = x.part_no
        left join units a on a.tenant_id = ${actor.tenantId} and a.level = 'ac' and a.wing is null and a.state_code = x.state_code and a.ac_no = x.ac_no
      )
      insert into contacts (tenant_id, phone, name, language, unit_id, unit_path, state_code, ac_no, tags, kind, consent_source)
      select ${actor.tenantId}, p.phone, p.name, p.language, p.unit_id, p.unit_path, p.state_code, p.ac_no,
        array(select jsonb_array_elements_text(p.tags)), p.kind, p.consent_source
      from placed p
      on conflict (tenant_id, phone) where phone is not null do update set
        name = coalesce(excluded.name, contacts.name), language = excluded.language,
        tags = array(select distinct unnest(contacts.tags || excluded.tags)), updated_at = now()
      returning (xmax = 0) as inserted`.execute(tx);
    for (const r of out) if (r.inserted) inserted += 1; else updated += 1;
  }
  return { inserted, updated };
}
