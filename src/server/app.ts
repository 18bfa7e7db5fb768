import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance { routeTable: RouteOptions[] }
}
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './deps.ts';
import { problemHandler, sendProblem } from './errors.ts';
import { registerAuthHook } from './auth-hook.ts';
import { createMetrics } from './metrics.ts';
import { accessRoutes } from '../modules/access/access.routes.ts';
import { unitsRoutes } from '../modules/units/units.routes.ts';
import { homeRoutes } from '../modules/home/home.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { electionsRoutes } from '../modules/elections/elections.routes.ts';
import { importsRoutes } from '../modules/elections/imports.routes.ts';
import { organisationRoutes } from '../modules/organisation/organisation.routes.ts';
import { partiesRoutes } from '../modules/elections/parties.routes.ts';
import { projectionRoutes } from '../modules/projection/projection.routes.ts';
import { tasksRoutes } from '../modules/programmes/tasks.routes.ts';
import { notificationsRoutes } from '../modules/programmes/notifications.routes.ts';
import { reviewRoutes } from '../modules/review/review.routes.ts';
import { toursRoutes } from '../modules/programmes/tours.routes.ts';
import { eventsRoutes } from '../modules/programmes/events.routes.ts';
import { eventsRsvpRoutes } from '../modules/programmes/events-rsvp.routes.ts';
import { contactsImportRoutes } from '../modules/outreach/contacts-import.routes.ts';
import { bridgesRoutes } from '../modules/outreach/bridges.routes.ts';
import { contactsRoutes } from '../modules/outreach/contacts.routes.ts';
import { outreachRoutes } from '../modules/outreach/outreach.routes.ts';
import { dashboardRoutes } from '../modules/outreach/dashboard.routes.ts';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions { logger?: FastifyServerOptions['logger']; trustProxy?: boolean; serveWeb?: boolean }

/** Builds the HTTP app: every module's routes, auth, problem+json errors, docs, metrics. Does not listen. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemHandler);
  // Every route registered, for the security sweep that must cover them all.
  const routes: RouteOptions[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (route) => { routes.push(route); });
  // A request that was in flight when shutdown began still gets its answer, but its keep-alive
  // socket must then close, or server.close() waits out the keep-alive timeout.
  app.addHook('onSend', async (_req, reply) => { if (!deps.isReady()) reply.header('connection', 'close'); });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: { info: { title: 'Warroom API', version: deps.version, description: 'Election war room: every route, its schema and its errors (RFC 9457 problem+json).' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  const metrics = createMetrics(app);
  registerAuthHook(app, deps.db, deps.policy);

  systemRoutes(app, deps, metrics);
  accessRoutes(app, deps);
  homeRoutes(app, deps);
  unitsRoutes(app, deps);
  electionsRoutes(app, deps);
  importsRoutes(app, deps);
  partiesRoutes(app, deps);
  organisationRoutes(app, deps);
  projectionRoutes(app, deps);
  tasksRoutes(app, deps);
  notificationsRoutes(app, deps);
  reviewRoutes(app, deps);
  toursRoutes(app, deps);
  eventsRoutes(app, deps);
  eventsRsvpRoutes(app, deps);
  outreachRoutes(app, deps);
  dashboardRoutes(app, deps);
  contactsImportRoutes(app, deps);
  contactsRoutes(app, deps);
  bridgesRoutes(app, deps);

  if (opts.serveWeb !== false && fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes get the app; a missing file (an asset from an older build) gets an honest 404.
    const pathname = req.url.split('?')[0];
    const isPage = req.method === 'GET' && !pathname.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(pathname) && fs.existsSync(`${WEB_DIST}index.html`);
    if (isPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, { type: 'about:blank', title: 'Not found', status: 404, detail: `No route ${req.method} ${req.url.split('?')[0]}` });
  });
  return app;
}
