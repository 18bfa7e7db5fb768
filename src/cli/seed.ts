import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { runDemoSeed, DEMO_PASSWORD, DEMO_USERS } from '../modules/demo/ensure.ts';

export async function seedCommand(g: GlobalOptions, o: { scale: 'state' | 'national'; seed: string }) {
  const out = output(Boolean(g.json));
  const seed = Number(o.seed);
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, not ${o.seed}`);
  const database = await openMigrated(configFrom(g));
  try {
    const result = await runDemoSeed(database.db, { scale: o.scale, seed, onProgress: out.progress() });
    out.result({ ...result, login: { email: DEMO_USERS[0].email, password: DEMO_PASSWORD } },
      `demo tenant '${result.tenantSlug}': ${result.rows.toLocaleString('en')} rows in ${result.seconds.toFixed(1)} s; sign in as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}`);
  } finally {
    await database.close();
  }
}
