// POST /api/imports takes the file itself as the request body (any content type; a booth file can be
// hundreds of megabytes, so it is streamed to a temporary file, never held in memory), answers 202
// with the import's id, and imports it in the background. GET /api/imports and /api/imports/:id show
// recent imports and one import's progress, summary or problems.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { originOf } from '../../server/auth-hook.ts';
import { Unauthorized } from '../../shared/errors.ts';
import { requirePermission } from '../access/access.ts';
import { MAX_UPLOAD_BYTES, receive, tooLarge } from '../system/receive-upload.ts';
import { createImportRunner } from './import-jobs.ts';
import { ImportOut, ImportParams, ImportsOut, ImportsQuery, UploadQuery } from './imports.schemas.ts';
import { findImports, getImport, IMPORT_PERMISSION, importUnitPath, queueImport, type UploadOptions } from './imports.service.ts';


const UploadOut = z.object({ id: z.number(), status: z.literal('queued') });

export function importsRoutes(app: App, deps: Deps) {
  const runner = createImportRunner(deps.db, (message, err) => app.log.error({ err }, message));
  app.addHook('onClose', () => runner.close());
  const r = typed(app);
  const tags = ['imports'];

  // Its own scope: here, and only here, a body of any type reaches the handler as the raw stream.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    typed(scope).post('/api/imports', {
      config: { sweep: { example: () => ({ query: { kind: 'results', name: 'sweep.csv' }, body: 'not,a,results,file\n1,2,3,4\n' }) } },
      schema: {
        tags, querystring: UploadQuery, response: { 202: UploadOut },
        description: 'The file is the request body (any content type, gzip allowed, up to 1 GiB). Needs elections.import: results, booths and boundaries are shared by every tenant.',
      },
    }, async (req, reply) => {
      const actor = req.actor;
      if (!actor) throw new Unauthorized();
      requirePermission(actor, IMPORT_PERMISSION); // before a byte of the file is read
      if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge();
      const q = req.query;
      const received = await receive(req.body as Readable | undefined, q.name);
      const options: UploadOptions = {
        ...(q.format && { format: q.format }), ...(q.election && { elections: q.election.toUpperCase().split(',') }),
        ...(q.state && { state: q.state }), ...(q.ac && { acNo: q.ac }),
      };
      try {
        const fileName = path.basename(q.name);
        const id = await asActor(deps, req, (tx, a) => queueImport(tx, a, { kind: q.kind, fileName, bytes: received.bytes, options }));
        const origin = originOf(req);
        await runner.enqueue({
          importId: id, kind: q.kind, file: received.file, dir: received.dir, fileName, options, importedBy: actor.label,
          audit: { tenantId: actor.tenantId, userId: actor.userId, label: actor.label, unitPath: importUnitPath(actor), ip: origin.ip, userAgent: origin.userAgent },
        });
        return reply.code(202).header('location', `/api/imports/${id}`).send({ id, status: 'queued' as const });
      } catch (err) {
        fs.rmSync(received.dir, { recursive: true, force: true });
        throw err;
      }
    });
  });

  r.get('/api/imports', { schema: { tags, querystring: ImportsQuery, response: { 200: ImportsOut } } },
    (req) => asActor(deps, req, (tx, a) => findImports(tx, a, req.query.limit, runner.live)));
  r.get('/api/imports/:importId', {
    config: { sweep: { example: () => ({}) } },
    schema: { tags, params: ImportParams, response: { 200: ImportOut } },
  }, (req) => asActor(deps, req, (tx, a) => getImport(tx, a, req.params.importId, runner.live)));
}
