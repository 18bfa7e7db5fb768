// The background queue every web upload runs through (election data, organisation files): one job
// after another on the server that received it, progress kept in memory and copied to system_jobs
// (kind '<prefix>:<id>') for other servers, a heartbeat while a job runs, the temporary folder
// removed when it ends. What a job does, and where its outcome is recorded, is the caller's.
import fs from 'node:fs';
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { finishJob, startJob } from './jobs.ts';

const HEARTBEAT_MS = 20_000;
const PROGRESS_MS = 1_000;

export interface Live { status: 'queued' | 'running'; phase: string; done: number; total: number }
export type Progress = { phase: string; done: number; total: number };

/** An upload's row joined with its system_jobs row (kind '<prefix>:<id>'), as the import lists read it. */
export interface ImportRowState<S extends string> {
  status: S; started_at: Date | string; finished_at: Date | string | null; message: string | null;
  phase: string | null; done: number | null; total: number | null; job_status: string | null; job_updated_at: Date | string | null;
}

const STALE_MS = 2 * 60_000;

/**
 * Where an upload stands, as every import list shows it: this server's live progress when it runs here;
 * otherwise the row, and a job that neither finished nor beat its heartbeat for STALE_MS counts as failed
 * (its server stopped; the job is all or nothing, so nothing was written).
 */
export function importState<S extends string>(r: ImportRowState<S>, live: Live | undefined) {
  const ended = r.status === 'done' || r.status === 'failed';
  const stale = !ended && !live && (r.job_status !== 'running' || !r.job_updated_at || Date.now() - new Date(r.job_updated_at).getTime() > STALE_MS)
    && Date.now() - new Date(r.started_at).getTime() > STALE_MS;
  const status = (live ? live.status : stale ? 'failed' : r.status) as S | Live['status'] | 'failed';
  return {
    status,
    startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    progress: live ? { phase: live.phase, done: live.done, total: live.total }
      : status === 'queued' || status === 'running' ? { phase: r.phase ?? 'queued', done: Number(r.done ?? 0), total: Number(r.total ?? 0) } : null,
    message: stale ? 'The server stopped during this import. Nothing was written; upload the file again.' : r.message,
  };
}

export interface QueuedJob {
  id: number;
  /** Shown in system_jobs. */
  label: string;
  /** A temporary folder holding the upload, removed when the job ends. */
  dir: string;
  /** The work. It reports progress; it resolves 'done', or throws (the reason is the second argument of fail). */
  run(onProgress: (p: Progress) => void): Promise<void>;
  /** Records a failure (outcome row, audit); returns the reason written to system_jobs. */
  fail(err: unknown): Promise<string>;
}

export interface UploadQueue {
  /** Queues a job; resolves once it is queued (its progress record written), not when it ends. */
  enqueue(job: QueuedJob): Promise<void>;
  live(id: number): Live | undefined;
  /** Resolves when every queued and running job has ended (shutdown waits for them). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createUploadQueue(db: Executor, prefix: string, log: (message: string, err?: unknown) => void): UploadQueue {
  const jobs = new Map<number, { live: Live; systemJobId: number | null; lastWrite: number; writing: boolean }>();
  let tail: Promise<void> = Promise.resolve();
  // On PGlite a running import holds the one connection, so these writes wait for it; one at a time
  // per job, so they never pile up behind it.
  const write = (id: number, force = false) => {
    const j = jobs.get(id);
    if (!j || j.systemJobId === null || j.writing || (!force && Date.now() - j.lastWrite < PROGRESS_MS)) return;
    j.writing = true;
    j.lastWrite = Date.now();
    const { phase, done, total } = j.live;
    void sql`update system_jobs set phase = ${phase}, done = ${done}, total = ${total}, updated_at = now() where id = ${j.systemJobId}`
      .execute(db).catch(() => {}).finally(() => { j.writing = false; });
  };
  const heartbeat = setInterval(() => { for (const id of jobs.keys()) write(id, true); }, HEARTBEAT_MS);
  heartbeat.unref();

  async function run(job: QueuedJob): Promise<void> {
    const j = jobs.get(job.id)!;
    j.live = { status: 'running', phase: 'starting', done: 0, total: 0 };
    try {
      await job.run((p) => { j.live = { status: 'running', ...p }; write(job.id); });
      if (j.systemJobId !== null) await finishJob(db, j.systemJobId, 'done').catch((err) => log(`${prefix} ${job.id}: progress record not closed`, err));
    } catch (err) {
      const reason = await job.fail(err);
      if (j.systemJobId !== null) await finishJob(db, j.systemJobId, 'failed', reason).catch(() => {});
    } finally {
      jobs.delete(job.id);
      fs.rmSync(job.dir, { recursive: true, force: true });
    }
  }

  return {
    enqueue(job) {
      const entry = { live: { status: 'queued', phase: 'queued', done: 0, total: 0 } as Live, systemJobId: null as number | null, lastWrite: 0, writing: false };
      jobs.set(job.id, entry);
      const recorded = startJob(db, `${prefix}:${job.id}`, job.label.slice(0, 200))
        .then((id) => { entry.systemJobId = id; })
        .catch((err) => log(`${prefix} ${job.id}: no progress record`, err)); // the job itself can still run
      // Chained before any await, so idle() always sees the job it waits for.
      tail = tail.then(() => recorded).then(() => run(job)).catch((err) => log(`${prefix} ${job.id}`, err));
      return recorded;
    },
    live: (id) => jobs.get(id)?.live,
    idle: async () => { while (jobs.size) await tail; },
    async close() {
      clearInterval(heartbeat);
      await this.idle();
    },
  };
}
