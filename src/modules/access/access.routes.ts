import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { cookieOptions, originOf, SESSION_COOKIE } from '../../server/auth-hook.ts';
import { NotFound } from '../../shared/errors.ts';
import * as S from './access.schemas.ts';
import { resolveSession, signIn, signOut, switchTenant } from './auth.service.ts';
import { getSession, updateMe } from './session.service.ts';
import { createGrant, createUser, findRoles, findUsers, removeGrant } from './users.service.ts';
import { exportAuditCsv, findAuditEvents } from './audit.service.ts';
import { createToken, findTokens, revokeToken } from './tokens.service.ts';

export function accessRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['access'];

  r.post('/api/auth/login', { config: { public: true }, schema: { tags, body: S.LoginBody, response: { 200: S.Session } } }, async (req, reply) => {
    const { cookie, session } = await signIn(deps.db, deps.policy, req.body.email, req.body.password, originOf(req), req.cookies[SESSION_COOKIE]);
    reply.setCookie(SESSION_COOKIE, cookie, cookieOptions(req, deps.policy.absoluteHours * 3600));
    const resolved = await resolveSession(deps.db, deps.policy, cookie, originOf(req));
    return getSession(deps.db, resolved!.actor, session);
  });

  r.post('/api/auth/logout', { config: { sweep: { self: true } }, schema: { tags } }, async (req, reply) => {
    await signOut(deps.db, req.cookies[SESSION_COOKIE] ?? '', req.actor!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  r.get('/api/session', { config: { sweep: { self: true } }, schema: { tags, response: { 200: S.Session } } }, async (req) => getSession(deps.db, req.actor!, req.session));

  r.post('/api/session/tenant', { config: { sweep: { self: true, example: (fx) => ({ body: { tenantId: fx.tenantId } }) } }, schema: { tags, body: S.SwitchTenantBody, response: { 200: S.Session } } }, async (req) => {
    if (!req.session || !(await switchTenant(deps.db, req.session, req.actor!, req.body.tenantId))) throw new NotFound('tenant');
    const resolved = await resolveSession(deps.db, deps.policy, req.cookies[SESSION_COOKIE]!, originOf(req));
    if (!resolved) throw new NotFound('tenant');
    return getSession(deps.db, resolved.actor, resolved.session);
  });

  r.patch('/api/me', { config: { sweep: { self: true, example: () => ({ body: { locale: 'hi' } }) } }, schema: { tags, body: S.UpdateMeBody, response: { 200: S.Session } } }, async (req) => {
    await updateMe(deps.db, req.actor!, req.body);
    return getSession(deps.db, req.actor!, req.session);
  });

  r.get('/api/roles', { config: { sweep: { self: true } }, schema: { tags, response: { 200: S.RolesOut } } }, (req) => asActor(deps, req, findRoles));
  r.get('/api/users', { schema: { tags, response: { 200: S.UsersOut } } }, (req) => asActor(deps, req, findUsers));
  r.post('/api/users', { config: { sweep: { example: () => ({ body: { email: `new-${Date.now()}-${Math.random()}@sweep.test`, name: 'New', password: 'long-enough-password' } }) } }, schema: { tags, body: S.CreateUserBody, response: { 201: S.UserOut } } }, async (req, reply) =>
    reply.code(201).send(await asActor(deps, req, (tx, a) => createUser(tx, a, req.body))));
  r.post('/api/grants', { config: { sweep: { example: (fx) => ({ body: { userId: fx.targetUserId, role: 'organiser', unitId: fx.unitId } }) } }, schema: { tags, body: S.CreateGrantBody, response: { 201: S.GrantOutFull } } }, async (req, reply) =>
    reply.code(201).send(await asActor(deps, req, (tx, a) => createGrant(tx, a, req.body))));
  r.delete('/api/grants/:grantId', { schema: { tags, params: S.GrantParams } }, async (req, reply) => {
    await asActor(deps, req, (tx, a) => removeGrant(tx, a, req.params.grantId));
    return reply.code(204).send();
  });

  r.get('/api/audit', { schema: { tags, querystring: S.AuditQuery, response: { 200: S.AuditPage } } }, (req) => asActor(deps, req, (tx, a) => findAuditEvents(tx, a, req.query)));
  r.get('/api/audit/export', { schema: { tags, querystring: S.AuditQuery.omit({ before: true, limit: true }), produces: ['text/csv'] } }, async (req, reply) => {
    const csv = await asActor(deps, req, (tx, a) => exportAuditCsv(tx, a, req.query));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"').send(csv);
  });

  r.get('/api/tokens', { config: { sweep: { self: true } }, schema: { tags, response: { 200: S.TokensOut } } }, (req) => asActor(deps, req, findTokens));
  r.post('/api/tokens', { config: { sweep: { self: true, example: () => ({ body: { name: 'sweep token' } }) } }, schema: { tags, body: S.CreateTokenBody, response: { 201: S.CreatedToken } } }, async (req, reply) =>
    reply.code(201).send(await asActor(deps, req, (tx, a) => createToken(tx, a, req.body))));
  r.delete('/api/tokens/:tokenId', { schema: { tags, params: S.TokenParams } }, async (req, reply) => {
    await asActor(deps, req, (tx, a) => revokeToken(tx, a, req.params.tokenId));
    return reply.code(204).send();
  });
}
