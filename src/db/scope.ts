import { sql, type Transaction } from 'kysely';
import type { Executor } from './open.ts';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

export interface ActorGrant {
  id: number;
  role: string;
  unitId: number;
  unitPath: string;       // ltree of unit ids from the root
  permissions: string[];
}

/** Who is acting: what every use case receives first. */
export interface Actor {
  userId: string;
  tenantId: string;
  label: string;          // e-mail, written into audit events
  grants: ActorGrant[];
  origin: { ip?: string; userAgent?: string };
  via: 'session' | 'token';
}

/** The unit paths the actor may see: the roots of their grants, nested ones dropped. */
export function scopePaths(grants: Pick<ActorGrant, 'unitPath'>[]): string[] {
  const paths = [...new Set(grants.map((g) => g.unitPath))].sort();
  return paths.filter((p) => !paths.some((q) => q !== p && isWithin(p, q)));
}

export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * Runs fn in one transaction as warroom_app, with the tenant and scopes row-level security reads.
 * set_config(..., true) is transaction-local, so nothing leaks to the next request on a pooled connection.
 */
export function withActor<T>(db: Executor, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const scopes = `{${scopePaths(actor.grants).join(',')}}`;
  if (oneTripBegin.has(db) && isPlain(actor.tenantId, actor.userId, scopes)) return withActorOneTrip(db, actor, scopes, fn);
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'warroom_app', true), set_config('app.tenant_id', ${actor.tenantId}, true),
      set_config('app.user_id', ${actor.userId}, true), set_config('app.scopes', ${scopes}, true)`.execute(tx);
    return fn(tx);
  });
}

/**
 * Databases over a network (PostgreSQL, not PGlite) on which withActor sends BEGIN and the settings as
 * one simple-protocol message: one round trip instead of two on every request.
 */
const oneTripBegin = new WeakSet<object>();
export function beginInOneTrip(db: Executor): void { oneTripBegin.add(db); }

// The settings are written into the SQL text here (the simple protocol has no parameters), so only
// values of a known, harmless shape take this path: uuids and ltree paths of unit ids.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isPlain(tenantId: string, userId: string, scopes: string): boolean {
  return UUID.test(tenantId) && UUID.test(userId) && /^\{[0-9.,]*\}$/.test(scopes);
}

function withActorOneTrip<T>(db: Executor, actor: Actor, scopes: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    let out: T;
    try {
      await sql.raw(`begin; select set_config('role', 'warroom_app', true), set_config('app.tenant_id', '${actor.tenantId}', true),
        set_config('app.user_id', '${actor.userId}', true), set_config('app.scopes', '${scopes}', true)`).execute(conn);
      // A connection-bound Kysely in an open transaction: what a Transaction is, minus Kysely's own BEGIN.
      out = await fn(conn as unknown as Tx);
    } catch (err) {
      await sql.raw('rollback').execute(conn).catch(() => {});
      throw err;
    }
    await sql.raw('commit').execute(conn);
    return out;
  });
}

/** Runs fn as warroom_auth: sign-in, session and token resolution for one user (or none yet). */
export function withAuth<T>(db: Executor, userId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'warroom_auth', true), set_config('app.user_id', ${userId ?? ''}, true)`.execute(tx);
    return fn(tx);
  });
}

/** Within a withAuth transaction: narrow app.user_id once the user is known. */
export async function setAuthUser(tx: Tx, userId: string): Promise<void> {
  await sql`select set_config('app.user_id', ${userId}, true)`.execute(tx);
}

/** The role requests run as must not be able to skip row-level security. */
export async function assertRequestRolesSafe(db: Executor): Promise<void> {
  const rows = (await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>`
    select rolname, rolsuper, rolbypassrls from pg_roles where rolname in ('warroom_app', 'warroom_auth')`.execute(db)).rows;
  if (rows.length !== 2) throw new Error('the request roles warroom_app and warroom_auth are missing: run `warroom migrate`');
  const bad = rows.filter((r) => r.rolsuper || r.rolbypassrls);
  if (bad.length) {
    throw new Error(`refusing to start: role ${bad.map((r) => r.rolname).join(', ')} is a superuser or has BYPASSRLS, so row-level security would not protect tenants`);
  }
}
