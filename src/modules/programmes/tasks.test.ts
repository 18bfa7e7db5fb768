// Tasks and targets end to end through the API: the cascade (booths, equal, by hand), reports with
// evidence rolling up the tree, drives counting a booth once, computed metrics, scope, notifications
// with the outbox, escalation, bulk creation all or nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { rebuildStrength } from '../organisation/strength.service.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const booth = await signInAs(app, world.users.boothA.email);
const call = (c: Client, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as object, headers: c.headers(method !== 'GET') });
const unit = async (parentId: number, level: string, name: string) => (await call(admin, 'POST', '/api/units', { parentId, level, name })).json().id as number;

// S1 has 6 booths (booth1 + 2 more in AC1, 3 in a second AC); S2 has 4 booths in one AC.
const ac2 = await unit(world.units.d1, 'ac', 'Canary AC Two');
const d2 = await unit(world.units.s2, 'district', 'S2 District');
const ac3 = await unit(d2, 'ac', 'S2 AC');
const s1Booths = [world.units.booth1, await unit(world.units.ac1, 'booth', 'Booth 2'), await unit(world.units.ac1, 'booth', 'Booth 3'),
  await unit(ac2, 'booth', 'Booth 4'), await unit(ac2, 'booth', 'Booth 5'), await unit(ac2, 'booth', 'Booth 6')];
const s2Booths = [await unit(ac3, 'booth', 'Booth 7'), await unit(ac3, 'booth', 'Booth 8'), await unit(ac3, 'booth', 'Booth 9'), await unit(ac3, 'booth', 'Booth 10')];
await rebuildStrength(database.db, world.tenantA);

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
const base = { ownerUnitId: world.units.rootA, dueOn: '2099-12-31' };
const targets = async (taskId: number) => Object.fromEntries((await database.db.selectFrom('task_targets').select(['unit_id', (eb) => eb.fn.coalesce('target', eb.lit(0)).as('target'), 'reported'])
  .where('task_id', '=', taskId).execute()).map((r) => [r.unit_id, r]));

