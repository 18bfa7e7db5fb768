// Units report on their tasks (docs/programmes.md): a count or "done", a note, a location and
// evidence files, all in one request so a report is never half-written. The sums of every unit
// above move in the same transaction (prog_add_reported), so the review is current the moment a
// booth reports.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { requireTask } from './tasks.service.ts';
import type { Report, ReportInput } from './tasks.schemas.ts';
import { today } from './task-progress.ts';

const MAX_FILE = 5 * 1024 * 1024;

/** The file's first bytes must match its declared type: a renamed executable is not a photo. */
function sniff(bytes: Buffer, mime: string): boolean {
  if (mime === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (mime === 'image/png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (mime === 'image/webp') return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

function decodeEvidence(input: ReportInput) {
  return input.evidence.map((e, i) => {
    const bytes = Buffer.from(e.dataBase64, 'base64');
    const field = `evidence.${i}`;
    if (bytes.length === 0) throw new Invalid('An evidence file is empty', [{ field: `${field}.dataBase64`, message: 'not base64, or empty' }]);
    if (bytes.length > MAX_FILE) throw new Invalid('An evidence file is too large', [{ field: `${field}.dataBase64`, message: `${bytes.length} bytes; the limit is 5 MB` }]);
    if (!sniff(bytes, e.mime)) throw new Invalid('An evidence file is not what it says', [{ field: `${field}.mime`, message: `the file is not ${e.mime}` }]);
    return { ...e, bytes, kind: e.mime === 'application/pdf' ? 'document' as const : 'photo' as const };
  });
}

export async function reportOnTask(tx: Tx, actor: Actor, taskId: number, input: ReportInput): Promise<Report> {
  const task = await requireTask(tx, actor, taskId, 'programmes.read');
  const [unit] = await requireUnits(tx, actor, 'programmes.write', [input.unitId]);
  const share = await tx.selectFrom('task_targets').select(['is_assignee', 'done_at']).where('task_id', '=', taskId).where('unit_id', '=', unit.id).executeTakeFirst();
  if (!share?.is_assignee) throw new Invalid('This unit is not an assignee of the task', [{ field: 'unitId', message: 'reports come from the units the task was given to' }]);
  if (task.status !== 'open') throw new Invalid('The task is closed', [{ field: 'taskId', message: 'closed tasks take no more reports' }]);
  if (task.kind === 'drive' && today() < task.starts_on) throw new Invalid('The drive has not started', [{ field: 'taskId', message: `the drive starts on ${task.starts_on}` }]);
  if (task.metric === 'reported' && input.value == null) throw new Invalid('Say how many', [{ field: 'value', message: `the count of ${task.unit_label}` }]);
  if (task.evidence_required && input.evidence.length === 0) throw new Invalid('This task needs evidence', [{ field: 'evidence', message: 'attach a photo or a document' }]);
  const files = decodeEvidence(input);
  // Completion counts a unit once, however often it reports; a reported count adds up.
  const value = task.metric === 'reported' ? input.value! : task.metric === 'completion' ? 1 : (input.value ?? 0);
  const delta = task.metric === 'reported' ? value : task.metric === 'completion' && !share.done_at ? 1 : 0;
  const report = await tx.insertInto('task_reports').values({
    tenant_id: actor.tenantId, task_id: taskId, unit_id: unit.id, unit_path: unit.path, value, note: input.note ?? null,
    lat: input.lat ?? null, lng: input.lng ?? null, reported_by: actor.userId, reported_by_label: actor.label,
  }).returning(['id', 'at']).executeTakeFirstOrThrow();
  const evidence = files.length === 0 ? [] : await tx.insertInto('task_evidence').values(files.map((f) => ({
    tenant_id: actor.tenantId, report_id: report.id, unit_path: unit.path, kind: f.kind, mime: f.mime, file_name: f.fileName, size: f.bytes.length, bytes: f.bytes,
  }))).returning(['id', 'kind', 'file_name', 'mime', 'size']).execute();
  if (delta !== 0) await sql`select prog_add_reported(${taskId}::bigint, ${unit.id}::bigint, ${delta}::int)`.execute(tx);
  if (task.metric === 'completion' && !share.done_at) {
    await tx.updateTable('task_targets').set({ done_at: new Date() }).where('task_id', '=', taskId).where('unit_id', '=', unit.id).execute();
  }
  await recordAudit(tx, actor, { type: 'task.report', entity: 'task_reports', rowIds: [report.id], unitPath: unit.path,
    detail: { taskId, unitId: unit.id, value, delta, files: evidence.length } });
  return { id: report.id, taskId, unitId: unit.id, unitName: unit.name, value, note: input.note ?? null, lat: input.lat ?? null, lng: input.lng ?? null,
    reportedBy: actor.label, at: new Date(report.at).toISOString(),
    evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, fileName: e.file_name, mime: e.mime, size: e.size })) };
}

