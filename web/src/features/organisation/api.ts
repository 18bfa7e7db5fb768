// Typed calls of the organisation module (docs/organisation.md). Every count comes with verified and
// unverified apart; phones arrive masked and are unmasked by a separate, audited call.
import { query, request, type Id, type Page, type Unit } from '../../api.ts';

const enc = (v: Id) => encodeURIComponent(String(v));

export type Grade = 'A' | 'B' | 'C' | 'D';
export const GRADES: Grade[] = ['A', 'B', 'C', 'D'];
export type Gender = 'female' | 'male' | 'other';
export type Category = 'GEN' | 'OBC' | 'SC' | 'ST' | 'other';
export const GENDERS: Gender[] = ['female', 'male', 'other'];
export const CATEGORIES: Category[] = ['GEN', 'OBC', 'SC', 'ST', 'other'];
export type AgeBand = '18-25' | '26-35' | '36-45' | '46-60' | '60+';

export interface Strength {
  unitId: Id; booths: number; boothsFormed: number; slots: number; filled: number; vacancies: number;
  members: number; women: number; scSt: number; workers: number; verified: number; unverified: number;
  pages: number; pagesCovered: number; grades: Record<Grade, number>;
  workersPerBooth: number | null; verifiedShare: number | null; completeness: number | null; grade?: Grade | null;
}

/** A child unit in the drill-down, with its strength (flattened or nested, whichever the API sends). */
export interface UnitWithStrength extends Unit { wing?: string | null; strength: Strength }

export interface OrgConfig {
  levels: { level: string; depth: number; name: string; nameHi: string | null }[];
  wings: { code: string; name: string; nameHi: string | null }[];
  designationTypes: {
    level: string; code: string; name: string; nameHi: string | null; seats: number; perPage: boolean;
    isRequired: boolean; isHead: boolean; sort: number;
  }[];
  norms: { level: string; minFormed: number; minWomen: number; minScSt: number }[];
}

export interface Holder {
  designationId: Id; personId: Id; name: string; nameHi: string | null; phoneMasked: string;
  gender: Gender | null; category: Category | null; isVerified: boolean; fromDate: string | null;
}
export interface Slot {
  code: string; name: string; nameHi: string | null; seat: number; isRequired: boolean; isHead: boolean;
  perPage: boolean; holder: Holder | null;
}
export interface Committee {
  unit: { id: Id; name: string; nameHi: string | null; level: string; levelName?: string; levelNameHi?: string | null };
  slots: Slot[];
  vacancies: number;
  norm: { minFormed: number; minWomen: number; minScSt: number; women: number; scSt: number; formed: boolean };
  pages: number;
  history: {
    designationId: Id; code: string; seat: number; personId: Id; name: string; nameHi?: string | null;
    fromDate: string | null; toDate: string | null; endReason: string | null;
  }[];
}

export interface PersonSummary {
  id: Id; name: string; nameHi: string | null; phoneMasked: string; homeUnitId: Id | null; homeUnitName: string | null;
  gender: Gender | null; category: Category | null; isVerified: boolean; wings: string[];
  designations: { unitId: Id; unitName: string; code: string }[];
}
export interface Person extends PersonSummary {
  ageBand: AgeBand | null; epic: string | null; rollPage: number | null; otherPhonesMasked: string[];
  /** Whether this actor may unmask this person's phone (personal.unmask on the person's unit). */
  canUnmask?: boolean;
  verification: { phoneVerifiedAt: string | null; epicMatchedAt: string | null; vouchedBy: Id | null; vouchedAt: string | null };
  designationHistory?: {
    designationId?: Id; unitId: Id; unitName: string; code: string; name?: string; nameHi?: string | null; seat?: number;
    fromDate: string | null; toDate: string | null; endReason?: string | null;
  }[];
  merges?: { mergedId: Id; name: string; phoneMasked?: string; at: string }[];
  offices?: Representative[];
  inductee?: Inductee | null;
  /** Set when this record was merged into another: it can no longer be changed. */
  mergedInto?: Id | null;
}
export interface PersonInput {
  phone: string; name: string; nameHi?: string; gender?: Gender; ageBand?: AgeBand; category?: Category;
  epic?: string; homeUnitId: Id; wings?: string[];
}
export const AGE_BANDS: AgeBand[] = ['18-25', '26-35', '36-45', '46-60', '60+'];
/** A change to a person: any field; null clears an optional one. */
export type PersonPatch = { [K in keyof PersonInput]?: PersonInput[K] | null };

export interface Booth {
  unit: Committee['unit'] & { partNo?: number | null; acNo?: number | null; stateCode?: string | null };
  strength: Strength;
  committee: Committee;
  workers: { count: number; verified: number; items: PersonSummary[] };
}

