import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { hashPassword } from '../access/secrets.ts';

export const DEMO_PASSWORD = 'warroom-demo';

/** One demo user per role and depth, so every screen can be tried as the person who would use it. */
export const DEMO_USERS = [
  { email: 'admin@demo.warroom', name: 'Asha Admin', role: 'admin', at: 'root' },
  { email: 'strategist@demo.warroom', name: 'Sameer Strategist', role: 'strategist', at: 'root' },
  { email: 'state@demo.warroom', name: 'Pradeep Prabhari', role: 'organiser', at: 'state' },
  { email: 'district@demo.warroom', name: 'Divya District', role: 'organiser', at: 'district' },
  { email: 'booth@demo.warroom', name: 'Bhola Booth-President', role: 'organiser', at: 'booth' },
  { email: 'manager@demo.warroom', name: 'Meena Call-Manager', role: 'callcentre_manager', at: 'state' },
  { email: 'caller@demo.warroom', name: 'Kiran Caller', role: 'caller', at: 'state' },
  { email: 'viewer@demo.warroom', name: 'Vijay Viewer', role: 'viewer', at: 'root' },
] as const;

type Depth = (typeof DEMO_USERS)[number]['at'];

/** Creates (or keeps) the demo users and grants them roles in the tenant. Runs as the system. */
export async function createDemoUsers(db: Executor, tenantSlug: string): Promise<void> {
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', tenantSlug).executeTakeFirstOrThrow();
  const hash = await hashPassword(DEMO_PASSWORD);
  const units = await pickUnits(db, tenant.id);
  for (const u of DEMO_USERS) {
    const unitId = units[u.at];
    if (!unitId) continue;
    const user = await db.insertInto('users').values({ email: u.email, name: u.name, password_hash: hash })
      .onConflict((oc) => oc.column('email').doUpdateSet({ name: u.name })).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('grants').values({ tenant_id: tenant.id, user_id: user.id, role_code: u.role, unit_id: unitId })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'role_code', 'unit_id']).doNothing()).execute();
  }
  // The admin also serves the consultancy's second client, so the tenant switcher has something to switch.
  const other = await db.selectFrom('tenants').select('id').where('slug', '=', 'demo-client-b').executeTakeFirst();
  if (other && tenantSlug === 'demo') {
    const root = await db.selectFrom('units').select('id').where('tenant_id', '=', other.id).where('parent_id', 'is', null).executeTakeFirst();
    const admin = await db.selectFrom('users').select('id').where('email', '=', DEMO_USERS[0].email).executeTakeFirstOrThrow();
    if (root) {
      await db.insertInto('grants').values({ tenant_id: other.id, user_id: admin.id, role_code: 'admin', unit_id: root.id })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'role_code', 'unit_id']).doNothing()).execute();
    }
  }
}

/** The first unit (by id) at each depth the demo users are granted on. */
async function pickUnits(db: Executor, tenantId: string): Promise<Partial<Record<Depth, number>>> {
  const first = async (level: string) => (await db.selectFrom('units').select('id').where('tenant_id', '=', tenantId)
    .where('level', '=', level).orderBy('id').limit(1).executeTakeFirst())?.id;
  const root = (await db.selectFrom('units').select('id').where('tenant_id', '=', tenantId).where(sql`nlevel(path)`, '=', 1).executeTakeFirst())?.id;
  // The booth president's booth: the first with a president and a committee still short of full
  // (the demo organisation, org.ts), so the booth page has holders and vacancies to work with.
  const booth = (await sql<{ id: number }>`select o.unit_id as id from unit_own_strength o
    where o.tenant_id = ${tenantId}::uuid and o.is_booth and o.grade in ('B', 'C') and o.members >= 3 and o.filled < o.slots
    order by o.unit_id limit 1`.execute(db)).rows[0]?.id;
  return { root, state: await first('state'), district: await first('district'), booth: booth ?? await first('booth') };
}
