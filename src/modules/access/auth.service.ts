import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { setAuthUser, withAuth, type Actor, type ActorGrant, type Tx } from '../../db/scope.ts';
import { AppError, TooManyRequests, Unauthorized } from '../../shared/errors.ts';
import { newSecret, safeEqual, sha256, verifyPassword } from './secrets.ts';
import { recordAudit } from './audit.ts';

export interface AuthPolicy {
  idleMinutes: number;         // a session unused this long ends
  absoluteHours: number;       // a session ends this long after sign-in, used or not
  maxFailuresPerAccount: number;
  lockMinutes: number;
  maxFailuresPerIp: number;    // per 15 minutes
}

export const defaultAuthPolicy: AuthPolicy = { idleMinutes: 120, absoluteHours: 12, maxFailuresPerAccount: 5, lockMinutes: 15, maxFailuresPerIp: 30 };

export interface Origin { ip?: string; userAgent?: string }

export interface SessionInfo { idHash: string; userId: string; tenantId: string; csrfToken: string }

/** Signs in: returns the new cookie value (the session id is always new: rotation at sign-in). */
export async function signIn(db: Executor, policy: AuthPolicy, email: string, password: string, origin: Origin, previousCookie?: string): Promise<{ cookie: string; session: SessionInfo }> {
  const outcome = await withAuth(db, null, async (tx) => attemptSignIn(tx, policy, email.trim().toLowerCase(), password, origin, previousCookie));
  // Failures are recorded and committed first, then reported: a thrown error would roll the count back.
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

type Attempt = { cookie: string; session: SessionInfo } | { error: AppError };

async function attemptSignIn(tx: Tx, policy: AuthPolicy, email: string, password: string, origin: Origin, previousCookie?: string): Promise<Attempt> {
  const ipFailures = await countFailures(tx, 'ip', origin.ip ?? '');
  if (ipFailures >= policy.maxFailuresPerIp) return { error: new TooManyRequests('Too many failed sign-ins from this address; try again in 15 minutes', 900) };
  const user = await tx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (user?.locked_until && user.locked_until > new Date()) {
    await logAttempt(tx, origin, email, false);
    const seconds = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
    return { error: new TooManyRequests(`This account is locked after repeated failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`, seconds) };
  }
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  await logAttempt(tx, origin, email, ok);
  if (!user || !ok) {
    if (user) await registerFailure(tx, policy, user.id, user.failed_logins + 1);
    return { error: new Unauthorized('Wrong e-mail or password') };
  }
  if (user.access_ends_at && user.access_ends_at <= new Date()) return { error: new Unauthorized('Your access to Warroom has ended; ask an admin to extend it') };
  await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  await setAuthUser(tx, user.id);
  // Enter the tenant the user was first granted a role in: their home party, not whichever sorts first.
  // Qualified on purpose: a bare `order by id` would sort by the output alias, i.e. the tenant's uuid.
  const tenant = await tx.selectFrom('grants').select('grants.tenant_id as id').where('user_id', '=', user.id)
    .orderBy('grants.created_at').orderBy('grants.id').executeTakeFirst();
  if (!tenant) return { error: new Unauthorized('You have no role in any tenant yet; ask an admin for a grant') };
  if (previousCookie) await tx.deleteFrom('sessions').where('id_hash', '=', sha256(previousCookie)).execute();
  const cookie = newSecret();
  const session = await createSession(tx, policy, user.id, tenant.id, cookie, origin);
  await recordAudit(tx, { userId: user.id, tenantId: tenant.id, label: user.email, grants: [], origin, via: 'session' }, { type: 'auth.sign_in', entity: 'sessions', rowIds: [user.id] });
  return { cookie, session };
}

async function createSession(tx: Tx, policy: AuthPolicy, userId: string, tenantId: string, cookie: string, origin: Origin): Promise<SessionInfo> {
  const session = { idHash: sha256(cookie), userId, tenantId, csrfToken: newSecret() };
  await tx.insertInto('sessions').values({
    id_hash: session.idHash, user_id: userId, tenant_id: tenantId, csrf_token: session.csrfToken,
    expires_at: new Date(Date.now() + policy.absoluteHours * 3600_000), ip: origin.ip ?? null, user_agent: origin.userAgent?.slice(0, 300) ?? null,
  }).execute();
  return session;
}

async function countFailures(tx: Tx, by: 'ip' | 'email', value: string): Promise<number> {
  const row = await tx.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(by, '=', value).where('ok', '=', false).where('at', '>', new Date(Date.now() - 15 * 60_000)).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function logAttempt(tx: Tx, origin: Origin, email: string, ok: boolean): Promise<void> {
  await tx.insertInto('login_attempts').values({ ip: origin.ip ?? '', email, ok }).execute();
}

async function registerFailure(tx: Tx, policy: AuthPolicy, userId: string, failures: number): Promise<void> {
  const lock = failures >= policy.maxFailuresPerAccount;
  await tx.updateTable('users').set({
    failed_logins: lock ? 0 : failures,
    locked_until: lock ? new Date(Date.now() + policy.lockMinutes * 60_000) : null,
  }).where('id', '=', userId).execute();
}

export interface Resolved { actor: Actor; session?: SessionInfo }

/**
 * Cookie → actor, or null when the session is unknown, idle too long, past its end, or has no grants
 * left. One statement (auth_resolve_session, migration 0014): every API request pays for this, so it
 * is one round trip to the database rather than a transaction of six.
 */
export async function resolveSession(db: Executor, policy: AuthPolicy, cookie: string, origin: Origin): Promise<Resolved | null> {
  const idHash = sha256(cookie);
  const row = (await sql<{ r: ResolvedRow | null }>`select auth_resolve_session(${idHash}, ${policy.idleMinutes}::int) as r`.execute(db)).rows[0]?.r;
  if (!row) return null;
  const grants = row.grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId, unitPath: g.unitPath, permissions: g.permissions ?? [] }));
  const actor: Actor = { userId: row.userId, tenantId: row.tenantId, label: row.email, grants, origin, via: 'session' };
  return { actor, session: { idHash, userId: row.userId, tenantId: row.tenantId, csrfToken: row.csrfToken } };
}

