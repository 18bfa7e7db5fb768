// Uploaded files are imported here, in the background of the server that received them, one after
// another: two imports of one election at once would only fight over the same rows. Each is the same
// importer the CLI runs, so it stays all-or-nothing; this adds the queue, progress (kept in memory and
// copied to system_jobs for other servers), the outcome in `imports`, the audit event, and clean-up.
import fs from 'node:fs';
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Tx } from '../../db/scope.ts';
import { recordAudit } from '../access/audit.ts';
import { finishJob, startJob } from '../system/jobs.ts';
import { importBooths } from './import-booths.ts';
import { importBoundaries } from './import-boundaries.ts';
import { importResults } from './import-results.ts';
import type { ImportKind } from './imports.schemas.ts';
import type { Live, UploadOptions } from './imports.service.ts';
import { ImportRejected } from './problems.ts';
import { uploadContext, type ImportInput, type ImportRecord, type ImportSummary } from './summary.ts';

const IMPORTERS: Record<ImportKind, (db: Executor, input: ImportInput) => Promise<ImportSummary>> = {
  results: importResults, booths: importBooths, boundaries: importBoundaries,
};
const HEARTBEAT_MS = 20_000;
const PROGRESS_MS = 1_000;

export interface UploadJob {
  importId: number;
  kind: ImportKind;
  /** The received file (in `dir`, a temporary folder removed when the job ends) and its own name. */
  file: string;
  dir: string;
  fileName: string;
  options: UploadOptions;
  importedBy: string;
  audit: { tenantId: string; userId: string; label: string; unitPath: string; ip?: string; userAgent?: string };
}

export interface ImportRunner {
  /** Queues a job whose `imports` row has committed; resolves once it is queued, not when it ends. */
  enqueue(job: UploadJob): Promise<void>;
  live(importId: number): Live | undefined;
  /** Resolves when every queued and running job has ended (shutdown waits for them). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

type Log = (message: string, err?: unknown) => void;

export function createImportRunner(db: Executor, log: Log): ImportRunner {
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

  async function run(job: UploadJob): Promise<void> {
    const j = jobs.get(job.importId)!;
    j.live = { status: 'running', phase: 'starting', done: 0, total: 0 };
    const onProgress: ImportInput['onProgress'] = (p) => { j.live = { status: 'running', ...p }; write(job.importId); };
    let summary: ImportSummary;
    try {
      await db.updateTable('imports').set({ status: 'running' }).where('id', '=', job.importId).where('status', '=', 'queued').execute();
      summary = await uploadContext.run({ importId: job.importId, onRecorded: (tx, r) => audit(tx, job, 'done', r) }, () =>
        IMPORTERS[job.kind](db, {
          file: job.file, fileName: job.fileName, format: job.options.format, elections: job.options.elections, state: job.options.state,
          acNo: job.options.acNo, importedBy: job.importedBy, onProgress,
        }));
    } catch (err) {
      await fail(job, err);
      if (j.systemJobId !== null) await finishJob(db, j.systemJobId, 'failed', err instanceof ImportRejected ? 'rejected' : 'error').catch(() => {});
      return end(job);
    }
    // Committed: from here on a failure only loses the summary's details, never the import.
    try {
      const { warnings: _w, ...kept } = summary;
      await db.updateTable('imports').set({ summary: JSON.stringify(kept) }).where('id', '=', job.importId).execute();
      if (j.systemJobId !== null) await finishJob(db, j.systemJobId, 'done');
    } catch (err) {
      log(`import ${job.importId}: imported, but its summary was not saved`, err);
    }
    end(job);
  }

  function end(job: UploadJob): void {
    jobs.delete(job.importId);
    fs.rmSync(job.dir, { recursive: true, force: true });
  }

  async function fail(job: UploadJob, err: unknown): Promise<void> {
    const rejected = err instanceof ImportRejected ? err : undefined;
    if (!rejected) log(`import ${job.importId} (${job.fileName}) failed`, err);
    const problems = rejected ? parseProblems(job.fileName, rejected.problems) : { items: [], more: 0 };
    const count = problems.items.length + problems.more;
    const message = rejected
      ? `The file has ${count.toLocaleString('en')} problem(s)${problems.more ? `; the first ${problems.items.length} are listed` : ''}. Nothing was written.`
      : 'The import stopped on an unexpected error. Nothing was written; the server log has the details.';
    try {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('imports').set({
          status: 'failed', problems: JSON.stringify(problems.items), summary: JSON.stringify({ problemCount: count }), message, finished_at: new Date(),
        }).where('id', '=', job.importId).execute();
        await audit(tx, job, 'failed', { problems: count });
      });
    } catch (e) {
      log(`import ${job.importId}: could not record its failure`, e);
    }
  }

  return {
    enqueue(job) {
      const entry = { live: { status: 'queued', phase: 'queued', done: 0, total: 0 } as Live, systemJobId: null as number | null, lastWrite: 0, writing: false };
      jobs.set(job.importId, entry);
      const recorded = startJob(db, `import:${job.importId}`, `import ${job.kind} ${job.fileName}`.slice(0, 200))
        .then((id) => { entry.systemJobId = id; })
        .catch((err) => log(`import ${job.importId}: no progress record`, err)); // the import itself can still run
      // Chained before any await, so idle() always sees the job it waits for.
      tail = tail.then(() => recorded).then(() => run(job)).catch((err) => log(`import ${job.importId}`, err));
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

/** The uploader's audit event, in the import's own transaction when it succeeded. */
async function audit(tx: Executor, job: UploadJob, outcome: 'done' | 'failed', r: Partial<ImportRecord> & { problems?: number }): Promise<void> {
  const a = job.audit;
  await recordAudit(tx as Tx, { userId: a.userId, tenantId: a.tenantId, label: a.label, grants: [], origin: { ip: a.ip, userAgent: a.userAgent }, via: 'session' }, {
    type: 'elections.import', entity: 'imports', rowIds: [job.importId], unitPath: a.unitPath,
    detail: { outcome, kind: job.kind, file: job.fileName, format: r.format, elections: r.elections, rows: r.rows, warnings: r.warnings?.length, problems: r.problems },
  });
}

/** `FILE:LINE: field: message` lines (problems.ts) back into their parts; the cap line into a count. */
export function parseProblems(fileName: string, lines: string[]): { items: { line: number | null; field: string; message: string }[]; more: number } {
  const items: { line: number | null; field: string; message: string }[] = [];
  let more = 0;
  for (const text of lines) {
    const capped = /^… and (\d+) more$/.exec(text);
    if (capped) { more += Number(capped[1]); continue; }
    const rest = text.startsWith(`${fileName}:`) ? text.slice(fileName.length + 1) : text;
    const m = /^(\d+): (.*?): (.*)$/s.exec(rest);
    items.push(m ? { line: Number(m[1]), field: m[2], message: m[3] } : { line: null, field: '', message: rest });
  }
  return { items, more };
}
