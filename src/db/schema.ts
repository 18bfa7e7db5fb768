// Table types for Kysely, kept by hand beside the SQL migrations (db/migrations). Generated<T>
// marks a column with a default the insert may omit.
import type { ColumnType, Generated } from 'kysely';
import type { ProgrammesTables } from './schema-programmes.ts';
import type { ToursTables } from './schema-tours.ts';
import type { EventsTables } from './schema-events.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type JsonDefault = ColumnType<unknown, string | undefined, string>;

export interface StatesTable { code: string; name: string; name_hi: string | null; kind: Generated<'state' | 'ut'>; is_demo: Generated<boolean> }
export interface ConstituenciesTable {
  state_code: string; house: 'LS' | 'AE'; era: Generated<number>; no: number; name: string; name_hi: string | null;
  reservation: Generated<'GEN' | 'SC' | 'ST'>; pc_no: number | null;
}
export interface PollingStationsTable {
  state_code: string; house: Generated<'AE'>; era: Generated<number>; ac_no: number; part_no: number;
  name: string | null; name_hi: string | null; electors: number | null;
}
export interface PartiesTable { code: string; name: string; name_hi: string | null; colour: string | null; is_demo: Generated<boolean> }
export interface ElectionsTable {
  id: string; house: 'LS' | 'AE'; state_code: string | null; era: Generated<number>; year: number;
  poll_date: string | null; name: string; is_demo: Generated<boolean>;
}
export interface ResultsTable {
  election_id: string; state_code: string; constituency_no: number; seq: number; candidate: string;
  party_code: string | null; votes: number | null; position: number | null; party_raw: string | null; sex: 'M' | 'F' | 'O' | null;
}
export interface ConstituencyTurnoutTable { election_id: string; state_code: string; constituency_no: number; electors: number | null; valid_votes: number | null; turnout_pct: number | null }
/** A view over booth_votes and booth_candidates (migration 0012): read only. */
export interface BoothResultsTable { election_id: string; state_code: string; ac_no: number; part_no: number; seq: number; candidate: string | null; party_code: string | null; votes: number }
export interface BoothVotesTable { election_id: string; state_code: string; ac_no: number; part_no: number; votes: ColumnType<(number | null)[], string, string> }
export interface BoothCandidatesTable { election_id: string; state_code: string; ac_no: number; seq: number; candidate: string | null; party_code: string | null }
export interface PartyAliasesTable { alias: string; party_code: string; note: string | null }
export interface PartySuccessionsTable { from_party: string; to_party: string; weight: number; effective_year: number; note: string | null; state_code: string | null; id: Generated<number> }
export interface BoundariesTable { state_code: string; house: 'LS' | 'AE'; era: Generated<number>; no: number; geometry: ColumnType<unknown, string, string>; source: string | null }
export interface ImportsTable {
  id: Generated<number>; kind: 'results' | 'booths' | 'boundaries'; file_name: string; format: string; election_ids: Generated<string[]>;
  rows: Generated<number>; warnings: JsonDefault; imported_by: string; started_at: TimestampDefault; finished_at: NullableTimestamp;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>; tenant_id: string | null; unit_path: string | null; user_id: string | null;
  bytes: number | null; options: JsonDefault; summary: ColumnType<unknown, string | null | undefined, string | null>; problems: JsonDefault; message: string | null;
}
export interface BoothTurnoutTable { election_id: string; state_code: string; ac_no: number; part_no: number; electors: number | null; voters: number | null }

