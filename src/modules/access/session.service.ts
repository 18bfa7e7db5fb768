import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { permissionsOf } from './access.ts';
import { findUserTenants, type SessionInfo } from './auth.service.ts';
import { recordAudit } from './audit.ts';
import type { Session } from './access.schemas.ts';

/** What the web app needs to know about who is signed in, and where. */
export async function getSession(db: Executor, actor: Actor, session: SessionInfo | undefined): Promise<Session> {
  const tenants = await findUserTenants(db, actor.userId);
  return withActor(db, actor, async (tx) => {
    const user = await tx.selectFrom('users').select(['id', 'email', 'name', 'locale']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
    const grants = await tx.selectFrom('grants')
      .innerJoin('units', (j) => j.onRef('units.tenant_id', '=', 'grants.tenant_id').onRef('units.id', '=', 'grants.unit_id'))
      .innerJoin('roles', 'roles.code', 'grants.role_code')
      .select(['grants.id', 'grants.role_code', 'roles.name as role_name', 'grants.unit_id', 'units.name as unit_name', 'units.level'])
      .where('grants.user_id', '=', actor.userId).orderBy('roles.rank').execute();
    const tenant = tenants.find((t) => t.id === actor.tenantId)!;
    const ref = (t: typeof tenant) => ({ id: t.id, slug: t.slug, name: t.name, nameHi: t.name_hi, isDemo: t.is_demo });
    return {
      user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
      tenant: ref(tenant),
      tenants: tenants.map(ref),
      permissions: permissionsOf(actor),
      grants: grants.map((g) => ({ id: g.id, role: g.role_code, roleName: g.role_name, unitId: g.unit_id, unitName: g.unit_name, unitLevel: g.level })),
      csrfToken: session?.csrfToken ?? '',
    };
  });
}

export async function updateMe(db: Executor, actor: Actor, input: { locale?: 'en' | 'hi'; name?: string }): Promise<void> {
  await withActor(db, actor, async (tx) => {
    if (input.locale === undefined && input.name === undefined) return;
    await tx.updateTable('users').set({ ...(input.locale && { locale: input.locale }), ...(input.name && { name: input.name }) })
      .where('id', '=', actor.userId).execute();
    await recordAudit(tx, actor, { type: 'user.update', entity: 'users', rowIds: [actor.userId], detail: { fields: Object.keys(input) } });
  });
}

/** For readiness: the database answers. */
export async function ping(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
