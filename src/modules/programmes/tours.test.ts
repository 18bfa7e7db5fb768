// Tours (pravas): plan, visit with a ground report, bulk create all or nothing, coverage of seats;
// problems name their field; a sibling unit sees and changes nothing; every write is audited.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { addDays, indiaDay } from '../../shared/time.ts';
import { findCoverage } from './tours.coverage.ts';
import { CoverageQuery } from './tours.schemas.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const orgS1 = await signInAs(app, world.users.orgS1.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const booth = await signInAs(app, world.users.boothA.email);
const caller = await signInAs(app, world.users.callerA.email);
const call = (c: Client, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as object, headers: c.headers(method !== 'GET') });
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

// Days in India (IST), as the server counts them: between 18:30 and 24:00 UTC that is tomorrow's UTC date.
const day = (offset: number) => addDays(indiaDay(), offset);
// The test state's seat 2 is the Canary assembly; its booth is in that seat (test/builders.ts).
await database.db.updateTable('units').set({ state_code: 'T01', ac_no: 2 }).where('id', 'in', [world.units.ac1, world.units.booth1]).execute();
const leaderId = (await call(admin, 'POST', '/api/people', { phone: '9822300001', name: 'Raghav Menon', nameHi: 'राघव मेनन', homeUnitId: world.units.rootA })).json().id;
const report = { mood: 2, issues: ['Water supply', 'Roads'], organisationNotes: 'Booth committee half formed', oppositionActivity: 'Rival rally on Sunday', followUps: ['Send the district president'] };

