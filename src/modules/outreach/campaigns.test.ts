// Campaigns with a script and a goal: the survey is checked on the way in (fields named), answers
// that skip a branch are refused, a goal met ends the contact's calls while an answer without it is
// tried again, a follow-up campaign enrols by earlier answers, and a running campaign's hours change.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { writeContacts, type ContactRow } from './contacts-import.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const caller = await signInAs(app, world.users.callerA.email);
const call = (c: Client, method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, payload, headers: c.headers(true) });
const get = (c: Client, url: string) => app.inject({ method: 'GET', url, headers: c.headers() });
const system: Actor = { userId: world.users.adminA.id, tenantId: world.tenantA, label: 'test', via: 'session', origin: {},
  grants: [{ id: 0, role: 'admin', unitId: world.units.rootA, unitPath: String(world.units.rootA), permissions: ['outreach.manage'] }] };
const row = (phone: string): ContactRow => ({ line: 0, phone, name: `Voter ${phone.slice(-2)}`, language: 'hi', stateCode: null, acNo: null,
  partNo: null, tags: ['pledge'], kind: 'voter', consentSource: 'rally' });
await withActor(database.db, system, (tx) => writeContacts(tx, world.tenantA, ['+919822200001', '+919822200002', '+919822200003'].map(row)));

const script = {
  intro: { hi: 'नमस्ते', en: 'Hello' },
  questions: [
    { id: 'pledge', kind: 'single', text: { en: 'Will you pledge?' }, options: [
      { value: 'yes', label: { en: 'Yes' }, next: 'end' }, { value: 'no', label: { en: 'No' } }] },
    { id: 'why', kind: 'text', text: { en: 'Why not?' } },
    { id: 'rating', kind: 'scale', text: { en: 'Rate us' }, min: 1, max: 5 },
  ],
};
const window = () => ({ callingFrom: '00:00', callingTo: '24:00', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() });

describe('campaigns with scripts and goals', () => {
  let centreId = 0;
  let campaignId = 0;
  it('refuses a script that jumps backwards or a goal off the script, naming the field', async () => {
    centreId = (await call(admin, 'POST', '/api/outreach/centres', { name: 'Pledges', unitId: world.units.rootA, languages: ['hi', 'en'] })).json().id;
    await call(admin, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: world.users.callerA.id, languages: ['hi'] });
    const loop = { ...script, questions: [{ ...script.questions[0] }, { ...script.questions[1], next: 'pledge' }] };
    const bad = await call(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Bad', script: loop, ...window() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['script.questions.1.next']);
    const offScript = await call(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Bad', script, goal: { question: 'nope', anyOf: ['yes'] }, ...window() });
    expect(offScript.json().errors.map((e: { field: string }) => e.field)).toEqual(['goal.question']);
  });

  it('hands out the script with the contact, checks answers against it, and keeps calling until the goal is met', async () => {
    const made = await call(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Pledge drive', target: { tags: ['pledge'] }, script,
      goal: { question: 'pledge', anyOf: ['yes'] }, maxAttempts: 3, cooldownMinutes: 0, ...window() });
    expect(made.statusCode, made.body).toBe(201);
    campaignId = made.json().id;
    await call(admin, 'PUT', `/api/outreach/campaigns/${campaignId}/status`, { status: 'active' });
    expect((await get(caller, '/api/outreach/me/centres')).json().items).toEqual([{ centreId, name: 'Pledges', languages: ['hi'], active: true }]);

    const first = (await call(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json();
    expect(first.campaign).toMatchObject({ id: campaignId, name: 'Pledge drive', maxAttempts: 3 });
    expect(first.campaign.script.questions.map((q: { id: string }) => q.id)).toEqual(['pledge', 'why', 'rating']);
    const send = (contactId: number, answers: object, outcome = 'answered') =>
      call(caller, 'POST', '/api/outreach/calls', { idempotencyKey: randomUUID(), campaignId, contactId, outcome, answers });
    // "Yes" ends the survey: an answer to a later question is off the path; a rating of 9 is off the scale.
    const skipped = await send(first.contact.contactId, { pledge: 'yes', rating: 9 });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().errors).toEqual([{ field: 'answers.rating', message: 'the earlier answers skip this question' }]);
    const offScale = await send(first.contact.contactId, { pledge: 'no', why: 'busy', rating: 9 });
    expect(offScale.json().errors.map((e: { field: string }) => e.field)).toEqual(['answers.rating']);
    // The answers are checked after the outcome is written, in the same transaction: refused, nothing stays.
    const left = await sql<{ calls: number; audits: number }>`select (select count(*)::int from calls where contact_id = ${first.contact.contactId}) as calls,
      (select count(*)::int from audit_events where type = 'call.outcome') as audits`.execute(database.db);
    expect(left.rows[0]).toEqual({ calls: 0, audits: 0 });
    // Answered without the pledge: tried again later (cooldown 0, so ready after the sweep).
    expect((await send(first.contact.contactId, { pledge: 'no', why: 'undecided', rating: 3 })).json()).toMatchObject({ state: 'waiting' });
    const second = (await call(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json();
    expect((await send(second.contact.contactId, { pledge: 'yes' })).json()).toMatchObject({ state: 'done' });
    const counts = (await get(admin, `/api/outreach/campaigns/${campaignId}/queue`)).json();
    expect(counts.done).toEqual({ goal_met: 1 });
    expect(counts.coolingDown).toBe(1);
  });

  it('enrols a follow-up campaign by earlier answers, lists campaigns and centres, and changes a running campaign', async () => {
    const follow = await call(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Thank the pledgers',
      target: { answered: { campaignId, question: 'pledge', anyOf: ['yes'] } }, ...window() });
    expect(follow.json().contacts).toBe(1);
    const list = (await get(admin, '/api/outreach/campaigns')).json().items;
    expect(list.map((c: { name: string }) => c.name)).toEqual(['Thank the pledgers', 'Pledge drive']);
    expect(list[1]).toMatchObject({ centre: 'Pledges', status: 'active', contacts: 3, done: 1, callingTo: '24:00' });
    expect((await get(admin, '/api/outreach/centres')).json().items).toEqual([expect.objectContaining({ name: 'Pledges', agents: 1, campaigns: 2 })]);
    expect((await get(caller, '/api/outreach/campaigns')).statusCode).toBe(403);

    const patched = await call(admin, 'PATCH', `/api/outreach/campaigns/${campaignId}`, { callingFrom: '10:00', callingTo: '18:00', priority: 7 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ callingFrom: '10:00', callingTo: '18:00', priority: 7, goal: { question: 'pledge' } });
    const backwards = await call(admin, 'PATCH', `/api/outreach/campaigns/${campaignId}`, { callingFrom: '19:00' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('callingFrom');
    expect((await get(admin, `/api/outreach/campaigns/${campaignId}`)).json().callingFrom).toBe('10:00');
    expect((await call(caller, 'PATCH', `/api/outreach/campaigns/${campaignId}`, { priority: 1 })).statusCode).toBe(404);
  });
});
