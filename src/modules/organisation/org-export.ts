// Export of units, people and designations in the very formats the importer reads (docs/data-formats.md),
// so an export imported again changes nothing. Units are named by their key, or '#id' when they have
// none. Phone numbers are masked unless the actor holds personal.unmask on the person's unit (a
// masked file cannot be imported back: it is for reading). Audited `org.export`.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { IMPORT_PERMISSION } from './org-import-context.ts';
import type { OrgImportKind } from './org-import.schemas.ts';
import { maskPhone } from '../../shared/phones.ts';

export interface ExportInput { tenantId: string; kind: OrgImportKind; unitId?: number; format: 'csv' | 'xlsx'; actor?: Actor }
export interface ExportOut { rows: number; fileName: string; contentType: string; body: Buffer }

type Cell = string | number | null;
const HEADERS: Record<OrgImportKind, string[]> = {
  units: ['key', 'parent_key', 'level', 'name', 'name_hi', 'wing', 'state_code', 'ac_no', 'part_no'],
  people: ['phone', 'name', 'name_hi', 'gender', 'age_band', 'category', 'epic', 'home', 'wings', 'phone_verified'],
  designations: ['phone', 'unit', 'code', 'seat', 'from', 'to', 'name'],
};
const PAGE = 50_000;

export async function exportOrg(tx: Tx, input: ExportInput): Promise<ExportOut> {
  const { actor } = input;
  if (actor) requirePermission(actor, IMPORT_PERMISSION);
  const paths = await exportPaths(tx, input);
  const rows: Cell[][] = [];
  const mayUnmask = (path: string) => !actor || can(actor, 'personal.unmask', path);
  let masked = 0;
  const phone = (p: string | null, path: string) => {
    if (!p) return '';
    if (mayUnmask(path)) return p;
    masked += 1;
    return maskPhone(p);
  };
  if (input.kind === 'units') {
    for (const r of (await sql<{ id: number; parent_id: number | null; level: string; name: string; name_hi: string | null; wing: string | null; state_code: string | null; ac_no: number | null; part_no: number | null; ext_key: string | null; parent_key: string | null }>`
      select u.id, u.parent_id, u.level, u.name, u.name_hi, u.wing, u.state_code, u.ac_no, u.part_no, u.ext_key, p.ext_key as parent_key
      from units u left join units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
      where u.tenant_id = ${input.tenantId} and u.path <@ ${paths}::ltree[] order by nlevel(u.path), u.id`.execute(tx)).rows) {
      rows.push([r.ext_key ?? `#${r.id}`, r.parent_id === null ? '' : r.parent_key ?? `#${r.parent_id}`, r.level, r.name, r.name_hi, r.wing, r.state_code, r.ac_no, r.part_no]);
    }
  } else if (input.kind === 'people') {
    for (let after = 0; ;) {
      const page = (await sql<{ id: number; phone: string; name: string; name_hi: string | null; gender: string | null; age_band: string | null; category: string | null; epic: string | null; home_unit_id: number | null; home_key: string | null; path: string; wings: string[]; verified: boolean }>`
        select p.id, p.phone, p.name, p.name_hi, p.gender, p.age_band, p.category, p.epic, p.home_unit_id, h.ext_key as home_key, p.unit_path::text as path,
          p.wings, p.phone_verified_at is not null as verified
        from people p left join units h on h.tenant_id = p.tenant_id and h.id = p.home_unit_id
        where p.tenant_id = ${input.tenantId} and p.merged_into is null and p.unit_path <@ ${paths}::ltree[] and p.id > ${after}
        order by p.id limit ${PAGE}`.execute(tx)).rows;
      for (const r of page) {
        rows.push([phone(r.phone, r.path), r.name, r.name_hi, r.gender, r.age_band, r.category, r.epic,
          r.home_unit_id === null ? '' : r.home_key ?? `#${r.home_unit_id}`, r.wings.join(';'), r.verified ? 'yes' : 'no']);
      }
      if (page.length < PAGE) break;
      after = Number(page[page.length - 1].id);
    }
  } else {
    for (let after = 0; ;) {
      const page = (await sql<{ id: number; phone: string | null; person_path: string | null; name: string | null; unit_id: number; unit_key: string | null; code: string; seat: number; from_date: string; to_date: string | null }>`
        select d.id, p.phone, p.unit_path::text as person_path, p.name, d.unit_id, u.ext_key as unit_key, d.code, d.seat, d.from_date::text as from_date, d.to_date::text as to_date
        from designations d join units u on u.tenant_id = d.tenant_id and u.id = d.unit_id
          left join people p on p.tenant_id = d.tenant_id and p.id = d.person_id
        where d.tenant_id = ${input.tenantId} and d.unit_path <@ ${paths}::ltree[] and d.id > ${after}
        order by d.id limit ${PAGE}`.execute(tx)).rows;
      for (const r of page) {
        rows.push([phone(r.phone, r.person_path ?? ''), r.unit_key ?? `#${r.unit_id}`, r.code, r.seat, r.from_date, r.to_date, r.name]);
      }
      if (page.length < PAGE) break;
      after = Number(page[page.length - 1].id);
    }
  }
  const who = actor ?? { system: 'cli', tenantId: input.tenantId };
  await recordAudit(tx, who, {
    type: 'org.export', entity: input.kind, unitPath: paths[0] ?? null,
    detail: { kind: input.kind, unitId: input.unitId ?? null, format: input.format, rows: rows.length, masked },
  });
  const fileName = `${input.kind}${input.unitId ? `-${input.unitId}` : ''}.${input.format}`;
  return input.format === 'csv'
    ? { rows: rows.length, fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(HEADERS[input.kind], rows), 'utf8') }
    : { rows: rows.length, fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(input.kind, HEADERS[input.kind], rows) };
}

/** The subtree asked for (org.import on it), or every root the actor may import at; the tenant's roots for the system. */
async function exportPaths(tx: Tx, input: ExportInput): Promise<string[]> {
  const { actor } = input;
  if (input.unitId !== undefined) {
    if (actor) return (await requireUnits(tx, actor, IMPORT_PERMISSION, [input.unitId])).map((u) => u.path);
    const u = await tx.selectFrom('units').select(sql<string>`path::text`.as('path')).where('tenant_id', '=', input.tenantId).where('id', '=', input.unitId).executeTakeFirst();
    if (!u) throw new Error(`no unit ${input.unitId} in this tenant`);
    return [u.path];
  }
  if (actor) return pathsWith(actor, IMPORT_PERMISSION);
  return (await sql<{ path: string }>`select path::text as path from units where tenant_id = ${input.tenantId} and parent_id is null`.execute(tx)).rows.map((r) => r.path);
}

function toCsv(header: string[], rows: Cell[][]): string {
  const cell = (v: Cell) => {
    const s = v === null ? '' : String(v);
    const safe = typeof v === 'string' && /^[=+\-@]/.test(s) && !/^\+\d/.test(s) ? `'${s}` : s; // no formulas for spreadsheets; phones stay +91…
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const out = [header.join(',')];
  for (const r of rows) out.push(r.map(cell).join(','));
  return `\ufeff${out.join('\r\n')}\r\n`; // BOM so Excel reads Devanagari names as UTF-8
}

/** Streamed into memory: the writer keeps no row objects around, so a million rows stay affordable. */
async function toXlsx(kind: string, header: string[], rows: Cell[][]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  const sheet = book.addWorksheet(kind);
  sheet.addRow(header).commit();
  for (const r of rows) sheet.addRow(r.map((v) => (v === null ? '' : v))).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}