describe('tours', () => {
  let tourId = 0;
  let visitId = 0;
  it('plans a central tour for a registered leader', async () => {
    const res = await call(admin, 'POST', '/api/tours', { leaderPersonId: leaderId, unitId: world.units.rootA, title: 'Canary pravas', startsOn: day(-2), endsOn: day(2), stay: 'Circuit house' });
    expect(res.statusCode, res.body).toBe(201);
    tourId = res.json().id;
    expect(res.json()).toMatchObject({ leaderName: 'Raghav Menon', leaderNameHi: 'राघव मेनन', isCentral: true, status: 'planned', visits: [], canWrite: true });
  });

  it('names the field of every problem', async () => {
    const base = { leaderName: 'A Leader', unitId: world.units.s1, title: 'T', startsOn: day(0), endsOn: day(1) };
    const cases: [object, string][] = [
      [{ ...base, endsOn: day(-1) }, 'endsOn'],
      [{ ...base, endsOn: day(120) }, 'endsOn'],
      [{ ...base, leaderName: undefined }, 'leaderName'],
      [{ ...base, title: '' }, 'title'],
      [{ ...base, startsOn: '2026-02-30' }, 'startsOn'],
    ];
    for (const [body, field] of cases) {
      const res = await call(admin, 'POST', '/api/tours', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fields(res), JSON.stringify(body)).toContain(field);
    }
    expect((await call(admin, 'POST', '/api/tours', { ...base, unitId: world.units.rootB })).statusCode).toBe(404);
    expect((await call(caller, 'POST', '/api/tours', base)).statusCode).toBe(403);
    const visit = (body: object) => call(admin, 'POST', `/api/tours/${tourId}/visits`, { unitId: world.units.ac1, visitOn: day(0), ...body });
    expect(fields(await visit({ visitOn: day(5) }))).toEqual(['visitOn']);
    expect(fields(await visit({ stateCode: 'T01', house: 'AE', constituencyNo: 99 }))).toEqual(['constituencyNo']);
    expect(fields(await visit({ stateCode: 'T01' })).sort()).toEqual(['constituencyNo', 'house']);
    expect(fields(await visit({ groundReport: { mood: 7 } }))).toEqual(['groundReport.mood']);
    expect(fields(await visit({ meetings: [{ kind: 'party', attendance: 3 }] }))).toEqual(['meetings.0.kind']);
  });

  it('records a visit with meetings; its seat comes from the unit; a booth user then files the ground report', async () => {
    const res = await call(admin, 'POST', `/api/tours/${tourId}/visits`, { unitId: world.units.booth1, visitOn: day(0), meetings: [{ kind: 'workers', attendance: 120 }, { kind: 'public', attendance: 3000, note: 'Town square' }] });
    expect(res.statusCode, res.body).toBe(201);
    visitId = res.json().id;
    expect(res.json()).toMatchObject({ seat: { stateCode: 'T01', house: 'AE', constituencyNo: 2, name: 'Seat 2' }, groundReport: null, meetings: [{ kind: 'workers', attendance: 120 }, { kind: 'public' }] });
    // The booth organiser sees the national tour through the visit to their booth, and reports on it.
    const seen = await call(booth, 'GET', `/api/tours/${tourId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ canWrite: false, visits: [{ id: visitId, canWrite: true }] });
    const filed = await call(booth, 'PATCH', `/api/tours/visits/${visitId}`, { groundReport: report });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().groundReport).toEqual(report);
    expect(filed.json().meetings).toHaveLength(2);
    expect((await call(booth, 'PATCH', `/api/tours/${tourId}`, { stay: 'Elsewhere' })).statusCode).toBe(404);
    expect((await call(booth, 'POST', `/api/tours/${tourId}/visits`, { unitId: world.units.ac1, visitOn: day(0) })).statusCode).toBe(404);
  });

  it('keeps a sibling unit out: no read, no list, no write', async () => {
    expect((await call(orgS2, 'GET', `/api/tours/${tourId}`)).statusCode).toBe(404);
    expect((await call(orgS2, 'GET', `/api/tours/visits/${visitId}`)).statusCode).toBe(404);
    expect((await call(orgS2, 'GET', '/api/tours')).json().items).toEqual([]);
    expect((await call(orgS2, 'PATCH', `/api/tours/${tourId}`, { stay: 'x' })).statusCode).toBe(404);
    expect((await call(orgS2, 'PATCH', `/api/tours/visits/${visitId}`, { groundReport: report })).statusCode).toBe(404);
    expect((await call(orgS2, 'POST', `/api/tours/${tourId}/visits`, { unitId: world.units.s2, visitOn: day(0) })).statusCode).toBe(404);
    expect((await call(orgS2, 'DELETE', `/api/tours/${tourId}`)).statusCode).toBe(404);
    const own = await call(orgS2, 'POST', '/api/tours', { leaderName: 'S2 leader', unitId: world.units.s1, title: 'x', startsOn: day(0), endsOn: day(0) });
    expect(own.statusCode).toBe(404);
  });

  it('refuses a change that would leave a visit outside the tour, and lists for the plan view', async () => {
    const res = await call(admin, 'PATCH', `/api/tours/${tourId}`, { startsOn: day(1) });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['startsOn']);
    const list = await call(orgS1, 'GET', `/api/tours?from=${day(-1)}&to=${day(30)}`);
    expect(list.json().items.map((t: { id: number; visitCount: number }) => [t.id, t.visitCount])).toEqual([[tourId, 1]]);
    expect((await call(admin, 'GET', `/api/tours?from=${day(10)}`)).json().items).toEqual([]);
  });
});

describe('bulk creation', () => {
  const tour = (over: object = {}) => ({ leaderName: 'Bulk Leader', unitId: world.units.s1, title: 'State pravas', startsOn: day(-20), endsOn: day(-18),
    visits: [{ unitId: world.units.ac1, visitOn: day(-19), meetings: [{ kind: 'core_committee', attendance: 15 }] }], ...over });
  const count = async () => (await database.db.selectFrom('tours').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('creates every tour with its visits, or none, naming the index and field of each problem', async () => {
    const before = await count();
    const bad = await call(admin, 'POST', '/api/tours/bulk', [tour(), tour({ visits: [{ unitId: world.units.ac1, visitOn: day(5) }] }), tour({ unitId: world.units.rootB })]);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['1.visits.0.visitOn']);
    const unseen = await call(admin, 'POST', '/api/tours/bulk', [tour(), tour({ unitId: world.units.rootB }), tour({ visits: [{ unitId: world.units.ac1, visitOn: day(-19), stateCode: 'T01', house: 'LS', constituencyNo: 9 }] })]);
    expect(unseen.statusCode).toBe(400);
    expect(fields(unseen)).toEqual(['1.unitId', '2.visits.0.constituencyNo']);
    expect(await count()).toBe(before);
    const sibling = await call(orgS2, 'POST', '/api/tours/bulk', [tour()]);
    expect(fields(sibling)).toEqual(['0.unitId', '0.visits.0.unitId']);
    // The leader lives at the root: the state organiser cannot see that person, the admin can.
    expect(fields(await call(orgS1, 'POST', '/api/tours/bulk', [tour({ leaderPersonId: leaderId })]))).toEqual(['0.leaderPersonId']);
    const ok = await call(admin, 'POST', '/api/tours/bulk', [tour(), tour({ title: 'Second', leaderPersonId: leaderId, leaderName: undefined })]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().ids).toHaveLength(2);
    expect(ok.json().visits).toBe(2);
    expect(await count()).toBe(before + 2);
    const second = (await call(orgS1, 'GET', `/api/tours/${ok.json().ids[1]}`)).json();
    expect(second).toMatchObject({ leaderName: 'Raghav Menon', isCentral: false, visits: [{ seat: { constituencyNo: 2 } }] });
  });
});

describe('coverage', () => {
  const q = 'election=SWEEP-2019&party=AAA&days=30';
  it('takes the organisation from the assembly unit\'s strength sums', async () => {
    const ac = await database.db.selectFrom('units').select(['id', 'path']).where('id', '=', world.units.ac1).executeTakeFirstOrThrow();
    await database.db.insertInto('unit_strength').values({ tenant_id: world.tenantA, unit_id: ac.id, shard: 0, unit_path: ac.path, booths: 4, booths_formed: 1 }).execute();
  });

  it('lists seats with class, weakness, visits, days and the last central visit', async () => {
    const res = await call(admin, 'GET', `/api/tours/coverage?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const seat = (no: number) => res.json().items.find((s: { constituencyNo: number }) => s.constituencyNo === no);
    // Seat 2: the central tour's visit today and two state-tour visits 19 days ago (bulk above).
    expect(seat(2)).toMatchObject({ classes: expect.arrayContaining(['lost-close']), isWeak: true, visits: 3, days: 2, lastVisitOn: day(0), lastCentralVisitOn: day(0), centralVisited: true });
    // One booth committee formed of four: a battleground with a thin organisation.
    expect(seat(2)).toMatchObject({ booths: 4, boothsFormed: 1, weakBecause: ['never-won', 'lost-close', 'organisation'] });
    expect(seat(3)).toMatchObject({ isWeak: true, weakBecause: ['never-won'], visits: 0, centralVisited: false, lastVisitOn: null });
    expect(seat(1)).toMatchObject({ isWeak: false });
    expect(res.json().counts).toMatchObject({ seats: 4, centralVisited: 1 });
    expect(res.json()).toMatchObject({ today: day(0), since: day(-29) });
    const weak = await call(admin, 'GET', `/api/tours/coverage?${q}&weakOnly=true&notVisited=true`);
    expect(weak.json().items.map((s: { constituencyNo: number }) => s.constituencyNo)).toEqual([3, 4]);
    const short = await call(admin, 'GET', '/api/tours/coverage?election=SWEEP-2019&party=AAA&days=7');
    expect(short.json().items.find((s: { constituencyNo: number }) => s.constituencyNo === 2)).toMatchObject({ visits: 1, days: 1 });
  });

  it('counts India\'s days: at 20:00 UTC the window already ends on the next day', async () => {
    const actor: Actor = { userId: world.users.adminA.id, tenantId: world.tenantA, label: 'ist', origin: {}, via: 'session',
      grants: [{ id: 0, role: 'admin', unitId: world.units.rootA, unitPath: String(world.units.rootA), permissions: ['programmes.read', 'elections.read', 'org.read'] }] };
    const query = CoverageQuery.parse({ election: 'SWEEP-2019', party: 'AAA', days: 30 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-01T20:00:00Z')); // 01:30 on 2 March in India
      const coverage = await withActor(database.db, actor, (tx) => findCoverage(tx, actor, query));
      expect(coverage).toMatchObject({ today: '2026-03-02', since: '2026-02-01' });
      vi.setSystemTime(new Date('2026-03-01T18:29:00Z')); // 23:59 on 1 March in India
      expect(await withActor(database.db, actor, (tx) => findCoverage(tx, actor, query))).toMatchObject({ today: '2026-03-01', since: '2026-01-31' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('narrows to the seats under a scope unit, skips cancelled tours, and refuses a role too low', async () => {
    const district = await call(orgS1, 'GET', `/api/tours/coverage?${q}&unitId=${world.units.d1}`);
    expect(district.json().items.map((s: { constituencyNo: number }) => s.constituencyNo)).toEqual([2]);
    expect((await call(orgS2, 'GET', `/api/tours/coverage?${q}&unitId=${world.units.d1}`)).statusCode).toBe(404);
    expect((await call(caller, 'GET', `/api/tours/coverage?${q}`)).statusCode).toBe(403);
    const tours = (await call(admin, 'GET', '/api/tours')).json().items.filter((t: { isCentral: boolean }) => t.isCentral);
    await call(admin, 'PATCH', `/api/tours/${tours[0].id}`, { status: 'cancelled' });
    const after = (await call(admin, 'GET', `/api/tours/coverage?${q}`)).json().items.find((s: { constituencyNo: number }) => s.constituencyNo === 2);
    expect(after).toMatchObject({ visits: 2, centralVisited: false, lastCentralVisitOn: null });
  });

  it('removes a visit and a tour (its visits go with it), each audited', async () => {
    const tours = (await call(admin, 'GET', '/api/tours')).json().items;
    const central = tours.find((t: { isCentral: boolean }) => t.isCentral);
    const detail = (await call(admin, 'GET', `/api/tours/${central.id}`)).json();
    expect((await call(admin, 'DELETE', `/api/tours/visits/${detail.visits[0].id}`)).statusCode).toBe(204);
    expect((await call(admin, 'DELETE', `/api/tours/${central.id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/api/tours/${central.id}`)).statusCode).toBe(404);
    const types = (await database.db.selectFrom('audit_events').select('type').where('entity', 'in', ['tours', 'tour_visits']).orderBy('id').execute()).map((r) => r.type);
    expect(types).toEqual(['tour.create', 'visit.create', 'visit.update', 'tour.import', 'tour.update', 'visit.remove', 'tour.remove']);
  });
});

describe('unit moves', () => {
  it('carry the tours and visits of the moved subtree, so the new parent\'s scope sees them', async () => {
    const created = await call(admin, 'POST', '/api/tours', { leaderName: 'AC leader', unitId: world.units.ac1, title: 'Assembly tour', startsOn: day(0), endsOn: day(0) });
    const id = created.json().id;
    await call(admin, 'POST', `/api/tours/${id}/visits`, { unitId: world.units.booth1, visitOn: day(0) });
    expect((await call(orgS2, 'GET', `/api/tours/${id}`)).statusCode).toBe(404);
    const moved = await call(admin, 'POST', `/api/units/${world.units.ac1}/move`, { parentId: world.units.s2 });
    expect(moved.statusCode, moved.body).toBe(200);
    const seen = await call(orgS2, 'GET', `/api/tours/${id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().visits).toHaveLength(1);
    const paths = await database.db.selectFrom('tour_visits').select((eb) => [eb.cast<string>('unit_path', 'text').as('u'), eb.cast<string>('tour_unit_path', 'text').as('t')]).where('tour_id', '=', id).executeTakeFirstOrThrow();
    expect(paths.t.split('.').slice(-2)).toEqual([String(world.units.s2), String(world.units.ac1)]);
    expect(paths.u.split('.').slice(-3)).toEqual([String(world.units.s2), String(world.units.ac1), String(world.units.booth1)]);
  });
});
