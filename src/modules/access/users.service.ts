import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, Invalid, NotFound } from '../../shared/errors.ts';
import { requirePermission, requireUnits } from './access.ts';
import { recordAudit } from './audit.ts';
import { hashPassword } from './secrets.ts';

/** Users are global (one person may serve several tenants); only the auth role may create them. */
async function asAuthRole<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await sql`select set_config('role', 'warroom_auth', true)`.execute(tx);
  try { return await fn(); } finally { await sql`select set_config('role', 'warroom_app', true)`.execute(tx); }
}

/** Users holding a grant somewhere the actor can see, with those grants. E-mails are personal data: audited. */
export async function findUsers(tx: Tx, actor: Actor) {
  requirePermission(actor, 'users.read');
  const rows = await tx.selectFrom('grants')
    .innerJoin('units', (j) => j.onRef('units.tenant_id', '=', 'grants.tenant_id').onRef('units.id', '=', 'grants.unit_id'))
    .innerJoin('users', 'users.id', 'grants.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.access_ends_at', 'grants.id as grant_id', 'grants.role_code', 'grants.unit_id', 'units.name as unit_name', (eb) => eb.cast<string>('units.path', 'text').as('path')])
    .orderBy('users.name').orderBy('grants.id').execute();
  const users = new Map<string, { id: string; email: string; name: string; accessEndsAt: string | null; grants: { id: number; role: string; unitId: number; unitName: string }[] }>();
  for (const r of rows) {
    const u = users.get(r.id) ?? { id: r.id, email: r.email, name: r.name, accessEndsAt: r.access_ends_at?.toISOString() ?? null, grants: [] };
    u.grants.push({ id: r.grant_id, role: r.role_code, unitId: r.unit_id, unitName: r.unit_name });
    users.set(r.id, u);
  }
  const items = [...users.values()];
  await recordAudit(tx, actor, { type: 'users.read', entity: 'users', rowIds: items.map((u) => u.id), detail: { fields: ['email'] } });
  return { items };
}

export interface NewUser { email: string; name: string; password: string; accessEndsAt?: string }

export async function createUser(tx: Tx, actor: Actor, input: NewUser) {
  requirePermission(actor, 'users.manage');
  const passwordHash = await hashPassword(input.password);
  const created = await asAuthRole(tx, async () => {
    const existing = await tx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
    if (existing) return null;
    return tx.insertInto('users').values({ email: input.email, name: input.name, password_hash: passwordHash, access_ends_at: input.accessEndsAt ?? null })
      .returning(['id', 'email', 'name', 'access_ends_at']).executeTakeFirstOrThrow();
  });
  if (!created) throw new Conflict('A user with this e-mail already exists; grant them a role instead', [{ field: 'email', message: 'already registered' }]);
  await recordAudit(tx, actor, { type: 'user.create', entity: 'users', rowIds: [created.id] });
  return { id: created.id, email: created.email, name: created.name, accessEndsAt: created.access_ends_at?.toISOString() ?? null, grants: [] };
}

export async function createGrant(tx: Tx, actor: Actor, input: { userId?: string; email?: string; role: string; unitId: number }) {
  requirePermission(actor, 'users.manage');
  const [unit] = await requireUnits(tx, actor, 'users.manage', [input.unitId]);
  const role = await tx.selectFrom('roles').select('code').where('code', '=', input.role).executeTakeFirst();
  if (!role) throw new Invalid('Unknown role', [{ field: 'role', message: `no role named ${input.role}` }]);
  const user = await asAuthRole(tx, () => {
    const q = tx.selectFrom('users').select('id');
    return (input.userId ? q.where('id', '=', input.userId) : q.where('email', '=', input.email!)).executeTakeFirst();
  });
  if (!user) throw new NotFound('user');
  const grant = await tx.insertInto('grants').values({ tenant_id: actor.tenantId, user_id: user.id, role_code: input.role, unit_id: unit.id, created_by: actor.userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'role_code', 'unit_id']).doNothing()).returning('id').executeTakeFirst();
  if (!grant) throw new Conflict('This user already holds this role on this unit');
  await recordAudit(tx, actor, { type: 'grant.create', entity: 'grants', rowIds: [grant.id], unitPath: unit.path, detail: { userId: user.id, role: input.role, unitId: unit.id } });
  return { id: grant.id, userId: user.id, role: input.role, unitId: unit.id, unitName: unit.name };
}

export async function removeGrant(tx: Tx, actor: Actor, grantId: number): Promise<void> {
  requirePermission(actor, 'users.manage');
  const grant = await tx.selectFrom('grants').select(['id', 'unit_id', 'user_id', 'role_code']).where('id', '=', grantId).executeTakeFirst();
  if (!grant) throw new NotFound('grant');
  const [unit] = await requireUnits(tx, actor, 'users.manage', [grant.unit_id]);
  await tx.deleteFrom('grants').where('id', '=', grantId).execute();
  await recordAudit(tx, actor, { type: 'grant.remove', entity: 'grants', rowIds: [grantId], unitPath: unit.path, detail: { userId: grant.user_id, role: grant.role_code } });
}

export async function findRoles(tx: Tx, actor: Actor) {
  requirePermission(actor, 'tenant.view');
  const rows = await tx.selectFrom('roles').select(['code', 'name', 'name_hi', 'rank',
    (eb) => eb.selectFrom('role_permissions').select((e) => e.fn.agg<string[]>('array_agg', ['permission_code']).as('p')).whereRef('role_code', '=', 'roles.code').as('permissions')])
    .orderBy('rank').execute();
  return { items: rows.map((r) => ({ code: r.code, name: r.name, nameHi: r.name_hi, permissions: (r.permissions ?? []).sort() })) };
}
