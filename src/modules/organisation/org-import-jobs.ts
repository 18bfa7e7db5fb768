// Uploaded organisation files are imported here, in the background of the server that received them,
// one after another, as the uploader (importOrg runs under their grants and row-level security).
// Progress is kept in memory and copied to system_jobs (kind 'org-import:<id>') for other servers;
// the outcome and problems land in org_imports. Modelled on elections/import-jobs.ts.
import fs from 'node:fs';
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { pathsWith } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { parseProblems } from '../elections/import-jobs.ts';
import { ImportRejected } from '../elections/problems.ts';
import { finishJob, startJob } from '../system/jobs.ts';
import { IMPORT_PERMISSION, importOrg } from './org-import.ts';
import type { OrgImportKind } from './org-import.schemas.ts';

export interface OrgLive { status: 'queued' | 'running'; phase: string; done: number; total: number }

export interface OrgUploadJob { id: number; kind: OrgImportKind; file: string; dir: string; fileName: string; actor: Actor }

export interface OrgImportRunner {
  enqueue(job: OrgUploadJob): Promise<void>;
  live(id: number): OrgLive | undefined;
  idle(): Promise<void>;
  close(): Promise<void>;
}

const PROGRESS_MS = 1_000;
const HEARTBEAT_MS = 20_000;

export function createOrgImportRunner(db: Executor, log: (message: string, err?: unknown) => void): OrgImportRunner {
  const jobs = new Map<number, { live: OrgLive; systemJobId: number | null; lastWrite: number; writing: boolean }>();
  let tail: Promise<void> = Promise.resolve();
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

  async function run(job: OrgUploadJob): Promise<void> {
    const j = jobs.get(job.id)!;
    j.live = { status: 'running', phase: 'starting', done: 0, total: 0 };
    const status = (set: Record<string, unknown>) => sql`update org_imports set ${sql.join(Object.entries(set).map(([k, v]) => sql`${sql.ref(k)} = ${v}`))}
      where tenant_id = ${job.actor.tenantId} and id = ${job.id}`.execute(db);
    try {
      await status({ status: 'running' });
      const summary = await importOrg(db, {
        tenantId: job.actor.tenantId, actor: job.actor, importId: job.id, files: [{ kind: job.kind, file: job.file, fileName: job.fileName }],
        onProgress: (p) => { j.live = { status: 'running', ...p }; write(job.id); },
      });
      await status({ status: 'done', rows: summary.rows, summary: JSON.stringify(summary), finished_at: new Date() });
      if (j.systemJobId !== null) await finishJob(db, j.systemJobId, 'done');
    } catch (err) {
      await fail(job, err);
      if (j.systemJobId !== null) await finishJob(db, j.systemJobId, 'failed', err instanceof ImportRejected ? 'rejected' : 'error').catch(() => {});
    } finally {
      jobs.delete(job.id);
      fs.rmSync(job.dir, { recursive: true, force: true });
    }
  }

  async function fail(job: OrgUploadJob, err: unknown): Promise<void> {
    const rejected = err instanceof ImportRejected ? err : undefined;
    if (!rejected) log(`org import ${job.id} (${job.fileName}) failed`, err);
    const problems = rejected ? parseProblems(job.fileName, rejected.problems) : { items: [], more: 0 };
    const count = problems.items.length + problems.more;
    const message = rejected
      ? `The file has ${count.toLocaleString('en')} problem(s)${problems.more ? `; the first ${problems.items.length} are listed` : ''}. Nothing was written.`
      : 'The import stopped on an unexpected error. Nothing was written; the server log has the details.';
    try {
      await db.transaction().execute(async (tx) => {
        await sql`update org_imports set status = 'failed', problems = ${JSON.stringify(problems.items)}, summary = ${JSON.stringify({ problemCount: count })},
          message = ${message}, finished_at = now() where tenant_id = ${job.actor.tenantId} and id = ${job.id}`.execute(tx);
        await recordAudit(tx as Tx, job.actor, {
          type: 'org.import', entity: job.kind, rowIds: [job.id], unitPath: pathsWith(job.actor, IMPORT_PERMISSION).sort()[0],
          detail: { outcome: 'failed', file: job.fileName, problems: count },
        });
      });
    } catch (e) {
      log(`org import ${job.id}: could not record its failure`, e);
    }
  }

  return {
    enqueue(job) {
      const entry = { live: { status: 'queued', phase: 'queued', done: 0, total: 0 } as OrgLive, systemJobId: null as number | null, lastWrite: 0, writing: false };
      jobs.set(job.id, entry);
      const recorded = startJob(db, `org-import:${job.id}`, `org import ${job.kind} ${job.fileName}`.slice(0, 200))
        .then((id) => { entry.systemJobId = id; })
        .catch((err) => log(`org import ${job.id}: no progress record`, err));
      tail = tail.then(() => recorded).then(() => run(job)).catch((err) => log(`org import ${job.id}`, err));
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
