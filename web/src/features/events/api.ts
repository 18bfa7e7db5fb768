// Typed calls of the events API (docs/programmes.md), typed from the server's own schemas.
import type { z } from 'zod';
import { request, type Id } from '../../api.ts';
import type * as S from '../../../../src/modules/programmes/events.schemas.ts';

const enc = (v: Id) => encodeURIComponent(String(v));
const qs = (o: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
  return p.size ? `?${p}` : '';
};

export type EventKind = S.EventKind;
export const KINDS: EventKind[] = ['meeting', 'training', 'conference', 'rally'];
export type InviteRule = S.InviteRule;
export type EventInput = S.EventInput;
export type Event = S.Event;
export type EventSummary = z.infer<typeof S.EventSummary>;
export type Counts = S.Counts;
export type Invitee = S.Invitee;
export type Rsvp = S.Rsvp;
export type Breakdown = S.Breakdown;
export type InviteePage = z.infer<typeof S.InviteePage>;
export type Registration = z.infer<typeof S.Registration>;
export type CheckinResult = z.infer<typeof S.CheckinResult>;
export type Preview = z.infer<typeof S.Preview>;
export type Gaps = S.Gaps;

export const eventsApi = {
  list: (q: { kind?: EventKind; upcoming?: boolean }) =>
    request<{ items: EventSummary[] }>('GET', `/api/events${qs({ kind: q.kind, upcoming: q.upcoming ? 'true' : undefined })}`).then((r) => r.items),
  get: (id: Id) => request<Event>('GET', `/api/events/${enc(id)}`),
  create: (body: EventInput) => request<Event>('POST', '/api/events', body),
  update: (id: Id, body: z.input<typeof S.EventPatch>) => request<Event>('PATCH', `/api/events/${enc(id)}`, body),
  preview: (unitId: Id, rules: InviteRule[]) => request<Preview>('POST', '/api/events/preview', { unitId, rules }),
  invitees: (id: Id, q: { q?: string; rsvp?: string; cursor?: string | null }) =>
    request<InviteePage>('GET', `/api/events/${enc(id)}/invitees${qs({ q: q.q, rsvp: q.rsvp, cursor: q.cursor ?? undefined, limit: 50 })}`),
  breakdown: (id: Id) => request<Breakdown>('GET', `/api/events/${enc(id)}/breakdown`),
  rsvp: (id: Id, personId: Id, rsvp: Rsvp) => request<{ rsvp: Rsvp }>('PUT', `/api/events/${enc(id)}/invitees/${enc(personId)}/rsvp`, { rsvp }),
  register: (id: Id, personId: Id) => request<Registration>('POST', `/api/events/${enc(id)}/invitees/${enc(personId)}/register`),
  credentialUrl: (id: Id, personId: Id) => `/api/events/${enc(id)}/invitees/${enc(personId)}/credential`,
  badgesUrl: (id: Id, lang: string) => `/api/events/${enc(id)}/badges.pdf?lang=${lang === 'hi' ? 'hi' : 'en'}`,
  checkIn: (id: Id, token: string) => request<CheckinResult>('POST', `/api/events/${enc(id)}/checkin`, { token }),
  checkInPerson: (id: Id, personId: Id) => request<CheckinResult>('POST', `/api/events/${enc(id)}/invitees/${enc(personId)}/checkin`),
  requirements: () => request<z.infer<typeof S.Requirements>>('GET', '/api/events/requirements').then((r) => r.items),
  setRequirement: (body: z.input<typeof S.RequirementBody>) => request<z.infer<typeof S.Requirements>>('PUT', '/api/events/requirements', body),
  gaps: (q: { unitId: Id; level: string; code: string }) => request<Gaps>('GET', `/api/events/training-gaps${qs(q)}`),
  complete: (id: Id, no: number, personIds: Id[], completed: boolean) =>
    request<{ changed: number }>('POST', `/api/events/${enc(id)}/sessions/${no}/completions`, { personIds, completed }),
};

export const EVENTS = 'events';
export const eventPath = (id: Id) => `/events/${enc(id)}`;
