// Strength, committees, configuration and unit writes on a real database: computed vacancies, the norm
// check, sums kept right through assigns, ends, moves and unit creation (and equal to a plain GROUP BY
// after random writes), booth-level access, row-level security, the SQL and TypeScript grades agreeing.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { rebuildStrength, strengthByGroupBy } from './strength.service.ts';
import { boothGrade, type BoothFigures } from './strength.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
const T = world.tenantA;

const admin = await signInAs(app, world.users.adminA.email);
const call = (c: Client | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: c ? c.headers(method !== 'GET') : {} });

// The booth on a known roll: 95 electors → 4 roll pages.
await db.insertInto('polling_stations').values({ state_code: 'T01', ac_no: 2, part_no: 7, electors: 95 }).execute();
await db.updateTable('units').set({ state_code: 'T01', ac_no: 2, part_no: 7 }).where('id', '=', world.units.booth1).execute();
await db.updateTable('units').set({ state_code: 'T01', ac_no: 2 }).where('id', '=', world.units.ac1).execute();
await rebuildStrength(db, T);

let phoneSeq = 9812300000;
async function person(homeUnitId: number, extra: Partial<{ gender: 'female' | 'male'; category: 'SC' | 'GEN'; verified: boolean }> = {}) {
  const unit = await db.selectFrom('units').select('path').where('id', '=', homeUnitId).executeTakeFirstOrThrow();
  const row = await db.insertInto('people').values({ tenant_id: T, phone: `+91${phoneSeq++}`, name: `Worker ${phoneSeq}`, home_unit_id: homeUnitId, unit_path: unit.path,
    gender: extra.gender ?? 'male', category: extra.category ?? 'GEN',
    ...(extra.verified && { phone_verified_at: new Date(), vouched_at: new Date() }) }).returning('id').executeTakeFirstOrThrow();
  await rebuildStrength(db, T);
  return row.id;
}

