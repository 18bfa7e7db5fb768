// Builders for tests: a small world of two tenants, a unit tree and users at every depth, made
// through the same tables the app uses (as the system), never from JSON fixtures.
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../src/db/open.ts';
import { hashPassword } from '../src/modules/access/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import type { Deps } from '../src/server/deps.ts';
import { defaultAuthPolicy } from '../src/modules/access/auth.service.ts';
import { freshDatabase, type TestDatabase } from './harness.ts';

export const PASSWORD = 'test-password-1';
let passwordHash: Promise<string> | undefined;

export interface World {
  tenantA: string; tenantB: string;
  units: Record<'rootA' | 's1' | 's2' | 'd1' | 'ac1' | 'booth1' | 'rootB', number>;
  users: Record<'adminA' | 'orgS1' | 'orgS2' | 'viewerA' | 'callerA' | 'adminB' | 'boothA' | 'target', { id: string; email: string }>;
}

async function addTenant(db: Executor, slug: string, name: string): Promise<string> {
  const t = await db.insertInto('tenants').values({ slug, name }).returning('id').executeTakeFirstOrThrow();
  const levels = ['national', 'state', 'district', 'ac', 'booth'];
  await db.insertInto('unit_levels').values(levels.map((level, depth) => ({ tenant_id: t.id, level, depth, name: level, name_hi: null }))).execute();
  return t.id;
}

async function addUnit(db: Executor, tenantId: string, parent: { id: number; path: string } | null, level: string, name: string, geo: { state_code?: string; ac_no?: number; part_no?: number } = {}) {
  const row = await db.insertInto('units').values({ tenant_id: tenantId, parent_id: parent?.id ?? null, level, name, name_hi: null, path: '0', state_code: geo.state_code ?? null, ac_no: geo.ac_no ?? null, part_no: geo.part_no ?? null, wing: null })
    .returning('id').executeTakeFirstOrThrow();
  const path = parent ? `${parent.path}.${row.id}` : String(row.id);
  await db.updateTable('units').set({ path }).where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
  return { id: row.id, path };
}

async function addUser(db: Executor, email: string, grants: { tenantId: string; role: string; unitId: number }[]) {
  passwordHash ??= hashPassword(PASSWORD);
  const user = await db.insertInto('users').values({ email, name: email.split('@')[0], password_hash: await passwordHash }).returning('id').executeTakeFirstOrThrow();
  for (const g of grants) await db.insertInto('grants').values({ tenant_id: g.tenantId, user_id: user.id, role_code: g.role, unit_id: g.unitId }).execute();
  return { id: user.id, email };
}

/** Tenant A: root → states S1, S2; S1 → district D1 → AC → booth. Tenant B: a root. Names under S1 start with "Canary" so leaks are easy to spot. */
export async function buildWorld(db: Executor): Promise<World> {
  const tenantA = await addTenant(db, 'tenant-a', 'Tenant A Party');
  const tenantB = await addTenant(db, 'tenant-b', 'Tenant B Party');
  const rootA = await addUnit(db, tenantA, null, 'national', 'A National');
  const s1 = await addUnit(db, tenantA, rootA, 'state', 'Canary State One');
  const s2 = await addUnit(db, tenantA, rootA, 'state', 'State Two');
  const d1 = await addUnit(db, tenantA, s1, 'district', 'Canary District');
  const ac1 = await addUnit(db, tenantA, d1, 'ac', 'Canary Assembly');
  const booth1 = await addUnit(db, tenantA, ac1, 'booth', 'Canary Booth');
  const rootB = await addUnit(db, tenantB, null, 'national', 'B National');
  await buildResults(db);
  const g = (tenantId: string, role: string, unitId: number) => ({ tenantId, role, unitId });
  const users = {
    adminA: await addUser(db, 'admin-a@test.warroom', [g(tenantA, 'admin', rootA.id)]),
    orgS1: await addUser(db, 'org-s1@test.warroom', [g(tenantA, 'organiser', s1.id)]),
    orgS2: await addUser(db, 'org-s2@test.warroom', [g(tenantA, 'admin', s2.id)]),
    viewerA: await addUser(db, 'viewer-a@test.warroom', [g(tenantA, 'viewer', rootA.id)]),
    callerA: await addUser(db, 'caller-a@test.warroom', [g(tenantA, 'caller', rootA.id)]),
    adminB: await addUser(db, 'admin-b@test.warroom', [g(tenantB, 'admin', rootB.id)]),
    boothA: await addUser(db, 'booth-a@test.warroom', [g(tenantA, 'organiser', booth1.id)]),
    target: await addUser(db, 'canary-target@test.warroom', [g(tenantA, 'viewer', d1.id)]),
  };
  return { tenantA, tenantB, units: { rootA: rootA.id, s1: s1.id, s2: s2.id, d1: d1.id, ac1: ac1.id, booth1: booth1.id, rootB: rootB.id }, users };
}