export interface TenantsTable {
  id: Generated<string>; slug: string; name: string; name_hi: string | null; is_demo: Generated<boolean>;
  status: Generated<'seeding' | 'ready'>; created_at: TimestampDefault;
}
export interface UnitLevelsTable { tenant_id: string; level: string; depth: number; name: string; name_hi: string | null }
export interface UnitsTable {
  tenant_id: string; id: Generated<number>; parent_id: number | null; level: string; name: string; name_hi: string | null;
  path: string; state_code: string | null; ac_no: number | null; part_no: number | null; wing: string | null;
  ext_key: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: TimestampDefault;
}
export interface UsersTable {
  id: Generated<string>; email: string; name: string; password_hash: string | null; locale: Generated<'en' | 'hi'>;
  failed_logins: Generated<number>; locked_until: NullableTimestamp; access_ends_at: NullableTimestamp; created_at: TimestampDefault;
}
export interface PermissionsTable { code: string; description: string }
export interface RolesTable { code: string; name: string; name_hi: string | null; rank: number }
export interface RolePermissionsTable { role_code: string; permission_code: string }
export interface GrantsTable {
  tenant_id: string; id: Generated<number>; user_id: string; role_code: string; unit_id: number;
  created_at: TimestampDefault; created_by: string | null;
}
export interface SessionsTable {
  id_hash: string; user_id: string; tenant_id: string | null; csrf_token: string; created_at: TimestampDefault;
  last_seen_at: TimestampDefault; expires_at: Timestamp; ip: string | null; user_agent: string | null;
}
export interface LoginAttemptsTable { id: Generated<number>; at: TimestampDefault; ip: string | null; email: string | null; ok: boolean }
export interface ApiTokensTable {
  tenant_id: string; id: Generated<number>; user_id: string; name: string; token_hash: string; created_at: TimestampDefault;
  expires_at: NullableTimestamp; last_used_at: NullableTimestamp; revoked_at: NullableTimestamp;
}
export interface AuditEventTypesTable { code: string; description: string }
export interface AuditEventsTable {
  tenant_id: string; id: Generated<number>; at: TimestampDefault; actor_user_id: string | null; actor_label: string;
  type: string; entity: string; row_ids: Generated<string[]>; unit_path: string | null; detail: JsonDefault;
  ip: string | null; user_agent: string | null;
}
export interface ScenariosTable {
  tenant_id: string; id: Generated<number>; unit_id: number; unit_path: string; name: string; election: string;
  scenario: ColumnType<unknown, string, string>; created_by: string | null; updated_by: string | null;
  created_at: TimestampDefault; updated_at: TimestampDefault;
}
export interface SystemJobsTable {
  id: Generated<number>; kind: string; label: string; done: Generated<number>; total: Generated<number>; phase: string | null;
  status: Generated<'running' | 'done' | 'failed'>; message: string | null; started_at: TimestampDefault; finished_at: NullableTimestamp; updated_at: TimestampDefault;
}

