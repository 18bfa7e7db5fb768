import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, PASSWORD } from './builders.ts';

const { database, world, app, close } = await startWorld();
afterAll(close);

describe('sign-in and sessions', () => {
  it('signs in, sets an httpOnly SameSite cookie, and answers the session', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ADMIN-A@test.warroom', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'wr_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const session = res.json();
    expect(session.user.email).toBe('admin-a@test.warroom');
    expect(session.tenant.id).toBe(world.tenantA);
    expect(session.permissions).toContain('users.manage');
  });

  it('rotates the session id at every sign-in and ends the old one', async () => {
    const first = await signInAs(app, 'viewer-a@test.warroom');
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: `wr_session=${first.cookie}` }, payload: { email: 'viewer-a@test.warroom', password: PASSWORD } });
    const second = res.cookies.find((c) => c.name === 'wr_session')!.value;
    expect(second).not.toBe(first.cookie);
    expect((await app.inject({ url: '/api/session', headers: first.headers() })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/session', headers: { cookie: `wr_session=${second}` } })).statusCode).toBe(200);
  });

  it('answers a wrong password with 401 problem+json and locks the account after five', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'caller-a@test.warroom', password: 'nope' } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const locked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'caller-a@test.warroom', password: PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().detail).toMatch(/locked/);
    expect(locked.headers['retry-after']).toBeDefined();
    await database.db.updateTable('users').set({ locked_until: null, failed_logins: 0 }).where('email', '=', 'caller-a@test.warroom').execute();
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const c = await signInAs(app, 'admin-a@test.warroom');
    const res = await app.inject({ method: 'PATCH', url: '/api/me', headers: c.headers(), payload: { locale: 'hi' } });
    expect(res.statusCode).toBe(403);
    const ok = await app.inject({ method: 'PATCH', url: '/api/me', headers: c.headers(true), payload: { locale: 'hi' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.locale).toBe('hi');
  });

  it('ends access after the account end date', async () => {
    await database.db.updateTable('users').set({ access_ends_at: new Date(Date.now() - 1000) }).where('email', '=', 'booth-a@test.warroom').execute();
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'booth-a@test.warroom', password: PASSWORD } });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/ended/);
    await database.db.updateTable('users').set({ access_ends_at: null }).where('email', '=', 'booth-a@test.warroom').execute();
  });

  it('switches tenant only to a tenant the user holds a grant in', async () => {
    await database.db.insertInto('grants').values({ tenant_id: world.tenantB, user_id: world.users.viewerA.id, role_code: 'viewer', unit_id: world.units.rootB }).execute();
    const c = await signInAs(app, 'viewer-a@test.warroom');
    const session = (await app.inject({ url: '/api/session', headers: c.headers() })).json();
    expect(session.tenants.map((t: { id: string }) => t.id).sort()).toEqual([world.tenantA, world.tenantB].sort());
    const switched = await app.inject({ method: 'POST', url: '/api/session/tenant', headers: c.headers(true), payload: { tenantId: world.tenantB } });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().tenant.slug).toBe('tenant-b');
    const o = await signInAs(app, 'org-s1@test.warroom');
    const refused = await app.inject({ method: 'POST', url: '/api/session/tenant', headers: o.headers(true), payload: { tenantId: world.tenantB } });
    expect(refused.statusCode).toBe(404);
  });

  it('signs out and the cookie stops working', async () => {
    const c = await signInAs(app, 'org-s1@test.warroom');
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: c.headers(true) })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/session', headers: c.headers() })).statusCode).toBe(401);
  });
});