export async function testApp(db: Executor, extra: Partial<Deps> = {}): Promise<FastifyInstance> {
  // Errors only: an unexpected failure (a 500, a background import's crash) shows its stack in the
  // test output instead of "the server log has the details" with no log to read.
  const app = await buildApp({ db, version: 'test', isReady: () => true, policy: defaultAuthPolicy, ...extra }, { serveWeb: false, logger: { level: 'error' } });
  await app.ready();
  return app;
}

export interface Client { cookie: string; csrf: string; headers: (write?: boolean) => Record<string, string> }

/** Signs in through the real route and returns what a browser would hold. */
export async function signInAs(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'wr_session')!.value;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: (write = false) => ({ cookie: `wr_session=${cookie}`, ...(write && { 'x-csrf-token': csrf }) }) };
}

/** A fresh database with the world built and the app ready: the usual start of an API test file. */
export async function startWorld(extra: Partial<Deps> = {}): Promise<{ database: TestDatabase; world: World; app: FastifyInstance; close: () => Promise<void> }> {
  const database = await freshDatabase();
  const world = await buildWorld(database.db);
  const app = await testApp(database.db, extra);
  return { database, world, app, close: async () => { await app.close(); await database.dispose(); } };
}

/**
 * A tiny state with two assembly elections, votes chosen so each seat class shows up once:
 * seat 1 AAA holds both times (stronghold at N=2), seat 2 AAA lost by 900 (close, battleground),
 * seat 3 AAA never won, seat 4 uncontested for BBB.
 */
export async function buildResults(db: Executor): Promise<void> {
  await db.insertInto('states').values({ code: 'T01', name: 'Test State', name_hi: 'परीक्षा प्रदेश', kind: 'state', is_demo: true }).execute();
  await db.insertInto('constituencies').values([1, 2, 3, 4].map((no) => ({ state_code: 'T01', house: 'AE' as const, no, name: `Seat ${no}`, name_hi: null, reservation: no === 3 ? 'SC' as const : 'GEN' as const, pc_no: 1 }))).execute();
  await db.insertInto('constituencies').values({ state_code: 'T01', house: 'LS', no: 1, name: 'Only PC', name_hi: null, pc_no: null }).execute();
  const votes: Record<string, [number, [string, number | null][]][]> = {
    'SWEEP-2014': [[1, [['AAA', 50_000], ['BBB', 30_000], ['NOTA', 1_000]]], [2, [['BBB', 41_000], ['AAA', 40_000]]], [3, [['CCC', 45_000], ['BBB', 20_000], ['AAA', 10_000]]], [4, [['BBB', null]]]],
    'SWEEP-2019': [[1, [['AAA', 52_000], ['BBB', 31_000], ['NOTA', 1_200]]], [2, [['BBB', 40_900], ['AAA', 40_000], ['CCC', 5_000]]], [3, [['CCC', 44_000], ['AAA', 25_000]]], [4, [['BBB', null]]]],
  };
  for (const [id, seats] of Object.entries(votes)) {
    await db.insertInto('elections').values({ id, house: 'AE', state_code: 'T01', year: Number(id.slice(-4)), name: `Test ${id}`, poll_date: null, is_demo: true }).execute();
    for (const [no, cands] of seats) {
      const ranked = cands.filter(([p]) => p !== 'NOTA');
      await db.insertInto('results').values(cands.map(([party, v], i) => ({
        election_id: id, state_code: 'T01', constituency_no: no, seq: i + 1, candidate: `${party} candidate ${no}`, party_code: party, votes: v,
        position: party === 'NOTA' ? null : ranked.findIndex(([p]) => p === party) + 1, party_raw: party, sex: null,
      }))).execute();
    }
  }
  await db.insertInto('booth_candidates').values([
    { election_id: 'SWEEP-2019', state_code: 'T01', ac_no: 2, seq: 1, candidate: 'a', party_code: 'AAA' },
    { election_id: 'SWEEP-2019', state_code: 'T01', ac_no: 2, seq: 2, candidate: 'b', party_code: 'BBB' },
  ]).execute();
  await db.insertInto('booth_votes').values([
    { election_id: 'SWEEP-2019', state_code: 'T01', ac_no: 2, part_no: 1, votes: '{600,400}' },
    { election_id: 'SWEEP-2019', state_code: 'T01', ac_no: 2, part_no: 2, votes: '{300,700}' },
  ]).execute();
}
