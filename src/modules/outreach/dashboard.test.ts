// The manager's dashboard against hand counts: six contacts called once each by one agent, with a
// survey; the live stream's one-shot event; the to-do list of calls needing an organiser and closing
// one; and a caller refused everything a manager sees.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const caller = await signInAs(app, world.users.callerA.email);
const call = (c: Client, method: 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, payload, headers: c.headers(true) });
const get = (c: Client, url: string) => app.inject({ method: 'GET', url, headers: c.headers() });
// Seats 1 and 2 of the test state (test/builders.ts buildResults): AAA holds 1 and lost 2 by 900 votes.
const plan: Record<string, { ac: number | null; outcome: string; answers?: object; note?: string }> = {
  '+919833300001': { ac: 1, outcome: 'answered', answers: { mood: 'good', rating: 4, issues: ['jobs', 'roads'], why: 'fine' } },
  '+919833300002': { ac: 1, outcome: 'answered', answers: { mood: 'bad', rating: 2, issues: ['jobs'] } },
  '+919833300003': { ac: 2, outcome: 'answered', answers: { mood: 'good', rating: 5 } },
  '+919833300004': { ac: 2, outcome: 'busy' },
  '+919833300005': { ac: 3, outcome: 'needs_organiser', note: 'wants a meeting with the MLA' },
  '+919833300006': { ac: null, outcome: 'no_answer' },
};
// Straight into the table: the import places a contact at its AC's unit, and the test world has none for these seats.
for (const [phone, x] of Object.entries(plan)) {
  await sql`insert into contacts (tenant_id, phone, name, language, unit_id, unit_path, state_code, ac_no, tags, consent_source)
    values (${world.tenantA}, ${phone}, ${`Voter ${phone.slice(-2)}`}, 'hi', ${world.units.rootA}, ${String(world.units.rootA)}::ltree, ${x.ac ? 'T01' : null},
      ${x.ac}, '{dash}', 'rally')`.execute(database.db);
}
const L = (en: string) => ({ en });
const script = { questions: [
  { id: 'mood', kind: 'single', text: L('How do you feel?'), options: [{ value: 'good', label: L('Good') }, { value: 'bad', label: L('Bad') }] },
  { id: 'rating', kind: 'scale', text: L('Rate the MLA'), min: 1, max: 5 },
  { id: 'issues', kind: 'multi', text: L('Issues'), options: [{ value: 'jobs', label: L('Jobs') }, { value: 'roads', label: L('Roads') }, { value: 'water', label: L('Water') }] },
  { id: 'why', kind: 'text', text: L('Why?') },
] };

let campaignId = 0;
let todoCallId = 0;