describe('tasks', () => {
  let wallTask = 0;
  it('cascades a national target to states and booths in proportion to booths, adding up at every level', async () => {
    const res = await call(admin, 'POST', '/api/tasks', { ...base, title: 'Wall paintings', titleHi: 'दीवार लेखन', metric: 'reported', unitLabel: 'walls', target: 1003, assigneeLevel: 'booth' });
    expect(res.statusCode, res.body).toBe(201);
    wallTask = res.json().id;
    const t = await targets(wallTask);
    expect(t[world.units.rootA].target).toBe(1003);
    expect(t[world.units.s1].target + t[world.units.s2].target).toBe(1003);
    expect(t[world.units.s1].target).toBe(602); // 1003 × 6/10 = 601.8 → the larger remainder rounds up
    expect(s1Booths.reduce((a, b) => a + t[b].target, 0)).toBe(t[world.units.s1].target);
    expect(s2Booths.reduce((a, b) => a + t[b].target, 0)).toBe(t[world.units.s2].target);
    expect(res.json().children.map((c: { name: string }) => c.name).sort()).toEqual(['Canary State One', 'State Two']);
  });

  it('splits equally when asked, and refuses what makes no sense, naming the field', async () => {
    const res = await call(admin, 'POST', '/api/tasks', { ...base, title: 'Equal', metric: 'reported', unitLabel: 'meetings', target: 7, splitRule: 'equal', assigneeLevel: 'ac' });
    const t = await targets(res.json().id);
    expect([t[world.units.s1].target, t[world.units.s2].target].sort()).toEqual([3, 4]);
    expect(t[world.units.ac1].target + t[ac2].target).toBe(t[world.units.s1].target);
    const bad: [object, string][] = [
      [{ ...base, title: 'x', metric: 'reported', target: 5, assigneeLevel: 'booth' }, 'unitLabel'],
      [{ ...base, title: 'x', assigneeLevel: 'booth', personIds: [1] }, 'assigneeLevel'],
      [{ ...base, ownerUnitId: world.units.ac1, title: 'x', assigneeLevel: 'state' }, 'assigneeLevel'],
      [{ ...base, title: 'x', assigneeLevel: 'booth', startsOn: '2099-12-31', dueOn: '2099-01-01' }, 'dueOn'],
      [{ ...base, title: 'x', units: [{ unitId: world.units.rootB }] }, 'units.0.unitId'],
    ];
    for (const [body, field] of bad) {
      const r = await call(admin, 'POST', '/api/tasks', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().errors.map((e: { field: string }) => e.field), r.body).toContain(field);
    }
  });

  it('lets a booth report with a photo; the sums move all the way up and the photo is kept in scope', async () => {
    const res = await call(booth, 'POST', `/api/tasks/${wallTask}/reports`, { unitId: world.units.booth1, value: 12, note: 'Main road', lat: 23.02, lng: 72.57,
      evidence: [{ fileName: 'wall.png', mime: 'image/png', dataBase64: PNG }] });
    expect(res.statusCode, res.body).toBe(201);
    const t = await targets(wallTask);
    for (const u of [world.units.booth1, world.units.ac1, world.units.d1, world.units.s1, world.units.rootA]) expect(t[u].reported, String(u)).toBe(12);
    expect(t[world.units.s2].reported).toBe(0);
    const evidenceId = res.json().evidence[0].id;
    const file = await call(admin, 'GET', `/api/evidence/${evidenceId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await call(orgS2, 'GET', `/api/evidence/${evidenceId}`)).statusCode).toBe(404);
    // Not an assignee, not the file it claims to be, not the booth's own unit.
    expect((await call(booth, 'POST', `/api/tasks/${wallTask}/reports`, { unitId: world.units.booth1, value: 1, evidence: [{ fileName: 'x.jpg', mime: 'image/jpeg', dataBase64: PNG }] })).json().errors[0].field).toBe('evidence.0.mime');
    expect((await call(admin, 'POST', `/api/tasks/${wallTask}/reports`, { unitId: world.units.ac1, value: 1 })).json().errors[0].field).toBe('unitId');
    expect((await call(booth, 'POST', `/api/tasks/${wallTask}/reports`, { unitId: s1Booths[1], value: 1 })).statusCode).toBe(404);
    expect((await targets(wallTask))[world.units.rootA].reported).toBe(12);
    const list = await call(admin, 'GET', `/api/tasks/${wallTask}/reports?unitId=${world.units.s1}`);
    expect(list.json().items).toHaveLength(1);
  });

  it('shows a booth its own share and the national figure, but not a sibling state', async () => {
    const mine = await call(booth, 'GET', '/api/tasks');
    expect(mine.json().items.find((t: { id: number }) => t.id === wallTask).progress).toMatchObject({ unitId: world.units.booth1, actual: 12 });
    expect((await call(orgS2, 'GET', `/api/tasks/${wallTask}?unitId=${world.units.s1}`)).statusCode).toBe(404);
    const s2 = await call(orgS2, 'GET', `/api/tasks/${wallTask}`);
    expect(s2.json().progress.unitId).toBe(world.units.s2);
  });

  it('sets shares by hand and splits the rest again; shares that do not add up are refused', async () => {
    const bad = await call(admin, 'PUT', `/api/tasks/${wallTask}/shares`, { unitId: world.units.rootA, shares: [{ unitId: world.units.s1, target: 500 }, { unitId: world.units.s2, target: 400 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('shares');
    const ok = await call(admin, 'PUT', `/api/tasks/${wallTask}/shares`, { unitId: world.units.rootA, shares: [{ unitId: world.units.s2, target: 803 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const t = await targets(wallTask);
    expect(t[world.units.s2].target).toBe(803);
    expect(t[world.units.s1].target).toBe(200);
    expect(s2Booths.reduce((a, b) => a + t[b].target, 0)).toBe(803);
    expect(s1Booths.reduce((a, b) => a + t[b].target, 0)).toBe(200);
  });

  it('counts a drive booth once however often it reports', async () => {
    const res = await call(admin, 'POST', '/api/tasks', { ...base, kind: 'drive', title: 'Ghar ghar abhiyan', assigneeLevel: 'booth', startsOn: '2020-08-09' });
    const id = res.json().id;
    expect(res.json().progress.target).toBe(10);
    for (let i = 0; i < 2; i++) expect((await call(booth, 'POST', `/api/tasks/${id}/reports`, { unitId: world.units.booth1, note: `visit ${i}` })).statusCode).toBe(201);
    const t = await targets(id);
    expect(t[world.units.rootA]).toMatchObject({ target: 10, reported: 1 });
    expect(t[world.units.ac1]).toMatchObject({ target: 3, reported: 1 });
  });

  it('reads booth committees formed from the organisation: the target defaults to every booth', async () => {
    const res = await call(admin, 'POST', '/api/tasks', { ...base, title: 'Form every booth committee', metric: 'booths_formed', assigneeLevel: 'booth' });
    expect(res.json().progress).toMatchObject({ target: 10, actual: 0 });
  });

  it('notifies the units it reaches and puts an e-mail in the outbox, which a drain worker claims once', async () => {
    const n = await call(booth, 'GET', '/api/notifications');
    expect(n.json().unread).toBeGreaterThan(0);
    expect(n.json().items[0]).toMatchObject({ kind: 'task.assigned' });
    const claim = await call(admin, 'POST', '/api/outbox/claim', { channel: 'email', limit: 500 });
    const mail = claim.json().items.find((m: { recipient: string }) => m.recipient === world.users.boothA.email);
    expect(mail.body).toContain('Canary Booth');
    expect((await call(admin, 'POST', '/api/outbox/claim', { channel: 'email', limit: 500 })).json().items).toHaveLength(0);
    expect((await call(admin, 'POST', `/api/outbox/${mail.id}/result`, { ok: true })).json().status).toBe('sent');
    expect((await call(booth, 'POST', '/api/outbox/claim', { channel: 'email', limit: 5 })).statusCode).toBe(403);
    expect((await call(booth, 'POST', '/api/notifications/read-all')).json().updated).toBeGreaterThan(0);
  });

  it('escalates an overdue task once, telling the level above how many are short', async () => {
    const res = await call(admin, 'POST', '/api/tasks', { ...base, title: 'Overdue', metric: 'reported', unitLabel: 'x', target: 10, assigneeLevel: 'booth', startsOn: '2020-01-01', dueOn: '2020-01-02' });
    const id = res.json().id;
    expect(res.json().progress.isOverdue).toBe(true);
    const first = await call(admin, 'POST', '/api/tasks/escalate');
    expect(first.json().tasks).toBeGreaterThanOrEqual(1);
    const org = await signInAs(app, world.users.orgS1.email);
    const got = (await call(org, 'GET', '/api/notifications')).json().items.find((x: { kind: string; params: { taskId: number } }) => x.kind === 'task.escalated' && x.params.taskId === id);
    expect(got.params).toMatchObject({ count: 1, unitName: 'Canary State One' }); // S1's one district is short
    expect((await call(admin, 'POST', '/api/tasks/escalate')).json().tasks).toBe(0);
    expect((await call(admin, 'GET', '/api/tasks?status=overdue')).json().items.map((t: { id: number }) => t.id)).toContain(id);
  });

  it('creates in bulk all or nothing, naming the index of the bad task', async () => {
    const before = (await sql<{ n: number }>`select count(*)::int as n from tasks`.execute(database.db)).rows[0].n;
    const res = await call(admin, 'POST', '/api/tasks/bulk', [{ ...base, title: 'One', assigneeLevel: 'state' }, { ...base, title: 'Two', assigneeLevel: 'nowhere' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('assigneeLevel');
    expect((await sql<{ n: number }>`select count(*)::int as n from tasks`.execute(database.db)).rows[0].n).toBe(before);
    const ok = await call(admin, 'POST', '/api/tasks/bulk', [{ ...base, title: 'One', assigneeLevel: 'state' }, { ...base, title: 'Two', units: [{ unitId: world.units.d1 }] }]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().ids).toHaveLength(2);
  });

  it('gives named people a to-do the owner sees counted', async () => {
    const person = (await call(admin, 'POST', '/api/people', { phone: '9822200031', name: 'Asha Devi', homeUnitId: world.units.booth1 })).json().id;
    const res = await call(admin, 'POST', '/api/tasks', { ...base, title: 'Call the collector', personIds: [person] });
    expect(res.statusCode, res.body).toBe(201);
    expect((await call(booth, 'POST', `/api/tasks/${res.json().id}/people/${person}/done`)).statusCode).toBe(200);
    expect((await call(admin, 'GET', `/api/tasks/${res.json().id}`)).json().progress).toMatchObject({ target: 1, actual: 1 });
  });
  it('moves a unit\'s share with it: every level of every task still adds up, and the totals above stay', async () => {
    const res = await call(admin, 'POST', '/api/tasks', { ...base, title: 'Meetings', metric: 'reported', unitLabel: 'meetings', target: 100, assigneeLevel: 'booth' });
    const id = res.json().id;
    const moving = s1Booths[3];
    expect((await call(admin, 'POST', `/api/tasks/${id}/reports`, { unitId: moving, value: 5 })).statusCode).toBe(201);
    expect((await call(admin, 'POST', `/api/tasks/${id}/reports`, { unitId: s2Booths[0], value: 2 })).statusCode).toBe(201);
    const before = await targets(id);
    const share = before[moving].target;
    expect((await call(admin, 'POST', `/api/units/${moving}/move`, { parentId: ac3 })).statusCode).toBe(200);
    const after = await targets(id);
    expect(after[world.units.rootA]).toEqual(before[world.units.rootA]);
    expect(after[world.units.s1]).toMatchObject({ target: before[world.units.s1].target - share, reported: before[world.units.s1].reported - 5 });
    expect(after[world.units.s2]).toMatchObject({ target: before[world.units.s2].target + share, reported: 7 });
    expect(after[moving]).toEqual(before[moving]);
    // Every row with children equals the sum of its children, in every task of the tenant.
    const { rows } = await sql<{ task_id: number; unit_id: number; target: number | null; reported: number; child_target: number | null; child_reported: number }>`
      select p.task_id, p.unit_id, p.target, p.reported, sum(c.target)::int as child_target, sum(c.reported)::int as child_reported
      from task_targets p join task_targets c on c.tenant_id = p.tenant_id and c.task_id = p.task_id and c.parent_unit_id = p.unit_id
      join tasks k on k.tenant_id = p.tenant_id and k.id = p.task_id and k.metric <> 'completion'
      group by 1, 2, 3, 4`.execute(database.db);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.target !== r.child_target || r.reported !== r.child_reported)).toEqual([]);
    expect((await sql<{ parent_unit_id: number }>`select parent_unit_id from task_targets where task_id = ${id} and unit_id = ${moving}`.execute(database.db)).rows[0].parent_unit_id).toBe(ac3);
  });
});
