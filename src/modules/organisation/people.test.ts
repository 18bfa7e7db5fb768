// People: one identity per mobile number, search in either script or by phone within scope, masked
// phones with an audited unmask, verification, and duplicates merged with history kept.
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const db = database.db;

const admin = await signInAs(app, world.users.adminA.email);
const orgS1 = await signInAs(app, world.users.orgS1.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const call = (c: Client, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: c.headers(method !== 'GET') });
const booth = world.units.booth1;
const auditOf = (type: string) => db.selectFrom('audit_events').selectAll().where('type', '=', type).orderBy('id', 'desc').execute();

const ramesh = { phone: '098123 45210', name: 'Ramesh Kumar', nameHi: 'रमेश कुमार', gender: 'male', category: 'OBC', epic: 'abc 1234567', homeUnitId: booth };
let rameshId = 0;

describe('create', () => {
  it('normalises the phone and the EPIC, and audits the creation', async () => {
    const res = await call(orgS1, 'POST', '/api/people', ramesh);
    expect(res.statusCode, res.body).toBe(201);
    rameshId = res.json().id;
    const row = await db.selectFrom('people').selectAll().where('id', '=', rameshId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: '+919812345210', epic: 'ABC1234567', name_hi: 'रमेश कुमार', home_unit_id: booth });
    const [audit] = await auditOf('person.create');
    expect(audit.row_ids).toEqual([String(rameshId)]);
    expect(JSON.stringify(audit.detail)).not.toContain('9812345210');
  });

  it('answers 409 naming phone and the existing person for the same number in another spelling', async () => {
    const res = await call(admin, 'POST', '/api/people', { ...ramesh, phone: '+91 98123-45210', name: 'Someone Else' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'phone', id: rameshId })]);
  });

  it('refuses a landline, junk and an unknown wing with 400 naming the field', async () => {
    const landline = await call(admin, 'POST', '/api/people', { ...ramesh, phone: '011 2345 6789' });
    expect(landline.statusCode).toBe(400);
    expect(landline.json().errors[0]).toMatchObject({ field: 'phone', message: expect.stringContaining('not a mobile') });
    expect((await call(admin, 'POST', '/api/people', { ...ramesh, phone: '12' })).json().errors[0].field).toBe('phone');
    const wing = await call(admin, 'POST', '/api/people', { ...ramesh, phone: '9876500001', wings: ['pirates'] });
    expect(wing.statusCode).toBe(400);
    expect(wing.json().errors[0].field).toBe('wings');
  });

  it('does not let a sibling unit create people in S1 (404)', async () => {
    expect((await call(orgS2, 'POST', '/api/people', { ...ramesh, phone: '9876500002' })).statusCode).toBe(404);
  });
});

