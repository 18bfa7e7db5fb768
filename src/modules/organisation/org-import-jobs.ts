// Uploaded organisation files are imported here, in the background of the server that received them,
// one after another, as the uploader (importOrg runs under their grants and row-level security).
// Progress is kept in memory and copied to system_jobs (kind 'org-import:<id>') for other servers;
// the outcome and problems land in org_imports. The queue is system/upload-queue.ts, as for election data.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { pathsWith } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { describeFailure } from '../elections/import-jobs.ts';
import { createUploadQueue } from '../system/upload-queue.ts';
import { IMPORT_PERMISSION, importOrg } from './org-import.ts';
import type { OrgImportKind } from './org-import.schemas.ts';

export type { Live as OrgLive } from '../system/upload-queue.ts';
import type { Live as OrgLive } from '../system/upload-queue.ts';

export interface OrgUploadJob { id: number; kind: OrgImportKind; file: string; dir: string; fileName: string; actor: Actor }

export interface OrgImportRunner {
  enqueue(job: OrgUploadJob): Promise<void>;
  live(id: number): OrgLive | undefined;
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createOrgImportRunner(db: Executor, log: (message: string, err?: unknown) => void): OrgImportRunner {
  const queue = createUploadQueue(db, 'org-import', log);

  async function run(job: OrgUploadJob, onProgress: (p: { phase: string; done: number; total: number }) => void): Promise<void> {
    const status = (set: Record<string, unknown>) => sql`update org_imports set ${sql.join(Object.entries(set).map(([k, v]) => sql`${sql.ref(k)} = ${v}`))}
      where tenant_id = ${job.actor.tenantId} and id = ${job.id}`.execute(db);
    await status({ status: 'running' });
    const summary = await importOrg(db, {
      tenantId: job.actor.tenantId, actor: job.actor, importId: job.id, files: [{ kind: job.kind, file: job.file, fileName: job.fileName }], onProgress,
    });
    await status({ status: 'done', rows: summary.rows, summary: JSON.stringify(summary), finished_at: new Date() });
  }

  async function fail(job: OrgUploadJob, err: unknown): Promise<string> {
    const f = describeFailure(job.fileName, err);
    if (!f.rejected) log(`org import ${job.id} (${job.fileName}) failed`, err);
    try {
      await db.transaction().execute(async (tx) => {
        await sql`update org_imports set status = 'failed', problems = ${JSON.stringify(f.problems)}, summary = ${JSON.stringify({ problemCount: f.count })},
          message = ${f.message}, finished_at = now() where tenant_id = ${job.actor.tenantId} and id = ${job.id}`.execute(tx);
        await recordAudit(tx as Tx, job.actor, {
          type: 'org.import', entity: job.kind, rowIds: [job.id], unitPath: pathsWith(job.actor, IMPORT_PERMISSION).sort()[0],
          detail: { outcome: 'failed', file: job.fileName, problems: f.count },
        });
      });
    } catch (e) {
      log(`org import ${job.id}: could not record its failure`, e);
    }
    return f.rejected ? 'rejected' : 'error';
  }

  return {
    enqueue: (job) => queue.enqueue({ id: job.id, label: `org import ${job.kind} ${job.fileName}`, dir: job.dir,
      run: (onProgress) => run(job, onProgress), fail: (err) => fail(job, err) }),
    live: queue.live,
    idle: queue.idle,
    close: queue.close,
  };
}