describe('grants, scopes and audit', () => {
  it('lets a state admin see only their subtree', async () => {
    const c = await signInAs(app, 'org-s2@test.warroom');
    expect((await app.inject({ url: `/api/units/${world.units.d1}`, headers: c.headers() })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/units/${world.units.s2}`, headers: c.headers() })).statusCode).toBe(200);
    const roots = (await app.inject({ url: '/api/units/roots', headers: c.headers() })).json();
    expect(roots.items.map((u: { id: number }) => u.id)).toEqual([world.units.s2]);
  });

  it('adds a user, grants a role, audits both in the same transaction, and revokes', async () => {
    const c = await signInAs(app, 'admin-a@test.warroom');
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: c.headers(true), payload: { email: 'New.Person@Test.Warroom', name: 'New Person', password: 'a-long-password' } });
    expect(created.statusCode).toBe(201);
    const userId = created.json().id;
    const dup = await app.inject({ method: 'POST', url: '/api/users', headers: c.headers(true), payload: { email: 'new.person@test.warroom', name: 'Again', password: 'a-long-password' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('email');
    const grant = await app.inject({ method: 'POST', url: '/api/grants', headers: c.headers(true), payload: { userId, role: 'organiser', unitId: world.units.ac1 } });
    expect(grant.statusCode).toBe(201);
    const audit = (await app.inject({ url: '/api/audit?type=grant.create', headers: c.headers() })).json();
    expect(audit.items[0].rowIds).toEqual([String(grant.json().id)]);
    expect((await app.inject({ method: 'DELETE', url: `/api/grants/${grant.json().id}`, headers: c.headers(true) })).statusCode).toBe(204);
    const people = await signInAs(app, 'new.person@test.warroom', 'a-long-password').catch((e: Error) => e);
    expect(people).toBeInstanceOf(Error); // no grant left, no tenant to enter
  });

  it('names the field in a validation problem', async () => {
    const c = await signInAs(app, 'admin-a@test.warroom');
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: c.headers(true), payload: { email: 'not-an-email', name: '', password: 'short' } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'name', 'password']);
    expect(res.body).not.toMatch(/at .*\.ts:/); // no stack traces
  });

  it('keeps a state admin out of audit events of other scopes', async () => {
    const c = await signInAs(app, 'org-s2@test.warroom');
    const events = (await app.inject({ url: '/api/audit', headers: c.headers() })).json();
    expect(events.items.every((e: { type: string }) => e.type !== 'grant.create')).toBe(true);
  });

  it('accepts an API token as a bearer, and not after it is revoked', async () => {
    const c = await signInAs(app, 'admin-a@test.warroom');
    const created = (await app.inject({ method: 'POST', url: '/api/tokens', headers: c.headers(true), payload: { name: 'integration' } })).json();
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await app.inject({ url: '/api/units/roots', headers: bearer })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${created.id}`, headers: c.headers(true) })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/units/roots', headers: bearer })).statusCode).toBe(401);
  });
});

describe('server basics', () => {
  it('serves health, metrics, OpenAPI and problem+json 404s', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics' })).body).toContain('warroom_http_request_duration_seconds');
    const spec = await app.inject({ url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toContain('/api/users');
    const missing = await app.inject({ url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});

describe('granting by e-mail', () => {
  it('grants a role to an existing user named by e-mail, and 404s an unknown one', async () => {
    const c = await signInAs(app, 'admin-a@test.warroom');
    const ok = await app.inject({ method: 'POST', url: '/api/grants', headers: c.headers(true), payload: { email: 'Admin-B@test.warroom', role: 'viewer', unitId: world.units.s2 } });
    expect(ok.statusCode).toBe(201);
    const unknown = await app.inject({ method: 'POST', url: '/api/grants', headers: c.headers(true), payload: { email: 'nobody@test.warroom', role: 'viewer', unitId: world.units.s2 } });
    expect(unknown.statusCode).toBe(404);
    const both = await app.inject({ method: 'POST', url: '/api/grants', headers: c.headers(true), payload: { role: 'viewer', unitId: world.units.s2 } });
    expect(both.statusCode).toBe(400);
  });
});

describe('session expiry and throttling', () => {
  it('ends a session that was idle too long, or is past its absolute end', async () => {
    const idle = await signInAs(app, 'viewer-a@test.warroom');
    await database.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 3 * 3600_000) }).where('user_id', '=', world.users.viewerA.id).execute();
    expect((await app.inject({ url: '/api/session', headers: idle.headers() })).statusCode).toBe(401);
    const old = await signInAs(app, 'viewer-a@test.warroom');
    await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', world.users.viewerA.id).execute();
    const res = await app.inject({ url: '/api/session', headers: old.headers() });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/session has ended/);
  });

  it('throttles sign-in attempts from one address across accounts', async () => {
    const { buildApp } = await import('../src/server/app.ts');
    const { defaultAuthPolicy } = await import('../src/modules/access/auth.service.ts');
    const strict = await buildApp({ db: database.db, version: 'test', isReady: () => true, policy: { ...defaultAuthPolicy, maxFailuresPerIp: 3 } }, { serveWeb: false });
    const from = { remoteAddress: '10.9.9.9' };
    for (const email of ['a@x.test', 'b@x.test', 'c@x.test']) {
      expect((await strict.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'wrong' }, ...from })).statusCode).toBe(401);
    }
    const blocked = await strict.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin-a@test.warroom', password: PASSWORD }, ...from });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await strict.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin-a@test.warroom', password: PASSWORD }, remoteAddress: '10.9.9.8' });
    expect(elsewhere.statusCode).toBe(200);
    await strict.close();
  });
});
