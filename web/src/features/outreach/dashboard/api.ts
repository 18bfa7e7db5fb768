// Typed calls of the manager's dashboard (shapes from src/modules/outreach/dashboard.schemas.ts and
// outreach.schemas.ts): campaigns, their status, the dashboard numbers, the live stream, the to-do list.
import type { z } from 'zod';
import { query, request, type Id } from '../../../api.ts';
import type { Dashboard, Todo } from '../../../../../src/modules/outreach/dashboard.schemas.ts';
import type { CampaignSummary } from '../../../../../src/modules/outreach/outreach.schemas.ts';

export type { Dashboard };
export type Campaign = z.infer<typeof CampaignSummary>;
export type TodoList = z.infer<typeof Todo>;
export type TodoItem = TodoList['items'][number];
export type CampaignStatus = 'active' | 'paused' | 'ended';
export interface DashParams { hours?: number; party?: string; election?: string; question?: string; option?: string; qaContacts?: '1' }

export const DASH = 'outreach-dash';
const enc = (v: Id) => encodeURIComponent(String(v));

export const dashApi = {
  campaigns: () => request<{ items: Campaign[] }>('GET', '/api/outreach/campaigns'),
  setStatus: (id: Id, status: CampaignStatus) => request<{ id: number; status: string }>('PUT', `/api/outreach/campaigns/${enc(id)}/status`, { status }),
  dashboard: (id: Id, p: DashParams) => request<Dashboard>('GET', `/api/outreach/campaigns/${enc(id)}/dashboard${query({ ...p })}`),
  liveUrl: (id: Id) => `/api/outreach/campaigns/${enc(id)}/live`,
  todo: (campaignId?: Id) => request<TodoList>('GET', `/api/outreach/todo${query({ campaignId })}`),
  resolve: (callId: Id, resolution: string) => request<{ callId: number; resolvedAt: string }>('PUT', `/api/outreach/calls/${enc(callId)}/resolved`, { resolution }),
};

/** Words of a script in the page's language, else English, else the first given. */
export function inLang(text: Record<string, string> | null | undefined, lng: string): string {
  if (!text) return '';
  return text[lng] ?? text.en ?? Object.values(text)[0] ?? '';
}

type Words = typeof import('../../../i18n/en.json')['outreachDash'];
type Group = { [K in keyof Words]: Words[K] extends string ? never : K }[keyof Words];
/** A translation key of one of this page's groups for a code the API sends (typed keys need the literal). */
export const dashKey = <G extends Group>(group: G, code: string) => `outreachDash.${group}.${code}` as `outreachDash.${G}.${keyof Words[G] & string}`;
