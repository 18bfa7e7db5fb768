// A task per assembly seat (GET /api/tasks/:taskId/seats), for the task page's map: the figures
// agree with the tree drill-down (a drive's booths that reported, a computed metric read live from
// the organisation), and a reader sees only the seats under their own programmes grant.
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { rebuildStrength } from '../organisation/strength.service.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const orgS1 = await signInAs(app, world.users.orgS1.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const booth = await signInAs(app, world.users.boothA.email);
const adminB = await signInAs(app, world.users.adminB.email);
const caller = await signInAs(app, world.users.callerA.email);
const call = (c: Client, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as object, headers: c.headers(method !== 'GET') });
const unit = async (parentId: number, level: string, name: string, geo: { stateCode?: string; acNo?: number } = {}) => {
  const res = await call(admin, 'POST', '/api/units', { parentId, level, name, ...geo });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as number;
};

// S1 (state T01): seat 1 with 3 booths, seat 2 with 2; the world's own AC has no seat number and is
// left off the map. S2 (state T02, not in the reference states): seat 7 with 4 booths.
const t01a = await unit(world.units.d1, 'ac', 'Canary Seat One', { stateCode: 'T01', acNo: 1 });
const t01b = await unit(world.units.d1, 'ac', 'Canary Seat Two', { stateCode: 'T01', acNo: 2 });
const d2 = await unit(world.units.s2, 'district', 'S2 District');
const t02 = await unit(d2, 'ac', 'S2 Seat Seven', { stateCode: 'T02', acNo: 7 });
const boothsOf = async (ac: number, n: number) => Promise.all(Array.from({ length: n }, (_, i) => unit(ac, 'booth', `Booth ${ac}-${i + 1}`)));
const [aBooths, , sBooths] = [await boothsOf(t01a, 3), await boothsOf(t01b, 2), await boothsOf(t02, 4)];
// Verified workers (phone verified and vouched for): two in seat 1's first booth, one in seat 7.
for (const [i, b] of [aBooths[0], aBooths[0], sBooths[0]].entries()) {
  const path = (await database.db.selectFrom('units').select('path').where('id', '=', b).executeTakeFirstOrThrow()).path;
  await database.db.insertInto('people').values({ tenant_id: world.tenantA, phone: `+9198000100${i}0`, name: `Worker ${i}`, home_unit_id: b, unit_path: path,
    phone_verified_at: new Date(), vouched_at: new Date() }).execute();
}
await rebuildStrength(database.db, world.tenantA);

