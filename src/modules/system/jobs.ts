import type { Executor } from '../../db/open.ts';
import type { Tx } from '../../db/scope.ts';

// system_jobs rows carry progress of long system work, so any server (or the sign-in page) can show it.

export async function startJob(db: Executor, kind: string, label: string): Promise<number> {
  const row = await db.insertInto('system_jobs').values({ kind, label }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function reportJob(db: Executor, id: number, p: { phase: string; done: number; total: number }): Promise<void> {
  await db.updateTable('system_jobs').set({ phase: p.phase, done: p.done, total: p.total }).where('id', '=', id).execute();
}

export async function finishJob(db: Executor, id: number, status: 'done' | 'failed', message?: string): Promise<void> {
  await db.updateTable('system_jobs').set({ status, message: message ?? null, finished_at: new Date() }).where('id', '=', id).execute();
}

/** The latest demo-seeding job, for the sign-in page's progress bar; null when there never was one. */
export async function currentDemoJob(db: Executor | Tx) {
  const job = await db.selectFrom('system_jobs').select(['status', 'phase', 'done', 'total'])
    .where('kind', '=', 'seed-demo').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!job) return null;
  return { seeding: job.status === 'running', phase: job.phase, done: Number(job.done), total: Number(job.total) };
}