/** The latest reports under a unit of the task (the whole task where the actor may see it all). */
export async function findReports(tx: Tx, actor: Actor, taskId: number, query: { unitId?: number; limit: number }): Promise<{ items: Report[] }> {
  const task = await requireTask(tx, actor, taskId, 'programmes.read');
  const path = query.unitId ? (await requireUnits(tx, actor, 'programmes.read', [query.unitId]))[0].path : task.unit_path;
  // Row-level security already limits the rows to the actor's subtree; the path narrows to the unit asked.
  const rows = await sql<{ id: number; unit_id: number; unit_name: string; value: number; note: string | null; lat: number | null; lng: number | null;
    reported_by_label: string; at: Date; evidence: Report['evidence'] | null }>`select r.id, r.unit_id, u.name as unit_name, r.value, r.note, r.lat, r.lng,
      r.reported_by_label, r.at,
      (select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'fileName', e.file_name, 'mime', e.mime, 'size', e.size) order by e.id)
        from task_evidence e where e.tenant_id = r.tenant_id and e.report_id = r.id) as evidence
    from task_reports r join units u on u.tenant_id = r.tenant_id and u.id = r.unit_id
    where r.task_id = ${taskId} and r.unit_path <@ ${path}::ltree
    order by r.at desc, r.id desc limit ${query.limit}`.execute(tx);
  return { items: rows.rows.map((r) => ({ id: r.id, taskId, unitId: r.unit_id, unitName: r.unit_name, value: r.value, note: r.note, lat: r.lat, lng: r.lng,
    reportedBy: r.reported_by_label, at: new Date(r.at).toISOString(), evidence: r.evidence ?? [] })) };
}

/** One evidence file, for the units that may see the report it belongs to. */
export async function getEvidence(tx: Tx, actor: Actor, id: number): Promise<{ mime: string; fileName: string; bytes: Buffer }> {
  const row = await tx.selectFrom('task_evidence').select(['mime', 'file_name', 'bytes', (eb) => eb.cast<string>('unit_path', 'text').as('unit_path')])
    .where('id', '=', id).executeTakeFirst();
  if (!row || !actor.grants.some((g) => g.permissions.includes('programmes.read') && (row.unit_path + '.').startsWith(g.unitPath + '.'))) throw new NotFound('evidence');
  return { mime: row.mime, fileName: row.file_name, bytes: Buffer.from(row.bytes) };
}

/** A named person's to-do is done (marked by someone who may write at the person's home unit). */
export async function markPersonDone(tx: Tx, actor: Actor, taskId: number, personId: number): Promise<{ doneAt: string }> {
  await requireTask(tx, actor, taskId, 'programmes.read');
  const row = await tx.selectFrom('task_people').select([(eb) => eb.cast<string>('unit_path', 'text').as('unit_path'), 'done_at'])
    .where('task_id', '=', taskId).where('person_id', '=', personId).executeTakeFirst();
  if (!row || !actor.grants.some((g) => g.permissions.includes('programmes.write') && (row.unit_path + '.').startsWith(g.unitPath + '.'))) throw new NotFound('person of this task');
  const at = row.done_at ?? new Date();
  if (!row.done_at) {
    await tx.updateTable('task_people').set({ done_at: at }).where('task_id', '=', taskId).where('person_id', '=', personId).execute();
    await recordAudit(tx, actor, { type: 'task.report', entity: 'task_people', rowIds: [personId], unitPath: row.unit_path, detail: { taskId, personId, done: true } });
  }
  return { doneAt: new Date(at).toISOString() };
}