interface ResolvedRow { userId: string; tenantId: string; csrfToken: string; email: string; grants: ActorGrant[] }

/** Bearer token → actor, for integrations. Tokens are per tenant and per user. */
export async function resolveToken(db: Executor, token: string, origin: Origin): Promise<Resolved | null> {
  return withAuth(db, null, async (tx) => {
    const row = await tx.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.tenant_id', 'api_tokens.id', 'api_tokens.user_id', 'api_tokens.last_used_at', 'api_tokens.token_hash', 'users.email', 'users.access_ends_at'])
      .where('api_tokens.token_hash', '=', sha256(token)).where('api_tokens.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', new Date())])).executeTakeFirst();
    if (!row || !safeEqual(row.token_hash, sha256(token)) || (row.access_ends_at && row.access_ends_at <= new Date())) return null;
    await setAuthUser(tx, row.user_id);
    const grants = await loadGrants(tx, row.user_id, row.tenant_id);
    if (grants.length === 0) return null;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
      await tx.updateTable('api_tokens').set({ last_used_at: new Date() }).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    }
    return { actor: { userId: row.user_id, tenantId: row.tenant_id, label: row.email, grants, origin, via: 'token' } };
  });
}

/** A user as an actor in one tenant, for the CLI acting on a person's behalf (their grants, their audit trail). */
export async function actorForUser(db: Executor, email: string, tenantId: string): Promise<Actor | null> {
  const user = await db.selectFrom('users').select(['id', 'email']).where('email', '=', email.toLowerCase()).executeTakeFirst();
  if (!user) return null;
  const grants = await withAuth(db, user.id, (tx) => loadGrants(tx, user.id, tenantId));
  return grants.length ? { userId: user.id, tenantId, label: user.email, grants, origin: { userAgent: 'warroom-cli' }, via: 'token' } : null;
}

async function loadGrants(tx: Tx, userId: string, tenantId: string): Promise<ActorGrant[]> {
  const rows = await tx.selectFrom('grants').innerJoin('units', (j) => j.onRef('units.tenant_id', '=', 'grants.tenant_id').onRef('units.id', '=', 'grants.unit_id'))
    .select(['grants.id', 'grants.role_code', 'grants.unit_id', (eb) => eb.cast<string>('units.path', 'text').as('path'),
      (eb) => eb.selectFrom('role_permissions').select((e) => e.fn.agg<string[]>('array_agg', ['permission_code']).as('p'))
        .whereRef('role_permissions.role_code', '=', 'grants.role_code').as('permissions')])
    .where('grants.user_id', '=', userId).where('grants.tenant_id', '=', tenantId).execute();
  return rows.map((r) => ({ id: r.id, role: r.role_code, unitId: r.unit_id, unitPath: r.path, permissions: r.permissions ?? [] }));
}

export async function signOut(db: Executor, cookie: string, actor: Actor): Promise<void> {
  await withAuth(db, actor.userId, async (tx) => {
    await tx.deleteFrom('sessions').where('id_hash', '=', sha256(cookie)).execute();
    await recordAudit(tx, actor, { type: 'auth.sign_out', entity: 'sessions', rowIds: [actor.userId] });
  });
}

/** Moves a session to another tenant the user holds a grant in; 404 otherwise. */
export async function switchTenant(db: Executor, session: SessionInfo, actor: Actor, tenantId: string): Promise<boolean> {
  return withAuth(db, actor.userId, async (tx) => {
    const tenant = await tx.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
    if (!tenant) return false;
    await tx.updateTable('sessions').set({ tenant_id: tenantId }).where('id_hash', '=', session.idHash).execute();
    await recordAudit(tx, { ...actor, tenantId }, { type: 'auth.tenant_switch', entity: 'sessions', rowIds: [actor.userId], detail: { from: actor.tenantId } });
    return true;
  });
}

/** The tenants a user can switch between (those they hold a grant in). */
export async function findUserTenants(db: Executor, userId: string) {
  return withAuth(db, userId, (tx) => tx.selectFrom('tenants').select(['id', 'slug', 'name', 'name_hi', 'is_demo'])
    .orderBy('is_demo').orderBy('name').execute());
}