const base = { ownerUnitId: world.units.rootA, dueOn: '2099-12-31' };
const create = async (body: object) => {
  const res = await call(admin, 'POST', '/api/tasks', { ...base, ...body });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as number;
};
interface Seat { unitId: number; name: string; stateCode: string; stateName: string | null; constituencyNo: number; target: number | null; actual: number | null; attainment: number | null }
const seats = async (c: Client, taskId: number, query = '') => {
  const res = await call(c, 'GET', `/api/tasks/${taskId}/seats${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Seat[];
};
/** The same unit's figures as the task page shows them. */
const onTaskPage = async (c: Client, taskId: number, unitId: number) => (await call(c, 'GET', `/api/tasks/${taskId}?unitId=${unitId}`)).json().progress;

describe('a task per seat', () => {
  let drive = 0;
  it('gives a drive\'s coverage per seat: the share of its booths that reported, as the task page has it', async () => {
    drive = await create({ kind: 'drive', title: 'Ghar ghar abhiyan', assigneeLevel: 'booth', startsOn: '2020-08-09' });
    // Two of seat 1's booths report (one twice: counted once), one of seat 7's.
    for (const b of [aBooths[0], aBooths[0], aBooths[1], sBooths[2]]) {
      expect((await call(admin, 'POST', `/api/tasks/${drive}/reports`, { unitId: b, note: 'done' })).statusCode).toBe(201);
    }
    const got = await seats(admin, drive);
    expect(got.map((s) => `${s.stateCode}:${s.constituencyNo}`)).toEqual(['T01:1', 'T01:2', 'T02:7']);
    expect(got[0]).toMatchObject({ unitId: t01a, name: 'Canary Seat One', stateName: 'Test State', target: 3, actual: 2 });
    expect(got[0].attainment).toBeCloseTo(2 / 3);
    expect(got[1]).toMatchObject({ unitId: t01b, target: 2, actual: 0, attainment: 0 });
    expect(got[2]).toMatchObject({ unitId: t02, stateName: null, target: 4, actual: 1, attainment: 0.25 });
    for (const s of got) expect(await onTaskPage(admin, drive, s.unitId)).toMatchObject({ target: s.target, actual: s.actual, attainment: s.attainment });
    expect((await seats(admin, drive, '?state=T02')).map((s) => s.unitId)).toEqual([t02]);
    expect(await seats(admin, drive, '?state=Z99')).toEqual([]);
    expect((await call(admin, 'GET', `/api/tasks/${drive}/seats?state=up`)).statusCode).toBe(400);
  });

  it('reads a computed metric live from the organisation, agreeing with the task page', async () => {
    const id = await create({ title: 'Verify workers', metric: 'workers_verified', target: 90, assigneeLevel: 'booth' });
    const got = await seats(admin, id);
    expect(got.map((s) => [s.constituencyNo, s.actual])).toEqual([[1, 2], [2, 0], [7, 1]]);
    for (const s of got) expect(await onTaskPage(admin, id, s.unitId)).toMatchObject({ target: s.target, actual: s.actual, attainment: s.attainment });
    expect(got.reduce((a, s) => a + (s.target ?? 0), 0)).toBeLessThanOrEqual(90);
  });

  it('shows each reader only the seats under their grant: a state sees nothing of its sibling', async () => {
    const s1 = await seats(orgS1, drive);
    expect(s1.map((s) => s.unitId)).toEqual([t01a, t01b]);
    const s2 = await call(orgS2, 'GET', `/api/tasks/${drive}/seats`);
    expect(s2.json().items.map((s: Seat) => s.unitId)).toEqual([t02]);
    expect(s2.body).not.toContain('Canary');
    expect(await seats(orgS2, drive, '?state=T01')).toEqual([]);
    // A booth sees the national task and its own share, not its seat's figures (as on the task page).
    expect(await seats(booth, drive)).toEqual([]);
    expect((await call(booth, 'GET', `/api/tasks/${drive}?unitId=${world.units.ac1}`)).statusCode).toBe(404);
  });

  it('refuses a task the reader cannot see, another tenant and a role without programmes.read', async () => {
    const s1Only = (await call(admin, 'POST', '/api/tasks', { ...base, ownerUnitId: world.units.s1, kind: 'drive', title: 'S1 drive', assigneeLevel: 'booth' })).json().id;
    expect((await seats(orgS1, s1Only)).map((s) => s.unitId)).toEqual([t01a, t01b]);
    const sibling = await call(orgS2, 'GET', `/api/tasks/${s1Only}/seats`);
    expect(sibling.statusCode).toBe(404);
    expect(sibling.body).not.toContain('Canary');
    expect((await call(adminB, 'GET', `/api/tasks/${drive}/seats`)).statusCode).toBe(404);
    expect((await call(caller, 'GET', `/api/tasks/${drive}/seats`)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/tasks/${drive}/seats` })).statusCode).toBe(401);
  });

  it('answers an empty list when the assignees are above the seats', async () => {
    const states = await create({ title: 'State conventions', metric: 'completion', assigneeLevel: 'state' });
    expect(await seats(admin, states)).toEqual([]);
    const districts = await create({ title: 'District meetings', metric: 'reported', unitLabel: 'meetings', target: 10, assigneeLevel: 'district' });
    expect(await seats(admin, districts)).toEqual([]);
    const acs = await create({ title: 'Seat meetings', metric: 'reported', unitLabel: 'meetings', target: 30, splitRule: 'equal', assigneeLevel: 'ac' });
    expect((await seats(admin, acs)).map((s) => s.constituencyNo)).toEqual([1, 2, 7]);
  });
});
