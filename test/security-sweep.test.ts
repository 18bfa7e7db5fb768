// The security sweep: every API route the app registers, called with no session, as a user of
// another tenant, as a user of a sibling unit and with a role too low. None of them may get data
// or make a write. Routes are read from the app itself, so a new route is covered the day it lands.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { RouteOptions } from 'fastify';
import { signInAs, startWorld } from './builders.ts';
import { createFakeTelephony } from '../src/modules/outreach/telephony.ts';

// The fake telephony provider, behind the interface a real one meets, so the bridge routes can be swept.
const { database, world, app, close } = await startWorld({ telephony: createFakeTelephony({ secret: 'sweep-secret-0123456789', deliver: async () => {} }) });
afterAll(close);

// Public routes carry no tenant data. Making another route public is a decision: add it here on purpose.
// The RSVP link's two routes are the exception: the token (122 random bits) is the invitee's key and
// shows and answers only that one invitation (src/modules/programmes/events-rsvp.ts).
const PUBLIC = new Set(['POST /api/auth/login', 'GET /api/status', 'GET /api/rsvp/:token', 'POST /api/rsvp/:token', 'POST /api/telephony/status']);
// Tables whose rows change as a side effect of any request (sign-in, audit of a refusal).
const BOOKKEEPING = new Set(['audit_events', 'login_attempts', 'sessions', 'system_jobs', 'schema_migrations']);

const owner = await signInAs(app, world.users.adminA.email);
const ownerToken = (await app.inject({ method: 'POST', url: '/api/tokens', headers: owner.headers(true), payload: { name: 'Canary token' } })).json();
const targetGrant = await database.db.selectFrom('grants').select('id').where('user_id', '=', world.users.target.id).executeTakeFirstOrThrow();
// Path parameters by name: each points at something inside tenant A's S1 subtree (or the owner's own).
const fixtures: Record<string, unknown> = {
  unitId: world.units.d1, grantId: targetGrant.id, tokenId: ownerToken.id,
  tenantId: world.tenantA, targetUserId: world.users.target.id,
  stateCode: 'T01', acNo: 2, house: 'AE', no: 2, // reference geography (test/builders.ts buildResults)
};
// Projection scenarios (src/modules/projection): a saved scenario of the owner's, at tenant A's root.
fixtures.scenarioId = (await app.inject({ method: 'POST', url: '/api/scenarios', headers: owner.headers(true),
  payload: { name: 'Canary scenario', election: 'SWEEP-2019', scenario: {} } })).json().id;
// Reference data (geography, results) is shared by every tenant: a path naming it aims at nobody's rows.
const REFERENCE_PARAMS = new Set(['stateCode', 'acNo', 'house', 'no']);
// Imports and party data (src/modules/elections/imports.routes.ts, parties.routes.ts): an upload of the
// owner's at tenant A's root; an alias is shared reference data, so a path naming it aims at nobody's rows.
fixtures.importId = (await database.db.insertInto('imports').values({ kind: 'results', file_name: 'canary.csv', format: 'canonical',
  imported_by: world.users.adminA.email, tenant_id: world.tenantA, unit_path: String(world.units.rootA), user_id: world.users.adminA.id, status: 'done' })
  .returning('id').executeTakeFirstOrThrow()).id;
fixtures.alias = 'SWEEPALIAS';
REFERENCE_PARAMS.add('alias');
// Organisation (src/modules/organisation, docs/organisation.md): a person living in S1's booth who
// holds a seat there, an elected office and an inductee record, all inside the owner's S1 subtree.
{
  const tenant_id = world.tenantA;
  const booth = await database.db.selectFrom('units').select(['id', 'path']).where('id', '=', world.units.booth1).executeTakeFirstOrThrow();
  const person = await database.db.insertInto('people').values({ tenant_id, phone: '+919800000001', name: 'Canary Person', home_unit_id: booth.id, unit_path: booth.path })
    .returning('id').executeTakeFirstOrThrow();
  fixtures.personId = person.id;
  // A second record of the same worker, for the merge route (src/modules/organisation/merge.ts).
  fixtures.duplicatePersonId = (await database.db.insertInto('people').values({ tenant_id, phone: '+919800000002', name: 'Canary Person', home_unit_id: booth.id, unit_path: booth.path })
    .returning('id').executeTakeFirstOrThrow()).id;
  fixtures.designationId = (await database.db.insertInto('designations').values({ tenant_id, unit_id: booth.id, unit_path: booth.path, level: 'booth', code: 'member', seat: 1, person_id: person.id })
    .returning('id').executeTakeFirstOrThrow()).id;
  fixtures.representativeId = (await database.db.insertInto('representatives').values({ tenant_id, person_id: person.id, office: 'councillor', body: 'Canary Ward Council', unit_id: booth.id, unit_path: booth.path })
    .returning('id').executeTakeFirstOrThrow()).id;
  fixtures.inducteeId = (await database.db.insertInto('inductees').values({ tenant_id, person_id: person.id, previous_party: 'Canary Party', unit_id: booth.id, unit_path: booth.path })
    .returning('id').executeTakeFirstOrThrow()).id;
}
// Organisation bulk files (org-import.routes.ts): an export kind, and an upload of the owner's in S1.
fixtures.kind = 'people';
fixtures.orgImportId = Number((await sql<{ id: number }>`insert into org_imports (tenant_id, kind, file_name, unit_path, imported_by, status)
  values (${world.tenantA}, 'people', 'canary.csv', ${String(world.units.rootA)}::ltree || ${String(world.units.s1)}, ${world.users.adminA.email}, 'done') returning id`.execute(database.db)).rows[0].id);
