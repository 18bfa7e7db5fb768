// The upload page's use cases: queue an upload, list recent imports, show one. The import itself
// runs in import-jobs.ts; its row in `imports` is where the outcome lands, and system_jobs (kind
// 'import:<id>') carries its progress and heartbeat while it runs.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { pathsWith, requirePermission } from '../access/access.ts';
import type { ImportKind, ImportOut } from './imports.schemas.ts';

export const IMPORT_PERMISSION = 'elections.import';
/** A job whose heartbeat is older than this died with its server (as in system/jobs.ts). */
const STALE_MS = 2 * 60_000;

export interface Live { status: 'queued' | 'running'; phase: string; done: number; total: number }

export interface UploadOptions { format?: string; elections?: string[]; state?: string; acNo?: number }

/** The unit an actor imports at: the first root of their grants carrying elections.import. */
export function importUnitPath(actor: Actor): string {
  return pathsWith(actor, IMPORT_PERMISSION).sort()[0];
}

/** Records a received upload as queued. The caller starts its job once this has committed. */
export async function queueImport(tx: Tx, actor: Actor, u: { kind: ImportKind; fileName: string; bytes: number; options: UploadOptions }): Promise<number> {
  requirePermission(actor, IMPORT_PERMISSION);
  const row = await tx.insertInto('imports').values({
    kind: u.kind, file_name: u.fileName, format: u.options.format ?? 'auto', imported_by: actor.label, status: 'queued',
    tenant_id: actor.tenantId, unit_path: importUnitPath(actor), user_id: actor.userId, bytes: u.bytes, options: JSON.stringify(u.options),
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

const columns = ['i.id', 'i.kind', 'i.file_name', 'i.format', 'i.status', 'i.imported_by', 'i.started_at', 'i.finished_at', 'i.rows',
  'i.election_ids', 'i.warnings', 'i.problems', 'i.summary', 'i.bytes', 'i.message', 'j.phase', 'j.done', 'j.total',
  'j.status as job_status', 'j.updated_at as job_updated_at'] as const;

function withJob(tx: Tx) {
  return tx.selectFrom('imports as i')
    .leftJoin('system_jobs as j', (join) => join.on('j.kind', '=', sql<string>`'import:' || i.id::text`))
    .select(columns);
}
type Row = Awaited<ReturnType<ReturnType<typeof withJob>['executeTakeFirstOrThrow']>>;

/** Recent imports: the actor's tenant's uploads within their scopes, and the operator's CLI imports. */
export async function findImports(tx: Tx, actor: Actor, limit: number, live: (id: number) => Live | undefined) {
  requirePermission(actor, IMPORT_PERMISSION);
  const rows = await withJob(tx).orderBy('i.id', 'desc').limit(limit).execute();
  return { items: rows.map((r) => listItem(r, live(Number(r.id)))) };
}

export async function getImport(tx: Tx, actor: Actor, id: number, live: (id: number) => Live | undefined): Promise<ImportOut> {
  requirePermission(actor, IMPORT_PERMISSION);
  const row = await withJob(tx).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('import');
  const item = listItem(row, live(id));
  const summary = (row.summary ?? {}) as { elections?: ImportOut['elections']; [k: string]: unknown };
  const details = Object.fromEntries(Object.entries(summary).filter(([k, v]) => typeof v === 'number' && !['rows', 'seconds', 'importId', 'problemCount'].includes(k))) as Record<string, number>;
  return {
    ...item,
    bytes: row.bytes === null ? null : Number(row.bytes),
    progress: progressOf(row, live(id), item.status),
    elections: summary.elections ?? row.election_ids.map((e) => ({ id: e, seats: null, winners: [] })),
    warnings: row.warnings as string[],
    details,
    problems: (row.problems as { line: number | null; field: string; message: string }[]).map((p) => ({ file: row.file_name, ...p })),
    message: item.status === 'failed' && isOrphan(row, live(id)) ? 'The server stopped during this import. Nothing was written; upload the file again.' : row.message,
  };
}

function listItem(r: Row, live: Live | undefined) {
  const summary = (r.summary ?? {}) as { problemCount?: number };
  return {
    id: Number(r.id), kind: r.kind, fileName: r.file_name, format: r.format, status: statusOf(r, live), importedBy: r.imported_by,
    startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    rows: r.rows, electionIds: r.election_ids, warningCount: (r.warnings as unknown[]).length,
    problemCount: summary.problemCount ?? (r.problems as unknown[]).length,
  };
}

/** A queued or running row whose job is neither here nor reporting anywhere died with its server. */
function isOrphan(r: Row, live: Live | undefined): boolean {
  if (r.status === 'done' || r.status === 'failed' || live) return false;
  if (r.job_status === 'running' && r.job_updated_at && Date.now() - new Date(r.job_updated_at).getTime() < STALE_MS) return false;
  if (r.job_status === null && Date.now() - new Date(r.started_at).getTime() < STALE_MS) return false; // queued on another server
  return true;
}

function statusOf(r: Row, live: Live | undefined): ImportOut['status'] {
  // The importer marks its row done inside its transaction; this server still writes the summary after.
  if (live) return live.status;
  if (isOrphan(r, live)) return 'failed';
  if (r.status === 'queued' && r.job_status === 'running' && r.phase) return 'running';
  return r.status;
}

function progressOf(r: Row, live: Live | undefined, status: ImportOut['status']): ImportOut['progress'] {
  if (live) return { phase: live.phase, done: live.done, total: live.total };
  if (status !== 'running' && status !== 'queued') return null;
  return { phase: r.phase ?? 'queued', done: Number(r.done ?? 0), total: Number(r.total ?? 0) };
}