describe('masking and unmasking', () => {
  it('masks the phone in every answer, even for an actor who may unmask', async () => {
    for (const c of [admin, orgS1]) {
      const res = await call(c, 'GET', `/api/people/${rameshId}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().phoneMasked).toBe('+91 98•••••210');
      expect(res.body).not.toContain('9812345210');
    }
    expect((await call(admin, 'GET', `/api/people/${rameshId}`)).json().canUnmask).toBe(true);
    expect((await call(orgS1, 'GET', `/api/people/${rameshId}`)).json().canUnmask).toBe(false);
  });

  it('unmasks for personal.unmask on the unit, audited; refuses an organiser without it', async () => {
    const res = await call(admin, 'POST', `/api/people/${rameshId}/unmask`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: '+919812345210', otherPhones: [] });
    const [audit] = await auditOf('person.unmask');
    expect(audit).toMatchObject({ row_ids: [String(rameshId)], actor_user_id: world.users.adminA.id });
    const before = (await auditOf('person.unmask')).length;
    expect((await call(orgS1, 'POST', `/api/people/${rameshId}/unmask`)).statusCode).toBe(403);
    expect((await call(orgS2, 'POST', `/api/people/${rameshId}/unmask`)).statusCode).toBe(404);
    expect((await auditOf('person.unmask')).length).toBe(before);
  });
});

describe('search', () => {
  const ids = async (c: Client, q: string) => {
    const res = await call(c, 'GET', `/api/people?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((p: { id: number }) => p.id);
  };

  it('finds by Devanagari name, Latin name (substring and misspelt) and phone in any spelling', async () => {
    expect(await ids(orgS1, 'रमेश')).toEqual([rameshId]);
    expect(await ids(orgS1, 'कुमार')).toEqual([rameshId]);
    expect(await ids(orgS1, 'ramesh')).toEqual([rameshId]);
    expect(await ids(orgS1, 'Ramesh Kumaar')).toEqual([rameshId]);
    expect(await ids(orgS1, '+91 98123 45210')).toEqual([rameshId]);
    expect(await ids(orgS1, '09812345210')).toEqual([rameshId]);
    expect(await ids(orgS1, '45210')).toEqual([rameshId]);
    expect(await ids(orgS1, 'Suresh')).toEqual([]);
  });

  it('audits the read with the ids returned', async () => {
    await ids(orgS1, 'रमेश');
    const [audit] = await auditOf('person.read');
    expect(audit).toMatchObject({ row_ids: [String(rameshId)], actor_user_id: world.users.orgS1.id });
  });

  it('keeps to the actor’s scope: a sibling unit finds nobody and gets 404 on the person', async () => {
    expect(await ids(orgS2, 'Ramesh')).toEqual([]);
    expect(await ids(orgS2, '9812345210')).toEqual([]);
    expect((await call(orgS2, 'GET', `/api/people/${rameshId}`)).statusCode).toBe(404);
    expect((await call(orgS2, 'PATCH', `/api/people/${rameshId}`, { name: 'Hijacked' })).statusCode).toBe(404);
    expect((await call(orgS2, 'POST', `/api/people/${rameshId}/verify`, { phone: true })).statusCode).toBe(404);
    const other = await signInAs(app, world.users.adminB.email);
    expect((await call(other, 'GET', `/api/people/${rameshId}`)).statusCode).toBe(404);
  });

  it('pages by name with a cursor', async () => {
    for (const [i, name] of ['Asha Devi', 'Bharat Singh', 'Chandan Rai'].entries()) {
      expect((await call(admin, 'POST', '/api/people', { phone: `98765000${10 + i}`, name, homeUnitId: booth })).statusCode).toBe(201);
    }
    const first = (await call(orgS1, 'GET', '/api/people?limit=2')).json();
    expect(first.items.map((p: { name: string }) => p.name)).toEqual(['Asha Devi', 'Bharat Singh']);
    const second = (await call(orgS1, 'GET', `/api/people?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((p: { name: string }) => p.name)).toEqual(['Chandan Rai', 'Ramesh Kumar']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('update and verify', () => {
  it('changes fields, refuses a phone someone else holds, and audits', async () => {
    const res = await call(orgS1, 'PATCH', `/api/people/${rameshId}`, { ageBand: '36-45', wings: ['youth'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ageBand: '36-45', wings: ['youth'] });
    const taken = await call(orgS1, 'PATCH', `/api/people/${rameshId}`, { phone: '9876500010' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('phone');
    expect((await auditOf('person.update'))[0].row_ids).toEqual([String(rameshId)]);
  });

  it('is verified once the phone answered and a superior vouched; the vouching user is in the audit', async () => {
    let res = await call(orgS1, 'POST', `/api/people/${rameshId}/verify`, { phone: true });
    expect(res.json().isVerified).toBe(false);
    res = await call(orgS1, 'POST', `/api/people/${rameshId}/verify`, { vouch: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isVerified: true, verification: { vouchedBy: null, vouchedAt: expect.any(String), phoneVerifiedAt: expect.any(String) } });
    const [audit] = await auditOf('person.verify');
    expect(audit.detail).toMatchObject({ vouchedByUser: world.users.orgS1.id });
    expect((await call(orgS1, 'GET', '/api/people?verified=true')).json().items.map((p: { id: number }) => p.id)).toEqual([rameshId]);
  });
});

describe('duplicates and merge', () => {
  let dupId = 0;
  it('finds a second record by EPIC and by name in the same booth', async () => {
    const res = await call(orgS1, 'POST', '/api/people', { phone: '+91 70000 12345', name: 'R. Kumar', epic: 'ABC1234567', gender: 'male', ageBand: '36-45', homeUnitId: booth });
    dupId = res.json().id;
    const twin = (await call(orgS1, 'POST', '/api/people', { phone: '+91 70000 99999', name: 'asha  devi', homeUnitId: booth })).json().id;
    await db.insertInto('designations').values({ tenant_id: world.tenantA, unit_id: booth, unit_path: await boothPath(), level: 'booth', code: 'secretary', seat: 1, person_id: dupId }).execute();
    const dups = await call(orgS1, 'GET', '/api/people/duplicates');
    expect(dups.statusCode, dups.body).toBe(200);
    const pairs = dups.json().items.map((d: { a: { id: number }; b: { id: number }; reason: string }) => [d.a.id, d.b.id, d.reason]);
    expect(pairs).toContainEqual([rameshId, dupId, 'epic']);
    const asha = (await call(orgS1, 'GET', '/api/people?q=Asha')).json().items.find((p: { name: string }) => p.name === 'Asha Devi').id;
    expect(pairs).toContainEqual([asha, twin, 'name_booth']);
    expect((await call(orgS2, 'GET', '/api/people/duplicates')).json().items).toEqual([]);
  });

  it('merges: the seat moves, the phone joins other_phones, the merged row and a snapshot stay', async () => {
    expect((await call(orgS2, 'POST', '/api/people/merge', { keepId: rameshId, mergeId: dupId })).statusCode).toBe(404);
    const res = await call(orgS1, 'POST', '/api/people/merge', { keepId: rameshId, mergeId: dupId });
    expect(res.statusCode, res.body).toBe(200);
    const kept = res.json();
    expect(kept.designations).toEqual([expect.objectContaining({ unitId: booth, code: 'secretary' })]);
    expect(kept.otherPhonesMasked).toEqual(['+91 70•••••345']);
    expect(kept.merges).toEqual([expect.objectContaining({ mergedId: dupId, name: 'R. Kumar' })]);
    const merged = await db.selectFrom('people').selectAll().where('id', '=', dupId).executeTakeFirstOrThrow();
    expect(merged.merged_into).toBe(rameshId);
    const snap = await db.selectFrom('person_merges').selectAll().where('merged_id', '=', dupId).executeTakeFirstOrThrow();
    expect(snap.snapshot).toMatchObject({ person: { name: 'R. Kumar', phone: '+917000012345' } });
    const designation = await db.selectFrom('designations').selectAll().where('code', '=', 'secretary').executeTakeFirstOrThrow();
    expect(designation.person_id).toBe(rameshId);
    expect((await auditOf('person.merge'))[0].row_ids).toEqual([String(rameshId), String(dupId)]);
    // The booth's strength counts the merged record no more (refreshStrength ran in the merge).
    const own = await db.selectFrom('unit_own_strength').select(['workers', 'verified']).where('unit_id', '=', booth).executeTakeFirstOrThrow();
    const live = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('home_unit_id', '=', booth).where('merged_into', 'is', null).executeTakeFirstOrThrow();
    expect(own).toEqual({ workers: Number(live.n), verified: 1 });
  });

  it('after a merge: the old number finds the kept person, cannot be registered again, and the pair is gone', async () => {
    const found = (await call(orgS1, 'GET', '/api/people?q=7000012345')).json().items.map((p: { id: number }) => p.id);
    expect(found).toEqual([rameshId]);
    const again = await call(orgS1, 'POST', '/api/people', { phone: '7000012345', name: 'R Kumar', homeUnitId: booth });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].id).toBe(rameshId);
    const pairs = (await call(orgS1, 'GET', '/api/people/duplicates')).json().items;
    expect(pairs.some((d: { b: { id: number } }) => d.b.id === dupId)).toBe(false);
    expect((await call(orgS1, 'PATCH', `/api/people/${dupId}`, { name: 'Ghost' })).statusCode).toBe(409);
    expect((await call(orgS1, 'POST', '/api/people/merge', { keepId: rameshId, mergeId: dupId })).statusCode).toBe(409);
  });
});

async function boothPath(): Promise<string> {
  return (await db.selectFrom('units').select('path').where('id', '=', booth).executeTakeFirstOrThrow()).path;
}
