// What every import takes and returns, and its row in `imports` (written in the import's transaction).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Executor } from '../../db/open.ts';

export type Progress = (p: { phase: string; done: number; total: number }) => void;

export interface ImportInput {
  file: string;
  /** The name problems are reported against (default: the file's base name). */
  fileName?: string;
  /** Force a format instead of detecting it. */
  format?: string;
  /** Import only these elections (TCPD holds many); booth files without an election column need one. */
  elections?: string[];
  /** ECI code or name, for files without a state column. */
  state?: string;
  /** The AC → PC table (reference/datameet_2008_constituencies_ac_pc.csv). */
  acPc?: string;
  /** Booth files without an AC column (one file per AC) name it here; default: the file's number. */
  acNo?: number;
  importedBy?: string;
  onProgress?: Progress;
}

export interface ElectionSummary { id: string; seats: number; winners: { party: string; seats: number }[] }

export interface ImportSummary {
  kind: 'results' | 'booths' | 'boundaries';
  file: string;
  format: string;
  rows: number;
  elections: ElectionSummary[];
  warnings: string[];
  seconds: number;
  importId: number;
  [extra: string]: unknown;
}

export interface ImportRecord { kind: ImportSummary['kind']; fileName: string; format: string; elections: string[]; rows: number; warnings: string[]; importedBy?: string }

/**
 * An upload's `imports` row exists before its importer runs (the web shows it queued, then running).
 * The upload job (import-jobs.ts) sets this around the importer, so recordImport completes that row,
 * and writes the uploader's audit event, inside the importer's own transaction. Ambient rather than an
 * ImportInput field so the importers stay as the CLI calls them.
 */
export interface UploadContext { importId: number; onRecorded(tx: Executor, r: ImportRecord): Promise<void> }
export const uploadContext = new AsyncLocalStorage<UploadContext>();

export async function recordImport(db: Executor, r: ImportRecord): Promise<number> {
  const upload = uploadContext.getStore();
  if (upload) {
    await db.updateTable('imports').set({
      format: r.format, election_ids: r.elections, rows: r.rows, warnings: JSON.stringify(r.warnings), status: 'done', finished_at: new Date(),
    }).where('id', '=', upload.importId).execute();
    await upload.onRecorded(db, r);
    return upload.importId;
  }
  const row = await db.insertInto('imports').values({
    kind: r.kind, file_name: r.fileName, format: r.format, election_ids: r.elections, rows: r.rows,
    warnings: JSON.stringify(r.warnings), imported_by: r.importedBy ?? 'system', finished_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
