// Table types of the events tables (db/migrations/0017_events.sql), merged into DB in schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type EventKind = 'meeting' | 'training' | 'conference' | 'rally';
export type EventStatus = 'planned' | 'cancelled' | 'done';
export type Rsvp = 'yes' | 'no' | 'maybe';

export interface EventsTable {
  tenant_id: string; id: Generated<number>; kind: EventKind; title: string; title_hi: string | null;
  starts_at: Timestamp; ends_at: Timestamp; place: string | null; unit_id: number; unit_path: string;
  status: Generated<EventStatus>; course_code: string | null; rules: ColumnType<unknown, string | undefined, string>;
  invited_at: NullableTimestamp; created_by: string | null; created_at: TimestampDefault; updated_at: TimestampDefault;
}
export interface EventInviteesTable {
  tenant_id: string; event_id: number; person_id: number; unit_path: string; wing: string | null; reason: string;
  rsvp: Rsvp | null; rsvp_at: NullableTimestamp; registered_at: NullableTimestamp; credential: string | null;
  checked_in_at: NullableTimestamp; checked_in_by: string | null; invited_at: TimestampDefault;
  rsvp_token: string | null; rsvp_by: 'organiser' | 'invitee' | null;
}
export interface TrainingSessionsTable { tenant_id: string; event_id: number; no: number; title: string; title_hi: string | null }
export interface SessionCompletionsTable {
  tenant_id: string; event_id: number; no: number; person_id: number; unit_path: string;
  completed_at: TimestampDefault; recorded_by: string | null;
}

export interface EventsTables {
  events: EventsTable;
  event_invitees: EventInviteesTable;
  training_sessions: TrainingSessionsTable;
  session_completions: SessionCompletionsTable;
}