async function expectSumsRight(unitId: number) {
  const res = await call(admin, 'GET', `/api/org/units/${unitId}/strength`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual(await strengthByGroupBy(db, T, unitId));
  return res.json();
}

describe('committee and strength', () => {
  it('counts every booth, even one with nobody in it', async () => {
    const s = await expectSumsRight(world.units.rootA);
    expect(s).toMatchObject({ booths: 1, boothsFormed: 0, pages: 4, grades: { A: 0, B: 0, C: 0, D: 1 } });
  });

  it('computes vacancies from the slots of the level and checks the norm', async () => {
    const c = (await call(admin, 'GET', `/api/org/units/${world.units.booth1}/committee`)).json();
    // booth: president, vice-president, secretary, BLA, 8 members required (12); 4 panna pramukh pages optional.
    expect(c.slots.filter((s: { isRequired: boolean }) => s.isRequired)).toHaveLength(12);
    expect(c.slots.filter((s: { perPage: boolean }) => s.perPage).map((s: { seat: number }) => s.seat)).toEqual([1, 2, 3, 4]);
    expect(c.vacancies).toBe(12);
    expect(c.norm).toMatchObject({ minFormed: 6, minWomen: 3, minScSt: 1, women: 0, scSt: 0, formed: false });
  });

  it('keeps the sums right through assigns, a replace, and ends', async () => {
    const p1 = await person(world.units.booth1, { gender: 'female', category: 'SC', verified: true });
    const a = await call(admin, 'POST', `/api/org/units/${world.units.booth1}/designations`, { code: 'booth_president', seat: 1, personId: p1 });
    expect(a.statusCode, a.body).toBe(201);
    expect((await expectSumsRight(world.units.rootA)).grades).toEqual({ A: 0, B: 0, C: 1, D: 0 });
    const p2 = await person(world.units.booth1);
    const held = await call(admin, 'POST', `/api/org/units/${world.units.booth1}/designations`, { code: 'booth_president', seat: 1, personId: p2 });
    expect(held.statusCode).toBe(409);
    const replaced = await call(admin, 'POST', `/api/org/units/${world.units.booth1}/designations`, { code: 'booth_president', seat: 1, personId: p2, replace: true });
    expect(replaced.json().replacedId).toBe(a.json().id);
    for (let seat = 1; seat <= 5; seat++) {
      const p = await person(world.units.booth1, { gender: seat <= 3 ? 'female' : 'male', verified: true });
      expect((await call(admin, 'POST', `/api/org/units/${world.units.booth1}/designations`, { code: 'member', seat, personId: p })).statusCode).toBe(201);
    }
    const booth = (await call(admin, 'GET', `/api/org/booths/${world.units.booth1}`)).json();
    expect(booth.committee.vacancies).toBe(6);
    expect(booth.committee.norm).toMatchObject({ formed: true, women: 3 });
    expect(booth.strength).toMatchObject({ boothsFormed: 1, filled: 6, slots: 12, members: 6, grade: 'C' }); // formed, but 50% < 60%
    expect(booth.workers.count).toBe(7);
    expect(booth.workers.items[0].phoneMasked).toMatch(/^\+91 \d\d•+\d{3}$/);
    const end = await call(admin, 'POST', `/api/org/designations/${replaced.json().id}/end`, { reason: 'resigned' });
    expect(end.json()).toMatchObject({ endReason: 'resigned' });
    expect((await call(admin, 'POST', `/api/org/designations/${replaced.json().id}/end`, {})).statusCode).toBe(409);
    const s = await expectSumsRight(world.units.rootA);
    expect(s).toMatchObject({ boothsFormed: 0, filled: 5, grades: { C: 1 } });
    const history = (await call(admin, 'GET', `/api/org/units/${world.units.booth1}/committee`)).json().history;
    expect(history.map((h: { endReason: string }) => h.endReason).sort()).toEqual(['replaced', 'resigned']);
    const audit = await db.selectFrom('audit_events').select('type').where('type', 'in', ['designation.assign', 'designation.end']).execute();
    expect(audit.length).toBe(8); // 7 assigns (a replace among them) and 1 end; the refused one wrote nothing
  });

  it('creates and moves units with the sums following them', async () => {
    const ac = await call(admin, 'POST', '/api/units', { parentId: world.units.d1, name: 'New AC', level: 'ac' });
    expect(ac.statusCode, ac.body).toBe(201);
    const booth = await call(admin, 'POST', '/api/units', { parentId: ac.json().id, name: 'New booth', level: 'booth' });
    expect((await expectSumsRight(world.units.rootA)).booths).toBe(2);
    const p = await person(booth.json().id, { verified: true });
    await call(admin, 'POST', `/api/org/units/${booth.json().id}/designations`, { code: 'booth_president', seat: 1, personId: p });
    expect((await call(admin, 'POST', '/api/units', { parentId: booth.json().id, name: 'Too deep', level: 'ac' })).statusCode).toBe(400);
    // Move the new AC (with its booth) from S1's district to S2 directly: paths and sums follow.
    const district2 = (await call(admin, 'POST', '/api/units', { parentId: world.units.s2, name: 'District two', level: 'district' })).json();
    const moved = await call(admin, 'POST', `/api/units/${ac.json().id}/move`, { parentId: district2.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await call(admin, 'POST', `/api/units/${world.units.d1}/move`, { parentId: world.units.booth1 })).statusCode).toBe(400);
    for (const u of [world.units.rootA, world.units.s1, world.units.s2, district2.id, ac.json().id]) await expectSumsRight(u);
    expect((await expectSumsRight(world.units.s2))).toMatchObject({ booths: 1, workers: 1, filled: 1 });
    const paths = await sql<{ n: number }>`select count(*)::int as n from designations d join units u on u.tenant_id = d.tenant_id and u.id = d.unit_id
      where d.unit_path <> u.path`.execute(db);
    expect(paths.rows[0].n).toBe(0);
    const orgS2 = await signInAs(app, world.users.orgS2.email);
    expect((await call(orgS2, 'GET', `/api/org/booths/${booth.json().id}`)).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/api/units/${district2.id}`, { name: 'District 2' })).json().name).toBe('District 2');
  });

  it('stays equal to a plain GROUP BY after a series of random writes', async () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const booths = [world.units.booth1];
    for (let i = 0; i < 3; i++) booths.push((await call(admin, 'POST', '/api/units', { parentId: world.units.ac1, name: `R${i}`, level: 'booth' })).json().id);
    const people = [];
    for (let i = 0; i < 8; i++) people.push(await person(booths[rnd(booths.length)], { gender: rnd(2) ? 'female' : 'male', category: rnd(3) ? 'GEN' : 'SC', verified: rnd(2) === 1 }));
    const codes = [['booth_president', 1], ['vice_president', 1], ['member', 8], ['panna_pramukh', 4]] as const;
    for (let i = 0; i < 30; i++) {
      const [code, seats] = codes[rnd(codes.length)];
      const r = await call(admin, 'POST', `/api/org/units/${booths[rnd(booths.length)]}/designations`, { code, seat: 1 + rnd(seats), personId: people[rnd(people.length)], replace: rnd(2) === 1 });
      expect([201, 400, 409]).toContain(r.statusCode);
      if (rnd(4) === 0 && r.statusCode === 201) await call(admin, 'POST', `/api/org/designations/${r.json().id}/end`, {});
    }
    for (const u of [world.units.rootA, world.units.s1, world.units.ac1, ...booths]) await expectSumsRight(u);
  });
});

describe('access', () => {
  it('lets a booth organiser see and edit only their booth', async () => {
    const booth = await signInAs(app, world.users.boothA.email);
    expect((await call(booth, 'GET', `/api/org/booths/${world.units.booth1}`)).statusCode).toBe(200);
    expect((await call(booth, 'GET', `/api/org/units/${world.units.ac1}/committee`)).statusCode).toBe(404);
    expect((await call(booth, 'GET', `/api/org/units/${world.units.rootA}/strength`)).statusCode).toBe(404);
    const before = (await call(admin, 'GET', `/api/org/units/${world.units.rootA}/strength`)).json();
    const assign = await call(booth, 'POST', `/api/org/units/${world.units.booth1}/designations`,
      { code: 'secretary', seat: 1, person: { phone: '+91 98765 43210', name: 'Booth Saved', homeUnitId: world.units.booth1, gender: 'female' } });
    expect(assign.statusCode, assign.body).toBe(201);
    // The booth president's save moved the national sums it cannot read.
    const after = await expectSumsRight(world.units.rootA);
    expect(after.filled).toBe(before.filled + 1);
    expect(after.workers).toBe(before.workers + 1);
    expect((await call(booth, 'POST', `/api/org/units/${world.units.ac1}/designations`, { code: 'convenor', seat: 1, personId: assign.json().personId })).statusCode).toBe(404);
  });

  it('audits the booth page read and the save in the statements that do them, and never places a person out of reach', async () => {
    const booth = await signInAs(app, world.users.boothA.email);
    const latest = (type: string) => db.selectFrom('audit_events').select(['row_ids', (eb) => eb.cast<string>('unit_path', 'text').as('unit_path'), 'detail', 'actor_label'])
      .where('type', '=', type).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const page = (await call(booth, 'GET', `/api/org/booths/${world.units.booth1}`)).json();
    const read = await latest('person.read');
    const shown = new Set<number>([...page.committee.slots.filter((s: { holder: unknown }) => s.holder).map((s: { holder: { personId: number } }) => s.holder.personId),
      ...page.workers.items.map((w: { id: number }) => w.id)]);
    expect(read.row_ids.map(Number).sort((a: number, b: number) => a - b)).toEqual([...shown].sort((a, b) => a - b));
    const boothPath = (await db.selectFrom('units').select((eb) => eb.cast<string>('path', 'text').as('p')).where('id', '=', world.units.booth1).executeTakeFirstOrThrow()).p;
    expect(read).toMatchObject({ unit_path: boothPath, detail: { via: 'booth', unitId: world.units.booth1 }, actor_label: world.users.boothA.email });
    // A person at home in S2 holds no seat the booth organiser can see: placing them is a 404 and writes nothing.
    const outsider = await person(world.units.s2);
    const count = async () => (await db.selectFrom('designations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const n = await count();
    const refused = await call(booth, 'POST', `/api/org/units/${world.units.booth1}/designations`, { code: 'member', seat: 8, personId: outsider });
    expect(refused.statusCode, refused.body).toBe(404);
    expect(refused.json().detail).toMatch(/person/);
    expect(await count()).toBe(n);
    const insider = page.workers.items[0].id as number;
    const saved = await call(booth, 'POST', `/api/org/units/${world.units.booth1}/designations`, { code: 'member', seat: 8, personId: insider, replace: true });
    expect(saved.statusCode, saved.body).toBe(201);
    const assign = await latest('designation.assign');
    expect(assign).toMatchObject({ row_ids: [String(saved.json().id)], unit_path: boothPath,
      detail: { code: 'member', seat: 8, personId: insider, replaced: null } });
    const again = await call(booth, 'POST', `/api/org/units/${world.units.booth1}/designations`, { code: 'member', seat: 8, personId: insider, replace: true });
    expect((await latest('designation.assign')).row_ids).toEqual([String(again.json().id), String(saved.json().id)]);
  });

  it('puts a folded audit event where commonPath would', async () => {
    const { commonPath } = await import('./people.queries.ts');
    for (const paths of [['1.2.3'], ['1.2.3', '1.2.3'], ['1.2.3', '1.2.3.4.5'], ['1.2.3.4', '1.2.5'], ['1.2', '3.4'], ['7.8.9', '7.8', '7.8.9.10']]) {
      const r = (await sql<{ p: string | null }>`select org_common_path(${paths}::ltree[])::text as p`.execute(db)).rows[0].p;
      expect(r ?? null, paths.join(' ')).toBe(commonPath(paths));
    }
  });

  it('hides S1 from an organiser of S2 (404), even through row-level security', async () => {
    const orgS2 = await signInAs(app, world.users.orgS2.email);
    expect((await call(orgS2, 'GET', `/api/org/units/${world.units.d1}/committee`)).statusCode).toBe(404);
    expect((await call(orgS2, 'GET', `/api/org/booths/${world.units.booth1}`)).statusCode).toBe(404);
    expect((await call(orgS2, 'PUT', '/api/org/config/norms', { items: [] })).statusCode).toBe(403);
  });
});

describe('configuration', () => {
  it('replaces norms and designation types, rebuilding the grades, and refuses to drop a type in use', async () => {
    const cfg = (await call(admin, 'GET', '/api/org/config')).json();
    expect(cfg.wings.map((w: { code: string }) => w.code)).toContain('youth');
    const norms = await call(admin, 'PUT', '/api/org/config/norms', { items: [{ level: 'booth', minFormed: 1, minWomen: 0, minScSt: 0 }] });
    expect(norms.statusCode, norms.body).toBe(200);
    await expectSumsRight(world.units.rootA);
    const types = cfg.designationTypes.filter((t: { code: string }) => t.code !== 'member');
    expect((await call(admin, 'PUT', '/api/org/config/designation-types', { items: types })).statusCode).toBe(409);
    const moreSeats = cfg.designationTypes.map((t: { code: string; level: string; seats: number }) => (t.level === 'booth' && t.code === 'member' ? { ...t, seats: 10 } : t));
    expect((await call(admin, 'PUT', '/api/org/config/designation-types', { items: moreSeats })).statusCode).toBe(200);
    expect((await expectSumsRight(world.units.booth1)).slots).toBe(14);
    expect((await call(admin, 'PUT', '/api/org/config/levels', { items: cfg.levels.slice(0, 2) })).statusCode).toBe(409);
    const audits = await db.selectFrom('audit_events').select('type').where('type', '=', 'org.configure').execute();
    expect(audits.length).toBe(2);
  });
});

describe('weak booths and the seat map layer', () => {
  it('lists booths without a committee in seats lost narrowly, as JSON, CSV and XLSX', async () => {
    // SWEEP-2019: AAA lost seat 2 by 900 votes; the world's booths sit in T01 AC 2.
    const res = await call(admin, 'GET', '/api/org/weak-booths?election=SWEEP-2019&party=AAA&maxMargin=5000');
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((b: { formed: boolean; marginVotes: number }) => !b.formed || b.marginVotes)).toBe(true);
    expect((await call(admin, 'GET', '/api/org/weak-booths?election=SWEEP-2019&party=AAA&maxMargin=500')).json().items).toHaveLength(0);
    const csv = await call(admin, 'GET', '/api/org/weak-booths?election=SWEEP-2019&party=AAA&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('Committee formed');
    const xlsx = await call(admin, 'GET', '/api/org/weak-booths?election=SWEEP-2019&party=AAA&format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const seats = (await call(admin, 'GET', '/api/org/seat-strength?election=SWEEP-2019&party=AAA')).json();
    const seat2 = seats.items.find((s: { constituencyNo: number }) => s.constituencyNo === 2);
    expect(seat2.booths).toBeGreaterThan(0);
    expect(seat2.classes).toContain('lost-close');
  });
});

describe('the grade rule', () => {
  it('agrees between TypeScript and SQL', async () => {
    const cases: BoothFigures[] = [];
    for (const formed of [true, false]) for (const head of [true, false]) for (const filled of [0, 3, 7, 11, 12])
      for (const pages of [0, 4]) for (const verified of [0, 6]) cases.push({ formed, head, slots: 12, filled, pages, pagesCovered: 2, workers: 10, verified, women: 3, minWomen: 3 });
    const rows = (await sql<{ g: string }>`select org_booth_grade((c->>'formed')::boolean, (c->>'head')::boolean, (c->>'slots')::int, (c->>'filled')::int,
        (c->>'pages')::int, (c->>'pagesCovered')::int, (c->>'workers')::int, (c->>'verified')::int, (c->>'women')::int, (c->>'minWomen')::int) as g
      from jsonb_array_elements(${JSON.stringify(cases)}::jsonb) with ordinality as x(c, i) order by x.i`.execute(db)).rows;
    expect(rows.map((r) => r.g)).toEqual(cases.map(boothGrade));
    expect(new Set(rows.map((r) => r.g))).toEqual(new Set(['A', 'B', 'C', 'D']));
  });
});
