// Uploaded files are imported here, in the background of the server that received them, one after
// another: two imports of one election at once would only fight over the same rows. Each is the same
// importer the CLI runs, so it stays all-or-nothing; this adds, on the shared queue (system/upload-queue.ts: progress in memory and
// copied to system_jobs for other servers), the outcome in `imports`, the audit event, and clean-up.
import type { Executor } from '../../db/open.ts';
import type { Tx } from '../../db/scope.ts';
import { recordAudit } from '../access/audit.ts';
import { createUploadQueue } from '../system/upload-queue.ts';
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
  const queue = createUploadQueue(db, 'import', log);

  async function run(job: UploadJob, onProgress: ImportInput['onProgress']): Promise<void> {
    await db.updateTable('imports').set({ status: 'running' }).where('id', '=', job.importId).where('status', '=', 'queued').execute();
    const summary = await uploadContext.run({ importId: job.importId, onRecorded: (tx, r) => audit(tx, job, 'done', r) }, () =>
      IMPORTERS[job.kind](db, {
        file: job.file, fileName: job.fileName, format: job.options.format, elections: job.options.elections, state: job.options.state,
        acNo: job.options.acNo, importedBy: job.importedBy, onProgress,
      }));
    // Committed: from here on a failure only loses the summary's details, never the import.
    try {
      const { warnings: _w, ...kept } = summary;
      await db.updateTable('imports').set({ summary: JSON.stringify(kept) }).where('id', '=', job.importId).execute();
    } catch (err) {
      log(`import ${job.importId}: imported, but its summary was not saved`, err);
    }
  }

  async function fail(job: UploadJob, err: unknown): Promise<string> {
    const f = describeFailure(job.fileName, err);
    if (!f.rejected) log(`import ${job.importId} (${job.fileName}) failed`, err);
    try {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('imports').set({
          status: 'failed', problems: JSON.stringify(f.problems), summary: JSON.stringify({ problemCount: f.count }), message: f.message, finished_at: new Date(),
        }).where('id', '=', job.importId).execute();
        await audit(tx, job, 'failed', { problems: f.count });
      });
    } catch (e) {
      log(`import ${job.importId}: could not record its failure`, e);
    }
    return f.rejected ? 'rejected' : 'error';
  }

  return {
    enqueue: (job) => queue.enqueue({ id: job.importId, label: `import ${job.kind} ${job.fileName}`, dir: job.dir,
      run: (onProgress) => run(job, onProgress), fail: (err) => fail(job, err) }),
    live: queue.live,
    idle: queue.idle,
    close: queue.close,
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

/** What a failed upload records: its problems (when the file was rejected), their count and the message shown. */
export function describeFailure(fileName: string, err: unknown) {
  const rejected = err instanceof ImportRejected;
  const problems = rejected ? parseProblems(fileName, err.problems) : { items: [], more: 0 };
  const count = problems.items.length + problems.more;
  const message = rejected
    ? `The file has ${count.toLocaleString('en')} problem(s)${problems.more ? `; the first ${problems.items.length} are listed` : ''}. Nothing was written.`
    : 'The import stopped on an unexpected error. Nothing was written; the server log has the details.';
  return { rejected, problems: problems.items, count, message };
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
