// The upload page's calls: imports (src/modules/elections/imports.schemas.ts) and party data
// (parties.schemas.ts). The upload itself goes through XMLHttpRequest, the one browser API that
// reports how much of a request body has been sent.
import { query, request, uploadBody } from '../../api.ts';

export type ImportKind = 'results' | 'booths' | 'boundaries';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export const FORMATS: Record<ImportKind, string[]> = {
  results: ['tcpd', 'normalised', 'canonical'],
  booths: ['long', 'wide', 'turnout'],
  boundaries: ['geojson', 'topojson'],
};

export interface ImportItem {
  id: number; kind: ImportKind; fileName: string; format: string; status: ImportStatus; importedBy: string;
  startedAt: string; finishedAt: string | null; rows: number; electionIds: string[]; warningCount: number; problemCount: number;
}
export interface ImportProblem { file: string; line: number | null; field: string; message: string }
export interface ImportDetail extends ImportItem {
  bytes: number | null;
  progress: { phase: string; done: number; total: number } | null;
  elections: { id: string; seats: number | null; winners: { party: string; seats: number }[] }[];
  warnings: string[];
  details: Record<string, number>;
  problems: ImportProblem[];
  message: string | null;
}
export interface UploadOptions { kind: ImportKind; format?: string; election?: string; state?: string; ac?: number }

export interface Alias { alias: string; party: string; note: string | null }
export interface Succession { from: string; to: string; weight: number; year: number; state: string | null; note: string | null }
export interface NewSuccession { from: string; to: string; weight: number; year: number; state?: string; note?: string }

const enc = encodeURIComponent;

export const importsApi = {
  list: () => request<{ items: ImportItem[] }>('GET', '/api/imports'),
  get: (id: number) => request<ImportDetail>('GET', `/api/imports/${enc(id)}`),
  aliases: () => request<{ items: Alias[] }>('GET', '/api/parties/aliases'),
  putAlias: (alias: string, party: string, note?: string) => request<Alias>('PUT', `/api/parties/aliases/${enc(alias)}`, { party, ...(note ? { note } : {}) }),
  removeAlias: (alias: string) => request<{ removed: boolean }>('DELETE', `/api/parties/aliases/${enc(alias)}`),
  successions: () => request<{ items: Succession[] }>('GET', '/api/parties/successions'),
  putSuccession: (s: NewSuccession) => request<Succession>('PUT', '/api/parties/successions', s),
  removeSuccession: (s: Pick<Succession, 'from' | 'to' | 'year' | 'state'>) =>
    request<{ removed: boolean }>('DELETE', `/api/parties/successions${query({ from: s.from, to: s.to, year: s.year, state: s.state })}`),
};

/**
 * Sends the file as the request body, reporting bytes sent; resolves with the queued import's id.
 * `abort` cancels the upload (nothing is imported when the body did not arrive whole).
 */
export function uploadFile(file: File, o: UploadOptions, onProgress: (sent: number, total: number) => void): { done: Promise<{ id: number }>; abort: () => void } {
  return uploadBody(`/api/imports${query({ kind: o.kind, name: file.name, format: o.format, election: o.election, state: o.state, ac: o.ac })}`, file, onProgress);
}
