// Inductees: screening moves one step forward at a time (or to rejected before designation), each
// step and note an event and an audit row; counts by state and level; scope as everywhere.
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { stepProblem } from './inductees.service.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
const admin = await signInAs(app, world.users.adminA.email);
const orgS1 = await signInAs(app, world.users.orgS1.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const call = (c: Client, method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, payload, headers: c.headers(method !== 'GET') });

describe('stepProblem', () => {
  it('allows only the next rung, or rejection before designation', () => {
    expect(stepProblem('proposed', 'vetted')).toBeNull();
    expect(stepProblem('vetted', 'approved')).toBeNull();
    expect(stepProblem('approved', 'designated')).toBeNull();
    expect(stepProblem('proposed', 'approved')).toMatch(/next step is vetted/);
    expect(stepProblem('approved', 'vetted')).toMatch(/next step is designated/);
    for (const from of ['proposed', 'vetted', 'approved'] as const) expect(stepProblem(from, 'rejected')).toBeNull();
    expect(stepProblem('designated', 'rejected')).toMatch(/already designated/);
    expect(stepProblem('rejected', 'vetted')).toMatch(/already rejected/);
  });
});

describe('the pipeline over HTTP', () => {
  let id = 0;
  let proposer = 0;
  it('proposes a new person, with a proposer and a first note', async () => {
    proposer = (await call(orgS1, 'POST', '/api/people', { phone: '9811100001', name: 'Proposer Pal', homeUnitId: world.units.d1 })).json().id;
    const res = await call(orgS1, 'POST', '/api/org/inductees', {
      person: { phone: '9811100002', name: 'Vikram Yadav', nameHi: 'विक्रम यादव', homeUnitId: world.units.booth1 },
      previousParty: 'Other Party', previousPosts: 'District secretary', proposerId: proposer, unitId: world.units.ac1, note: 'Strong in the AC',
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    id = b.id;
    expect(b).toMatchObject({ status: 'proposed', name: 'Vikram Yadav', proposerName: 'Proposer Pal', phoneMasked: '+91 98•••••002' });
    expect(b.events).toEqual([expect.objectContaining({ kind: 'step', status: 'proposed', note: 'Strong in the AC' })]);
    const again = await call(orgS1, 'POST', '/api/org/inductees', { personId: b.personId, previousParty: 'Other Party', unitId: world.units.ac1 });
    expect(again.statusCode).toBe(409);
  });

  it('moves forward only, one step at a time, each step audited', async () => {
    const skip = await call(orgS1, 'POST', `/api/org/inductees/${id}/step`, { status: 'approved' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().errors[0].field).toBe('status');
    expect((await call(orgS1, 'POST', `/api/org/inductees/${id}/step`, { status: 'vetted', note: 'Checked' })).statusCode).toBe(200);
    expect((await call(orgS1, 'POST', `/api/org/inductees/${id}/step`, { status: 'proposed' })).statusCode).toBe(400);
    expect((await call(orgS1, 'POST', `/api/org/inductees/${id}/step`, { status: 'approved' })).statusCode).toBe(200);
    const noRole = await call(orgS1, 'POST', `/api/org/inductees/${id}/step`, { status: 'designated' });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().errors[0].field).toBe('assignedRole');
    const done = await call(orgS1, 'POST', `/api/org/inductees/${id}/step`, { status: 'designated', assignedRole: 'AC co-convenor' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'designated', assignedRole: 'AC co-convenor' });
    expect(done.json().events.map((e: { status: string }) => e.status)).toEqual(['proposed', 'vetted', 'approved', 'designated']);
    expect((await call(orgS1, 'POST', `/api/org/inductees/${id}/step`, { status: 'rejected' })).statusCode).toBe(409);
    const steps = await db.selectFrom('audit_events').select('detail').where('type', '=', 'inductee.step').orderBy('id').execute();
    expect(steps.map((s) => (s.detail as { to: string }).to)).toEqual(['vetted', 'approved', 'designated']);
  });

  it('adds follow-up notes in order, audited', async () => {
    const res = await call(orgS1, 'POST', `/api/org/inductees/${id}/notes`, { note: 'Called after the rally' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().events.at(-1)).toMatchObject({ kind: 'note', note: 'Called after the rally', by: 'org-s1' });
    expect(await db.selectFrom('audit_events').select('id').where('type', '=', 'inductee.note').execute()).toHaveLength(1);
  });

  it('rejects from an early step', async () => {
    const other = (await call(orgS1, 'POST', '/api/org/inductees', { personId: proposer, previousParty: 'Third Party', unitId: world.units.d1 })).json();
    const res = await call(orgS1, 'POST', `/api/org/inductees/${other.id}/step`, { status: 'rejected', note: 'Pending cases' });
    expect(res.json().status).toBe('rejected');
  });

  it('counts by state unit and by level, per status', async () => {
    const res = await call(admin, 'GET', '/api/org/inductees/summary');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.total).toMatchObject({ designated: 1, rejected: 1, total: 2 });
    expect(s.byState).toEqual([{ unitId: world.units.s1, name: 'Canary State One', counts: expect.objectContaining({ designated: 1, rejected: 1, total: 2 }) }]);
    expect(s.byLevel.map((l: { level: string }) => l.level)).toEqual(['ac', 'district']);
    expect((await call(admin, 'GET', '/api/org/inductees?status=designated')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
  });

  it('keeps a sibling unit out', async () => {
    expect((await call(orgS2, 'GET', `/api/org/inductees/${id}`)).statusCode).toBe(404);
    expect((await call(orgS2, 'POST', `/api/org/inductees/${id}/notes`, { note: 'x' })).statusCode).toBe(404);
    expect((await call(orgS2, 'GET', '/api/org/inductees')).json().items).toEqual([]);
    expect((await call(orgS2, 'GET', '/api/org/inductees/summary')).json().total.total).toBe(0);
  });
});
