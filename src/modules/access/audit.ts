import { sql, type RawBuilder } from 'kysely';
import type { Tx, Actor } from '../../db/scope.ts';

export interface AuditInput {
  type: string;              // one of audit_event_types
  entity: string;            // the table or kind of thing touched
  rowIds?: (string | number)[];
  unitPath?: string | null;  // where the rows sit; null for tenant-wide events
  detail?: Record<string, unknown>;
}

/** Appends an audit event in the caller's transaction: it commits or rolls back with the change. */
export async function recordAudit(tx: Tx, actor: Actor | SystemActor, input: AuditInput): Promise<void> {
  const isSystem = 'system' in actor;
  await tx.insertInto('audit_events').values({
    tenant_id: actor.tenantId,
    actor_user_id: isSystem ? null : actor.userId,
    actor_label: isSystem ? `system:${actor.system}` : actor.label,
    type: input.type,
    entity: input.entity,
    row_ids: (input.rowIds ?? []).map(String),
    unit_path: input.unitPath ?? null,
    detail: JSON.stringify(input.detail ?? {}),
    ip: isSystem ? null : actor.origin.ip ?? null,
    user_agent: isSystem ? null : actor.origin.userAgent ?? null,
  }).execute();
}

/** Work done by the system (CLI, seeding) on a tenant's behalf, outside any user's grants. */
export interface SystemActor { system: string; tenantId: string }

/**
 * An audit event as a data-modifying CTE body, for a use case whose hot path folds its audit into the
 * statement that does the work (the booth page's read and save: one statement fewer per request).
 * rowIds and unitPath are SQL over that statement's other CTEs; `from` (with any WHERE) decides
 * whether a row is written at all. Same row as recordAudit writes.
 */
export function auditInsertSql(actor: Actor, type: string, entity: string, detail: RawBuilder<unknown>,
  rowIds: RawBuilder<unknown>, unitPath: RawBuilder<unknown>, from: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`insert into audit_events (tenant_id, actor_user_id, actor_label, type, entity, row_ids, unit_path, detail, ip, user_agent)
    select ${actor.tenantId}::uuid, ${actor.userId}::uuid, ${actor.label}::text, ${type}::text, ${entity}::text, ${rowIds}, ${unitPath}, ${detail},
      ${actor.origin.ip ?? null}::text, ${actor.origin.userAgent ?? null}::text
    ${from}`;
}
