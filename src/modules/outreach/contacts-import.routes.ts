// Contacts uploaded through the web: POST /api/outreach/contacts/imports takes the file as the body
// (streamed to a temporary file), answers 202 with the import's id and imports it in the background as
// the uploader, through the same upload queue as organisation files (progress in memory and in
// system_jobs); GET /api/outreach/contacts/imports[/:id] show progress, counts and problems.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { NotFound, Unauthorized } from '../../shared/errors.ts';
import { Id } from '../access/access.schemas.ts';
import { pathsWith, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { describeFailure } from '../elections/import-jobs.ts';
import { MAX_UPLOAD_BYTES, receive, tooLarge } from '../system/receive-upload.ts';
import { createUploadQueue, importState, type Live } from '../system/upload-queue.ts';
import { importContacts } from './contacts-import.ts';

/** A job whose heartbeat is older than this died with its server. */

const ImportOut = z.object({
  id: z.number(), fileName: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']), importedBy: z.string(), startedAt: z.string(),
  finishedAt: z.string().nullable(), rows: z.number(), progress: z.object({ phase: z.string(), done: z.number(), total: z.number() }).nullable(),
  summary: z.object({ inserted: z.number(), updated: z.number(), keptElsewhere: z.number(), duplicates: z.number() }).nullable(),
  problems: z.array(z.object({ line: z.number().nullable(), field: z.string(), message: z.string() })), problemCount: z.number(), message: z.string().nullable(),
});
type ImportOut = z.infer<typeof ImportOut>;

export function contactsImportRoutes(app: App, deps: Deps) {
  const queue = createUploadQueue(deps.db, 'contacts-import', (message, err) => app.log.error({ err }, message));
  app.addHook('onClose', () => queue.close());
  const tags = ['outreach'];

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    typed(scope).post('/api/outreach/contacts/imports', {
      config: { sweep: { example: () => ({ query: { name: 'sweep.csv' }, body: 'phone,name\nnot-a-phone,Sweep\n' }) } },
      schema: { tags, querystring: z.object({ name: z.string().trim().min(1).max(200) }), response: { 202: z.object({ id: z.number(), status: z.literal('queued') }) },
        description: 'The file is the request body (CSV, gzip allowed, or XLSX): phone, name, language, state, ac, part, tags, kind, consent_source. Needs outreach.manage; runs as the uploader.' },
    }, async (req, reply) => {
      const actor = req.actor;
      if (!actor) throw new Unauthorized();
      requirePermission(actor, 'outreach.manage'); // before a byte of the file is read
      if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge();
      const fileName = path.basename(req.query.name);
      const received = await receive(req.body as Readable | undefined, fileName);
      try {
        const id = await asActor(deps, req, (tx, a) => queueImport(tx, a, fileName));
        await queue.enqueue({ id, label: `contacts import ${fileName}`, dir: received.dir,
          run: (onProgress) => run(deps.db, id, actor, received.file, fileName, onProgress), fail: (err) => fail(deps.db, id, actor, fileName, err) });
        return reply.code(202).header('location', `/api/outreach/contacts/imports/${id}`).send({ id, status: 'queued' as const });
      } catch (err) {
        fs.rmSync(received.dir, { recursive: true, force: true });
        throw err;
      }
    });
  });

  const r = typed(app);
  r.get('/api/outreach/contacts/imports', { schema: { tags, response: { 200: z.object({ items: z.array(ImportOut) }) } } },
    (req) => asActor(deps, req, async (tx, a) => {
      requirePermission(a, 'outreach.manage');
      return { items: (await rows(tx, null)).map((x) => toOut(x, queue.live(x.id))) };
    }));
  r.get('/api/outreach/contacts/imports/:contactImportId', {
    config: { sweep: { example: () => ({}) } },
    schema: { tags, params: z.object({ contactImportId: Id }), response: { 200: ImportOut } },
  }, (req) => asActor(deps, req, async (tx, a) => {
    requirePermission(a, 'outreach.manage');
    const [row] = await rows(tx, req.params.contactImportId);
    if (!row) throw new NotFound('import');
    return toOut(row, queue.live(row.id));
  }));
}

async function queueImport(tx: Tx, actor: Actor, fileName: string): Promise<number> {
  const { rows: r } = await sql<{ id: number }>`insert into contact_imports (tenant_id, file_name, unit_path, user_id, imported_by)
    values (${actor.tenantId}, ${fileName}, ${pathsWith(actor, 'outreach.manage').sort()[0]}::ltree, ${actor.userId}::uuid, ${actor.label}) returning id`.execute(tx);
  return r[0].id;
}

async function run(db: Executor, id: number, actor: Actor, file: string, fileName: string, onProgress: (p: { phase: string; done: number; total: number }) => void) {
  await sql`update contact_imports set status = 'running' where tenant_id = ${actor.tenantId} and id = ${id}`.execute(db);
  const s = await importContacts(db, { tenantId: actor.tenantId, actor, file, fileName, importId: id, onProgress });
  await sql`update contact_imports set status = 'done', rows = ${s.rows}, summary = ${JSON.stringify(s)}, finished_at = now()
    where tenant_id = ${actor.tenantId} and id = ${id}`.execute(db);
}

async function fail(db: Executor, id: number, actor: Actor, fileName: string, err: unknown): Promise<string> {
  const f = describeFailure(fileName, err);
  await db.transaction().execute(async (tx) => {
    await sql`update contact_imports set status = 'failed', problems = ${JSON.stringify(f.problems)}, summary = ${JSON.stringify({ problemCount: f.count })},
      message = ${f.message}, finished_at = now() where tenant_id = ${actor.tenantId} and id = ${id}`.execute(tx);
    await recordAudit(tx as Tx, actor, { type: 'contacts.import', entity: 'contacts', rowIds: [id], unitPath: pathsWith(actor, 'outreach.manage').sort()[0],
      detail: { outcome: 'failed', file: fileName, problems: f.count } });
  }).catch(() => {});
  return f.rejected ? 'rejected' : 'error';
}

interface Row { id: number; file_name: string; status: ImportOut['status']; imported_by: string; started_at: Date; finished_at: Date | null; rows: number;
  summary: { inserted?: number; updated?: number; keptElsewhere?: number; duplicates?: number; problemCount?: number } | null;
  problems: ImportOut['problems']; message: string | null; phase: string | null; done: number | null; total: number | null; job_status: string | null; job_updated_at: Date | null }

function rows(tx: Tx, id: number | null) {
  return sql<Row>`select i.id, i.file_name, i.status, i.imported_by, i.started_at, i.finished_at, i.rows, i.summary, i.problems, i.message,
      j.phase, j.done, j.total, j.status as job_status, j.updated_at as job_updated_at
    from contact_imports i left join system_jobs j on j.kind = 'contacts-import:' || i.id::text
    where (${id}::bigint is null or i.id = ${id}) order by i.id desc limit 50`.execute(tx).then((r) => r.rows);
}

function toOut(r: Row, live: Live | undefined): ImportOut {
  const s = r.summary;
  return {
    id: Number(r.id), fileName: r.file_name, importedBy: r.imported_by, rows: r.rows, ...importState(r, live),
    summary: r.status === 'done' && s ? { inserted: s.inserted ?? 0, updated: s.updated ?? 0, keptElsewhere: s.keptElsewhere ?? 0, duplicates: s.duplicates ?? 0 } : null,
    problems: r.problems, problemCount: s?.problemCount ?? r.problems.length,
  };
}
