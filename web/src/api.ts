// Typed calls to the Warroom API. Every request is same-origin with the session cookie;
// writes carry the session's CSRF token. Failures become ApiProblem (RFC 9457 problem+json).

export type Locale = 'en' | 'hi';
/** Ids: units, grants, tokens and audit rows are numbers, users and tenants uuids. Opaque: never do arithmetic on them. */
export type Id = string | number;

export interface FieldProblem { field: string; message: string }

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly type = 'about:blank',
  ) {
    super(detail || title);
  }

  /** The message the API gave for one form field, matched on the last segment of its path. */
  fieldMessage(field: string): string | undefined {
    const hit = this.errors.find((e) => e.field === field || e.field.split(/[./]/).pop() === field);
    return hit?.message;
  }
}

// ---- session ---------------------------------------------------------------------------------

export interface TenantRef { id: string; slug: string; name: string; nameHi: string | null; isDemo: boolean }
export interface SessionGrant {
  id: Id; role: string; roleName: string; unitId: Id; unitName: string; unitLevel: string;
}
export interface Session {
  user: { id: string; email: string; name: string; locale: Locale };
  tenant: TenantRef | null;
  tenants: TenantRef[];
  permissions: string[];
  grants: SessionGrant[];
  csrfToken: string;
}

export interface Status {
  version: string;
  demo: { seeding: boolean; phase: string | null; done: number; total: number } | null;
}

// ---- home ------------------------------------------------------------------------------------

export interface PartyResult {
  code: string; name: string; nameHi: string | null; colour: string | null;
  seats: number; votes: number; voteShare: number;
}
export interface ElectionSummary {
  id: Id; name: string; year: number; house: string; seats: number; parties: PartyResult[];
}
export interface Home {
  tenant: { name: string; nameHi: string | null; isDemo: boolean };
  scope: { unitId: Id; name: string; nameHi: string | null; level: string }[];
  geography: { states: number; pcs: number; acs: number; booths: number };
  units: { level: string; name: string; nameHi: string | null; count: number }[];
  users: number;
  elections: ElectionSummary[];
  recent: { at: string; type: string; actorLabel: string }[];
}

// ---- units -----------------------------------------------------------------------------------

export interface Unit {
  id: Id; name: string; nameHi: string | null; level: string; levelName: string;
  levelNameHi: string | null; childCount: number; stateCode: string | null;
  acNo: number | null; partNo: number | null;
}
export interface UnitDetail extends Unit {
  path: { id: Id; name: string; nameHi: string | null; level: string }[];
}
export interface Page<T> { items: T[]; nextCursor: string | null }

// ---- admin -----------------------------------------------------------------------------------

export interface Role { code: string; name: string; nameHi: string | null; permissions: string[] }
export interface UserGrant { id: Id; role: string; unitId: Id; unitName: string }
export interface User {
  id: string; email: string; name: string; accessEndsAt: string | null; grants: UserGrant[];
}
export interface NewUser { email: string; name: string; password: string; accessEndsAt?: string }
export interface NewGrant { userId?: string; email?: string; role: string; unitId: Id }

export interface AuditEvent {
  id: Id; at: string; actorLabel: string; type: string; entity: string;
  rowIds: string[]; detail: unknown; ip: string | null;
}
export interface AuditFilter { type?: string; from?: string; to?: string }

export interface ApiToken {
  id: Id; name: string; createdAt: string; expiresAt: string | null;
  lastUsedAt: string | null; revokedAt: string | null;
}
export interface NewToken { name: string; expiresAt?: string }
export interface CreatedToken { id: Id; name: string; token: string }

// ---- elections and seats ------------------------------------------------------------------------

export type House = 'LS' | 'AE';
export interface Election {
  id: string; name: string; house: House; stateCode: string | null; year: number; seats: number; isDemo: boolean;
}
export type SeatClass = 'held' | 'stronghold' | 'battleground' | 'never-won' | 'lost-close';
export type Reservation = 'GEN' | 'SC' | 'ST';
export interface Seat {
  state: string; stateName: string; constituencyNo: number; constituency: string; reservation: string;
  winnerParty: string | null; winnerCandidate: string | null; winnerVotes: number | null;
  runnerUpParty: string | null; runnerUpVotes: number | null;
  marginVotes: number | null; marginPct: number | null; validVotes: number;
  partyVotes: number; partyShare: number; partyPosition: number | null;
  /** Votes the party is ahead of the runner-up (it won) or behind the winner (negative). */
  partyLead: number | null;
  uncontested: boolean;
  classes: SeatClass[];
  shareTrend: { election: string; share: number | null }[];
}
export interface Seats {
  election: { id: string; name: string; house: House; year: number };
  party: string;
  comparedWith: string[];
  /** Absent classes count zero. */
  counts: Partial<Record<SeatClass | 'seats', number>>;
  items: Seat[];
}
/** /api/seats filters (AND), and the thresholds that classify without filtering. */
export interface SeatsQuery {
  election: string; party: string; state?: string; reserved?: Reservation;
  won?: boolean; neverWon?: boolean; lostByUnder?: number; battleground?: number; stronghold?: number;
  closeVotes?: number; battlegroundPct?: number; strongholdRuns?: number;
}
export interface Candidate {
  candidate: string; party: string | null; partyName: string | null; colour: string | null;
  votes: number | null; share: number | null; position: number | null;
}
export interface ConstituencyElection {
  id: string; name: string; year: number; electors: number | null; turnoutPct: number | null;
  validVotes: number; candidates: Candidate[];
}
export interface Constituency {
  stateCode: string; stateName: string; stateNameHi: string | null; house: House; no: number;
  name: string; nameHi: string | null; reservation: string; pcNo: number | null;
  /** Newest first. */
  elections: ConstituencyElection[];
}
export interface BoothGrade { partNo: number; partyVotes: number; bestOtherVotes: number; total: number; grade: 'A' | 'B' | 'C' | 'D' }
export interface BoundaryFeature { type: 'Feature'; properties: { state: string; no: number }; geometry: unknown }
export interface Boundaries { type: 'FeatureCollection'; features: BoundaryFeature[] }

