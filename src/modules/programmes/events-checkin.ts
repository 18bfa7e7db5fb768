// An event's invitees: the list (names are personal data: the read is audited), RSVP, delegate
// registration with a credential, the credential as a QR code, and check-in at the desk by the
// credential a scanner types or a camera reads. A check-in is idempotent: a second scan answers
// "already checked in" with the first time.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import type { z } from 'zod';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { recordAudit } from '../access/audit.ts';
import { requireEvent } from './events-access.ts';
import { stateDepth, stateIdSql } from './events-counts.ts';
import type { InviteesQuery, Rsvp } from './events.schemas.ts';

/** 18 random bytes as 24 url-safe characters: 144 bits, so a credential cannot be guessed. */
export const newCredential = () => crypto.randomBytes(18).toString('base64url');
const TOKEN = /[A-Za-z0-9_-]{24}/;

export async function findInvitees(tx: Tx, actor: Actor, eventId: number, query: z.infer<typeof InviteesQuery>) {
  const ev = await requireEvent(tx, actor, 'programmes.read', eventId);
  const depth = await stateDepth(tx, actor.tenantId);
  // People by primary-key lookups rather than a join: see personWing in events-invitees.ts (a plan
  // without statistics must not turn 20,000 invitees into a scan of every person per invitee).
  const person = (col: 'name' | 'name_hi') => sql<string>`(select ${sql.ref(`p.${col}`)} from people p where p.tenant_id = i.tenant_id and p.id = i.person_id)`;
  let q = tx.selectFrom('event_invitees as i').where('i.tenant_id', '=', actor.tenantId).where('i.event_id', '=', eventId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`exists (select 1 from people p where p.tenant_id = i.tenant_id and p.id = i.person_id and (p.name ilike ${like} or p.name_hi ilike ${like}))`);
  }
  if (query.rsvp) q = query.rsvp === 'none' ? q.where('i.rsvp', 'is', null) : q.where('i.rsvp', '=', query.rsvp);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const offset = Number(query.cursor ?? 0);
  const rows = await q.select(['i.person_id', person('name').as('name'), person('name_hi').as('name_hi'), 'i.wing', 'i.reason', 'i.rsvp', 'i.registered_at', 'i.checked_in_at',
    sql<string | null>`(select u.name from units u where u.tenant_id = i.tenant_id and u.id = ltree2text(subpath(i.unit_path, -1))::bigint)`.as('unit_name'),
    sql<string | null>`(select u.name from units u where u.tenant_id = i.tenant_id and u.level = 'state' and u.id = ${stateIdSql('i.unit_path', depth)})`.as('state_name'),
    sql<number[]>`(select coalesce(array_agg(c.no::int order by c.no), '{}') from session_completions c where c.tenant_id = i.tenant_id and c.event_id = i.event_id and c.person_id = i.person_id)`.as('session_nos')])
    .orderBy('name').orderBy('i.person_id').offset(offset).limit(query.limit).execute();
  if (rows.length) await recordAudit(tx, actor, { type: 'person.read', entity: 'event_invitees', rowIds: rows.map((r) => r.person_id), unitPath: ev.unit_path, detail: { eventId } });
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    total, nextCursor: offset + rows.length < total ? String(offset + rows.length) : null,
    items: rows.map((r) => ({
      personId: Number(r.person_id), name: r.name ?? '', nameHi: r.name_hi ?? null, unitName: r.unit_name, stateName: r.state_name, wing: r.wing, reason: r.reason,
      rsvp: r.rsvp, registeredAt: iso(r.registered_at), checkedInAt: iso(r.checked_in_at), sessionsDone: r.session_nos.length, sessionNos: r.session_nos.map(Number),
    })),
  };
}

async function requireInvitee(tx: Tx, actor: Actor, eventId: number, personId: number) {
  const ev = await requireEvent(tx, actor, 'programmes.write', eventId);
  const row = await tx.selectFrom('event_invitees as i')
    .innerJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
    .select(['i.person_id', 'p.name', 'p.name_hi', 'i.credential', 'i.registered_at', 'i.checked_in_at'])
    .where('i.tenant_id', '=', actor.tenantId).where('i.event_id', '=', eventId).where('i.person_id', '=', personId).executeTakeFirst();
  if (!row) throw new NotFound('invitee');
  return { ev, row };
}

