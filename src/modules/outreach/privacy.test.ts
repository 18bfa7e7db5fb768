// Contacts arrive by upload (progress, all or nothing, file:line problems) and the national list by
// file; a person's data then goes only where it should: found masked, unmasked and exported only with
// the permission and always audited, opted out and withdrawn consent honoured by every campaign, and
// erased so that their name, number, notes and free-text answers are gone while the counts remain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { ImportRejected } from '../elections/problems.ts';
import { importNcpr } from './ncpr.ts';

const { app, database, world, close } = await startWorld();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-privacy-'));
afterAll(async () => { await close(); fs.rmSync(dir, { recursive: true, force: true }); });
const db = database.db;
const admin = await signInAs(app, world.users.adminA.email);
const caller = await signInAs(app, world.users.callerA.email);
const send = (c: Client, method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) => app.inject({ method, url, payload, headers: c.headers(method !== 'GET') });
const audits = async (type: string) => (await sql<{ n: number }>`select count(*)::int as n from audit_events where type = ${type}`.execute(db)).rows[0].n;

async function uploaded(name: string, body: string) {
  const res = await app.inject({ method: 'POST', url: `/api/outreach/contacts/imports?name=${name}`, payload: body,
    headers: { ...admin.headers(true), 'content-type': 'application/octet-stream' } });
  expect(res.statusCode, res.body).toBe(202);
  for (let i = 0; i < 600; i++) {
    const got = await send(admin, 'GET', `/api/outreach/contacts/imports/${res.json().id}`);
    if (got.json().status === 'done' || got.json().status === 'failed') return got.json();
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error('the import did not end');
}

describe('contacts and privacy', () => {
  it('imports an uploaded file, or refuses it whole with the line and column', async () => {
    const bad = await uploaded('bad.csv', 'phone,name,state,ac\n9813300001,Ok,,\n12345,Short,,\n9813300002,Far,ZZ9,4\n');
    expect(bad).toMatchObject({ status: 'failed', problemCount: 1, problems: [{ line: 3, field: 'phone' }] });
    const far = await uploaded('far.csv', 'phone,name,state,ac\n9813300002,Far,ZZ9,4\n');
    expect(far.problems).toEqual([{ line: 2, field: 'ac', message: 'no AC ZZ9 4 in your area' }]);
    expect((await sql<{ n: number }>`select count(*)::int as n from contacts`.execute(db)).rows[0].n).toBe(0);
    const good = await uploaded('good.csv', 'phone,name,language,tags,consent_source\n9813300001,Asha,hi,ujjwala,rally\n9813300002,Bela,en,ujjwala,rally\n9813300003,Chetan,hi,ujjwala,rally\n');
    expect(good).toMatchObject({ status: 'done', rows: 3, summary: { inserted: 3, updated: 0, keptElsewhere: 0, duplicates: 0 }, progress: null });
    expect((await send(admin, 'GET', '/api/outreach/contacts/imports')).json().items.map((i: { status: string }) => i.status)).toEqual(['done', 'failed', 'failed']);
    expect((await send(caller, 'GET', '/api/outreach/contacts/imports')).statusCode).toBe(403);
  });

  it('reads the national do-not-disturb list all or nothing, and the claim then skips those numbers', async () => {
    const f = path.join(dir, 'ncpr.csv');
    fs.writeFileSync(f, 'phone,listed_on\n9813300003,2024-01-05\nabc,2024-01-05\n');
    expect(((await importNcpr(db, f, 'ncpr.csv').catch((e) => e)) as ImportRejected).problems).toEqual([expect.stringMatching(/^ncpr\.csv:3: phone: /)]);
    fs.writeFileSync(f, 'phone,listed_on\n9813300003,2024-01-05\n+91 98133 00003,\n');
    expect(await importNcpr(db, f, 'ncpr.csv')).toMatchObject({ rows: 1, added: 1 });
    expect(await importNcpr(db, f, 'ncpr.csv')).toMatchObject({ rows: 1, added: 0 });
  });

  it('finds masked, unmasks with the permission (audited), opts out and withdraws consent for every campaign, exports with its own permission', async () => {
    const found = (await send(admin, 'GET', '/api/outreach/contacts?q=9813300001')).json().items;
    expect(found).toEqual([expect.objectContaining({ name: 'Asha', phoneMasked: true, phone: expect.stringMatching(/•/) })]);
    const asha = found[0].id;
    expect((await send(admin, 'POST', `/api/outreach/contacts/${asha}/unmask`)).json()).toEqual({ id: asha, phone: '+919813300001' });
    expect(await audits('contact.unmask')).toBe(1);
    expect((await send(caller, 'POST', `/api/outreach/contacts/${asha}/unmask`)).statusCode).toBe(403);

    const centreId = (await send(admin, 'POST', '/api/outreach/centres', { name: 'Privacy', unitId: world.units.rootA, languages: ['hi', 'en'] })).json().id;
    await send(admin, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: world.users.callerA.id, languages: ['hi', 'en'] });
    const campaignId = (await send(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Ujjwala', target: { tags: ['ujjwala'] }, callingFrom: '00:00', callingTo: '24:00',
      script: { questions: [{ id: 'got', kind: 'single', text: { hi: 'मिला?' }, options: [{ value: 'yes', label: { hi: 'हाँ' } }, { value: 'no', label: { hi: 'नहीं' } }] },
        { id: 'say', kind: 'text', text: { hi: 'कुछ कहना है?' } }] },
      startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() })).json().id;
    await send(admin, 'PUT', `/api/outreach/campaigns/${campaignId}/status`, { status: 'active' });

    expect((await send(admin, 'POST', '/api/outreach/opt-outs', { phone: '98133 00002', reason: 'asked by letter' })).json()).toMatchObject({ optedOut: true });
    expect((await send(admin, 'POST', '/api/outreach/opt-outs', { phone: '123' })).json().errors[0].field).toBe('phone');
    // Asha is called and answers, with a free-text remark.
    const claimed = (await send(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json();
    expect(claimed.contact.contactId).toBe(asha);
    await send(caller, 'POST', '/api/outreach/calls', { idempotencyKey: randomUUID(), campaignId, contactId: asha, outcome: 'answered', answers: { got: 'no', say: 'my number is 98133 00001' }, note: 'Asha from the rally' });
    // Bela opted out and Chetan is on the national list: the claim refuses both, and the queue says why.
    expect((await send(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json()).toMatchObject({ contact: null, reason: 'empty' });
    expect((await send(admin, 'GET', `/api/outreach/campaigns/${campaignId}/queue`)).json().suppressed).toEqual({ opted_out: 1, ncpr: 1 });

    expect((await send(caller, 'GET', '/api/outreach/contacts.csv')).statusCode).toBe(403);
    const csv = await send(admin, 'GET', '/api/outreach/contacts.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n').slice(0, 3)).toEqual(['phone,name,language,state,ac,tags,kind,consent_source,consent_withdrawn,opted_out',
      '+919813300001,Asha,hi,,,ujjwala,voter,rally,,', '+919813300002,Bela,en,,,ujjwala,voter,rally,,yes']);
    expect(await audits('contacts.export')).toBe(1);

    // Erasure: the person goes; the call, its outcome, its seat and its choice answer stay.
    expect((await send(admin, 'POST', `/api/outreach/contacts/${asha}/erase`)).json()).toEqual({ id: asha, erased: true });
    const contact = (await sql<{ phone: string | null; name: string | null }>`select phone, name from contacts where id = ${asha}`.execute(db)).rows[0];
    expect(contact).toEqual({ phone: null, name: null });
    const calls = (await sql<{ outcome: string; answers: object; note: string | null }>`select outcome, answers, note from calls where contact_id = ${asha}`.execute(db)).rows;
    expect(calls).toEqual([{ outcome: 'answered', answers: { got: 'no' }, note: null }]);
    expect((await send(admin, 'GET', '/api/outreach/contacts?q=Asha')).json().items).toEqual([]);
    expect(await audits('contact.erase')).toBe(1);
    expect((await send(admin, 'POST', `/api/outreach/contacts/${found[0].id}/consent-withdrawn`)).json()).toEqual({ id: asha, consentWithdrawn: true });
  });
});
