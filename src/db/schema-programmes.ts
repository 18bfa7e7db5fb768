// Table types of the programmes tables (db/migrations/0015_programmes.sql), merged into DB in schema.ts.
import type { ColumnType, Generated } from 'kysely';

type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
// Dates travel as ISO strings (pg and PGlite are set to return date columns as text).
type DateCol = ColumnType<string, string, string>;
type DateDefault = ColumnType<string, string | undefined, string>;

export type TaskKind = 'task' | 'drive';
export type TaskMetric = 'completion' | 'reported' | 'booths_formed' | 'workers_verified' | 'trainees_completed' | 'calls_made';
export type SplitRule = 'equal' | 'booths' | 'electors' | 'manual';

export interface TasksTable {
  tenant_id: string; id: Generated<number>; kind: Generated<TaskKind>; owner_unit_id: number; unit_path: string;
  title: string; title_hi: string | null; description: string | null; metric: TaskMetric;
  unit_label: string | null; unit_label_hi: string | null; course_code: Generated<string | null>; target: number | null; split_rule: Generated<SplitRule>;
  assignee_level: string | null; evidence_required: Generated<boolean>; starts_on: DateDefault; due_on: DateCol;
  status: Generated<'open' | 'closed'>; escalated_at: NullableTimestamp; created_by: string | null; created_at: TimestampDefault;
}
export interface TaskTargetsTable {
  tenant_id: string; task_id: number; unit_id: number; unit_path: string; depth: number; parent_unit_id: number | null;
  is_assignee: Generated<boolean>; target: number | null; is_manual: Generated<boolean>; reported: Generated<number>;
  done_at: NullableTimestamp;
}
export interface TaskPeopleTable { tenant_id: string; task_id: number; person_id: number; unit_path: string; done_at: NullableTimestamp }
export interface TaskReportsTable {
  tenant_id: string; id: Generated<number>; task_id: number; unit_id: number; unit_path: string; value: number; note: string | null;
  lat: number | null; lng: number | null; reported_by: string | null; reported_by_label: string; at: TimestampDefault;
}
export interface TaskEvidenceTable {
  tenant_id: string; id: Generated<number>; report_id: number; unit_path: string; kind: 'photo' | 'document'; mime: string;
  file_name: string; size: number; bytes: Buffer; created_at: TimestampDefault;
}
export type NotificationKind = 'task.assigned' | 'task.escalated' | 'task.due';
export interface NotificationsTable {
  tenant_id: string; id: Generated<number>; user_id: string; kind: NotificationKind;
  params: ColumnType<Record<string, unknown>, string, string>; link: string | null; created_at: TimestampDefault; read_at: NullableTimestamp;
}
export interface OutboxTable {
  tenant_id: string; id: Generated<number>; notification_id: number | null; channel: 'email' | 'sms' | 'whatsapp'; recipient: string;
  subject: string; body: string; status: Generated<'pending' | 'sent' | 'failed'>; attempts: Generated<number>;
  claimed_until: NullableTimestamp; last_error: string | null; created_at: TimestampDefault; sent_at: NullableTimestamp;
}
export interface ReviewSnapshotsTable {
  tenant_id: string; id: Generated<number>; unit_id: number; unit_path: string; taken_at: TimestampDefault; taken_by: string | null;
  figures: ColumnType<SnapshotFigures, string, string>;
}
/** Target and actual per task, for the unit and each child, when the review was recorded. */
export interface SnapshotFigures { self: Record<string, [number | null, number]>; children: Record<string, Record<string, [number | null, number]>> }

export interface ProgrammesTables {
  tasks: TasksTable; task_targets: TaskTargetsTable; task_people: TaskPeopleTable; task_reports: TaskReportsTable;
  task_evidence: TaskEvidenceTable; notifications: NotificationsTable; outbox: OutboxTable; review_snapshots: ReviewSnapshotsTable;
}
