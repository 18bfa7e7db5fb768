// Bulk import of the organisation: units, people and designations (CSV or XLSX; docs/data-formats.md).
// The rules of every import: every row is checked before anything is written, and every problem is
// reported as `FILE:LINE: field: message`; then one transaction writes it all, set-based, and brings
// the strength figures up to date; a re-import of the same file changes nothing.
//
// Through the API an import runs as the uploader (row-level security, org.import on every unit it
// touches); from the CLI it runs as the system, for one tenant. Several files can go in one upload
// (units, then people, then designations): later files may name the units and people of earlier ones.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { isWithin, scopePaths, withActor, type Actor, type Tx } from '../../db/scope.ts';
import { pathsWith, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { createProblems, ImportRejected } from '../elections/problems.ts';
import { IMPORT_PERMISSION, loadContext, type Ctx, type Progress } from './org-import-context.ts';
import { checkDesignations, writeDesignations } from './org-import-designations.ts';
import { checkPeople, writePeople } from './org-import-people.ts';
import { readSheet, type Sheet } from './org-import-read.ts';
import { checkUnits, writeUnits, type Counts } from './org-import-units.ts';
import type { OrgImportKind } from './org-import.schemas.ts';
import { rebuildStrength, refreshStrength } from './strength.service.ts';

export { ORG_IMPORT_KINDS, type OrgImportKind } from './org-import.schemas.ts';
export { IMPORT_PERMISSION };

export interface OrgFile { kind: OrgImportKind; file: string; fileName?: string }

export interface OrgImportInput {
  tenantId: string;
  files: OrgFile[];
  /** The uploader; absent for the system (CLI), which may import anywhere in the tenant. */
  actor?: Actor;
  /** The org_imports row of an upload, named in the audit event. */
  importId?: number;
  onProgress?: (p: Progress) => void;
}

export type FileSummary = Counts & { kind: OrgImportKind; file: string };
export interface OrgImportSummary { files: FileSummary[]; rows: number; seconds: number; strength: 'rebuilt' | 'refreshed' }

const ORDER: OrgImportKind[] = ['units', 'people', 'designations'];
/** Problems listed per file; the count of the rest is still reported. */
const PROBLEM_CAP = 200;

export async function importOrg(db: Executor, input: OrgImportInput): Promise<OrgImportSummary> {
  const started = performance.now();
  if (input.actor) requirePermission(input.actor, IMPORT_PERMISSION);
  const progress = input.onProgress ?? (() => {});
  const files = [...input.files].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const sheets: { f: OrgFile; name: string; sheet: Sheet }[] = [];
  for (const f of files) {
    const name = f.fileName ?? f.file;
    sheets.push({ f, name, sheet: await readSheet(f.file, name, (done, total) => progress({ phase: 'reading', done, total })) });
  }
  const run = async (tx: Tx) => {
    const ctx = await loadContext(tx, input.tenantId, input.actor, progress);
    const plans = [];
    for (const s of sheets) {
      const problems = createProblems(s.name, PROBLEM_CAP);
      progress({ phase: 'checking', done: 0, total: s.sheet.rows.length });
      const plan = s.f.kind === 'units' ? await checkUnits(ctx, s.sheet, problems)
        : s.f.kind === 'people' ? await checkPeople(ctx, s.sheet, problems) : await checkDesignations(ctx, s.sheet, problems);
      if (problems.count) throw new ImportRejected(byLine(s.name, problems.lines())); // later files may lean on this one: stop here
      plans.push({ s, plan });
      s.sheet.rows = []; // the plan holds what is needed: let a million parsed rows go before writing
    }
    const summaries: FileSummary[] = [];
    for (const { s, plan } of plans) {
      progress({ phase: 'writing', done: 0, total: s.sheet.rows.length });
      const counts = s.f.kind === 'units' ? await writeUnits(ctx, plan as Awaited<ReturnType<typeof checkUnits>>, s.name)
        : s.f.kind === 'people' ? await writePeople(ctx, plan as Awaited<ReturnType<typeof checkPeople>>, s.name)
        : await writeDesignations(ctx, plan as Awaited<ReturnType<typeof checkDesignations>>);
      summaries.push({ kind: s.f.kind, file: s.name, ...counts });
    }
    progress({ phase: 'strength', done: 0, total: 1 });
    const strength = await updateStrength(ctx);
    const summary: OrgImportSummary = { files: summaries, rows: summaries.reduce((n, s) => n + s.rows, 0), seconds: 0, strength };
    await audit(ctx, input, summary);
    progress({ phase: 'strength', done: 1, total: 1 });
    return summary;
  };
  const summary = input.actor ? await withActor(db, input.actor, run) : await db.transaction().execute(run);
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  return summary;
}

/** Problems in file order (checks run in passes), the "… and N more" line last. */
function byLine(fileName: string, lines: string[]): string[] {
  const lineOf = (l: string) => Number(/^(\d+):/.exec(l.slice(fileName.length + 1))?.[1] ?? Infinity);
  return lines.map((l, i) => ({ l, i, n: lineOf(l) })).sort((a, b) => a.n - b.n || a.i - b.i).map((x) => x.l);
}

/** Whole-tenant rebuild when the importer sees the whole tree (the system, or a grant at a root); else the touched units. */
async function updateStrength(ctx: Ctx): Promise<'rebuilt' | 'refreshed'> {
  if (ctx.touched.size === 0) return 'refreshed';
  const roots = (await sql<{ path: string }>`select path::text as path from units where tenant_id = ${ctx.tenantId} and parent_id is null`.execute(ctx.tx)).rows;
  const scopes = ctx.actor ? scopePaths(ctx.actor.grants) : [];
  const wholeTree = !ctx.actor || roots.every((r) => scopes.some((s) => isWithin(r.path, s)));
  if (wholeTree) {
    await rebuildStrength(ctx.tx, ctx.tenantId);
    return 'rebuilt';
  }
  await refreshStrength(ctx.tx, [...ctx.touched]);
  return 'refreshed';
}

/** The import's audit event, in its own transaction: it commits with the rows it records. */
async function audit(ctx: Ctx, input: OrgImportInput, summary: OrgImportSummary): Promise<void> {
  const who = input.actor ?? { system: 'cli', tenantId: ctx.tenantId };
  const unitPath = input.actor ? pathsWith(input.actor, IMPORT_PERMISSION).sort()[0] : null;
  await recordAudit(ctx.tx, who, {
    type: 'org.import', entity: summary.files.map((f) => f.kind).join('+'), rowIds: input.importId ? [input.importId] : [], unitPath,
    detail: { outcome: 'done', files: summary.files },
  });
}