fixtures.s1UnitId = world.units.s1; // POST /api/units/:unitId/move: the district's own parent (a no-op move)
// Outreach (src/modules/outreach): a call centre run by S1's district, the owner as its agent, a
// campaign with one contact living in S1's booth, ready in the queue.
{
  const t = world.tenantA;
  const d1 = await database.db.selectFrom('units').select(['id', 'path']).where('id', '=', world.units.d1).executeTakeFirstOrThrow();
  const booth = await database.db.selectFrom('units').select(['id', 'path']).where('id', '=', world.units.booth1).executeTakeFirstOrThrow();
  fixtures.centreId = Number((await sql<{ id: number }>`insert into call_centres (tenant_id, name, unit_id, unit_path) values (${t}, 'Canary centre', ${d1.id}, ${d1.path}::ltree) returning id`.execute(database.db)).rows[0].id);
  await sql`insert into centre_agents (tenant_id, centre_id, user_id, unit_path, languages) values (${t}, ${fixtures.centreId as number}, ${world.users.adminA.id}, ${d1.path}::ltree, '{hi}')`.execute(database.db);
  fixtures.campaignId = Number((await sql<{ id: number }>`insert into campaigns (tenant_id, centre_id, unit_path, name, starts_at, ends_at, status, calling_from, calling_to)
    values (${t}, ${fixtures.centreId as number}, ${d1.path}::ltree, 'Canary campaign', now(), now() + interval '30 days', 'active', '00:00', '23:59') returning id`.execute(database.db)).rows[0].id);
  fixtures.contactId = Number((await sql<{ id: number }>`insert into contacts (tenant_id, phone, name, unit_id, unit_path) values (${t}, '+919800000099', 'Canary Contact', ${booth.id}, ${booth.path}::ltree) returning id`.execute(database.db)).rows[0].id);
  await sql`insert into campaign_contacts (tenant_id, campaign_id, contact_id, centre_id, unit_path, language, state)
    values (${t}, ${fixtures.campaignId as number}, ${fixtures.contactId as number}, ${fixtures.centreId as number}, ${d1.path}::ltree, 'hi', 'ready')`.execute(database.db);
  // A call needing an organiser, open on the to-do list (dashboard.routes.ts).
  fixtures.callId = Number((await sql<{ id: number }>`insert into calls (tenant_id, idempotency_key, campaign_id, contact_id, unit_path, agent_user_id, outcome, note)
    values (${t}, gen_random_uuid(), ${fixtures.campaignId as number}, ${fixtures.contactId as number}, ${d1.path}::ltree, ${world.users.adminA.id}, 'needs_organiser',
      'Canary note') returning id`.execute(database.db)).rows[0].id);
  // A second canary contact held by the owner, with the owner's phone at the centre: the bridge route's own.
  fixtures.heldContactId = Number((await sql<{ id: number }>`insert into contacts (tenant_id, phone, name, unit_id, unit_path) values (${t}, '+919800000098', 'Canary Held', ${booth.id}, ${booth.path}::ltree) returning id`.execute(database.db)).rows[0].id);
  await sql`insert into campaign_contacts (tenant_id, campaign_id, contact_id, centre_id, unit_path, language, state, held_by, lease_until)
    values (${t}, ${fixtures.campaignId as number}, ${fixtures.heldContactId as number}, ${fixtures.centreId as number}, ${d1.path}::ltree, 'hi', 'held', ${world.users.adminA.id}, now() + interval '1 day')`.execute(database.db);
  await sql`update centre_agents set phone = '+919800000097' where user_id = ${world.users.adminA.id}`.execute(database.db);
  fixtures.bridgeId = Number((await sql<{ id: number }>`insert into call_bridges (tenant_id, campaign_id, contact_id, agent_user_id, unit_path, provider, provider_call_id)
    values (${t}, ${fixtures.campaignId as number}, ${fixtures.contactId as number}, ${world.users.adminA.id}, ${d1.path}::ltree, 'fake', 'canary-call') returning id`.execute(database.db)).rows[0].id);
  fixtures.contactImportId = Number((await sql<{ id: number }>`insert into contact_imports (tenant_id, file_name, unit_path, imported_by, status)
    values (${t}, 'canary-contacts.csv', ${d1.path}::ltree, ${world.users.adminA.email}, 'done') returning id`.execute(database.db)).rows[0].id);
}
// Tours (src/modules/programmes/tours.*): a tour organised by S1's district, with a visit to its booth
// inside the tour's dates (tours.routes.ts sends its sweep bodies for 2026-03-02).
{
  const tenant_id = world.tenantA;
  const unit = (id: number) => database.db.selectFrom('units').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
  const [d1, booth] = [await unit(world.units.d1), await unit(world.units.booth1)];
  fixtures.tourId = (await database.db.insertInto('tours').values({ tenant_id, leader_name: 'Canary Leader', unit_id: d1.id, unit_path: d1.path,
    title: 'Canary tour', starts_on: '2026-03-01', ends_on: '2026-03-03' }).returning('id').executeTakeFirstOrThrow()).id;
  fixtures.visitId = (await database.db.insertInto('tour_visits').values({ tenant_id, tour_id: fixtures.tourId as number, tour_unit_path: d1.path,
    unit_id: booth.id, unit_path: booth.path, visit_on: '2026-03-02' }).returning('id').executeTakeFirstOrThrow()).id;
}
// Events (src/modules/programmes/events.*): a training organised by S1's district with one session, the
// organisation's Canary Person invited and registered with a known credential (the check-in body, and the
// one badge of GET …/badges.pdf, which refuses an event with nobody registered).
{
  const tenant_id = world.tenantA;
  const d1 = await database.db.selectFrom('units').select(['id', 'path']).where('id', '=', world.units.d1).executeTakeFirstOrThrow();
  const eventId = (await database.db.insertInto('events').values({ tenant_id, kind: 'training', title: 'Canary Training', unit_id: d1.id, unit_path: d1.path,
    starts_at: '2030-01-10T04:30:00Z', ends_at: '2030-01-10T10:30:00Z' }).returning('id').executeTakeFirstOrThrow()).id;
  await database.db.insertInto('training_sessions').values({ tenant_id, event_id: eventId, no: 1, title: 'Canary session' }).execute();
  fixtures.credential = 'SweepCredentialToken0001';
  await database.db.insertInto('event_invitees').values({ tenant_id, event_id: eventId, person_id: fixtures.personId as number, unit_path: d1.path,
    reason: 'named', credential: fixtures.credential as string, registered_at: new Date() }).execute();
  Object.assign(fixtures, { eventId, sessionNo: 1 });
}
// Tasks (src/modules/programmes/tasks.*): a reported task owned by S1 cascaded to its booth, with a
// report and a photo from the booth, a to-do for the Canary Person, a notification and an outbox message.
{
  const tenant_id = world.tenantA;
  const created = await app.inject({ method: 'POST', url: '/api/tasks', headers: owner.headers(true), payload: {
    ownerUnitId: world.units.s1, title: 'Canary task', metric: 'reported', unitLabel: 'walls', target: 10, assigneeLevel: 'booth', dueOn: '2099-12-31' } });
  fixtures.taskId = created.json().id;
  Object.assign(fixtures, { taskUnitId: world.units.s1, taskChildUnitId: world.units.d1, taskAssigneeUnitId: world.units.booth1 });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
  const report = await app.inject({ method: 'POST', url: `/api/tasks/${fixtures.taskId}/reports`, headers: owner.headers(true), payload: {
    unitId: world.units.booth1, value: 1, note: 'Canary report', evidence: [{ fileName: 'canary.png', mime: 'image/png', dataBase64: png }] } });
  fixtures.evidenceId = report.json().evidence[0].id;
  const booth = await database.db.selectFrom('units').select(sql<string>`path::text`.as('path')).where('id', '=', world.units.booth1).executeTakeFirstOrThrow();
  await database.db.insertInto('task_people').values({ tenant_id, task_id: fixtures.taskId as number, person_id: fixtures.personId as number, unit_path: booth.path }).execute();
  fixtures.notificationId = (await database.db.insertInto('notifications').values({ tenant_id, user_id: world.users.adminA.id, kind: 'task.assigned',
    params: JSON.stringify({ title: 'Canary task' }), link: null }).returning('id').executeTakeFirstOrThrow()).id;
  fixtures.messageId = (await database.db.insertInto('outbox').values({ tenant_id, channel: 'email', recipient: world.users.adminA.email,
    subject: 'Canary task', body: 'Canary task' }).returning('id').executeTakeFirstOrThrow()).id;
}
// Strings only tenant A's S1 subtree and its admin produce: no attacker's response may contain them.
const canaries = ['Canary', 'canary-target', world.users.adminA.email, '+919800000001', '9800000001'];

