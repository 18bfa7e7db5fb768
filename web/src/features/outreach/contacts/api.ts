// Typed calls of the contacts page (src/modules/outreach/contacts.routes.ts, contacts-import.routes.ts).
import { query, request, uploadBody } from '../../../api.ts';

export interface Contact {
  id: number; phone: string | null; phoneMasked: boolean; name: string | null; language: string; stateCode: string | null; acNo: number | null;
  tags: string[]; kind: string; consentSource: string | null; consentWithdrawn: boolean; optedOut: boolean; erased: boolean;
}
export interface ContactImport {
  id: number; fileName: string; status: 'queued' | 'running' | 'done' | 'failed'; importedBy: string; startedAt: string; finishedAt: string | null; rows: number;
  progress: { phase: string; done: number; total: number } | null;
  summary: { inserted: number; updated: number; keptElsewhere: number; duplicates: number } | null;
  problems: { line: number | null; field: string; message: string }[]; problemCount: number; message: string | null;
}

export const CONTACTS = 'outreach-contacts';
export const contactsApi = {
  find: (q: string) => request<{ items: Contact[] }>('GET', `/api/outreach/contacts${query({ q })}`),
  unmask: (id: number) => request<{ id: number; phone: string }>('POST', `/api/outreach/contacts/${id}/unmask`),
  withdraw: (id: number) => request<{ id: number }>('POST', `/api/outreach/contacts/${id}/consent-withdrawn`),
  erase: (id: number) => request<{ id: number }>('POST', `/api/outreach/contacts/${id}/erase`),
  optOut: (phone: string, reason: string) => request<{ phone: string }>('POST', '/api/outreach/opt-outs', { phone, reason: reason || null }),
  importStatus: (id: number) => request<ContactImport>('GET', `/api/outreach/contacts/imports/${id}`),
  upload: (file: File, onProgress: (sent: number, total: number) => void) => uploadBody(`/api/outreach/contacts/imports${query({ name: file.name })}`, file, onProgress),
  exportUrl: '/api/outreach/contacts.csv',
};
