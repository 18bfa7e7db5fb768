// The call-centre cycle through the API (issue 6, first part): a manager creates a centre,
// makes a caller its agent, creates a campaign over tagged contacts and starts it; the caller claims a
// contact (number masked), records an outcome, sends it again (the same call), and the queue moves on.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { writeContacts, type ContactRow } from './contacts-import.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const caller = await signInAs(app, world.users.callerA.email);
const call = (c: Client, method: 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, payload, headers: c.headers(true) });
const system: Actor = { userId: world.users.adminA.id, tenantId: world.tenantA, label: 'test', via: 'session', origin: {},
  grants: [{ id: 0, role: 'admin', unitId: world.units.rootA, unitPath: String(world.units.rootA), permissions: ['outreach.manage'] }] };
const row = (phone: string, tags: string[]): ContactRow => ({ line: 0, phone, name: `Voter ${phone.slice(-2)}`, language: 'hi', stateCode: null, acNo: null,
  partNo: null, tags, kind: 'beneficiary', consentSource: 'scheme register' });
await withActor(database.db, system, (tx) => writeContacts(tx, world.tenantA, [row('+919811100001', ['ujjwala']), row('+919811100002', ['ujjwala']), row('+919811100003', ['other'])]));

const schemeScript = { questions: [{ id: 'scheme', kind: 'single', text: { hi: 'क्या आपको सिलेंडर मिला?' },
  options: [{ value: 'yes', label: { hi: 'हाँ' } }, { value: 'no', label: { hi: 'नहीं' } }] }] };

describe('outreach over HTTP', () => {
  it('runs a campaign: centre, agent, campaign, claim with the number masked, an outcome once', async () => {
    const centre = await call(admin, 'POST', '/api/outreach/centres', { name: 'Lucknow', unitId: world.units.rootA, languages: ['hi'] });
    expect(centre.statusCode, centre.body).toBe(201);
    const centreId = centre.json().id;
    expect((await call(admin, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: world.users.callerA.id, languages: ['hi'] })).statusCode).toBe(200);
    const campaign = await call(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Ujjwala', target: { tags: ['ujjwala'] }, script: schemeScript,
      callingFrom: '00:00', callingTo: '23:59', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(campaign.statusCode, campaign.body).toBe(201);
    expect(campaign.json().contacts).toBe(2);
    const campaignId = campaign.json().id;
    // Not started yet: nothing to hand out.
    expect((await call(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json()).toEqual({ contact: null, reason: 'empty' });
    expect((await call(admin, 'PUT', `/api/outreach/campaigns/${campaignId}/status`, { status: 'active' })).statusCode).toBe(200);

    const claimed = (await call(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json();
    expect(claimed.contact).toMatchObject({ campaignId, phoneMasked: true, language: 'hi', attempts: 0 });
    expect(claimed.contact.phone).toMatch(/^\+91 98•••••00[12]$/);
    const key = randomUUID();
    const body = { idempotencyKey: key, campaignId, contactId: claimed.contact.contactId, outcome: 'answered', answers: { scheme: 'yes' } };
    const first = await call(caller, 'POST', '/api/outreach/calls', body);
    expect(first.json()).toMatchObject({ duplicate: false, state: 'done' });
    expect((await call(caller, 'POST', '/api/outreach/calls', body)).json()).toEqual({ ...first.json(), duplicate: true });
    const audits = (await sql<{ type: string }>`select type from audit_events where type in ('contact.claim', 'call.outcome') order by id`.execute(database.db)).rows;
    expect(audits.map((a) => a.type)).toEqual(['contact.claim', 'call.outcome']);

    const counts = (await app.inject({ method: 'GET', url: `/api/outreach/campaigns/${campaignId}/queue`, headers: admin.headers() })).json();
    expect(counts).toEqual({ total: 2, ready: 1, held: 0, paused: 0, coolingDown: 0, callBackLater: 0, done: { answered: 1 }, suppressed: {} });
    expect((await app.inject({ method: 'GET', url: `/api/outreach/campaigns/${campaignId}/queue`, headers: caller.headers() })).statusCode).toBe(404);

    // Problems name the field; someone who is not an agent here gets nothing.
    const bad = await call(caller, 'POST', '/api/outreach/calls', { ...body, idempotencyKey: randomUUID(), outcome: 'call_back' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['callbackAt']);
    expect((await call(admin, 'POST', `/api/outreach/centres/${centreId}/claim`)).statusCode).toBe(404);
  });
  it('counts calls made on a calls task, by where the contacts live, from its creation and with every call', async () => {
    await sql`update contacts set unit_id = ${world.units.booth1}, unit_path = (select path from units where id = ${world.units.booth1}) where phone = '+919811100003'`.execute(database.db);
    const centreId = (await call(admin, 'POST', '/api/outreach/centres', { name: 'Second', unitId: world.units.rootA })).json().id;
    await call(admin, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: world.users.callerA.id, languages: ['hi'] });
    const campaignId = (await call(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Others', target: { tags: ['other'] },
      callingFrom: '00:00', callingTo: '23:59', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() })).json().id;
    await call(admin, 'PUT', `/api/outreach/campaigns/${campaignId}/status`, { status: 'active' });
    const task = await call(admin, 'POST', '/api/tasks', { ownerUnitId: world.units.rootA, title: 'Calls', metric: 'calls_made', target: 10, assigneeLevel: 'booth', dueOn: '2099-12-31' });
    expect(task.statusCode, task.body).toBe(201);
    expect(task.json().progress).toMatchObject({ target: 10, actual: 1 }); // the answered call above
    const claimed = (await call(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json().contact;
    await call(caller, 'POST', '/api/outreach/calls', { idempotencyKey: randomUUID(), campaignId, contactId: claimed.contactId, outcome: 'busy' });
    const after = (await app.inject({ method: 'GET', url: `/api/tasks/${task.json().id}?unitId=${world.units.booth1}`, headers: admin.headers() })).json();
    expect(after.progress).toMatchObject({ actual: 1 }); // the booth's own contact, called once
    const root = (await app.inject({ method: 'GET', url: `/api/tasks/${task.json().id}`, headers: admin.headers() })).json();
    expect(root.progress.actual).toBe(2);
  });
});
