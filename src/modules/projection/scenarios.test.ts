// The projection API: baselines from imported results, runs and ladders on the server, saved
// scenarios (CRUD, audit, tenant and unit isolation, permissions) and problem+json for bad input.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { importResults } from '../elections/import-results.ts';
import { projectSync } from './project.ts';
import type { ScenarioInput } from './projection.schemas.ts';

const { app, database, world, close } = await startWorld();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-scenarios-'));
afterAll(async () => { await close(); fs.rmSync(dir, { recursive: true, force: true }); });

// A small LS-2019 in the normalised format of ../shared/data, imported through the real importer.
const HEAD = 'election_id,house,year,state,state_code,constituency_no,constituency,constituency_type,candidate,sex,party,votes,vote_share_pct,position,electors,valid_votes,turnout_pct';
const ROWS = [
  'LS-2019,LS,2019,Bihar,S04,1,VALMIKI NAGAR,GEN,A,M,JD(U),400,,1,1500,900,60',
  'LS-2019,LS,2019,Bihar,S04,1,VALMIKI NAGAR,GEN,B,M,RJD,350,,2,1500,900,60',
  'LS-2019,LS,2019,Bihar,S04,1,VALMIKI NAGAR,GEN,C,M,IND,80,,3,1500,900,60',
  'LS-2019,LS,2019,Bihar,S04,1,VALMIKI NAGAR,GEN,D,M,IND,50,,4,1500,900,60',
  'LS-2019,LS,2019,Bihar,S04,1,VALMIKI NAGAR,GEN,NOTA,,NOTA,20,,,1500,900,60',
  'LS-2019,LS,2019,Bihar,S04,2,PASCHIM CHAMPARAN,SC,E,F,BJP,500,,1,1400,900,64.29',
  'LS-2019,LS,2019,Bihar,S04,2,PASCHIM CHAMPARAN,SC,F,M,INC,300,,2,1400,900,64.29',
  'LS-2019,LS,2019,Bihar,S04,2,PASCHIM CHAMPARAN,SC,G,M,CPI(M),100,,3,1400,900,64.29',
  'LS-2019,LS,2019,Uttar Pradesh,S24,1,SAHARANPUR,GEN,H,M,BJP,400,,1,1600,950,59.38',
  'LS-2019,LS,2019,Uttar Pradesh,S24,1,SAHARANPUR,GEN,I,M,BSP,300,,2,1600,950,59.38',
  'LS-2019,LS,2019,Uttar Pradesh,S24,1,SAHARANPUR,GEN,J,M,SP,250,,3,1600,950,59.38',
];
const file = path.join(dir, 'ls_2019_small.csv');
fs.writeFileSync(file, [HEAD, ...ROWS].join('\n'));
await importResults(database.db, { file });

const admin = await signInAs(app, world.users.adminA.email);
const call = (c: { headers: (w?: boolean) => Record<string, string> } | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: c ? c.headers(method !== 'GET') : {} });

describe('baseline', () => {
  it('builds the baseline from imported results, with the strongest independent, folded party codes and the shipped alliances', async () => {
    const res = await call(admin, 'GET', '/api/projection/baseline?election=LS-2019');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ election: 'LS-2019', year: 2019, house: 'LS', uncontested: 0 });
    expect(b.seats).toHaveLength(3);
    const [valmiki, paschim, saharanpur] = b.seats;
    expect(valmiki).toMatchObject({ state: 'Bihar', stateCode: 'S04', number: 1, name: 'VALMIKI NAGAR', reservation: 'GEN', validVotes: 900, electors: 1500, turnoutPct: 60 });
    expect(valmiki.votes).toEqual({ 'JD(U)': 400, RJD: 350, IND: 80 });
    expect(paschim.reservation).toBe('SC');
    expect(paschim.votes).toEqual({ BJP: 500, INC: 300, CPM: 100 });
    expect(saharanpur.state).toBe('Uttar Pradesh');
    const bihar = b.alliances.find((a: { state: string; bloc: string }) => a.state === 'Bihar' && a.bloc === 'NDA');
    expect(bihar.members.map((m: { party: string }) => m.party)).toEqual(['JD(U)', 'LJP']);
    expect(b.alliances.find((a: { state: string; bloc: string }) => a.state === 'Uttar Pradesh' && a.bloc === 'MGB').members).toHaveLength(3);
  });

  it('counts an uncontested seat as a certain win for its sole candidate', async () => {
    const b = (await call(admin, 'GET', '/api/projection/baseline?election=SWEEP-2019')).json();
    expect(b.seats).toHaveLength(4);
    expect(b.alliances).toEqual([]);
    expect(b.uncontested).toBe(1);
    expect(b.seats[3]).toMatchObject({ number: 4, validVotes: 1, votes: { BBB: 1 } });
    expect(b.seats[0]).toMatchObject({ validVotes: 84_200, votes: { AAA: 52_000, BBB: 31_000 } }); // NOTA in the residual
  });

  it('answers 404 for an election never imported, 400 naming the field for a malformed one, 403 without projection.run', async () => {
    expect((await call(admin, 'GET', '/api/projection/baseline?election=LS-1951')).statusCode).toBe(404);
    const bad = await call(admin, 'GET', '/api/projection/baseline?election=ls-2019');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].field).toBe('election');
    const viewer = await signInAs(app, world.users.viewerA.email);
    expect((await call(viewer, 'GET', '/api/projection/baseline?election=LS-2019')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/projection/baseline?election=LS-2019')).statusCode).toBe(401);
  });
});

