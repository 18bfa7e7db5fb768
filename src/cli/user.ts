import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { hashPassword } from '../modules/access/secrets.ts';
import { recordAudit } from '../modules/access/audit.ts';

export async function userAddCommand(g: GlobalOptions, o: { email: string; name: string; password?: string; accessEnds?: string }) {
  const out = output(Boolean(g.json));
  const email = o.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) fail(`--email: '${o.email}' is not an e-mail address`);
  if (o.password !== undefined && o.password.length < 10) fail('--password: at least 10 characters');
  if (o.accessEnds && Number.isNaN(Date.parse(o.accessEnds))) fail(`--access-ends: '${o.accessEnds}' is not a date (YYYY-MM-DD)`);
  const password = o.password ?? crypto.randomBytes(12).toString('base64url');
  const database = await openMigrated(configFrom(g));
  try {
    const existing = await database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) fail(`a user with e-mail ${email} already exists`);
    const user = await database.db.insertInto('users').values({ email, name: o.name, password_hash: await hashPassword(password), access_ends_at: o.accessEnds ?? null })
      .returning(['id', 'email']).executeTakeFirstOrThrow();
    out.result({ id: user.id, email: user.email, ...(o.password ? {} : { password }) },
      `added ${user.email}${o.password ? '' : ` with password ${password} (shown once)`}`);
  } finally {
    await database.close();
  }
}

export async function userGrantCommand(g: GlobalOptions, o: { email: string; tenant: string; role: string; unit?: string }) {
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  const { db } = database;
  try {
    const user = await db.selectFrom('users').select('id').where('email', '=', o.email.trim().toLowerCase()).executeTakeFirst();
    if (!user) fail(`--email: no user ${o.email}; add one with 'warroom user add'`);
    const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', o.tenant).executeTakeFirst();
    if (!tenant) fail(`--tenant: no tenant with slug '${o.tenant}'`);
    const role = await db.selectFrom('roles').select('code').where('code', '=', o.role).executeTakeFirst();
    if (!role) fail(`--role: no role '${o.role}' (admin, strategist, organiser, callcentre_manager, caller, viewer)`);
    let q = db.selectFrom('units').select(['id', sql<string>`path::text`.as('path')]).where('tenant_id', '=', tenant.id);
    q = o.unit ? q.where('id', '=', Number(o.unit)) : q.where(sql`nlevel(path)`, '=', 1);
    const unit = await q.executeTakeFirst();
    if (!unit) fail(`--unit: no unit ${o.unit ?? '(root)'} in tenant '${o.tenant}'`);
    const grant = await db.transaction().execute(async (tx) => {
      const row = await tx.insertInto('grants').values({ tenant_id: tenant.id, user_id: user.id, role_code: o.role, unit_id: unit.id })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'role_code', 'unit_id']).doNothing()).returning('id').executeTakeFirst();
      if (row) await recordAudit(tx, { system: 'cli', tenantId: tenant.id }, { type: 'grant.create', entity: 'grants', rowIds: [row.id], unitPath: unit.path, detail: { userId: user.id, role: o.role } });
      return row;
    });
    out.result({ grantId: grant?.id ?? null, created: Boolean(grant) }, grant ? `granted ${o.role} on unit ${unit.id} to ${o.email}` : `${o.email} already holds ${o.role} on unit ${unit.id}`);
  } finally {
    await database.close();
  }
}