const routes = app.routeTable
  .flatMap((r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ ...r, method: String(method) })))
  .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');

async function rowCounts(): Promise<string> {
  const tables = (await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = 'public' order by 1`.execute(database.db)).rows
    .map((r) => r.t).filter((t) => !BOOKKEEPING.has(t));
  const counts = await Promise.all(tables.map(async (t) => `${t}=${(await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(database.db)).rows[0].n}`));
  return counts.join(' ');
}

/** The request, and whether it aims at the owner's rows (a path id or a fixture in the body). */
function requestFor(route: (typeof routes)[number]) {
  let targeted = false;
  const seen = new Proxy(fixtures, { get: (t, k: string) => { targeted = true; return t[k]; } });
  const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
    if (!REFERENCE_PARAMS.has(name)) targeted = true;
    if (!(name in fixtures)) throw new Error(`the security sweep has no fixture for :${name} in ${route.url}; add one to test/security-sweep.test.ts`);
    return String(fixtures[name]);
  });
  const example = route.config?.sweep?.example?.(seen) ?? {};
  const query = example.query ? `?${new URLSearchParams(example.query)}` : '';
  return { targeted, req: { method: route.method as 'GET', url: url + query, payload: example.body as object | undefined } };
}

describe('security sweep', () => {
  it('covers every API route, and only the listed ones are public', () => {
    const publicRoutes = routes.filter((r) => r.config?.public).map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC].sort());
    expect(routes.length).toBeGreaterThan(15);
  });

  for (const route of routes.filter((r) => !r.config?.public)) {
    const self = Boolean(route.config?.sweep?.self);
    it(`${route.method} ${route.url}${self ? ' (about the actor)' : ''}`, async () => {
      const { req, targeted } = requestFor(route);
      const before = await rowCounts();
      const anonymous = await app.inject({ ...req, headers: {} });
      expect(anonymous.statusCode, 'no session').toBe(401);
      expect(await rowCounts(), 'no session made a write').toBe(before);

      const attackers = [['other tenant', world.users.adminB.email], ['sibling unit', world.users.orgS2.email], ['role too low', world.users.callerA.email]] as const;
      for (const [who, email] of attackers) {
        const c = await signInAs(app, email);
        const beforeCall = await rowCounts();
        const res = await app.inject({ ...requestFor(route).req, headers: c.headers(true) });
        for (const canary of canaries) expect(res.body, `${who} saw ${canary}`).not.toContain(canary);
        if (who === 'other tenant') expect(res.body, `${who} saw tenant A's id`).not.toContain(world.tenantA);
        // A collection or a create without a target answers in the attacker's own scope: only the
        // canaries above tell a leak. Anything aimed at the owner's rows, or a role too low, must be refused.
        if (!self && (targeted || who === 'role too low')) {
          expect(res.statusCode, `${who}: ${res.body}`).toBeGreaterThanOrEqual(400);
          expect(await rowCounts(), `${who} made a write`).toBe(beforeCall);
        }
      }
      // The owner's call must succeed, or the refusals above prove nothing about a valid request.
      const fresh = await signInAs(app, world.users.adminA.email); // the logout route ends the first session
      const ok = await app.inject({ ...requestFor(route).req, headers: fresh.headers(true) });
      expect(ok.statusCode, `owner: ${ok.body}`).toBeLessThan(300);
    });
  }
});
