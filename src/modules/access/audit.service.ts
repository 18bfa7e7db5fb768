import type { Actor, Tx } from '../../db/scope.ts';
import { requirePermission } from './access.ts';
import { recordAudit } from './audit.ts';
import type { AuditQuery } from './access.schemas.ts';

const EXPORT_LIMIT = 100_000;

function auditRows(tx: Tx, q: Omit<AuditQuery, 'limit'>, limit: number) {
  let query = tx.selectFrom('audit_events')
    .select(['id', 'at', 'actor_label', 'type', 'entity', 'row_ids', 'detail', 'ip'])
    .orderBy('id', 'desc').limit(limit);
  if (q.type) query = query.where('type', '=', q.type);
  if (q.actor) query = query.where('actor_label', 'ilike', `%${q.actor.replace(/[%_\\]/g, '\\$&')}%`);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', endOf(q.to));
  if (q.before) query = query.where('id', '<', q.before);
  return query.execute();
}

/** A bare date as "to" means the whole of that day. */
function endOf(to: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : new Date(to);
}

/** A page of the audit log of the actor's scope (row-level security keeps other scopes out), newest first. */
export async function findAuditEvents(tx: Tx, actor: Actor, q: AuditQuery) {
  requirePermission(actor, 'audit.read');
  const rows = await auditRows(tx, q, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ id: r.id, at: r.at.toISOString(), actorLabel: r.actor_label, type: r.type, entity: r.entity, rowIds: r.row_ids, detail: r.detail, ip: r.ip })),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
  };
}

/** The filtered log as CSV; the export is itself audited. */
export async function exportAuditCsv(tx: Tx, actor: Actor, q: Omit<AuditQuery, 'limit' | 'before'>): Promise<string> {
  requirePermission(actor, 'audit.read');
  const rows = await auditRows(tx, q, EXPORT_LIMIT);
  await recordAudit(tx, actor, { type: 'audit.export', entity: 'audit_events', detail: { filters: q, rows: rows.length } });
  const lines = [['id', 'at', 'actor', 'type', 'entity', 'row_ids', 'ip', 'detail'].join(',')];
  for (const r of rows) {
    lines.push([r.id, r.at.toISOString(), r.actor_label, r.type, r.entity, r.row_ids.join(' '), r.ip ?? '', JSON.stringify(r.detail)].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  const s = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: prefix it with an apostrophe.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
