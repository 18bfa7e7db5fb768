// Contacts from a CSV or XLSX file (voters, beneficiaries, supporters): numbers normalised to E.164
// (a landline or a malformed number is refused with the reason), one contact per phone per tenant (a
// number twice in the file is one contact, tags merged; a number already known is updated), each placed
// at its booth (state, AC and part number) or its AC, else at the top of the uploader's area. A row
// naming a seat outside the uploader's area is refused. All or nothing: every problem is
// `FILE:LINE: column: message` and nothing is written.
// The file reader is the organisation module's (it reads CSV, gzip and XLSX the same way for both).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { withActor, type Actor, type Tx } from '../../db/scope.ts';
import { normalisePhone } from '../../shared/phones.ts';
import { pathsWith, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { ImportRejected } from '../elections/problems.ts';
import { readSheet, type Sheet } from '../organisation/org-import-read.ts';

const MAX_PROBLEMS = 200;
const CHUNK = 5000;
const KINDS = new Set(['voter', 'beneficiary', 'supporter']);

export interface ContactRow {
  line: number; phone: string; name: string | null; language: string | null; stateCode: string | null; acNo: number | null;
  partNo: number | null; tags: string[]; kind: string | null; consentSource: string | null;
}
export type Progress = (p: { phase: string; done: number; total: number }) => void;

/** The file's rows, checked; throws ImportRejected with every problem. Language and kind stay null when not given. */
export async function readContactsFile(file: string, fileName: string, onProgress?: Progress): Promise<{ rows: ContactRow[]; duplicates: number }> {
  let sheet: Sheet;
  try {
    sheet = await readSheet(file, fileName, (done, total) => onProgress?.({ phase: 'reading', done, total }));
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
    const language = col(fields, 'language').toLowerCase() || null;
    if (language && !/^[a-z]{2}$/.test(language)) bad('language', `a two-letter language code such as hi, en, gu ('${language}')`);
    const num = (name: string) => { const v = col(fields, name); if (!v) return null; if (!/^\d{1,5}$/.test(v)) { bad(name, `a number ('${v}')`); return null; } return Number(v); };
    const kind = col(fields, 'kind').toLowerCase() || null;
    if (kind && !KINDS.has(kind)) bad('kind', `one of voter, beneficiary, supporter ('${kind}')`);
    const tags = col(fields, 'tags').split(/[;|]/).map((x) => x.trim()).filter(Boolean);
    const row: ContactRow = { line, phone: phone.e164, name: col(fields, 'name') || null, language, stateCode: col(fields, 'state').toUpperCase() || null,
      acNo: num('ac'), partNo: num('part'), tags, kind, consentSource: col(fields, 'consent_source') || null };
    if (row.partNo !== null && row.acNo === null) bad('ac', 'a part number needs its AC');
    if (row.acNo !== null && !row.stateCode) bad('state', 'an AC needs its state code');
    const seen = byPhone.get(row.phone);
    if (seen) { duplicates += 1; seen.tags = [...new Set([...seen.tags, ...tags])]; } else byPhone.set(row.phone, row);
  }
  if (!problems.length && sheet.rows.length === 0) problems.push(`${fileName}: no contacts (a header line, then one contact per line)`);
  if (problems.length) throw new ImportRejected(problems.slice(0, MAX_PROBLEMS));
  return { rows: [...byPhone.values()], duplicates };
}

interface Placed { unitId: number | null; unitPath: string }

/**
 * Where each row goes: its booth, else its AC, among the units the transaction can see (the uploader's
 * area under row-level security); a row without a seat goes to `fallback`. A seat that cannot be found
 * there is a problem of the row, named by line.
 */
async function place(tx: Tx, tenantId: string, rows: ContactRow[], fallback: Placed, fileName: string): Promise<Placed[]> {
  const keys = [...new Set(rows.filter((r) => r.acNo !== null).map((r) => `${r.stateCode}|${r.acNo}`))];
  const found = new Map<string, Placed>();
  if (keys.length) {
    const { rows: units } = await sql<{ id: number; path: string; state_code: string; ac_no: number; part_no: number | null }>`
      select u.id, u.path::text, u.state_code, u.ac_no, u.part_no from units u
      join unnest(${keys.map((k) => k.split('|')[0])}::text[], ${keys.map((k) => Number(k.split('|')[1]))}::int[]) as k(s, a) on u.state_code = k.s and u.ac_no = k.a
      where u.tenant_id = ${tenantId} and u.wing is null and u.level in ('ac', 'booth')`.execute(tx);
    for (const u of units) found.set(`${u.state_code}|${u.ac_no}|${u.part_no ?? ''}`, { unitId: u.id, unitPath: u.path });
  }
  const problems: string[] = [];
  const placed = rows.map((r) => {
    if (r.acNo === null) return fallback;
    const at = (r.partNo !== null ? found.get(`${r.stateCode}|${r.acNo}|${r.partNo}`) : undefined) ?? found.get(`${r.stateCode}|${r.acNo}|`);
    if (!at) problems.push(`${fileName}:${r.line}: ac: no AC ${r.stateCode} ${r.acNo} in your area`);
    return at ?? fallback;
  });
  if (problems.length) throw new ImportRejected(problems.slice(0, MAX_PROBLEMS));
  return placed;
}

/**
 * Places and writes the rows in the caller's transaction: known phones updated (name, language, kind
 * and consent when given, tags added, moved when the row names a seat), new ones inserted. Rows without
 * a seat go to `fallback` (default: the top of the tenant).
 */
export async function writeContacts(tx: Tx, tenantId: string, rows: ContactRow[], opts: { fallback?: Placed; fileName?: string; onProgress?: Progress } = {}) {
  const fallback = opts.fallback ?? await tenantTop(tx, tenantId);
  const placed = await place(tx, tenantId, rows, fallback, opts.fileName ?? 'contacts');
  return write(tx, tenantId, rows, placed, opts.onProgress);
}

async function tenantTop(tx: Tx, tenantId: string): Promise<Placed> {
  const root = await tx.selectFrom('units').select(['id', (eb) => eb.cast<string>('path', 'text').as('path')])
    .where('tenant_id', '=', tenantId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  return { unitId: root.id, unitPath: root.path };
}

async function write(tx: Tx, tenantId: string, rows: ContactRow[], placed: Placed[], onProgress?: Progress): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const at = placed.slice(i, i + CHUNK);
    const { rows: out } = await sql<{ updated: number; inserted: number }>`
      with input as (
        select * from unnest(${chunk.map((r) => r.phone)}::text[], ${chunk.map((r) => r.name)}::text[], ${chunk.map((r) => r.language)}::text[],
          ${at.map((p) => p.unitId)}::bigint[], ${at.map((p) => p.unitPath)}::text[], ${chunk.map((r) => r.stateCode)}::text[], ${chunk.map((r) => r.acNo)}::int[],
          ${chunk.map((r) => JSON.stringify(r.tags))}::jsonb[], ${chunk.map((r) => r.kind)}::text[], ${chunk.map((r) => r.consentSource)}::text[])
          as x(phone, name, language, unit_id, unit_path, state_code, ac_no, tags, kind, consent_source)
      ), upd as (
        update contacts c set name = coalesce(x.name, c.name), language = coalesce(x.language, c.language), kind = coalesce(x.kind, c.kind),
          consent_source = coalesce(x.consent_source, c.consent_source), tags = array(select distinct unnest(c.tags || array(select jsonb_array_elements_text(x.tags)))),
          unit_id = case when x.ac_no is null then c.unit_id else x.unit_id end, unit_path = case when x.ac_no is null then c.unit_path else x.unit_path::ltree end,
          state_code = coalesce(x.state_code, c.state_code), ac_no = coalesce(x.ac_no, c.ac_no), updated_at = now()
        from input x where c.tenant_id = ${tenantId} and c.phone = x.phone
        returning c.phone
      ), ins as (
        insert into contacts (tenant_id, phone, name, language, unit_id, unit_path, state_code, ac_no, tags, kind, consent_source)
        select ${tenantId}, x.phone, x.name, coalesce(x.language, 'hi'), x.unit_id, x.unit_path::ltree, x.state_code, x.ac_no,
          array(select jsonb_array_elements_text(x.tags)), coalesce(x.kind, 'voter'), x.consent_source
        from input x where x.phone not in (select phone from upd)
        on conflict (tenant_id, phone) where phone is not null do nothing  -- known outside the uploader's area: left as it is
        returning 1
      )
      select (select count(*)::int from upd) as updated, (select count(*)::int from ins) as inserted`.execute(tx);
    inserted += out[0].inserted;
    updated += out[0].updated;
    onProgress?.({ phase: 'writing', done: Math.min(i + CHUNK, rows.length), total: rows.length });
  }
  return { inserted, updated };
}