export interface Duplicate { a: PersonSummary; b: PersonSummary; reason: 'epic' | 'name_booth' | 'other_phone' }

export type Office = 'mp' | 'mla' | 'mayor' | 'municipal_head' | 'district_panchayat_chair' | 'councillor';
export const OFFICES: Office[] = ['mp', 'mla', 'mayor', 'municipal_head', 'district_panchayat_chair', 'councillor'];
export interface Representative {
  id: Id; personId: Id; name?: string; nameHi?: string | null; office: Office; stateCode: string | null;
  house: 'LS' | 'AE' | null; constituencyNo: number | null; constituencyName?: string | null; body: string | null;
  unitId: Id; unitName?: string | null; fromDate: string | null; toDate: string | null;
}

/** A new elected office, held by someone registered (personId) or a new person created by phone (person). */
export interface RepresentativeInput {
  personId?: Id; person?: PersonInput; office: Office; stateCode?: string | null; house?: 'LS' | 'AE' | null;
  constituencyNo?: number | null; body?: string | null; unitId: Id; fromDate?: string | null; toDate?: string | null;
}

export type InducteeStatus = 'proposed' | 'vetted' | 'approved' | 'designated' | 'rejected';
export const INDUCTEE_FLOW: InducteeStatus[] = ['proposed', 'vetted', 'approved', 'designated'];
export interface Inductee {
  id: Id; personId: Id; name?: string; nameHi?: string | null; previousParty: string; previousPosts: string | null;
  proposerId: Id | null; proposerName?: string | null; status: InducteeStatus; unitId: Id; unitName?: string | null;
  assignedRole: string | null; createdAt?: string; updatedAt?: string;
}
export interface InducteeEvent { id: Id; kind: 'step' | 'note'; status: InducteeStatus | null; note: string | null; at: string; by: string | null }
export interface InducteeDetail extends Inductee { phoneMasked?: string; events: InducteeEvent[] }
export interface InducteeInput {
  personId?: Id; person?: PersonInput; previousParty: string; previousPosts?: string | null; proposerId?: Id | null; unitId: Id; note?: string;
}
export interface InducteeSummary {
  byState?: { unitId: Id | null; name: string | null; nameHi?: string | null; counts: Partial<Record<InducteeStatus, number>> }[];
  byLevel?: { level: string; name?: string; nameHi?: string | null; counts: Partial<Record<InducteeStatus, number>> }[];
  total?: Partial<Record<InducteeStatus, number>>;
}

export interface WeakBooth {
  unitId: Id; name: string; nameHi?: string | null; stateCode?: string | null; acNo?: number | null; acName?: string | null;
  partNo?: number | null; grade: Grade | null; formed?: boolean; vacancies?: number; workers?: number; verified?: number;
  margin?: number | null; marginVotes?: number | null;
}
export interface WeakBoothsQuery { election: string; party: string; maxMargin: number; unitId?: Id; grade?: Grade }

export interface WeakBooths { election: string; party: string; maxMargin: number; seats: number; items: WeakBooth[]; truncated: boolean }

export interface SeatStrength {
  stateCode: string; constituencyNo: number; constituency: string; classes: string[]; partyLead: number | null;
  booths: number; boothsFormed: number; weakBooths: number; grades: Record<Grade, number>;
}

const list = <T,>(v: T[] | { items: T[] }): T[] => (Array.isArray(v) ? v : v.items ?? []);

/** Children arrive as units with `strength`, or with the figures flattened in: accept both. */
function withStrength(u: Unit & Partial<Strength> & { strength?: Strength }): UnitWithStrength {
  if (u.strength) return u as UnitWithStrength;
  const s = u as unknown as Strength;
  return { ...u, strength: { ...s, unitId: u.id } };
}