describe('run and ladder on the server', () => {
  const scenario: ScenarioInput = { simulations: 2000, seed: 7, alliances: [{ state: '*', bloc: 'NDA', members: [{ party: 'BJP' }] }], swings: [{ level: 'national', bloc: 'NDA', points: -3 }], targets: [{ bloc: 'NDA', seats: 2 }] };

  it('projects with the alliances and gives the same figures as the in-process (browser) engine for a seed', async () => {
    const res = await call(admin, 'POST', '/api/projection/run', { election: 'LS-2019', scenario });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.simulations).toBe(2000);
    expect(p.targets[0]).toMatchObject({ bloc: 'NDA', seats: 2 });
    expect(p.targets[0].probability).toBeGreaterThan(0);
    expect(p.seats).toHaveLength(3);
    const baseline = (await call(admin, 'GET', '/api/projection/baseline?election=LS-2019')).json();
    expect(p).toEqual(JSON.parse(JSON.stringify(projectSync(baseline, scenario))));
  });

  it('ranks seats on the ladder to a target', async () => {
    const res = await call(admin, 'POST', '/api/projection/ladder', { election: 'SWEEP-2019', scenario: { model: 'uniform' }, bloc: 'AAA', target: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l.bloc).toBe('AAA');
    expect(l.held).toBe(1);
    expect(l.rungs.map((x: { number: number }) => x.number)).toEqual([1, 2, 3]);
    expect(l.target.seats).toBe(2);
    expect(l.target.mustFlip).toEqual(['Test State 2 Seat 2']);
    expect(l.seatsAtSwing[20]).toBe(3);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const cases: [object, string][] = [
      [{ election: 'LS-2019', scenario: { swings: [{ level: 'national', bloc: 'NDA', points: 500 }] } }, 'scenario.swings.0.points'],
      [{ election: 'LS-2019', scenario: { simulations: 5_000_000 } }, 'scenario.simulations'],
      [{ election: 'LS-2019', scenario: { model: 'astrology' } }, 'scenario.model'],
      [{ election: 'LS-2019', scenario: { targets: [{ bloc: 'NOBODY', seats: 2 }] } }, 'scenario.targets'],
      [{ scenario: {} }, 'election'],
    ];
    for (const [body, field] of cases) {
      const res = await call(admin, 'POST', '/api/projection/run', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
    const ladder = await call(admin, 'POST', '/api/projection/ladder', { election: 'SWEEP-2019', scenario: {}, bloc: 'ZZZ' });
    expect(ladder.statusCode).toBe(400);
    expect(ladder.json().errors[0].field).toBe('bloc');
  });
});

describe('saved scenarios', () => {
  const body = { name: 'NDA −3, MGB holds', election: 'LS-2019', scenario: { swings: [{ level: 'national', bloc: 'NDA', points: -3 }], targets: [{ bloc: 'NDA', seats: 2 }] } };

  it('creates, lists, reads, updates and deletes, auditing every write in the same transaction', async () => {
    const created = await call(admin, 'POST', '/api/scenarios', body);
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ name: body.name, election: 'LS-2019', unitId: world.units.rootA, createdBy: 'admin-a' });
    // Stored as the engine reads it: defaults filled in.
    expect(s.scenario).toMatchObject({ model: 'hierarchical', simulations: 10_000, swings: body.scenario.swings });

    const list = (await call(admin, 'GET', '/api/scenarios')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(s.id);
    expect((await call(admin, 'GET', `/api/scenarios/${s.id}`)).json().name).toBe(body.name);

    const updated = await call(admin, 'PUT', `/api/scenarios/${s.id}`, { ...body, name: 'Renamed', scenario: { model: 'uniform' } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Renamed', scenario: { model: 'uniform', swings: [] } });

    expect((await call(admin, 'DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/api/scenarios/${s.id}`)).statusCode).toBe(404);

    const audit = (await database.db.selectFrom('audit_events').select(['type', 'row_ids', 'actor_user_id', 'detail'])
      .where('entity', '=', 'scenarios').orderBy('id').execute()).filter((a) => a.row_ids.includes(String(s.id)));
    expect(audit.map((a) => a.type)).toEqual(['scenario.create', 'scenario.update', 'scenario.remove']);
    expect(audit.every((a) => a.actor_user_id === world.users.adminA.id)).toBe(true);
    expect(audit[1].detail).toMatchObject({ name: 'Renamed', previousName: body.name });
  });

  it('rolls the write back when its audit cannot be written', async () => {
    const before = await database.db.selectFrom('scenarios').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await sql`alter table audit_events add constraint no_scenarios check (entity <> 'scenarios') not valid`.execute(database.db);
    try {
      expect((await call(admin, 'POST', '/api/scenarios', body)).statusCode).toBe(500);
    } finally {
      await sql`alter table audit_events drop constraint no_scenarios`.execute(database.db);
    }
    const after = await database.db.selectFrom('scenarios').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps tenants apart: tenant B sees, changes and deletes none of tenant A\u2019s scenarios', async () => {
    const s = (await call(admin, 'POST', '/api/scenarios', { ...body, name: 'Tenant A secret plan' })).json();
    const b = await signInAs(app, world.users.adminB.email);
    const list = await call(b, 'GET', '/api/scenarios');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Tenant A secret plan');
    expect((await call(b, 'GET', `/api/scenarios/${s.id}`)).statusCode).toBe(404);
    expect((await call(b, 'PUT', `/api/scenarios/${s.id}`, body)).statusCode).toBe(404);
    expect((await call(b, 'DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(404);
    expect((await call(admin, 'GET', `/api/scenarios/${s.id}`)).json().name).toBe('Tenant A secret plan');

    // Row-level security on its own, below the use cases: tenant B's actor reads no rows, nor does a request with no tenant.
    const actorB: Actor = { userId: world.users.adminB.id, tenantId: world.tenantB, label: 'b', grants: [{ id: 0, role: 'admin', unitId: world.units.rootB, unitPath: String(world.units.rootB), permissions: ['projection.run'] }], origin: {}, via: 'session' };
    expect(await withActor(database.db, actorB, (tx) => tx.selectFrom('scenarios').selectAll().execute())).toEqual([]);
    const none = await database.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'warroom_app', true)`.execute(tx);
      return (await sql<{ n: number }>`select count(*)::int as n from scenarios`.execute(tx)).rows[0].n;
    });
    expect(none).toBe(0);
  });

  it('keeps sibling units apart: a state admin saves at their state, which the national admin sees but not the other way round', async () => {
    const national = (await call(admin, 'POST', '/api/scenarios', { ...body, name: 'National plan' })).json();
    const s2 = await signInAs(app, world.users.orgS2.email);
    const mine = await call(s2, 'POST', '/api/scenarios', { ...body, name: 'State two plan' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().unitId).toBe(world.units.s2);
    const seenByS2 = (await call(s2, 'GET', '/api/scenarios')).json().items.map((x: { name: string }) => x.name);
    expect(seenByS2).toContain('State two plan');
    expect(seenByS2).not.toContain('National plan');
    expect((await call(s2, 'PUT', `/api/scenarios/${national.id}`, body)).statusCode).toBe(404);
    const seenByAdmin = (await call(admin, 'GET', '/api/scenarios')).json().items.map((x: { name: string }) => x.name);
    expect(seenByAdmin).toEqual(expect.arrayContaining(['State two plan', 'National plan']));
  });

  it('refuses writes to roles without scenarios.write, and reads without projection.run', async () => {
    const s = (await call(admin, 'POST', '/api/scenarios', body)).json();
    const viewer = await signInAs(app, world.users.viewerA.email);
    expect((await call(viewer, 'POST', '/api/scenarios', body)).statusCode).toBe(403);
    expect((await call(viewer, 'PUT', `/api/scenarios/${s.id}`, body)).statusCode).toBe(403);
    expect((await call(viewer, 'DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(403);
    expect((await call(viewer, 'GET', '/api/scenarios')).statusCode).toBe(403);
    expect((await call(null, 'POST', '/api/scenarios', body)).statusCode).toBe(401);
    expect((await call(admin, 'GET', `/api/scenarios/${s.id}`)).statusCode).toBe(200);
  });

  it('names the bad field: a missing name, an election never imported, a swing out of range', async () => {
    const cases: [object, string][] = [
      [{ ...body, name: '  ' }, 'name'],
      [{ ...body, election: 'LS-1951' }, 'election'],
      [{ ...body, scenario: { swings: [{ level: 'national', bloc: 'NDA', points: -101 }] } }, 'scenario.swings.0.points'],
    ];
    for (const [payload, field] of cases) {
      const res = await call(admin, 'POST', '/api/scenarios', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await call(admin, 'GET', '/api/scenarios/abc')).json().errors[0].field).toBe('scenarioId');
  });
});
