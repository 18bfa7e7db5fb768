// Click-to-call through a provider (the fake, behind the same interface a real adapter meets): the
// agent asks for a bridge on the contact they hold and never sees the number; the provider's status
// webhook is refused unless signed with the shared secret and recent; statuses only move forward;
// the outcome of a bridged call is recorded as bridged.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { writeContacts } from './contacts-import.ts';
import { createFakeTelephony, sign } from './telephony.ts';

let app!: FastifyInstance;
const telephony = createFakeTelephony({ secret: 'a-test-secret-of-enough-length',
  deliver: async (url, body, headers) => { await app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers }); } });
const started = await startWorld({ telephony });
app = started.app;
const { database, world, close } = started;
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const caller = await signInAs(app, world.users.callerA.email);
const send = (c: Client, method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) => app.inject({ method, url, payload, headers: c.headers(method !== 'GET') });
const system: Actor = { userId: world.users.adminA.id, tenantId: world.tenantA, label: 'test', via: 'session', origin: {},
  grants: [{ id: 0, role: 'admin', unitId: world.units.rootA, unitPath: String(world.units.rootA), permissions: ['outreach.manage'] }] };
await withActor(database.db, system, (tx) => writeContacts(tx, world.tenantA, [{ line: 2, phone: '+919844400001', name: 'Farida', language: 'hi', stateCode: null,
  acNo: null, partNo: null, tags: ['bridge'], kind: 'voter', consentSource: 'rally' }]));
const webhook = (body: string, headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/telephony/status', payload: body,
  headers: { 'content-type': 'application/json', ...headers } });

describe('bridged calls', () => {
  it('bridges the held contact without showing the number, follows the signed webhook, and records the outcome as bridged', async () => {
    expect((await send(caller, 'GET', '/api/outreach/telephony')).json()).toEqual({ bridging: true, provider: 'fake' });
    const centreId = (await send(admin, 'POST', '/api/outreach/centres', { name: 'Bridge', unitId: world.units.rootA })).json().id;
    await send(admin, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: world.users.callerA.id, languages: ['hi'] });
    const campaignId = (await send(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Bridge', target: { tags: ['bridge'] }, callingFrom: '00:00', callingTo: '24:00',
      startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() })).json().id;
    await send(admin, 'PUT', `/api/outreach/campaigns/${campaignId}/status`, { status: 'active' });
    const { contact } = (await send(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json();
    expect(contact.phoneMasked).toBe(true);

    // The agent's own phone is needed first; a contact not held is nobody's to bridge.
    const noPhone = await send(caller, 'POST', '/api/outreach/bridges', { campaignId, contactId: contact.contactId });
    expect(noPhone.json().errors[0].field).toBe('phone');
    expect((await send(admin, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: world.users.callerA.id, languages: ['hi'], phone: '99887 76655' })).statusCode).toBe(200);
    expect((await send(admin, 'POST', '/api/outreach/bridges', { campaignId, contactId: contact.contactId })).statusCode).toBe(404);
    const bridge = await send(caller, 'POST', '/api/outreach/bridges', { campaignId, contactId: contact.contactId });
    expect(bridge.statusCode, bridge.body).toBe(201);
    expect(bridge.body).not.toContain('9844400001');
    expect(telephony.requests).toEqual([expect.objectContaining({ agentPhone: '+919988776655', contactPhone: '+919844400001', statusUrl: expect.stringMatching(/\/api\/telephony\/status$/) })]);
    const { id, providerCallId } = bridge.json();

    // Unsigned, wrongly signed or stale webhooks are refused; signed ones move the call forward only.
    const body = JSON.stringify({ providerCallId, status: 'completed' });
    expect((await webhook(body, {})).statusCode).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    expect((await webhook(body, { 'x-warroom-timestamp': String(now), 'x-warroom-signature': sign('another-secret-entirely!!', now, body) })).statusCode).toBe(401);
    expect((await webhook(body, { 'x-warroom-timestamp': String(now - 3600), 'x-warroom-signature': sign('a-test-secret-of-enough-length', now - 3600, body) })).statusCode).toBe(401);
    await telephony.report(providerCallId, 'ringing');
    await telephony.report(providerCallId, 'answered');
    await telephony.report(providerCallId, 'ringing'); // late and out of order: ignored
    expect((await send(caller, 'GET', `/api/outreach/bridges/${id}`)).json()).toMatchObject({ status: 'answered' });
    await telephony.report(providerCallId, 'completed', 95);
    expect((await send(caller, 'GET', `/api/outreach/bridges/${id}`)).json()).toEqual({ id, status: 'completed', providerCallId, durationSeconds: 95 });
    const signedUnknown = JSON.stringify({ providerCallId: 'nope', status: 'ringing' });
    expect((await webhook(signedUnknown, { 'x-warroom-timestamp': String(now), 'x-warroom-signature': sign('a-test-secret-of-enough-length', now, signedUnknown) })).statusCode).toBe(404);

    await send(caller, 'POST', '/api/outreach/calls', { idempotencyKey: randomUUID(), campaignId, contactId: contact.contactId, outcome: 'answered' });
    const calls = (await sql<{ bridged: boolean }>`select bridged from calls where campaign_id = ${campaignId}`.execute(database.db)).rows;
    expect(calls).toEqual([{ bridged: true }]);
  });
});
