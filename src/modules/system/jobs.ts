import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Tx } from '../../db/scope.ts';

// system_jobs rows carry progress of long system work, so any server (or the sign-in page) can show it.

/** A job whose heartbeat is older than this is taken to have died with its server. */
const STALE_MINUTES = 2;

/**
 * Starts a job, or returns null when another server is running one of this kind (a partial unique
 * index allows one running job per kind). A job that stopped reporting is marked failed first.
 */
export async function startJob(db: Executor, kind: string, label: string): Promise<number | null> {
  await db.updateTable('system_jobs').set({ status: 'failed', message: 'stopped reporting (its server died?)', finished_at: new Date() })
    .where('kind', '=', kind).where('status', '=', 'running').where('updated_at', '<', new Date(Date.now() - STALE_MINUTES * 60_000)).execute();
  // The index predicate is a literal, not a parameter: a named prepared statement (src/db/open.ts) is
  // planned generically after a few runs, and PostgreSQL cannot match `status = $1` to the partial index.
  const row = await db.insertInto('system_jobs').values({ kind, label })
    .onConflict((oc) => oc.column('kind').where('status', '=', sql.lit('running')).doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function reportJob(db: Executor, id: number, p: { phase: string; done: number; total: number }): Promise<void> {
  await db.updateTable('system_jobs').set({ phase: p.phase, done: p.done, total: p.total, updated_at: new Date() }).where('id', '=', id).execute();
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