export interface ContactsImportInput {
  tenantId: string; file: string; fileName: string;
  /** The uploader; absent for the system (CLI), which places contacts anywhere in the tenant. */
  actor?: Actor;
  importId?: number;
  onProgress?: Progress;
}
/** keptElsewhere: numbers the tenant already has outside the uploader's area, left as they are. */
export interface ContactsImportSummary { rows: number; inserted: number; updated: number; keptElsewhere: number; duplicates: number; seconds: number }

/** Reads, checks, places and writes a contacts file in one transaction, audited as contacts.import. */
export async function importContacts(db: Executor, input: ContactsImportInput): Promise<ContactsImportSummary> {
  const started = performance.now();
  if (input.actor) requirePermission(input.actor, 'outreach.manage');
  const { rows, duplicates } = await readContactsFile(input.file, input.fileName, input.onProgress);
  const run = async (tx: Tx, fallback: Placed | undefined, unitPath: string | null) => {
    input.onProgress?.({ phase: 'checking', done: 0, total: rows.length });
    const counts = await writeContacts(tx, input.tenantId, rows, { fallback, fileName: input.fileName, onProgress: input.onProgress });
    const summary = { rows: rows.length, ...counts, keptElsewhere: rows.length - counts.inserted - counts.updated, duplicates, seconds: 0 };
    const who = input.actor ?? { system: 'cli', tenantId: input.tenantId };
    await recordAudit(tx, who, { type: 'contacts.import', entity: 'contacts', rowIds: input.importId ? [input.importId] : [], unitPath,
      detail: { file: input.fileName, rows: rows.length, inserted: counts.inserted, updated: counts.updated } });
    return summary;
  };
  let summary: ContactsImportSummary;
  if (input.actor) {
    const actor = input.actor;
    const top = pathsWith(actor, 'outreach.manage').sort()[0];
    summary = await withActor(db, actor, (tx) => run(tx, { unitId: Number(top.split('.').pop()), unitPath: top }, top));
  } else {
    summary = await db.transaction().execute((tx) => run(tx as Tx, undefined, null));
  }
  return { ...summary, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
