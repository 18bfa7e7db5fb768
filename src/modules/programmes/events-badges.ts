// Printable delegate badges (GET /api/events/:eventId/badges.pdf): every registered invitee of an event
// with the unit and state where the rule found them, their wing and the credential as a QR code; drawn by
// events-badges-pdf.ts. The grant is the one that registers and checks in (programmes.write on the
// organising unit). The names are personal data leaving the system on paper, so the read is audited
// event.badges (the people as row ids, what was exported), in the same transaction.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid } from '../../shared/errors.ts';
import { recordAudit } from '../access/audit.ts';
import { requireEvent } from './events-access.ts';
import { stateDepth, stateIdSql } from './events-counts.ts';
import type { Badge, BadgeSheet, Locale } from './events-badges-pdf.ts';
import { MAX_BADGES } from './events.schemas.ts';

type Row = {
  person_id: number; name: string | null; name_hi: string | null; credential: string;
  unit_id: number | null; unit_name: string | null; unit_name_hi: string | null;
  state_id: number | null; state_name: string | null; state_name_hi: string | null;
  wing: string | null; wing_name: string | null; wing_name_hi: string | null;
};

const local = (locale: Locale, en: string | null, hi: string | null) => (locale === 'hi' ? hi ?? en : en);

/** The event and its registered delegates, ordered by state then name (a delegation's badges print together). */
export async function findBadges(tx: Tx, actor: Actor, eventId: number, locale: Locale): Promise<BadgeSheet> {
  const ev = await requireEvent(tx, actor, 'programmes.write', eventId);
  if (ev.status === 'cancelled') throw new Invalid('The event is cancelled', [{ field: 'eventId', message: 'cancelled' }]);
  // Counted first (stopping past the cap), so a sheet too big for one PDF is refused before names are read.
  const registered = Number((await sql<{ n: number }>`select count(*)::int as n from (select 1 from event_invitees
    where tenant_id = ${actor.tenantId} and event_id = ${eventId} and registered_at is not null and credential is not null limit ${MAX_BADGES + 1}) x`.execute(tx)).rows[0].n);
  if (registered === 0) {
    throw new Invalid('No delegate of this event is registered yet: register delegates first, then print their badges',
      [{ field: 'eventId', message: 'no registered delegates' }]);
  }
  if (registered > MAX_BADGES) {
    throw new Invalid(`More than ${MAX_BADGES.toLocaleString('en-IN')} delegates of this event are registered: that is more badges than one PDF holds`,
      [{ field: 'eventId', message: `more than ${MAX_BADGES} registered delegates` }]);
  }
  const rows = await badgeRows(tx, actor.tenantId, eventId);
  await recordAudit(tx, actor, { type: 'event.badges', entity: 'event_invitees', rowIds: rows.map((r) => r.person_id), unitPath: ev.unit_path,
    detail: { eventId, export: 'badges.pdf', locale, badges: rows.length } });
  return {
    locale,
    event: { kind: ev.kind, title: local(locale, ev.title, ev.title_hi) ?? ev.title, startsAt: new Date(ev.starts_at).toISOString(), endsAt: new Date(ev.ends_at).toISOString(), place: ev.place },
    badges: rows.map((r) => toBadge(r, locale)),
  };
}

/** Lookups by primary key (lateral), not joins: see findInvitees in events-checkin.ts. */
async function badgeRows(tx: Tx, tenantId: string, eventId: number): Promise<Row[]> {
  const depth = await stateDepth(tx, tenantId);
  return (await sql<Row>`select i.person_id, p.name, p.name_hi, i.credential,
      u.id as unit_id, u.name as unit_name, u.name_hi as unit_name_hi, s.id as state_id, s.name as state_name, s.name_hi as state_name_hi,
      i.wing, w.name as wing_name, w.name_hi as wing_name_hi
    from event_invitees i
    left join lateral (select name, name_hi from people where tenant_id = i.tenant_id and id = i.person_id) p on true
    left join lateral (select id, name, name_hi from units where tenant_id = i.tenant_id and id = ltree2text(subpath(i.unit_path, -1))::bigint) u on true
    left join lateral (select id, name, name_hi from units where tenant_id = i.tenant_id and level = 'state' and wing is null
      and id = ${stateIdSql('i.unit_path', depth)}) s on true
    left join lateral (select name, name_hi from wings where tenant_id = i.tenant_id and code = i.wing) w on true
    where i.tenant_id = ${tenantId} and i.event_id = ${eventId} and i.registered_at is not null and i.credential is not null
    order by s.name nulls last, p.name, i.person_id`.execute(tx)).rows;
}

function toBadge(r: Row, locale: Locale): Badge {
  // Where the rule found them: the unit, then its state unless the unit is the state itself.
  const unit = local(locale, r.unit_name, r.unit_name_hi);
  const state = r.state_id !== null && Number(r.state_id) !== Number(r.unit_id) ? local(locale, r.state_name, r.state_name_hi) : null;
  return { name: r.name ?? '', nameHi: r.name_hi, unit, state, wing: local(locale, r.wing_name, r.wing_name_hi) ?? r.wing, token: r.credential };
}
