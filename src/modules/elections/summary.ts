// What every import takes and returns, and its row in `imports` (written in the import's transaction).
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

export async function recordImport(db: Executor, r: { kind: ImportSummary['kind']; fileName: string; format: string; elections: string[]; rows: number; warnings: string[]; importedBy?: string }): Promise<number> {
  const row = await db.insertInto('imports').values({
    kind: r.kind, file_name: r.fileName, format: r.format, election_ids: r.elections, rows: r.rows,
    warnings: JSON.stringify(r.warnings), imported_by: r.importedBy ?? 'system', finished_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