export async function setRsvp(tx: Tx, actor: Actor, eventId: number, personId: number, rsvp: Rsvp) {
  const { ev } = await requireInvitee(tx, actor, eventId, personId);
  await tx.updateTable('event_invitees').set({ rsvp, rsvp_at: new Date(), rsvp_by: 'organiser' })
    .where('tenant_id', '=', actor.tenantId).where('event_id', '=', eventId).where('person_id', '=', personId).execute();
  await recordAudit(tx, actor, { type: 'event.rsvp', entity: 'event_invitees', rowIds: [personId], unitPath: ev.unit_path, detail: { eventId, rsvp } });
  return { personId, rsvp };
}

/** Registers a delegate and hands out their credential; registering again returns the same one. */
export async function register(tx: Tx, actor: Actor, eventId: number, personId: number) {
  const { ev, row } = await requireInvitee(tx, actor, eventId, personId);
  if (ev.status === 'cancelled') throw new Invalid('The event is cancelled', [{ field: 'eventId', message: 'cancelled' }]);
  let { credential, registered_at: at } = row;
  if (!credential || !at) {
    credential = credential ?? newCredential();
    at = new Date();
    await tx.updateTable('event_invitees').set({ credential, registered_at: at })
      .where('tenant_id', '=', actor.tenantId).where('event_id', '=', eventId).where('person_id', '=', personId).execute();
    await recordAudit(tx, actor, { type: 'event.register', entity: 'event_invitees', rowIds: [personId], unitPath: ev.unit_path, detail: { eventId } });
  }
  return { personId, name: row.name, nameHi: row.name_hi, token: credential, registeredAt: new Date(at).toISOString() };
}

/** The delegate's credential as an SVG QR code encoding the opaque token only. */
export async function credentialSvg(tx: Tx, actor: Actor, eventId: number, personId: number): Promise<string> {
  const { row } = await requireInvitee(tx, actor, eventId, personId);
  if (!row.credential) throw new NotFound('credential');
  return QRCode.toString(row.credential, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

async function markCheckedIn(tx: Tx, actor: Actor, ev: { id: number; unit_path: string }, row: { person_id: number; name: string; name_hi: string | null; checked_in_at: Date | null }) {
  if (row.checked_in_at) {
    return { personId: Number(row.person_id), name: row.name, nameHi: row.name_hi, checkedInAt: new Date(row.checked_in_at).toISOString(), alreadyCheckedIn: true };
  }
  const at = new Date();
  await tx.updateTable('event_invitees').set({ checked_in_at: at, checked_in_by: actor.userId })
    .where('tenant_id', '=', actor.tenantId).where('event_id', '=', ev.id).where('person_id', '=', row.person_id).execute();
  await recordAudit(tx, actor, { type: 'event.checkin', entity: 'event_invitees', rowIds: [row.person_id], unitPath: ev.unit_path, detail: { eventId: ev.id } });
  return { personId: Number(row.person_id), name: row.name, nameHi: row.name_hi, checkedInAt: at.toISOString(), alreadyCheckedIn: false };
}

/** Check-in by what the scanner typed: the token, possibly with a prefix or spaces around it. */
export async function checkInByToken(tx: Tx, actor: Actor, eventId: number, text: string) {
  const ev = await requireEvent(tx, actor, 'programmes.write', eventId);
  const token = TOKEN.exec(text.trim())?.[0];
  if (!token) throw new Invalid('That is not a delegate credential', [{ field: 'token', message: 'not a credential' }]);
  const row = await tx.selectFrom('event_invitees as i')
    .innerJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
    .select(['i.person_id', 'p.name', 'p.name_hi', 'i.checked_in_at'])
    .where('i.tenant_id', '=', actor.tenantId).where('i.event_id', '=', eventId).where('i.credential', '=', token).executeTakeFirst();
  if (!row) throw new NotFound('delegate with this credential at this event');
  return markCheckedIn(tx, actor, { id: eventId, unit_path: ev.unit_path }, row);
}

/** Attendance marked by hand (a meeting without passes): registers the invitee first when needed. */
export async function checkInPerson(tx: Tx, actor: Actor, eventId: number, personId: number) {
  await register(tx, actor, eventId, personId);
  const { ev, row } = await requireInvitee(tx, actor, eventId, personId);
  return markCheckedIn(tx, actor, { id: eventId, unit_path: ev.unit_path }, row);
}
