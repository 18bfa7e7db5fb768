// Bulk import and export of the organisation through the API (docs/organisation.md,
// docs/data-formats.md): shared by the server, the web and the CLI.
import { z } from 'zod';

export const ORG_IMPORT_KINDS = ['units', 'people', 'designations'] as const;
export type OrgImportKind = (typeof ORG_IMPORT_KINDS)[number];

export const OrgUploadQuery = z.object({
  kind: z.enum(ORG_IMPORT_KINDS),
  /** The file's own name: problems are reported against it; .xlsx means a workbook, anything else CSV. */
  name: z.string().trim().min(1).max(255).default('upload.csv'),
});

export const OrgUploadOut = z.object({ id: z.number(), status: z.literal('queued') });

export const OrgImportStatus = z.enum(['queued', 'running', 'done', 'failed']);

const FileCounts = z.object({
  kind: z.enum(ORG_IMPORT_KINDS), file: z.string(), rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(),
  replaced: z.number().optional(),
});

export const OrgImportItem = z.object({
  id: z.number(),
  kind: z.enum(ORG_IMPORT_KINDS),
  fileName: z.string(),
  status: OrgImportStatus,
  importedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rows: z.number(),
  problemCount: z.number(),
});
export const OrgImportsOut = z.object({ items: z.array(OrgImportItem) });
export const OrgImportsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const OrgImportParams = z.object({ orgImportId: z.coerce.number().int().positive() });

export const OrgImportOut = OrgImportItem.extend({
  /** While queued or running: the phase (reading, checking, writing, strength) and how far it is. */
  progress: z.object({ phase: z.string(), done: z.number(), total: z.number() }).nullable(),
  counts: z.array(FileCounts),
  problems: z.array(z.object({ file: z.string(), line: z.number().nullable(), field: z.string(), message: z.string() })),
  message: z.string().nullable(),
});
export type OrgImportOut = z.infer<typeof OrgImportOut>;

export const OrgExportParams = z.object({ kind: z.enum(ORG_IMPORT_KINDS) });
export const OrgExportQuery = z.object({
  /** The subtree to export; default: every unit the actor may import at. */
  unitId: z.coerce.number().int().positive().optional(),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