describe('the manager dashboard', () => {
  it('counts calls, contact rate, outcomes, survey, ACs, seat classes and agents as by hand', async () => {
    const centreId = (await call(admin, 'POST', '/api/outreach/centres', { name: 'Dash centre', unitId: world.units.rootA })).json().id;
    await call(admin, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: world.users.callerA.id, languages: ['hi'] });
    const made = await call(admin, 'POST', '/api/outreach/campaigns', { centreId, name: 'Mood survey', target: { tags: ['dash'] }, script, cooldownMinutes: 600,
      callingFrom: '00:00', callingTo: '24:00', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(made.statusCode, made.body).toBe(201);
    campaignId = made.json().id;
    await call(admin, 'PUT', `/api/outreach/campaigns/${campaignId}/status`, { status: 'active' });
    const phones = (await sql<{ id: number; phone: string }>`select id, phone from contacts`.execute(database.db)).rows;
    for (let i = 0; i < 6; i++) {
      const got = (await call(caller, 'POST', `/api/outreach/centres/${centreId}/claim`)).json();
      const x = plan[phones.find((p) => Number(p.id) === got.contact.contactId)!.phone];
      const res = await call(caller, 'POST', '/api/outreach/calls', { idempotencyKey: randomUUID(), campaignId, contactId: got.contact.contactId,
        outcome: x.outcome, answers: x.answers ?? {}, note: x.note });
      expect(res.statusCode, res.body).toBe(200);
    }

    const noParty = (await get(admin, `/api/outreach/campaigns/${campaignId}/dashboard`)).json();
    expect(noParty).toMatchObject({ seatClasses: null, seatClassesReason: 'no_party', seatElection: 'SWEEP-2019' });
    const res = await get(admin, `/api/outreach/campaigns/${campaignId}/dashboard?hours=6&party=AAA`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.campaign).toEqual({ id: campaignId, name: 'Mood survey', status: 'active', centre: 'Dash centre' });
    expect(d.totals).toEqual({ calls: 6, answered: 3, callsToday: 6, answeredToday: 3, contactsCalled: 6, contactsReached: 4, contactRate: 0.5, reachRate: 4 / 6 });
    expect(d.outcomes).toEqual({ answered: 3, busy: 1, needs_organiser: 1, no_answer: 1 });
    expect(d.perHour).toHaveLength(6);
    expect(d.perHour.reduce((n: number, h: { calls: number }) => n + h.calls, 0)).toBe(6);
    expect(d.perHour[5].hour).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00$/);
    const counts = (id: string) => d.survey.find((s: { question: string }) => s.question === id);
    expect(counts('mood')).toMatchObject({ answered: 3, counts: [{ value: 'good', n: 2 }, { value: 'bad', n: 1 }] });
    expect(counts('rating').counts.map((c: { n: number }) => c.n)).toEqual([0, 1, 0, 1, 1]);
    expect(counts('issues')).toMatchObject({ answered: 2, counts: [{ value: 'jobs', n: 2 }, { value: 'roads', n: 1 }, { value: 'water', n: 0 }] });
    expect(counts('why')).toMatchObject({ answered: 1, counts: [] });
    expect(d.sentiment).toMatchObject({ question: 'mood', option: 'good' });
    expect(d.byAc).toEqual([
      { stateCode: 'T01', acNo: 1, name: 'Seat 1', nameHi: null, calls: 2, answered: 2, sentimentAnswered: 2, sentimentYes: 1, share: 0.5 },
      { stateCode: 'T01', acNo: 2, name: 'Seat 2', nameHi: null, calls: 2, answered: 1, sentimentAnswered: 1, sentimentYes: 1, share: 1 },
      { stateCode: null, acNo: null, name: null, nameHi: null, calls: 1, answered: 0, sentimentAnswered: 0, sentimentYes: 0, share: null },
      { stateCode: 'T01', acNo: 3, name: 'Seat 3', nameHi: null, calls: 1, answered: 0, sentimentAnswered: 0, sentimentYes: 0, share: null },
    ]);
    expect(d.seatClasses).toMatchObject({ election: 'SWEEP-2019', party: 'AAA' });
    const cls = (c: string) => d.seatClasses.items.find((x: { seatClass: string }) => x.seatClass === c);
    expect(cls('battleground')).toEqual({ seatClass: 'battleground', seats: 1, calls: 2, answered: 1, sentimentAnswered: 1, sentimentYes: 1, share: 1 });
    expect(cls('held')).toMatchObject({ seats: 1, calls: 2, sentimentYes: 1, share: 0.5 });
    expect(cls('other')).toMatchObject({ seats: 0, calls: 1 });
    expect(d.agents).toEqual([expect.objectContaining({ userId: world.users.callerA.id, name: 'caller-a', calls: 6, answered: 3 })]);
    expect(d.agents[0].perHour).toBe(Math.round((6 / d.agents[0].activeHours) * 10) / 10);
    expect(d.queue).toMatchObject({ total: 6, done: { answered: 3, needs_organiser: 1 }, coolingDown: 2 });
    expect(d.qa).toHaveLength(3);
    expect(d.qa.every((q: { outcome: string; contact: unknown }) => q.outcome === 'answered' && q.contact === null)).toBe(true);
    expect(res.body).not.toContain('+91983330');
    expect(res.body).not.toContain('Voter 0');
    expect(d.lastCallId).toBe(Math.max(...(await sql<{ id: number }>`select id from calls`.execute(database.db)).rows.map((r) => Number(r.id))));
  });

  it('shows who was called in the QA sample only on request, with personal.unmask, audited', async () => {
    const before = (await sql<{ n: number }>`select count(*)::int as n from audit_events where type = 'contacts.read'`.execute(database.db)).rows[0].n;
    const d = (await get(admin, `/api/outreach/campaigns/${campaignId}/dashboard?qaContacts=1`)).json();
    expect(d.qaContactsShown).toBe(true);
    expect(d.qa.map((q: { contact: { name: string } }) => q.contact.name).sort()).toEqual(['Voter 01', 'Voter 02', 'Voter 03']);
    const after = (await sql<{ n: number }>`select count(*)::int as n from audit_events where type = 'contacts.read'`.execute(database.db)).rows[0].n;
    expect(after).toBe(before + 1);
  });

  it('streams a tick naming the newest call; once=1 ends after it', async () => {
    const res = await get(admin, `/api/outreach/campaigns/${campaignId}/live?once=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const data = /event: tick\ndata: (.*)\n\n/.exec(res.body)![1];
    const last = Math.max(...(await sql<{ id: number }>`select id from calls`.execute(database.db)).rows.map((r) => Number(r.id)));
    expect(JSON.parse(data)).toMatchObject({ lastCallId: last });
  });

  it('lists calls needing an organiser (audited) and closes one once', async () => {
    const todo = await get(admin, `/api/outreach/todo?campaignId=${campaignId}`);
    expect(todo.statusCode, todo.body).toBe(200);
    expect(todo.json().items).toEqual([expect.objectContaining({ campaignId, campaign: 'Mood survey', name: 'Voter 05', phone: '+91 98•••••005',
      stateCode: 'T01', acNo: 3, acName: 'Seat 3', agent: 'caller-a', note: 'wants a meeting with the MLA' })]);
    todoCallId = todo.json().items[0].callId;
    const audit = (await sql<{ row_ids: string[] }>`select row_ids from audit_events where type = 'contacts.read' order by id desc limit 1`.execute(database.db)).rows[0];
    expect(audit.row_ids).toEqual([String(todo.json().items[0].contactId)]);
    expect((await call(caller, 'PUT', `/api/outreach/calls/${todoCallId}/resolved`, { resolution: 'x' })).statusCode).toBe(404);
    const done = await call(admin, 'PUT', `/api/outreach/calls/${todoCallId}/resolved`, { resolution: 'The district president met him' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await call(admin, 'PUT', `/api/outreach/calls/${todoCallId}/resolved`, { resolution: 'again' })).statusCode).toBe(409);
    expect((await get(admin, '/api/outreach/todo')).json().items).toEqual([]);
    const types = (await sql<{ type: string }>`select type from audit_events where type = 'call.resolve'`.execute(database.db)).rows;
    expect(types).toHaveLength(1);
  });

  it('shares one computation between managers watching the same numbers', async () => {
    const url = `/api/outreach/campaigns/${campaignId}/dashboard?hours=12`;
    const first = (await get(admin, url)).json();
    const again = (await get(await signInAs(app, world.users.adminA.email), url)).json();
    expect(again.asOf).toBe(first.asOf);
    expect((await get(admin, `${url}&qaContacts=1`)).json().asOf).not.toBe(first.asOf); // naming contacts: never shared
  });

  it('refuses a caller: no dashboard, no stream, no to-do list', async () => {
    expect((await get(caller, `/api/outreach/campaigns/${campaignId}/dashboard`)).statusCode).toBe(404);
    expect((await get(caller, `/api/outreach/campaigns/${campaignId}/live?once=1`)).statusCode).toBe(404);
    expect((await get(caller, '/api/outreach/todo')).statusCode).toBe(403);
    const other = await signInAs(app, world.users.adminB.email);
    expect((await get(other, `/api/outreach/campaigns/${campaignId}/dashboard`)).statusCode).toBe(404);
  });
});