// ---- transport -------------------------------------------------------------------------------

let csrfToken = '';
let language = 'en';
/** Sent as Accept-Language, so the server can answer problems in the user's language. */
export function rememberLanguage(lng: string): void { language = lng; }
/** Remembered from the latest Session the API returned; sent on every write. */
export function rememberCsrfToken(token: string): void { csrfToken = token; }

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API call; feature api files (e.g. features/scenario/api.ts) build on it. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': language === 'hi' ? 'hi-IN, hi;q=0.9, en;q=0.5' : 'en-IN, en;q=0.9',
  };
  if (method !== 'GET') {
    headers['x-csrf-token'] = csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, 'Network error', '');
  }
  if (!res.ok) throw await toProblem(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

async function toProblem(res: Response): Promise<ApiProblem> {
  let json: Partial<{ type: string; title: string; detail: string; errors: FieldProblem[] }> = {};
  try {
    if ((res.headers.get('content-type') ?? '').includes('json')) json = await res.json();
  } catch { /* a proxy's HTML error page: keep the status line */ }
  return new ApiProblem(
    res.status,
    json.title ?? res.statusText,
    json.detail ?? json.title ?? res.statusText,
    Array.isArray(json.errors) ? json.errors : [],
    json.type,
  );
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Flags as the API reads them ("true"/"false"); unset filters left out, in a stable order. */
function seatsParams(q: SeatsQuery): Record<string, string | number | undefined> {
  const flag = (b: boolean | undefined) => (b === undefined ? undefined : String(b));
  return {
    election: q.election, party: q.party, state: q.state, reserved: q.reserved, won: flag(q.won),
    neverWon: q.neverWon ? 'true' : undefined, lostByUnder: q.lostByUnder, battleground: q.battleground,
    stronghold: q.stronghold, closeVotes: q.closeVotes, battlegroundPct: q.battlegroundPct, strongholdRuns: q.strongholdRuns,
  };
}

const enc = encodeURIComponent;

// ---- calls -----------------------------------------------------------------------------------

export const api = {
  status: () => request<Status>('GET', '/api/status'),

  login: (email: string, password: string) => request<Session>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  /** The current session, or null when signed out. */
  session: async (): Promise<Session | null> => {
    try {
      return await request<Session>('GET', '/api/session');
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 401) return null;
      throw e;
    }
  },
  switchTenant: (tenantId: string) => request<Session>('POST', '/api/session/tenant', { tenantId }),
  updateMe: (patch: { locale?: Locale; name?: string }) => request<Session>('PATCH', '/api/me', patch),

  home: () => request<Home>('GET', '/api/home'),

  elections: () => request<{ items: Election[] }>('GET', '/api/elections'),
  seats: (q: SeatsQuery) => request<Seats>('GET', `/api/seats${query(seatsParams(q))}`),
  seatsExportUrl: (q: SeatsQuery, format: 'csv' | 'xlsx') => `/api/seats/export${query({ ...seatsParams(q), format })}`,
  constituency: (stateCode: string, house: House, no: number) =>
    request<Constituency>('GET', `/api/constituencies/${enc(stateCode)}/${enc(house)}/${enc(no)}`),
  boothGrades: (stateCode: string, acNo: number, election: string, party: string) =>
    request<{ items: BoothGrade[] }>('GET', `/api/constituencies/${enc(stateCode)}/${enc(acNo)}/booth-grades${query({ election, party })}`),
  boundaries: (house: House, state?: string | null) => request<Boundaries>('GET', `/api/boundaries${query({ house, state })}`),

  unitRoots: () => request<{ items: Unit[] }>('GET', '/api/units/roots'),
  unit: (id: Id) => request<UnitDetail>('GET', `/api/units/${enc(id)}`),
  unitChildren: (id: Id, cursor: string | null, limit = 50) =>
    request<Page<Unit>>('GET', `/api/units/${enc(id)}/children${query({ cursor, limit })}`),

  roles: () => request<{ items: Role[] }>('GET', '/api/roles'),
  users: () => request<{ items: User[] }>('GET', '/api/users'),
  createUser: (input: NewUser) => request<User>('POST', '/api/users', input),
  createGrant: (input: NewGrant) => request<UserGrant>('POST', '/api/grants', input),
  removeGrant: (grantId: Id) => request<void>('DELETE', `/api/grants/${enc(grantId)}`),

  audit: (filter: AuditFilter, before: string | null, limit = 50) =>
    request<Page<AuditEvent>>('GET', `/api/audit${query({ ...filter, before, limit })}`),
  auditExportUrl: (filter: AuditFilter) => `/api/audit/export${query({ ...filter })}`,

  tokens: () => request<{ items: ApiToken[] }>('GET', '/api/tokens'),
  createToken: (input: NewToken) => request<CreatedToken>('POST', '/api/tokens', input),
  revokeToken: (tokenId: Id) => request<void>('DELETE', `/api/tokens/${enc(tokenId)}`),
};

/**
 * Sends a file as the request body with upload progress (XMLHttpRequest: fetch cannot report it);
 * resolves with the queued import's id. `abort` cancels the upload (nothing is imported when the body
 * did not arrive whole).
 */
export function uploadBody(url: string, file: File, onProgress: (sent: number, total: number) => void): { done: Promise<{ id: number }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ id: number }>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
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
