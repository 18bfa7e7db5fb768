import type { Executor } from '../../db/open.ts';
import { finishJob, reportJob, startJob } from '../system/jobs.ts';
import { seedDemo, type SeedOptions, type SeedResult } from './seed.ts';
import { createDemoUsers, DEMO_PASSWORD, DEMO_USERS } from './users.ts';

export { DEMO_PASSWORD, DEMO_USERS };

/** Whether the database needs the demo: no tenant yet, or a demo seed was cut off half-way. */
export async function needsDemo(db: Executor): Promise<boolean> {
  const tenants = await db.selectFrom('tenants').select(['slug', 'status']).execute();
  return tenants.length === 0 || tenants.some((t) => t.status === 'seeding');
}

/**
 * Seeds the demo tenant and its users, recording progress in system_jobs so the sign-in page
 * (on any server) can show a progress bar. Throttled: a progress write at most every 250 ms.
 */
export async function runDemoSeed(db: Executor, opts: Omit<SeedOptions, 'onProgress'> & { onProgress?: SeedOptions['onProgress'] }): Promise<SeedResult> {
  const job = await startJob(db, 'seed-demo', `demo (${opts.scale})`);
  let last = 0;
  try {
    const result = await seedDemo(db, {
      ...opts,
      onProgress: (p) => {
        opts.onProgress?.(p);
        const now = Date.now();
        if (now - last < 250 && p.done < p.total) return;
        last = now;
        void reportJob(db, job, p).catch(() => {});
      },
    });
    await createDemoUsers(db, result.tenantSlug);
    await finishJob(db, job, 'done');
    return result;
  } catch (err) {
    await finishJob(db, job, 'failed', (err as Error).message).catch(() => {});
    throw err;
  }
}
