// POST /api/imports takes the file itself as the request body (any content type; a booth file can be
// hundreds of megabytes, so it is streamed to a temporary file, never held in memory), answers 202
// with the import's id, and imports it in the background. GET /api/imports and /api/imports/:id show
// recent imports and one import's progress, summary or problems.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { originOf } from '../../server/auth-hook.ts';
import { AppError, Invalid, Unauthorized } from '../../shared/errors.ts';
import { requirePermission } from '../access/access.ts';
import { createImportRunner } from './import-jobs.ts';
import { ImportOut, ImportParams, ImportsOut, ImportsQuery, UploadQuery } from './imports.schemas.ts';
import { findImports, getImport, IMPORT_PERMISSION, importUnitPath, queueImport, type UploadOptions } from './imports.service.ts';

/** The largest upload taken: a whole state's long-layout Form 20 file is a few hundred megabytes. */
export const MAX_UPLOAD_BYTES = 1024 ** 3;

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

const tooLarge = () => new AppError(413, 'Payload too large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 ** 2} MB`);

/** Streams the body into a temporary folder, under the file's own (cleaned) name: a one-AC booth file's number comes from it. */
async function receive(body: Readable | undefined, name: string): Promise<{ dir: string; file: string; bytes: number }> {
  if (!body || typeof body.pipe !== 'function') throw new Invalid('The request has no file: send the file as the request body');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'warroom-upload-'));
  const file = path.join(dir, path.basename(name).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-120) || 'upload');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > MAX_UPLOAD_BYTES ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(body, count, fs.createWriteStream(file));
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err instanceof AppError ? err : new Invalid('The upload was cut off before the whole file arrived');
  }
  if (bytes === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Invalid('The file is empty');
  }
  return { dir, file, bytes };
}
