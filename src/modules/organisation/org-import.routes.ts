// Bulk import and export of units, people and designations (docs/organisation.md, docs/data-formats.md).
// POST /api/org/imports takes the file itself as the body (streamed to a temporary file), answers 202
// with the import's id and imports it in the background as the uploader; GET /api/org/imports[/:id]
// show progress, counts and problems; GET /api/org/exports/:kind downloads CSV or XLSX.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql, type ColumnType, type Generated, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound, Unauthorized } from '../../shared/errors.ts';
import { pathsWith, requirePermission } from '../access/access.ts';
import { MAX_UPLOAD_BYTES, receive, tooLarge } from '../system/receive-upload.ts';
import { importState } from '../system/upload-queue.ts';
import { exportOrg } from './org-export.ts';
import { IMPORT_PERMISSION } from './org-import-context.ts';
import { createOrgImportRunner, type OrgLive } from './org-import-jobs.ts';
import {
  OrgExportParams, OrgExportQuery, OrgImportOut, OrgImportParams, OrgImportsOut, OrgImportsQuery, OrgUploadOut, OrgUploadQuery, type OrgImportKind,
} from './org-import.schemas.ts';

/** A job whose heartbeat is older than this died with its server. */

export function orgImportRoutes(app: App, deps: Deps) {
  const runner = createOrgImportRunner(deps.db, (message, err) => app.log.error({ err }, message));
  app.addHook('onClose', () => runner.close());
  const r = typed(app);
  const tags = ['organisation'];

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    typed(scope).post('/api/org/imports', {
      config: { sweep: { example: () => ({ query: { kind: 'people', name: 'sweep.csv' }, body: 'phone,name,home\nnot-a-phone,Sweep,#1\n' }) } },
      schema: { tags, querystring: OrgUploadQuery, response: { 202: OrgUploadOut }, description: 'The file is the request body (CSV, gzip allowed, or XLSX). Needs org.import; runs as the uploader.' },
    }, async (req, reply) => {
      const actor = req.actor;
      if (!actor) throw new Unauthorized();
      requirePermission(actor, IMPORT_PERMISSION); // before a byte of the file is read
      if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge();
      const fileName = path.basename(req.query.name);
      const received = await receive(req.body as Readable | undefined, fileName);
      try {
        const id = await asActor(deps, req, (tx, a) => queueOrgImport(tx, a, req.query.kind, fileName));
        await runner.enqueue({ id, kind: req.query.kind, file: received.file, dir: received.dir, fileName, actor });
        return reply.code(202).header('location', `/api/org/imports/${id}`).send({ id, status: 'queued' as const });
      } catch (err) {
        fs.rmSync(received.dir, { recursive: true, force: true });
        throw err;
      }
    });
  });

  r.get('/api/org/imports', { schema: { tags, querystring: OrgImportsQuery, response: { 200: OrgImportsOut } } },
    (req) => asActor(deps, req, async (tx, a) => {
      requirePermission(a, IMPORT_PERMISSION);
      return { items: (await importRows(tx).orderBy('i.id', 'desc').limit(req.query.limit).execute()).map((row) => toOut(row, runner.live(Number(row.id)))) };
    }));

  r.get('/api/org/imports/:orgImportId', {
    config: { sweep: { example: () => ({}) } },
    schema: { tags, params: OrgImportParams, response: { 200: OrgImportOut } },
  }, (req) => asActor(deps, req, async (tx, a) => {
    requirePermission(a, IMPORT_PERMISSION);
    const row = await importRows(tx).where('i.id', '=', req.params.orgImportId).executeTakeFirst();
    if (!row) throw new NotFound('import');
    return toOut(row, runner.live(Number(row.id)));
  }));

  r.get('/api/org/exports/:kind', {
    config: { sweep: { example: (f: Record<string, unknown>) => ({ query: { unitId: String(f.unitId) } }) } },
    schema: { tags, params: OrgExportParams, querystring: OrgExportQuery, description: 'CSV or XLSX in the import formats; phones masked unless personal.unmask. Needs org.import.' },
  }, async (req, reply) => {
    const out = await asActor(deps, req, (tx, a) => exportOrg(tx, { tenantId: a.tenantId, actor: a, kind: req.params.kind, unitId: req.query.unitId, format: req.query.format }));
    return reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.fileName}"`).send(out.body);
  });
}

async function queueOrgImport(tx: Tx, actor: Actor, kind: OrgImportKind, fileName: string): Promise<number> {
  const row = await orgDb(tx).insertInto('org_imports').values({
    tenant_id: actor.tenantId, kind, file_name: fileName, unit_path: pathsWith(actor, IMPORT_PERMISSION).sort()[0], user_id: actor.userId,
    imported_by: actor.label, status: 'queued',
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

// org_imports (db/migrations/0013_organisation.sql) is typed here rather than in db/schema.ts: only this module reads it.
interface OrgImportsTable {
  tenant_id: string; id: Generated<number>; kind: OrgImportKind; file_name: string; unit_path: string; user_id: string | null; imported_by: string;
  status: 'queued' | 'running' | 'done' | 'failed'; rows: Generated<number>;
  summary: ColumnType<{ files?: OrgImportOut['counts']; problemCount?: number } | null, never, never>;
  problems: ColumnType<{ line: number | null; field: string; message: string }[], never, never>;
  message: ColumnType<string | null, never, never>; started_at: Generated<Date>; finished_at: ColumnType<Date | null, never, never>;
}
const orgDb = (tx: Tx) => tx as unknown as Transaction<DB & { org_imports: OrgImportsTable }>;

function importRows(tx: Tx) {
  return orgDb(tx).selectFrom('org_imports as i')
    .leftJoin('system_jobs as j', (join) => join.on('j.kind', '=', sql<string>`'org-import:' || i.id::text`))
    .select(['i.id', 'i.kind', 'i.file_name', 'i.status', 'i.imported_by', 'i.rows', 'i.summary', 'i.problems', 'i.message', 'i.started_at', 'i.finished_at',
      'j.phase', 'j.done', 'j.total', 'j.status as job_status', 'j.updated_at as job_updated_at']);
}

function toOut(r: Awaited<ReturnType<ReturnType<typeof importRows>['executeTakeFirstOrThrow']>>, live: OrgLive | undefined): OrgImportOut {
  const summary = r.summary ?? {};
  return {
    id: Number(r.id), kind: r.kind, fileName: r.file_name, importedBy: r.imported_by, ...importState(r, live),
    rows: r.rows, problemCount: summary.problemCount ?? r.problems.length,
    counts: summary.files ?? [],
    problems: r.problems.map((p) => ({ file: r.file_name, ...p })),
  };
}
