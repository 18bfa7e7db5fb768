// The organisation's bulk files (src/modules/organisation/org-import.schemas.ts): upload a units,
// people or designations file, follow its import, and the export links.
import { query, request, uploadBody } from '../../api.ts';

export type OrgKind = 'units' | 'people' | 'designations';
export const ORG_KINDS: OrgKind[] = ['units', 'people', 'designations'];

export interface OrgFileCounts { kind: OrgKind; file: string; rows: number; created: number; updated: number; unchanged: number; replaced?: number }
export interface OrgImport {
  id: number; kind: OrgKind; fileName: string; status: 'queued' | 'running' | 'done' | 'failed'; importedBy: string;
  startedAt: string; finishedAt: string | null; rows: number; problemCount: number;
  progress: { phase: string; done: number; total: number } | null;
  counts: OrgFileCounts[];
  problems: { file: string; line: number | null; field: string; message: string }[];
  message: string | null;
}

export const orgImportsApi = {
  get: (id: number) => request<OrgImport>('GET', `/api/org/imports/${encodeURIComponent(id)}`),
  exportUrl: (kind: OrgKind, format: 'csv' | 'xlsx') => `/api/org/exports/${kind}${query({ format })}`,
};

/** Sends the file as the request body with upload progress; resolves with the queued import's id. */
export function uploadOrgFile(file: File, kind: OrgKind, onProgress: (sent: number, total: number) => void): { done: Promise<{ id: number }>; abort: () => void } {
  return uploadBody(`/api/org/imports${query({ kind, name: file.name })}`, file, onProgress);
}
