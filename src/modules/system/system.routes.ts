import { z } from 'zod';
import client from 'prom-client';
import { typed, type App, type Deps } from '../../server/deps.ts';
import { ping } from '../access/session.service.ts';
import { sendProblem } from '../../server/errors.ts';
import { currentDemoJob } from './jobs.ts';
import { withAuth } from '../../db/scope.ts';

const StatusOut = z.object({
  version: z.string(),
  demo: z.object({ seeding: z.boolean(), phase: z.string().nullable(), done: z.number(), total: z.number() }).nullable(),
});

export function systemRoutes(app: App, deps: Deps, registry: client.Registry) {
  const r = typed(app);
  const pub = { public: true };
  r.get('/healthz', { config: pub, schema: { hide: true } }, async () => ({ ok: true }));
  r.get('/readyz', { config: pub, schema: { hide: true } }, async (_req, reply) => {
    if (!deps.isReady()) return sendProblem(reply, { type: 'about:blank', title: 'Not ready', status: 503, detail: 'shutting down' });
    await ping(deps.db);
    return { ok: true };
  });
  r.get('/metrics', { config: pub, schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()));
  r.get('/api/status', { config: pub, schema: { tags: ['system'], response: { 200: StatusOut } } }, async () => ({
    version: deps.version,
    demo: await withAuth(deps.db, null, (tx) => currentDemoJob(tx)),
  }));
}
