// Invitees answer for themselves (migration 0019): the organiser sends every invitee who has not
// answered a link of their own by SMS (queued in the outbox, in Hindi and English, for any delivery
// worker); the link opens a page without signing in that shows the event and takes yes, no or maybe.
// The page finds the invitation by its token alone, so it runs on the owner connection: the token is
// the invitee's key, 122 random bits, and the page shows only this invitation.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, NotFound } from '../../shared/errors.ts';
import { recordAudit } from '../access/audit.ts';
import { requireEvent } from './events-access.ts';
import type { Rsvp } from './events.schemas.ts';

export interface RsvpInvitation {
  title: string; titleHi: string | null; startsAt: string; endsAt: string; place: string | null; status: 'planned' | 'cancelled' | 'done';
  name: string; nameHi: string | null; rsvp: Rsvp | null; open: boolean;
}

const dateIst = (d: Date) => new Date(d.getTime() + 5.5 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Gives every invitee who has not answered a token (once; a resend reuses it) and queues an SMS with
 * their link. Returns how many messages were queued. `origin` is the server's address as the
 * organiser reached it (the link must open the same war room).
 */
export async function sendRsvpLinks(tx: Tx, actor: Actor, eventId: number, origin: string): Promise<{ queued: number }> {
  const ev = await requireEvent(tx, actor, 'programmes.write', eventId);
  const event = await tx.selectFrom('events').select(['title', 'title_hi', 'starts_at', 'place', 'status']).where('id', '=', eventId).executeTakeFirstOrThrow();
  if (event.status !== 'planned') throw new Conflict(`The event is ${event.status}: there is nothing to answer`);
  await sql`update event_invitees set rsvp_token = replace(gen_random_uuid()::text, '-', '')
    where tenant_id = ${actor.tenantId} and event_id = ${eventId} and rsvp is null and rsvp_token is null`.execute(tx);
  const when = dateIst(new Date(event.starts_at));
  const place = event.place ? `, ${event.place}` : '';
  const subject = `${event.title_hi || event.title} / ${event.title}`;
  const head = `आमंत्रण: ${event.title_hi || event.title}, ${when}${place}. उत्तर दें / Invitation: ${event.title}, ${when} IST${place}. Reply: `;
  const res = await sql`insert into outbox (tenant_id, channel, recipient, subject, body)
    select i.tenant_id, 'sms', p.phone, ${subject}, ${head} || ${`${origin}/rsvp/`} || i.rsvp_token
    from event_invitees i join people p on p.tenant_id = i.tenant_id and p.id = i.person_id
    where i.tenant_id = ${actor.tenantId} and i.event_id = ${eventId} and i.rsvp is null and i.rsvp_token is not null
      and p.merged_into is null and p.phone is not null`.execute(tx);
  const queued = Number(res.numAffectedRows ?? 0n);
  await recordAudit(tx, actor, { type: 'event.rsvp_links', entity: 'event_invitees', rowIds: [eventId], unitPath: ev.unit_path, detail: { eventId, queued } });
  return { queued };
}

const TOKEN = /^[0-9a-f]{32}$/;

async function invitation(db: Executor, token: string) {
  if (!TOKEN.test(token)) throw new NotFound('invitation');
  const row = await sql<{ tenant_id: string; event_id: number; person_id: number; unit_path: string; title: string; title_hi: string | null; starts_at: Date;
    ends_at: Date; place: string | null; status: 'planned' | 'cancelled' | 'done'; name: string; name_hi: string | null; rsvp: Rsvp | null }>`
    select i.tenant_id, i.event_id, i.person_id, e.unit_path::text as unit_path, e.title, e.title_hi, e.starts_at, e.ends_at, e.place, e.status,
      p.name, p.name_hi, i.rsvp
    from event_invitees i join events e on e.tenant_id = i.tenant_id and e.id = i.event_id
    join people p on p.tenant_id = i.tenant_id and p.id = i.person_id
    where i.rsvp_token = ${token}`.execute(db);
  if (!row.rows[0]) throw new NotFound('invitation');
  return row.rows[0];
}

function toInvitation(r: Awaited<ReturnType<typeof invitation>>): RsvpInvitation {
  return { title: r.title, titleHi: r.title_hi, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), place: r.place,
    status: r.status, name: r.name, nameHi: r.name_hi, rsvp: r.rsvp, open: r.status === 'planned' && new Date(r.ends_at).getTime() > Date.now() };
}

/** The invitation behind a link (owner connection: no one is signed in). */
export async function findInvitation(db: Executor, token: string): Promise<RsvpInvitation> {
  return toInvitation(await invitation(db, token));
}

/** The invitee's own answer; audited as the link, in the event's tenant. */
export async function answerInvitation(db: Executor, token: string, rsvp: Rsvp, origin: { ip?: string; userAgent?: string }): Promise<RsvpInvitation> {
  return db.transaction().execute(async (tx) => {
    const r = await invitation(tx, token);
    if (!toInvitation(r).open) throw new Conflict(r.status === 'planned' ? 'The event is over' : `The event is ${r.status}`);
    await tx.updateTable('event_invitees').set({ rsvp, rsvp_at: new Date(), rsvp_by: 'invitee' })
      .where('tenant_id', '=', r.tenant_id).where('event_id', '=', r.event_id).where('person_id', '=', r.person_id).execute();
    await recordAudit(tx as unknown as Tx, { system: 'rsvp-link', tenantId: r.tenant_id }, { type: 'event.rsvp', entity: 'event_invitees', rowIds: [r.person_id],
      unitPath: r.unit_path, detail: { eventId: r.event_id, rsvp, by: 'invitee', ip: origin.ip ?? null } });
    return { ...toInvitation(r), rsvp };
  });
}
