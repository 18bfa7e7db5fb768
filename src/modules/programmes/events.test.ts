// Events, trainings and conferences: invitees drawn from rules (deduplicated across rules), counts by
// state and wing, RSVP, registration with a credential, idempotent check-in, the registered delegates'
// badges as a PDF (audited, refused to anyone without the registering grant), trainings with sessions
// and completion, a designation that requires a course, paths that follow a moved unit; problems name
// their field; a sibling unit sees and changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { countTrainedPeople } from './events-training.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
const admin = await signInAs(app, world.users.adminA.email);
const orgS1 = await signInAs(app, world.users.orgS1.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const call = (c: Client, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object | object[]) =>
  app.inject({ method, url, payload, headers: c.headers(method !== 'GET') });
const tenant_id = world.tenantA;
const pathOf = async (id: number) => (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

async function addUnit(parent: number, level: string, name: string, wing: string | null = null): Promise<number> {
  const { id } = await db.insertInto('units').values({ tenant_id, parent_id: parent, level, name, name_hi: null, path: '0', state_code: null, ac_no: null, part_no: null, wing })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('units').set({ path: `${await pathOf(parent)}.${id}` }).where('id', '=', id).execute();
  return id;
}
let phone = 9811100000;
async function addPerson(name: string, home: number, wings: string[] = []): Promise<number> {
  return (await db.insertInto('people').values({ tenant_id, phone: `+91${phone++}`, name, home_unit_id: home, unit_path: await pathOf(home), wings })
    .returning('id').executeTakeFirstOrThrow()).id;
}
async function designate(person: number, unit: number, level: string, code: string, seat = 1): Promise<void> {
  await db.insertInto('designations').values({ tenant_id, unit_id: unit, unit_path: await pathOf(unit), level, code, seat, person_id: person }).execute();
}
async function office(person: number, unit: number, o: 'mayor' | 'municipal_head'): Promise<void> {
  await db.insertInto('representatives').values({ tenant_id, person_id: person, office: o, body: 'City', unit_id: unit, unit_path: await pathOf(unit) }).execute();
}

const u = world.units;
const booth2 = await addUnit(u.ac1, 'booth', 'Second Booth');
const youthS1 = await addUnit(u.s1, 'state', 'Youth wing S1', 'youth');
const p = {
  boothPres1: await addPerson('Asha Booth', u.booth1), boothPres2: await addPerson('Bela Booth', booth2),
  stateS1: await addPerson('Chandra State', u.booth1), youthS1: await addPerson('Dev Youth', u.booth1, ['youth']),
  stateS2: await addPerson('Esha Two', u.s2), mayor: await addPerson('Farid Mayor', u.d1), head: await addPerson('Gita Head', u.s2),
};
await designate(p.boothPres1, u.booth1, 'booth', 'booth_president');
await designate(p.boothPres2, booth2, 'booth', 'booth_president');
await designate(p.stateS1, u.s1, 'state', 'president');
await designate(p.youthS1, youthS1, 'state', 'president');
await designate(p.stateS2, u.s2, 'state', 'president');
await office(p.mayor, u.d1, 'mayor');
await office(p.head, u.s2, 'municipal_head');
await office(p.boothPres1, u.ac1, 'mayor'); // found by two rules: invited once

const when = { startsAt: '2030-03-01T04:30:00Z', endsAt: '2030-03-02T12:00:00Z' };
const rules = [
  { kind: 'delegates', level: 'state', codes: ['president'], includeWings: true },
  { kind: 'office', offices: ['mayor', 'municipal_head'] },
  { kind: 'designation', level: 'booth', code: 'booth_president', withinUnitId: u.s1 },
];
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

describe('events', () => {
  let conf = 0;
  it('previews and draws invitees from rules, once per person, with counts by state and wing', async () => {
    const preview = await call(admin, 'POST', '/api/events/preview', { unitId: u.rootA, rules });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ total: 7, perRule: [3, 3, 2] });
    const res = await call(admin, 'POST', '/api/events', { kind: 'conference', title: 'National executive', titleHi: 'राष्ट्रीय कार्यकारिणी', place: 'Delhi', ...when, unitId: u.rootA, rules });
    expect(res.statusCode, res.body).toBe(201);
    conf = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'conference', counts: { invited: 7, yes: 0, registered: 0 }, canWrite: true });
    const reasons = await db.selectFrom('event_invitees').select(['person_id', 'reason']).where('event_id', '=', conf).execute();
    expect(reasons.find((r) => r.person_id === p.boothPres1)?.reason).toBe('office:mayor');
    const b = (await call(admin, 'GET', `/api/events/${conf}/breakdown`)).json();
    expect(b.byState.map((s: { name: string; invited: number }) => [s.name, s.invited])).toEqual([['Canary State One', 5], ['State Two', 2]]);
    expect(b.byWing.find((w: { wing: string }) => w.wing === 'youth')).toMatchObject({ invited: 1, name: 'Youth wing' });
    expect(b.total.invited).toBe(7);
  });

  it('takes RSVPs, registers a delegate with a QR credential and checks in once', async () => {
    expect((await call(admin, 'PUT', `/api/events/${conf}/invitees/${p.stateS2}/rsvp`, { rsvp: 'yes' })).statusCode).toBe(200);
    const reg = await call(admin, 'POST', `/api/events/${conf}/invitees/${p.stateS2}/register`);
    expect(reg.statusCode, reg.body).toBe(200);
    const token = reg.json().token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await call(admin, 'POST', `/api/events/${conf}/invitees/${p.stateS2}/register`)).json().token).toBe(token);
    const svg = await call(admin, 'GET', `/api/events/${conf}/invitees/${p.stateS2}/credential`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    const first = await call(admin, 'POST', `/api/events/${conf}/checkin`, { token: ` ${token}\n` });
    expect(first.json()).toMatchObject({ personId: p.stateS2, name: 'Esha Two', alreadyCheckedIn: false });
    const again = await call(admin, 'POST', `/api/events/${conf}/checkin`, { token });
    expect(again.json()).toMatchObject({ alreadyCheckedIn: true, checkedInAt: first.json().checkedInAt });
    expect((await call(admin, 'POST', `/api/events/${conf}/checkin`, { token: 'x'.repeat(24) })).statusCode).toBe(404);
    expect(fields(await call(admin, 'POST', `/api/events/${conf}/checkin`, { token: 'hello' }))).toEqual(['token']);
    const counts = (await call(admin, 'GET', `/api/events/${conf}`)).json().counts;
    expect(counts).toMatchObject({ invited: 7, yes: 1, registered: 1, checkedIn: 1 });
    const page = (await call(admin, 'GET', `/api/events/${conf}/invitees?rsvp=yes`)).json();
    expect(page).toMatchObject({ total: 1, items: [{ personId: p.stateS2, stateName: 'State Two', rsvp: 'yes' }] });
    const types = (await db.selectFrom('audit_events').select('type').where('type', 'like', 'event.%').orderBy('id').execute()).map((r) => r.type);
    expect(types).toEqual(['event.create', 'event.invite', 'event.rsvp', 'event.register', 'event.checkin']);
  });

  it('prints badges of the registered delegates only, eight a page, audited; anyone else is refused', async () => {
    const viewer = await signInAs(app, world.users.viewerA.email);
    const boothOrganiser = await signInAs(app, world.users.boothA.email);
    await sql`insert into people (tenant_id, phone, name, name_hi, home_unit_id, unit_path)
      select ${tenant_id}::uuid, '+9171' || lpad(g::text, 8, '0'), 'Delegate ' || g, case when g % 2 = 0 then 'प्रतिनिधि ' || g end, ${u.booth1}::bigint, ${await pathOf(u.booth1)}::ltree
      from generate_series(1, 19) g`.execute(db);
    const ids = (await db.selectFrom('people').select('id').where('name', 'like', 'Delegate %').orderBy('id').execute()).map((r) => Number(r.id));
    const created = await call(admin, 'POST', '/api/events', { kind: 'conference', title: 'Delegates', titleHi: 'प्रतिनिधि सम्मेलन', ...when, unitId: u.rootA, rules: [{ kind: 'people', personIds: ids }] });
    const id = created.json().id;
    const url = `/api/events/${id}/badges.pdf`;
    // Nothing to print yet: a problem that says so, not an empty sheet.
    const none = await call(admin, 'GET', url);
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(fields(none)).toEqual(['eventId']);
    // 16 of the 19 registered: two pages (all 19 would take three).
    for (const personId of ids.slice(0, 16)) expect((await call(admin, 'POST', `/api/events/${id}/invitees/${personId}/register`)).statusCode).toBe(200);
    const audits = () => db.selectFrom('audit_events').select(['type', 'row_ids', 'detail']).where('type', '=', 'event.badges').where('entity', '=', 'event_invitees').orderBy('id').execute();
    const before = (await audits()).length;
    const res = await call(admin, 'GET', `${url}?lang=hi`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(2);
    const audit = (await audits()).slice(before);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toEqual({ eventId: id, export: 'badges.pdf', locale: 'hi', badges: 16 });
    expect([...audit[0].row_ids].sort()).toEqual(ids.slice(0, 16).map(String).sort());
    // Reading the event is not enough: the grant that registers and checks in is needed, on the organiser.
    expect((await call(viewer, 'GET', url)).statusCode).toBe(403);
    expect((await call(orgS2, 'GET', url)).statusCode).toBe(404);
    expect((await call(boothOrganiser, 'GET', url)).statusCode).toBe(404);
    expect((await call(admin, 'GET', `/api/events/999999/badges.pdf`)).statusCode).toBe(404);
    expect((await audits()).length).toBe(before + 1);
  });

  it('names the field of every problem, and a bulk import is all or nothing', async () => {
    const base = { kind: 'meeting', title: 'Review meeting', ...when, unitId: u.s1 };
    expect(fields(await call(admin, 'POST', '/api/events', { ...base, endsAt: '2030-02-01T00:00:00Z' }))).toEqual(['endsAt']);
    expect(fields(await call(admin, 'POST', '/api/events', { ...base, courseCode: 'basics' }))).toEqual(['courseCode']);
    expect(fields(await call(admin, 'POST', '/api/events', { ...base, rules: [{ kind: 'designation', level: 'booth', code: 'nobody' }] }))).toEqual(['rules.0.code']);
    expect(fields(await call(admin, 'POST', '/api/events', { ...base, rules: [{ kind: 'office', offices: ['mayor'], withinUnitId: u.s2 }] }))).toEqual(['rules.0.withinUnitId']);
    expect(fields(await call(admin, 'POST', '/api/events', { ...base, rules: [{ kind: 'people', personIds: [999999] }] }))).toEqual(['rules.0.personIds']);
    const before = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = await call(admin, 'POST', '/api/events/bulk', [base, { ...base, endsAt: '2029-01-01T00:00:00Z' }, { ...base, unitId: 999999 }]);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['1.endsAt']);
    const bad2 = await call(admin, 'POST', '/api/events/bulk', [base, { ...base, unitId: 999999 }, { ...base, rules: [{ kind: 'designation', level: 'moon', code: 'x_y' }] }]);
    expect(fields(bad2)).toEqual(['1.unitId', '2.rules.0.level']);
    expect((await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(before.n);
    const ok = await call(admin, 'POST', '/api/events/bulk', [base, { ...base, kind: 'rally', rules: [{ kind: 'people', personIds: [p.boothPres1, p.boothPres2] }] }]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ invited: 2 });
    expect(ok.json().ids).toHaveLength(2);
  });

  it('keeps a sibling unit out: no reading, listing, changing or registering', async () => {
    expect((await call(orgS2, 'GET', `/api/events/${conf}`)).statusCode).toBe(404);
    expect((await call(orgS2, 'GET', '/api/events')).json().items).toEqual([]);
    expect((await call(orgS2, 'PATCH', `/api/events/${conf}`, { place: 'Elsewhere' })).statusCode).toBe(404);
    expect((await call(orgS2, 'POST', `/api/events/${conf}/invitees/${p.stateS2}/register`)).statusCode).toBe(404);
    expect((await call(orgS2, 'POST', '/api/events', { kind: 'meeting', title: 'x', ...when, unitId: u.s1 })).statusCode).toBe(404);
    // The organiser of S1 sees S1's events, not the national one.
    const list = (await call(orgS1, 'GET', '/api/events')).json().items.map((e: { unitId: number }) => e.unitId);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((id: number) => id === u.s1)).toBe(true);
    const changed = await call(admin, 'PATCH', `/api/events/${conf}`, { place: 'New Delhi', status: 'done' });
    expect(changed.json()).toMatchObject({ place: 'New Delhi', status: 'done' });
  });

  it('runs a training of sessions: completion, trained counts, and a designation that requires the course', async () => {
    const res = await call(orgS1, 'POST', '/api/events', {
      kind: 'training', title: 'Booth basics', ...when, unitId: u.s1, courseCode: 'booth_basics',
      sessions: [{ title: 'Roll pages' }, { title: 'Polling day' }], rules: [{ kind: 'designation', level: 'booth', code: 'booth_president' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().sessions.map((s: { no: number }) => s.no)).toEqual([1, 2]);
    expect((await call(orgS1, 'POST', `/api/events/${id}/sessions/1/completions`, { personIds: [p.boothPres1, p.boothPres2] })).json()).toEqual({ changed: 2 });
    expect((await call(orgS1, 'POST', `/api/events/${id}/sessions/2/completions`, { personIds: [p.boothPres1] })).json()).toEqual({ changed: 1 });
    expect(fields(await call(orgS1, 'POST', `/api/events/${id}/sessions/2/completions`, { personIds: [p.stateS2] }))).toEqual(['personIds']);
    expect((await call(orgS1, 'POST', `/api/events/${id}/sessions/9/completions`, { personIds: [p.boothPres1] })).statusCode).toBe(404);
    expect((await call(orgS2, 'POST', `/api/events/${id}/sessions/2/completions`, { personIds: [p.boothPres2] })).statusCode).toBe(404);

    // The review calls this directly: an actor reading S1 and S2 through review.read only.
    const actor: Actor = { userId: world.users.adminA.id, tenantId: world.tenantA, label: 'review', origin: {}, via: 'session',
      grants: [{ id: 0, role: 'viewer', unitId: u.rootA, unitPath: String(u.rootA), permissions: ['review.read'] }] };
    const trained = await withActor(db, actor, (tx) => countTrainedPeople(tx, actor, [u.s1, u.s2, u.booth1, booth2]));
    expect([...trained.entries()]).toEqual([[u.s1, 1], [u.s2, 0], [u.booth1, 1], [booth2, 0]]);

    expect((await call(orgS1, 'PUT', '/api/events/requirements', { level: 'booth', code: 'booth_president', course: 'booth_basics' })).statusCode).toBe(403);
    const set = await call(admin, 'PUT', '/api/events/requirements', { level: 'booth', code: 'booth_president', course: 'booth_basics' });
    expect(set.json().items).toEqual([{ level: 'booth', code: 'booth_president', name: 'Booth president', nameHi: 'बूथ अध्यक्ष', course: 'booth_basics' }]);
    const gaps = (await call(orgS1, 'GET', `/api/events/training-gaps?unitId=${u.s1}&level=booth&code=booth_president`)).json();
    expect(gaps).toMatchObject({ course: 'booth_basics', holders: 2, lacking: 1, items: [{ personId: p.boothPres2, unitName: 'Second Booth' }] });
    expect(gaps.byUnit).toEqual([{ unitId: u.d1, name: 'Canary District', nameHi: null, holders: 2, lacking: 1 }]);
    const invitees = (await call(orgS1, 'GET', `/api/events/${id}/invitees`)).json().items;
    expect(invitees.map((i: { sessionsDone: number }) => i.sessionsDone)).toEqual([2, 1]);
  });

  it('moves invitee and completion paths with a moved unit', async () => {
    const ac2 = await addUnit(u.d1, 'ac', 'Second Assembly');
    const moved = await call(admin, 'POST', `/api/units/${booth2}/move`, { parentId: ac2 });
    expect(moved.statusCode, moved.body).toBe(200);
    const path = `${await pathOf(ac2)}.${booth2}`;
    const rows = await db.selectFrom('event_invitees').select(sql<string>`unit_path::text`.as('p')).where('person_id', '=', p.boothPres2).where('reason', 'like', 'designation:%').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.p === path)).toBe(true);
  });

  it('draws 20,000 holders of one post in one statement, and pages and counts them', async () => {
    // Roll-page heads (one seat per page) of the test booth stand in for "every booth president of a state".
    const booth = await pathOf(u.booth1);
    await sql`insert into people (tenant_id, phone, name, home_unit_id, unit_path)
      select ${tenant_id}::uuid, '+9170' || lpad(g::text, 8, '0'), 'Pramukh ' || g, ${u.booth1}::bigint, ${booth}::ltree from generate_series(1, 20000) g`.execute(db);
    await sql`insert into designations (tenant_id, unit_id, unit_path, level, code, seat, person_id)
      select p.tenant_id, ${u.booth1}::bigint, ${booth}::ltree, 'booth', 'panna_pramukh', row_number() over (order by p.id), p.id
      from people p where p.tenant_id = ${tenant_id}::uuid and p.name like 'Pramukh %'`.execute(db);
    // As every bulk load here does (the demo seed, for one): PGlite never analyzes by itself, and the
    // foreign-key checks' cached plans, made while people had seven rows, would scan them all per invitee.
    await sql`analyze people, designations`.execute(db);
    const res = await call(orgS1, 'POST', '/api/events', { kind: 'training', title: 'Panna pramukh training', ...when, unitId: u.s1, sessions: [{ title: 'The roll page' }],
      rules: [{ kind: 'designation', level: 'booth', code: 'panna_pramukh' }, { kind: 'designation', level: 'booth', code: 'booth_president' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().counts.invited).toBe(20_002);
    const page = (await call(orgS1, 'GET', `/api/events/${res.json().id}/invitees?limit=50&cursor=19990`)).json();
    expect(page).toMatchObject({ total: 20_002, nextCursor: null });
    expect(page.items).toHaveLength(12);
    const b = (await call(orgS1, 'GET', `/api/events/${res.json().id}/breakdown`)).json();
    expect(b.byState).toEqual([expect.objectContaining({ name: 'Canary State One', invited: 20_002 })]);
    // Badges for all of them would be 2,500 pages: refused with a problem, before any is read out or audited.
    await sql`update event_invitees set registered_at = now(), credential = substr(md5(person_id::text), 1, 24) where event_id = ${res.json().id}`.execute(db);
    const badges = await call(orgS1, 'GET', `/api/events/${res.json().id}/badges.pdf`);
    expect(badges.statusCode).toBe(400);
    expect(badges.json().detail).toMatch(/More than 5,000 delegates/);
  });
});
