// In-app notifications, and an outbox that any mail, SMS or messaging service can drain
// (docs/programmes.md). A use case notifies the users who hold a grant at some units; each gets an
// in-app row and an e-mail row in the outbox in their own language. Nothing external is needed:
// undrained outbox rows simply wait.
import { sql, type RawBuilder } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Forbidden, NotFound } from '../../shared/errors.ts';
import { pathsWith } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { NotificationKind } from '../../db/schema-programmes.ts';
import { notificationText, type NotificationParams } from './notifications-text.ts';

export interface Notice { kind: NotificationKind; params: NotificationParams; link: string }

/**
 * Notifies every user holding a grant (with programmes.read) at one of the units `units` selects
 * (columns unit_id and n, a count for the text, may be null), except the actor: one notification
 * per user, naming their unit. Set-based: a national task reaching every booth is one statement.
 */
export async function notifyUnits(tx: Tx, tenantId: string, actorUserId: string | null, units: RawBuilder<unknown>, notice: Notice): Promise<number> {
  const en = notificationText(notice.kind, { ...notice.params, count: '\u0002', unitName: '\u0001', unitNameHi: '\u0001' }, 'en');
  const hi = notificationText(notice.kind, { ...notice.params, count: '\u0002', unitName: '\u0001', unitNameHi: '\u0001' }, 'hi');
  // The texts are made once with placeholders, then filled per recipient in SQL.
  const fill = (text: string) => sql`replace(replace(${text}::text, chr(2), coalesce(r.n::text, '')), chr(1), case r.locale when 'hi' then coalesce(r.name_hi, r.name) else r.name end)`;
  // Ids are drawn up front: a recipient's notification is not the actor's to read back (RETURNING
  // would need the row to pass the read policy), and the outbox row must point at it.
  const r = await sql<{ n: number }>`with src as (${units}), pick as (
      select distinct on (g.user_id) g.user_id, s.unit_id, s.n from src s
      join grants g on g.tenant_id = ${tenantId}::uuid and g.unit_id = s.unit_id
      join role_permissions rp on rp.role_code = g.role_code and rp.permission_code = 'programmes.read'
      where g.user_id is distinct from ${actorUserId}::uuid
      order by g.user_id, s.unit_id
    ), rcpt as materialized (
      select p.*, nextval('notifications_id_seq') as nid, un.name, un.name_hi, u.email, u.locale from pick p
      join units un on un.tenant_id = ${tenantId}::uuid and un.id = p.unit_id
      join users u on u.id = p.user_id
    ), n as (
      insert into notifications (tenant_id, id, user_id, kind, params, link)
      select ${tenantId}::uuid, r.nid, r.user_id, ${notice.kind}, ${JSON.stringify(notice.params)}::jsonb
        || jsonb_build_object('count', r.n, 'unitId', r.unit_id, 'unitName', r.name, 'unitNameHi', r.name_hi), ${notice.link}
      from rcpt r
    ), o as (
      insert into outbox (tenant_id, notification_id, channel, recipient, subject, body)
      select ${tenantId}::uuid, r.nid, 'email', r.email,
        case r.locale when 'hi' then ${fill(hi.subject)} else ${fill(en.subject)} end,
        case r.locale when 'hi' then ${fill(hi.body)} else ${fill(en.body)} end
      from rcpt r
    )
    select count(*)::int as n from rcpt`.execute(tx);
  return r.rows[0]?.n ?? 0;
}

export interface NotificationOut { id: number; kind: NotificationKind; params: NotificationParams; link: string | null; createdAt: string; readAt: string | null }

export async function findMyNotifications(tx: Tx, actor: Actor, query: { unreadOnly?: boolean; limit?: number }): Promise<{ items: NotificationOut[]; unread: number }> {
  let q = tx.selectFrom('notifications').select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', actor.userId).orderBy('id', 'desc').limit(query.limit ?? 50);
  if (query.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, unread] = await Promise.all([q.execute(),
    tx.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', actor.userId).where('read_at', 'is', null).executeTakeFirstOrThrow()]);
  return {
    unread: Number(unread.n),
    items: rows.map((r) => ({ id: r.id, kind: r.kind, params: r.params as NotificationParams, link: r.link,
      createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null })),
  };
}

/** Marks one (or, without an id, every) notification of the actor's as read. */
export async function markRead(tx: Tx, actor: Actor, id?: number): Promise<{ updated: number }> {
  let q = tx.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', actor.userId).where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  if (id !== undefined && Number(r.numUpdatedRows) === 0) {
    const exists = await tx.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (!exists) throw new NotFound('notification');
  }
  return { updated: Number(r.numUpdatedRows) };
}

/** The outbox holds every unit's mail, so only a drainer granted at the tenant's root may take it. */
function requireDrainer(actor: Actor): void {
  if (!pathsWith(actor, 'outbox.drain').some((p) => !p.includes('.'))) throw new Forbidden('Draining the outbox needs outbox.drain at the root unit');
}

export interface OutboxMessage { id: number; channel: string; recipient: string; subject: string; body: string; attempts: number }

/**
 * A drain worker claims pending messages for a few minutes (SKIP LOCKED, so two workers never send
 * the same message), sends them, and reports each result. A claim that lapses is claimable again.
 */
export async function claimOutbox(tx: Tx, actor: Actor, input: { channel: 'email' | 'sms' | 'whatsapp'; limit: number }): Promise<{ items: OutboxMessage[] }> {
  requireDrainer(actor);
  const rows = (await sql<OutboxMessage>`update outbox o set claimed_until = now() + interval '5 minutes', attempts = o.attempts + 1
    where (o.tenant_id, o.id) in (
      select tenant_id, id from outbox where tenant_id = ${actor.tenantId}::uuid and status = 'pending' and channel = ${input.channel}
        and (claimed_until is null or claimed_until < now())
      order by id limit ${input.limit} for update skip locked)
    returning o.id, o.channel, o.recipient, o.subject, o.body, o.attempts`.execute(tx)).rows;
  if (rows.length > 0) await recordAudit(tx, actor, { type: 'outbox.claim', entity: 'outbox', rowIds: rows.map((r) => r.id), detail: { channel: input.channel } });
  return { items: rows };
}

/** The worker's result: sent, or failed (after 5 attempts a message stops being retried). */
export async function reportOutbox(tx: Tx, actor: Actor, id: number, input: { ok: boolean; error?: string | null }): Promise<{ status: string }> {
  requireDrainer(actor);
  const row = await tx.selectFrom('outbox').select(['attempts', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('outbox message');
  const status = input.ok ? 'sent' : row.attempts >= 5 ? 'failed' : 'pending';
  await tx.updateTable('outbox').set({ status, sent_at: input.ok ? new Date() : null, last_error: input.ok ? null : (input.error ?? 'failed').slice(0, 500), claimed_until: null })
    .where('id', '=', id).execute();
  return { status };
}