// ---------- organisation (migration 0013) ----------
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type DateDefault = ColumnType<string, string | undefined, string>;
export interface WingsTable { tenant_id: string; code: string; name: string; name_hi: string | null; sort: Generated<number> }
export interface DesignationTypesTable {
  tenant_id: string; level: string; code: string; name: string; name_hi: string | null; seats: Generated<number>;
  per_page: Generated<boolean>; is_required: Generated<boolean>; is_head: Generated<boolean>; sort: Generated<number>;
  /** A training course (events.course_code) every holder must complete (migration 0017). */
  required_course: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface CommitteeNormsTable { tenant_id: string; level: string; min_formed: Generated<number>; min_women: Generated<number>; min_sc_st: Generated<number> }
export type Gender = 'female' | 'male' | 'other';
export type AgeBand = '18-25' | '26-35' | '36-45' | '46-60' | '60+';
export type SocialCategory = 'GEN' | 'OBC' | 'SC' | 'ST' | 'other';
export interface PeopleTable {
  tenant_id: string; id: Generated<number>; phone: string; other_phones: Generated<string[]>; name: string; name_hi: string | null;
  gender: Gender | null; age_band: AgeBand | null; category: SocialCategory | null; epic: string | null;
  home_unit_id: number | null; unit_path: string; wings: Generated<string[]>;
  phone_verified_at: NullableTimestamp; epic_matched_at: NullableTimestamp; roll_page: number | null;
  vouched_by: number | null; vouched_at: NullableTimestamp; is_verified: ColumnType<boolean, never, never>;
  merged_into: number | null; created_at: TimestampDefault; updated_at: TimestampDefault; created_by: string | null;
}
export interface DesignationsTable {
  tenant_id: string; id: Generated<number>; unit_id: number; unit_path: string; level: string; code: string; seat: Generated<number>;
  person_id: number; from_date: DateDefault; to_date: NullableDate; end_reason: string | null; created_at: TimestampDefault; created_by: string | null;
}
export interface PersonMergesTable {
  tenant_id: string; id: Generated<number>; kept_id: number; merged_id: number; unit_path: string;
  snapshot: ColumnType<unknown, string, string>; at: TimestampDefault; by_user: string | null;
}
export type Office = 'mp' | 'mla' | 'mayor' | 'municipal_head' | 'district_panchayat_chair' | 'councillor';
export interface RepresentativesTable {
  tenant_id: string; id: Generated<number>; person_id: number; office: Office; state_code: string | null; house: 'LS' | 'AE' | null;
  constituency_no: number | null; body: string | null; unit_id: number; unit_path: string; from_date: NullableDate; to_date: NullableDate;
  created_at: TimestampDefault;
}
export type InducteeStatus = 'proposed' | 'vetted' | 'approved' | 'designated' | 'rejected';
export interface InducteesTable {
  tenant_id: string; id: Generated<number>; person_id: number; previous_party: string; previous_posts: string | null; proposer_id: number | null;
  status: Generated<InducteeStatus>; unit_id: number; unit_path: string; assigned_role: string | null;
  created_at: TimestampDefault; updated_at: TimestampDefault;
}
export interface InducteeEventsTable {
  tenant_id: string; id: Generated<number>; inductee_id: number; unit_path: string; kind: 'step' | 'note'; status: string | null;
  note: string | null; at: TimestampDefault; by_user: string | null;
}
interface StrengthFigures {
  booths_formed: Generated<number>; slots: Generated<number>; filled: Generated<number>; members: Generated<number>; women: Generated<number>;
  sc_st: Generated<number>; workers: Generated<number>; verified: Generated<number>; pages: Generated<number>; pages_covered: Generated<number>;
}
export interface UnitOwnStrengthTable extends StrengthFigures { tenant_id: string; unit_id: number; unit_path: string; is_booth: Generated<boolean>; grade: 'A' | 'B' | 'C' | 'D' | null }
export interface UnitStrengthTable extends StrengthFigures {
  tenant_id: string; unit_id: number; shard: number; unit_path: string; booths: Generated<number>;
  grade_a: Generated<number>; grade_b: Generated<number>; grade_c: Generated<number>; grade_d: Generated<number>;
}

// Each later module keeps its table types in its own file (schema-<module>.ts), merged in here.
export interface DB extends ProgrammesTables, ToursTables, EventsTables {
  states: StatesTable;
  constituencies: ConstituenciesTable;
  polling_stations: PollingStationsTable;
  parties: PartiesTable;
  elections: ElectionsTable;
  results: ResultsTable;
  constituency_turnout: ConstituencyTurnoutTable;
  booth_results: BoothResultsTable;
  booth_votes: BoothVotesTable;
  booth_candidates: BoothCandidatesTable;
  booth_turnout: BoothTurnoutTable;
  party_aliases: PartyAliasesTable;
  party_successions: PartySuccessionsTable;
  boundaries: BoundariesTable;
  imports: ImportsTable;
  tenants: TenantsTable;
  unit_levels: UnitLevelsTable;
  units: UnitsTable;
  users: UsersTable;
  permissions: PermissionsTable;
  roles: RolesTable;
  role_permissions: RolePermissionsTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  api_tokens: ApiTokensTable;
  audit_event_types: AuditEventTypesTable;
  audit_events: AuditEventsTable;
  system_jobs: SystemJobsTable;
  scenarios: ScenariosTable;
  wings: WingsTable;
  designation_types: DesignationTypesTable;
  committee_norms: CommitteeNormsTable;
  people: PeopleTable;
  designations: DesignationsTable;
  person_merges: PersonMergesTable;
  representatives: RepresentativesTable;
  inductees: InducteesTable;
  inductee_events: InducteeEventsTable;
  unit_own_strength: UnitOwnStrengthTable;
  unit_strength: UnitStrengthTable;
}