export const orgApi = {
  config: () => request<OrgConfig>('GET', '/api/org/config'),
  strength: (unitId: Id) => request<Strength>('GET', `/api/org/units/${enc(unitId)}/strength`),
  children: async (unitId: Id, cursor: string | null, wing: string | null, limit = 100) => {
    const p = await request<Page<Unit & Partial<Strength> & { strength?: Strength }>>(
      'GET', `/api/org/units/${enc(unitId)}/children${query({ cursor, limit, wing })}`);
    return { items: p.items.map(withStrength), nextCursor: p.nextCursor ?? null };
  },
  committee: (unitId: Id) => request<Committee>('GET', `/api/org/units/${enc(unitId)}/committee`),
  booth: (unitId: Id) => request<Booth>('GET', `/api/org/booths/${enc(unitId)}`),
  assign: (unitId: Id, body: { code: string; seat: number; personId?: Id; person?: PersonInput; replace?: boolean }) =>
    request<unknown>('POST', `/api/org/units/${enc(unitId)}/designations`, body),
  endDesignation: (designationId: Id, reason?: string) =>
    request<unknown>('POST', `/api/org/designations/${enc(designationId)}/end`, reason ? { reason } : {}),

  people: async (q: { q?: string; unitId?: Id; verified?: boolean; cursor?: string | null; limit?: number }) => {
    const r = await request<PersonSummary[] | Page<PersonSummary>>('GET', `/api/people${query({
      q: q.q, unitId: q.unitId, verified: q.verified === undefined ? undefined : String(q.verified), cursor: q.cursor, limit: q.limit,
    })}`);
    return Array.isArray(r) ? { items: r, nextCursor: null } : { items: r.items, nextCursor: r.nextCursor ?? null };
  },
  createPerson: (p: PersonInput) => request<{ id: Id }>('POST', '/api/people', p),
  person: (id: Id) => request<Person>('GET', `/api/people/${enc(id)}`),
  updatePerson: (id: Id, patch: PersonPatch) => request<Person>('PATCH', `/api/people/${enc(id)}`, patch),
  verify: (id: Id, body: { phone?: true; epic?: { rollPage: number }; vouch?: true }) =>
    request<Person>('POST', `/api/people/${enc(id)}/verify`, body),
  unmask: (id: Id) => request<{ phone: string; otherPhones: string[] }>('POST', `/api/people/${enc(id)}/unmask`, {}),
  duplicates: async (unitId?: Id) => list(await request<Duplicate[] | { items: Duplicate[] }>('GET', `/api/people/duplicates${query({ unitId })}`)),
  merge: (keepId: Id, mergeId: Id) => request<unknown>('POST', '/api/people/merge', { keepId, mergeId }),

  representatives: async (q: { office?: Office; unitId?: Id }) =>
    list(await request<Representative[] | { items: Representative[] }>('GET', `/api/org/representatives${query({ ...q })}`)),
  inductees: async (q: { status?: InducteeStatus; unitId?: Id }) =>
    list(await request<Inductee[] | { items: Inductee[] }>('GET', `/api/org/inductees${query({ ...q })}`)),
  inducteeSummary: (unitId?: Id) => request<InducteeSummary>('GET', `/api/org/inductees/summary${query({ unitId })}`),
  createRepresentative: (body: RepresentativeInput) => request<Representative>('POST', '/api/org/representatives', body),
  updateRepresentative: (id: Id, patch: Partial<RepresentativeInput>) => request<Representative>('PATCH', `/api/org/representatives/${enc(id)}`, patch),
  removeRepresentative: (id: Id) => request<void>('DELETE', `/api/org/representatives/${enc(id)}`),
  inductee: (id: Id) => request<InducteeDetail>('GET', `/api/org/inductees/${enc(id)}`),
  createInductee: (body: InducteeInput) => request<InducteeDetail>('POST', '/api/org/inductees', body),
  inducteeStep: (id: Id, body: { status: InducteeStatus; note?: string; assignedRole?: string }) =>
    request<InducteeDetail>('POST', `/api/org/inductees/${enc(id)}/step`, body),
  addInducteeNote: (id: Id, note: string) => request<InducteeDetail>('POST', `/api/org/inductees/${enc(id)}/notes`, { note }),

  /** Each list is replaced whole (org.configure on the tenant's root); types and norms rebuild the party's strength. */
  saveLevels: (items: OrgConfig['levels']) => request<OrgConfig>('PUT', '/api/org/config/levels', { items }),
  saveWings: (items: OrgConfig['wings']) => request<OrgConfig>('PUT', '/api/org/config/wings', { items }),
  saveDesignationTypes: (items: OrgConfig['designationTypes']) => request<OrgConfig>('PUT', '/api/org/config/designation-types', { items }),
  saveNorms: (items: OrgConfig['norms']) => request<OrgConfig>('PUT', '/api/org/config/norms', { items }),

  weakBooths: (q: WeakBoothsQuery) => request<WeakBooths>('GET', `/api/org/weak-booths${query({ ...q })}`),
  weakBoothsExportUrl: (q: WeakBoothsQuery, format: 'csv' | 'xlsx') => `/api/org/weak-booths${query({ ...q, format })}`,
  seatStrength: async (q: { election: string; party: string; state?: string | null }) =>
    list(await request<SeatStrength[] | { items: SeatStrength[] }>('GET', `/api/org/seat-strength${query({ ...q })}`)),
};

/** Share 0..1 as a whole percent, or null. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
