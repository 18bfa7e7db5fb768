import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/open.ts';
import { migrate } from '../db/migrate.ts';
import { assertRequestRolesSafe } from '../db/scope.ts';
import { defaultAuthPolicy } from '../modules/access/auth.service.ts';
import { DEMO_PASSWORD, DEMO_USERS, DemoBusy, needsDemo, runDemoSeed } from '../modules/demo/ensure.ts';
import { buildApp } from './app.ts';
import { startEscalationSweep } from '../modules/programmes/escalation-sweep.ts';
import { startQueueSweep } from '../modules/outreach/queue-sweep.ts';
import { createFakeTelephony, type Telephony } from '../modules/outreach/telephony.ts';
import { VERSION } from '../shared/version.ts';

import type { Server } from 'node:http';

/** `server` is the listening HTTP server, for callers that must know when a request has arrived. */
export interface Running { url: string; close: () => Promise<void>; seeding: Promise<void>; server: Server }

/** Opens and migrates the database, refuses unsafe roles, listens, then seeds the demo in the background. */
export async function serve(config: Config, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<Running> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPool });
  log(`database: ${database.kind === 'pglite' ? `embedded PGlite in ${database.where}` : `PostgreSQL ${database.where}`}`);
  const { applied } = await migrate(database, { log });
  if (applied.length) log(`applied ${applied.length} migration(s)`);
  await assertRequestRolesSafe(database.db);

  let closing = false;
  const app = await buildApp(
    { db: database.db, version: VERSION, isReady: () => !closing, telephony: telephonyFrom(config, log),
      policy: { ...defaultAuthPolicy, idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionHours } },
    { trustProxy: config.trustProxy, logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] } },
  );
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  log(`Warroom is listening on ${url}`);

  const seeding = config.demo === 'auto' && (await needsDemo(database.db))
    ? seedInBackground(database, config, log)
    : printLoginIfDemo(database, log, url);

  const stopSweep = startEscalationSweep(database.db, log);
  const stopQueueSweep = startQueueSweep(database.db, log);

  return {
    url,
    seeding,
    server: app.server,
    close: async () => {
      closing = true;
      stopSweep();
      stopQueueSweep();
      await app.close();          // finishes in-flight requests first
      await seeding.catch(() => {});
      await database.close();
    },
  };
}

async function seedInBackground(database: Database, config: Config, log: (l: string) => void): Promise<void> {
  log(`preparing demo data (${config.demoScale} scale); the sign-in page shows progress`);
  printLogin(log, '');
  const started = Date.now();
  let lastPhase = '';
  try {
    const result = await runDemoSeed(database.db, {
      scale: config.demoScale,
      onProgress: (p: { phase: string }) => { if (p.phase !== lastPhase) { lastPhase = p.phase; log(`  seeding ${p.phase}…`); } },
    });
    log(`demo data ready: ${result.rows.toLocaleString('en')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; sign in as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}`);
  } catch (err) {
    log(err instanceof DemoBusy ? `not seeding: ${err.message}` : `demo seeding failed: ${(err as Error).message}`);
  }
}

async function printLoginIfDemo(database: Database, log: (l: string) => void, url: string): Promise<void> {
  const demo = await database.db.selectFrom('tenants').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  if (demo) printLogin(log, url);
}

function printLogin(log: (l: string) => void, url: string): void {
  log(`sign in${url ? ` at ${url}` : ''} as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD} (demo data; other demo users: ${DEMO_USERS.slice(1).map((u) => u.email).join(', ')})`);
}

/** The fake provider answers every bridged call after a few seconds, so a demo's agent sees it go through. */
function telephonyFrom(config: Config, log: (line: string) => void): Telephony | undefined {
  if (config.telephony !== 'fake') return undefined;
  log('telephony: the fake provider (dials no one; WARROOM_TELEPHONY=fake)');
  return createFakeTelephony({ secret: config.telephonySecret ?? randomBytes(24).toString('hex'), autoAnswerMs: 3000 });
}
