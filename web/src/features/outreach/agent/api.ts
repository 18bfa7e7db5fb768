// Typed calls of the agent screen (docs/outreach.md; shapes from src/modules/outreach/outreach.schemas.ts).
import { request } from '../../../api.ts';
import type { Answers } from '../../../../../src/modules/outreach/script.ts';

export type Outcome = 'answered' | 'busy' | 'no_answer' | 'switched_off' | 'wrong_number' | 'call_back' | 'do_not_call' | 'needs_organiser';
export const OUTCOMES: Outcome[] = ['answered', 'busy', 'no_answer', 'switched_off', 'wrong_number', 'call_back', 'do_not_call', 'needs_organiser'];

export interface MyCentre { centreId: number; name: string; languages: string[]; active: boolean }
export interface ClaimedContact {
  campaignId: number; contactId: number; name: string | null; phone: string; phoneMasked: boolean;
  language: string; stateCode: string | null; acNo: number | null; leaseUntil: string; attempts: number; isCallback: boolean;
}
export interface Claimed {
  contact: ClaimedContact | null;
  campaign?: { id: number; name: string; script: unknown; maxAttempts: number } | null;
  reason: 'empty' | 'outside_hours' | string | null;
}
export interface CallInput {
  idempotencyKey: string; campaignId: number; contactId: number; outcome: Outcome;
  callbackAt?: string | null; answers: Answers; note?: string | null;
}
export interface Recorded { callId: number; duplicate: boolean; state: string | null }

export const AGENT = 'agent';

export const agentApi = {
  myCentres: () => request<{ items: MyCentre[] }>('GET', '/api/outreach/me/centres'),
  claim: (centreId: number) => request<Claimed>('POST', `/api/outreach/centres/${encodeURIComponent(centreId)}/claim`),
  record: (body: CallInput) => request<Recorded>('POST', '/api/outreach/calls', body),
};
