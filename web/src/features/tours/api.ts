// Typed calls of tours (pravas) (docs/programmes.md, Tours; shapes from src/modules/programmes/tours.schemas.ts).
import { query, request, type Id } from '../../api.ts';

const enc = (v: Id) => encodeURIComponent(String(v));

export type TourStatus = 'planned' | 'done' | 'cancelled';
export const TOUR_STATUSES: TourStatus[] = ['planned', 'done', 'cancelled'];
export type MeetingKind = 'workers' | 'public' | 'core_committee' | 'press' | 'other';
export const MEETING_KINDS: MeetingKind[] = ['workers', 'public', 'core_committee', 'press', 'other'];

export interface Meeting { kind: MeetingKind; attendance?: number | null; note?: string | null }
export type Mood = 1 | 2 | 3 | 4 | 5;
export interface GroundReport { mood: Mood; issues: string[]; organisationNotes: string; oppositionActivity: string; followUps: string[] }
export interface Seat { stateCode: string; house: 'LS' | 'AE'; constituencyNo: number; name: string | null }

export interface Visit {
  id: number; tourId: number; unitId: number; unitName: string | null; unitNameHi: string | null; seat: Seat | null;
  visitOn: string; meetings: Meeting[]; groundReport: GroundReport | null; canWrite: boolean;
}
export interface Tour {
  id: number; leaderPersonId: number | null; leaderName: string; leaderNameHi: string | null; unitId: number;
  unitName: string | null; unitNameHi: string | null; isCentral: boolean; title: string; startsOn: string; endsOn: string;
  status: TourStatus; stay: string | null; notes: string | null; visitCount: number; canWrite: boolean;
}
export interface TourDetail extends Tour { visits: Visit[]; canAddVisit: boolean }

export interface TourInput {
  leaderPersonId?: Id | null; leaderName?: string | null; leaderNameHi?: string | null; unitId: Id; title: string;
  startsOn: string; endsOn: string; status?: TourStatus; stay?: string | null; notes?: string | null;
}
export interface VisitInput {
  unitId: Id; stateCode?: string | null; house?: 'LS' | 'AE' | null; constituencyNo?: number | null; visitOn: string;
  meetings: Meeting[]; groundReport?: GroundReport | null;
}

export type SeatClass = 'held' | 'stronghold' | 'battleground' | 'never-won' | 'lost-close';
export interface CoverageSeat {
  stateCode: string; house: 'LS' | 'AE'; constituencyNo: number; name: string; classes: SeatClass[]; partyLead: number | null;
  booths: number | null; boothsFormed: number | null; isWeak: boolean; weakBecause: ('never-won' | 'lost-close' | 'organisation')[];
  visits: number; days: number; lastVisitOn: string | null; lastCentralVisitOn: string | null; centralVisited: boolean; nextVisitOn: string | null;
}
export interface Coverage {
  election: string; party: string; days: number; since: string; today: string; scope: { unitId: number; name: string };
  counts: { seats: number; weak: number; weakNotVisited: number; centralVisited: number }; items: CoverageSeat[];
}
export interface CoverageQuery { election: string; party: string; days: number; unitId?: Id; weakOnly?: boolean; notVisited?: boolean }

export const TOURS = 'tours';

export const toursApi = {
  list: (q: { from?: string; to?: string; unitId?: Id; status?: TourStatus }) =>
    request<{ items: Tour[]; truncated: boolean }>('GET', `/api/tours${query({ ...q })}`),
  get: (id: Id) => request<TourDetail>('GET', `/api/tours/${enc(id)}`),
  create: (body: TourInput) => request<TourDetail>('POST', '/api/tours', body),
  update: (id: Id, patch: Partial<TourInput>) => request<TourDetail>('PATCH', `/api/tours/${enc(id)}`, patch),
  remove: (id: Id) => request<void>('DELETE', `/api/tours/${enc(id)}`),
  addVisit: (tourId: Id, body: VisitInput) => request<Visit>('POST', `/api/tours/${enc(tourId)}/visits`, body),
  updateVisit: (id: Id, patch: Partial<VisitInput>) => request<Visit>('PATCH', `/api/tours/visits/${enc(id)}`, patch),
  removeVisit: (id: Id) => request<void>('DELETE', `/api/tours/visits/${enc(id)}`),
  coverage: (q: CoverageQuery) => request<Coverage>('GET', `/api/tours/coverage${query({
    election: q.election, party: q.party, days: q.days, unitId: q.unitId, weakOnly: q.weakOnly ? 'true' : undefined, notVisited: q.notVisited ? 'true' : undefined,
  })}`),
};

// Today is India's date (IST) whatever the browser's clock zone, the same day the server counts tour
// coverage and due dates by; addDays is calendar arithmetic on the date alone. One definition for both.
export { addDays, indiaDay } from '../../../../src/shared/time.ts';
