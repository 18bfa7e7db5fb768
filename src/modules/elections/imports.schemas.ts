// Uploads through the API (POST /api/imports) and what the upload page reads back.
import { z } from 'zod';

export const IMPORT_KINDS = ['results', 'booths', 'boundaries'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The formats each kind can be forced to (detected when not given). */
export const IMPORT_FORMATS: Record<ImportKind, readonly string[]> = {
  results: ['tcpd', 'normalised', 'canonical'],
  booths: ['long', 'wide', 'turnout'],
  boundaries: ['geojson', 'topojson'],
};

export const UploadQuery = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** The file's own name: problems are reported against it, and a one-AC booth file's number comes from it. */
  name: z.string().trim().min(1).max(255).default('upload'),
  format: z.string().trim().max(20).optional(),
  /** Results: import only these elections (comma-separated). Booths: the election of a file without an election column. */
  election: z.string().trim().regex(/^[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*$/, 'election ids such as LS-2019, comma-separated').max(300).optional(),
  state: z.string().trim().min(1).max(60).optional(),
  ac: z.coerce.number().int().positive().max(999).optional(),
}).superRefine((q, ctx) => {
  if (q.format && !IMPORT_FORMATS[q.kind].includes(q.format)) {
    ctx.addIssue({ code: 'custom', path: ['format'], message: `a ${q.kind} file is one of ${IMPORT_FORMATS[q.kind].join(', ')}` });
  }
});
export type UploadQuery = z.infer<typeof UploadQuery>;

export const ImportStatus = z.enum(['queued', 'running', 'done', 'failed']);

export const ImportListItem = z.object({
  id: z.number(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  format: z.string(),
  status: ImportStatus,
  importedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rows: z.number(),
  electionIds: z.array(z.string()),
  warningCount: z.number(),
  problemCount: z.number(),
});

export const ImportsOut = z.object({ items: z.array(ImportListItem) });
export const ImportsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) });
export const ImportParams = z.object({ importId: z.coerce.number().int().positive() });

export const ImportOut = ImportListItem.extend({
  bytes: z.number().nullable(),
  /** While queued or running: the importer's phase and how far it is (bytes read, seats or booths written). */
  progress: z.object({ phase: z.string(), done: z.number(), total: z.number() }).nullable(),
  elections: z.array(z.object({
    id: z.string(), seats: z.number().nullable(), winners: z.array(z.object({ party: z.string(), seats: z.number() })),
  })),
  warnings: z.array(z.string()),
  /** Counts particular to a kind: booths, boothResults, boothTurnout; matched, features. */
  details: z.record(z.string(), z.number()),
  problems: z.array(z.object({ file: z.string(), line: z.number().nullable(), field: z.string(), message: z.string() })),
  message: z.string().nullable(),
});
export type ImportOut = z.infer<typeof ImportOut>;
