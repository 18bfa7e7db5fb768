import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { runDemoSeed, DEMO_PASSWORD, DEMO_USERS } from '../modules/demo/ensure.ts';

export async function seedCommand(g: GlobalOptions, o: { scale: 'state' | 'national'; seed: string }) {
  const out = output(Boolean(g.json));
  const seed = Number(o.seed);
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, not ${o.seed}`);
  const config = configFrom(g);
  if (o.scale === 'national' && !config.databaseUrl) {
    out.log('note: the national demo is ~17 million rows; on the embedded database it takes a long time and several GB. Use PostgreSQL (--database-url) for it.');
  }
  const database = await openMigrated(config);
  try {
    const result = await runDemoSeed(database.db, { scale: o.scale, seed, onProgress: out.progress() });
    out.result({ ...result, login: { email: DEMO_USERS[0].email, password: DEMO_PASSWORD } },
      `demo tenant '${result.tenantSlug}': ${result.rows.toLocaleString('en')} rows in ${result.seconds.toFixed(1)} s; sign in as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}`);
  } finally {
    await database.close();
  }
}
