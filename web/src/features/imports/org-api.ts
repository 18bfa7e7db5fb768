// The organisation's bulk files (src/modules/organisation/org-import.schemas.ts): upload a units,
// people or designations file, follow its import, and the export links.
import { ApiProblem, currentCsrfToken, query, request, type FieldProblem } from '../../api.ts';

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
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ id: number }>((resolve, reject) => {
    xhr.open('POST', `/api/org/imports${query({ kind, name: file.name })}`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', currentCsrfToken());
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let json: Partial<{ id: number; title: string; detail: string; errors: FieldProblem[]; type: string }> = {};
      try { json = JSON.parse(xhr.responseText); } catch { /* a proxy's HTML page */ }
      if (xhr.status >= 200 && xhr.status < 300 && typeof json.id === 'number') resolve({ id: json.id });
      else reject(new ApiProblem(xhr.status, json.title ?? xhr.statusText, json.detail ?? json.title ?? xhr.statusText, json.errors ?? [], json.type));
    };
    xhr.onerror = () => reject(new ApiProblem(0, 'Network error', ''));
    xhr.onabort = () => reject(new ApiProblem(0, 'Aborted', 'aborted'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
