// Elected representatives: MPs and MLAs name a real seat, others a body; scope and audit as everywhere.
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const call = (c: Client, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, payload, headers: c.headers(method !== 'GET') });
const personId = (await call(admin, 'POST', '/api/people', { phone: '9822200001', name: 'Meena Sharma', homeUnitId: world.units.ac1 })).json().id;

describe('representatives', () => {
  let id = 0;
  it('records an MLA on a seat of the reference geography', async () => {
    const res = await call(admin, 'POST', '/api/org/representatives', { personId, office: 'mla', stateCode: 'T01', house: 'AE', constituencyNo: 2, unitId: world.units.ac1, fromDate: '2019-05-23' });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ name: 'Meena Sharma', constituencyName: 'Seat 2', unitName: 'Canary Assembly' });
  });

  it('refuses a seat that does not exist, a missing seat, a wrong house and a body-less mayor', async () => {
    const base = { personId, unitId: world.units.ac1 };
    const cases: [object, string][] = [
      [{ ...base, office: 'mla', stateCode: 'T01', house: 'AE', constituencyNo: 99 }, 'constituencyNo'],
      [{ ...base, office: 'mp', stateCode: 'T01', house: 'LS' }, 'constituencyNo'],
      [{ ...base, office: 'mp', stateCode: 'T01', house: 'AE', constituencyNo: 1 }, 'house'],
      [{ ...base, office: 'mayor' }, 'body'],
      [{ ...base, office: 'councillor', body: 'Ward 4', constituencyNo: 3 }, 'constituencyNo'],
    ];
    for (const [body, field] of cases) {
      const res = await call(admin, 'POST', '/api/org/representatives', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
  });

  it('creates a new holder by phone in the same transaction, or none when the office is refused', async () => {
    const person = { phone: '9822200002', name: 'Kavita Rao', nameHi: 'कविता राव', gender: 'female', homeUnitId: world.units.booth1 };
    const refused = await call(admin, 'POST', '/api/org/representatives', { person, office: 'mla', stateCode: 'T01', house: 'AE', constituencyNo: 99, unitId: world.units.ac1 });
    expect(refused.statusCode).toBe(400);
    expect(await database.db.selectFrom('people').select('id').where('phone', '=', '+919822200002').executeTakeFirst()).toBeUndefined();
    const res = await call(admin, 'POST', '/api/org/representatives', { person, office: 'councillor', body: 'Ward 7 council', unitId: world.units.booth1 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Kavita Rao', nameHi: 'कविता राव', office: 'councillor', body: 'Ward 7 council' });
    const held = await call(admin, 'POST', '/api/org/representatives', { person, office: 'mayor', body: 'City corporation', unitId: world.units.booth1 });
    expect(held.statusCode).toBe(409);
    expect(held.json().errors[0]).toMatchObject({ field: 'phone', id: res.json().personId });
    const both = await call(admin, 'POST', '/api/org/representatives', { personId, person: { ...person, phone: '9822200003' }, office: 'mayor', body: 'City', unitId: world.units.booth1 });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors.map((e: { field: string }) => e.field)).toContain('personId');
    // A sibling unit's organiser can neither place the office nor create its holder.
    const sibling = await call(orgS2, 'POST', '/api/org/representatives', { person: { ...person, phone: '9822200004' }, office: 'mayor', body: 'City', unitId: world.units.booth1 });
    expect(sibling.statusCode).toBe(404);
    await call(admin, 'DELETE', `/api/org/representatives/${res.json().id}`);
  });

  it('lists by office, changes and removes, audited; a sibling unit sees and changes nothing', async () => {
    await call(admin, 'POST', '/api/org/representatives', { personId, office: 'councillor', body: 'Ward 4 council', unitId: world.units.booth1 });
    expect((await call(admin, 'GET', '/api/org/representatives?office=mla')).json().items.map((r: { id: number }) => r.id)).toEqual([id]);
    expect((await call(orgS2, 'GET', '/api/org/representatives')).json().items).toEqual([]);
    expect((await call(orgS2, 'PATCH', `/api/org/representatives/${id}`, { toDate: '2024-06-04' })).statusCode).toBe(404);
    const changed = await call(admin, 'PATCH', `/api/org/representatives/${id}`, { toDate: '2024-06-04' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().toDate).toBe('2024-06-04');
    expect((await call(admin, 'PATCH', `/api/org/representatives/${id}`, { office: 'mayor' })).statusCode).toBe(400);
    expect((await call(orgS2, 'DELETE', `/api/org/representatives/${id}`)).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/api/org/representatives/${id}`)).statusCode).toBe(204);
    const types = (await database.db.selectFrom('audit_events').select('type').where('entity', '=', 'representatives').orderBy('id').execute()).map((r) => r.type);
    expect(types).toEqual(['representative.create', 'representative.create', 'representative.remove', 'representative.create', 'representative.update', 'representative.remove']);
  });
});
