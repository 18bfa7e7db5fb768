// Invitees answering by their own link: the organiser queues one SMS per invitee who has not answered
// (outbox, with the link), the public page shows that invitation only and takes an answer, which the
// organiser's counts show and the audit log records as the invitee's; a wrong or closed link answers a
// clear problem, and a sibling unit cannot send links for an event it cannot see.
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
const orgS1 = await signInAs(app, world.users.orgS1.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const call = (c: Client | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: c ? c.headers(method !== 'GET') : {} });
const tenant_id = world.tenantA;
const home = (await db.selectFrom('units').select('path').where('id', '=', world.units.booth1).executeTakeFirstOrThrow()).path;
const person = async (name: string, phone: string, nameHi: string | null = null) =>
  (await db.insertInto('people').values({ tenant_id, phone, name, name_hi: nameHi, home_unit_id: world.units.booth1, unit_path: home, wings: [] })
    .returning('id').executeTakeFirstOrThrow()).id;
const asha = await person('Asha Rani', '+919833300001', 'आशा रानी');
const bela = await person('Bela Devi', '+919833300002');
const chetan = await person('Chetan Lal', '+919833300003');

const event = (await call(orgS1, 'POST', '/api/events', { kind: 'conference', title: 'State executive', titleHi: 'प्रदेश कार्यसमिति',
  startsAt: '2099-03-01T04:30:00Z', endsAt: '2099-03-01T12:00:00Z', place: 'Lucknow', unitId: world.units.s1,
  rules: [{ kind: 'people', personIds: [asha, bela, chetan] }] })).json();
const tokenOf = async (personId: number) => (await db.selectFrom('event_invitees').select('rsvp_token').where('event_id', '=', event.id).where('person_id', '=', personId)
  .executeTakeFirstOrThrow()).rsvp_token;

describe('RSVP links', () => {
  it('queues a link for each invitee who has not answered, once each, and the invitee answers without signing in', async () => {
    expect((await call(orgS1, 'PUT', `/api/events/${event.id}/invitees/${chetan}/rsvp`, { rsvp: 'no' })).statusCode).toBe(200);
    const sent = await call(orgS1, 'POST', `/api/events/${event.id}/rsvp-links`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ queued: 2 });
    const token = await tokenOf(asha);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await tokenOf(chetan)).toBeNull(); // answered already: no link
    const sms = await db.selectFrom('outbox').select(['channel', 'recipient', 'body']).where('recipient', '=', '+919833300001').execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms' });
    expect(sms[0].body).toContain(`/rsvp/${token}`);
    expect(sms[0].body).toContain('प्रदेश कार्यसमिति');

    const page = await call(null, 'GET', `/api/rsvp/${token}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ title: 'State executive', titleHi: 'प्रदेश कार्यसमिति', place: 'Lucknow', name: 'Asha Rani', nameHi: 'आशा रानी', rsvp: null, open: true });
    const answered = await call(null, 'POST', `/api/rsvp/${token}`, { rsvp: 'yes' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().rsvp).toBe('yes');

    const counts = (await call(orgS1, 'GET', `/api/events/${event.id}`)).json();
    expect(counts.counts ?? counts).toMatchObject({ yes: 1, no: 1 });
    const row = await db.selectFrom('event_invitees').select(['rsvp', 'rsvp_by']).where('event_id', '=', event.id).where('person_id', '=', asha).executeTakeFirstOrThrow();
    expect(row).toEqual({ rsvp: 'yes', rsvp_by: 'invitee' });
    const audit = await db.selectFrom('audit_events').select(['type', 'actor_label']).where('tenant_id', '=', tenant_id)
      .where('type', 'in', ['event.rsvp', 'event.rsvp_links']).orderBy('at').execute();
    expect(audit.map((a) => `${a.type} ${a.actor_label}`).slice(-2)).toEqual([expect.stringMatching(/^event\.rsvp_links /), 'event.rsvp system:rsvp-link']);

    // A resend reaches only Bela now, with the same link as before.
    const before = await tokenOf(bela);
    expect((await call(orgS1, 'POST', `/api/events/${event.id}/rsvp-links`, {})).json()).toEqual({ queued: 1 });
    expect(await tokenOf(bela)).toBe(before);
  });

  it('answers a wrong link 404 and a cancelled event 409, and a sibling unit cannot send links', async () => {
    expect((await call(null, 'GET', `/api/rsvp/${'0'.repeat(32)}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', '/api/rsvp/not-a-token')).statusCode).toBe(404);
    expect((await call(orgS2, 'POST', `/api/events/${event.id}/rsvp-links`, {})).statusCode).toBe(404);
    const token = await tokenOf(bela);
    expect((await call(orgS1, 'PATCH', `/api/events/${event.id}`, { status: 'cancelled' })).statusCode).toBe(200);
    const late = await call(null, 'POST', `/api/rsvp/${token}`, { rsvp: 'yes' });
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect((await call(null, 'GET', `/api/rsvp/${token}`)).json()).toMatchObject({ status: 'cancelled', open: false });
    expect((await call(orgS1, 'POST', `/api/events/${event.id}/rsvp-links`, {})).statusCode).toBe(409);
  });
});
