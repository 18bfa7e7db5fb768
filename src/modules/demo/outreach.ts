// The demo's call centre (issue 6): "Lucknow call centre" at the state unit where the demo's call-centre
// manager and caller are granted, its agents (those two and six more callers, so the leaderboard has
// people), contacts at real booths of that state, a few opt-outs and numbers on the national
// do-not-call list, a survey and a pledge campaign, and a week of calls with the queue where those calls
// left it (outreach-plan.ts). Runs after the demo users exist (ensure.ts), as the database owner, in one
// transaction: a cut-off run leaves all of it or none. The tenant's rows go with the tenant on a reseed;
// ncpr_numbers has no tenant, so its rows are added with on conflict do nothing.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { indiaDay, addDays } from '../../shared/time.ts';
import { hashPassword } from '../access/secrets.ts';
import { intArray } from './bulk.ts';
import { workerName } from './names.ts';
import { planCalls, planContacts, type Agent, type Booth, type CampaignSpec, type CallPlan, type PlannedContact } from './outreach-plan.ts';
import { PLEDGE_GOAL, PLEDGE_SCRIPT, SURVEY_SCRIPT } from './outreach-scripts.ts';
import type { Scale } from './plan.ts';
import { DEMO_PASSWORD } from './users.ts';

export const DEMO_CENTRE = 'Lucknow call centre';
/** Contacts per scale: enough for a lively dashboard; the national number keeps its seed a few seconds. */
const CONTACTS: Record<Scale, number> = { state: 3_000, national: 40_000 };
/** Extra callers (not in DEMO_USERS: the sign-in page lists those), with their languages and how busy they were. */
export const DEMO_AGENTS = [
  { email: 'agent1@demo.warroom', female: true, languages: ['hi', 'en'], weight: 1.2 },
  { email: 'agent2@demo.warroom', female: false, languages: ['hi'], weight: 1.0 },
  { email: 'agent3@demo.warroom', female: false, languages: ['hi', 'ur'], weight: 0.9 },
  { email: 'agent4@demo.warroom', female: true, languages: ['hi', 'en'], weight: 0.8 },
  { email: 'agent5@demo.warroom', female: true, languages: ['hi'], weight: 0.6 },
  { email: 'agent6@demo.warroom', female: false, languages: ['hi'], weight: 0.4 },
] as const;
const ROWS_PER_INSERT = 10_000;

export interface OutreachResult { centreId: number; counts: Record<string, number> }

export async function writeOutreach(db: Executor, opts: { scale: Scale; seed?: number; tenantSlug: string; now?: number; contacts?: number }): Promise<OutreachResult> {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now();
  return db.transaction().execute(async (tx) => {
    await skipTriggers(tx);
    const tenantId = (await tx.selectFrom('tenants').select('id').where('slug', '=', opts.tenantSlug).executeTakeFirstOrThrow()).id;
    const home = await centreUnit(tx, tenantId);
    const agents = await createAgents(tx, tenantId, home.unitId, seed);
    const centreId = (await sql<{ id: number }>`insert into call_centres (tenant_id, name, place, languages, unit_id, unit_path)
      values (${tenantId}, ${DEMO_CENTRE}, 'Lucknow', '{hi,en}', ${home.unitId}, ${home.path}::ltree) returning id`.execute(tx)).rows[0].id;
    await sql`insert into centre_agents (tenant_id, centre_id, user_id, unit_path, languages)
      select ${tenantId}, ${centreId}, t.user_id::uuid, ${home.path}::ltree, string_to_array(t.languages, ',')
      from unnest(${agents.map((a) => a.userId)}::text[], ${agents.map((a) => a.languages.join(','))}::text[]) t(user_id, languages)`.execute(tx);
    const booths = (await sql<Booth>`select id, path::text as path, ac_no as "acNo" from units
      where tenant_id = ${tenantId} and level = 'booth' and wing is null and path <@ ${home.path}::ltree order by id`.execute(tx)).rows;
    const contacts = planContacts(seed, opts.contacts ?? CONTACTS[opts.scale], booths);
    const ids = await insertContacts(tx, tenantId, home.stateCode, contacts);
    const blocked = await insertSuppression(tx, tenantId, contacts);
    const startsAt = Date.parse(`${addDays(indiaDay(now), -7)}T00:00:00+05:30`);
    const campaigns = await insertCampaigns(tx, tenantId, centreId, home.path, startsAt, contacts);
    const plan = planCalls(seed, contacts, campaigns, agents, blocked, now);
    const counts = await insertHistory(tx, tenantId, centreId, home.path, plan, ids, contacts, home.stateCode);
    await sql`analyze contacts, campaign_contacts, calls`.execute(tx);
    return {
      centreId,
      counts: { users: DEMO_AGENTS.length, grants: DEMO_AGENTS.length, call_centres: 1, centre_agents: agents.length, contacts: contacts.length,
        campaigns: campaigns.length, ...counts, opt_outs: blocked.optOuts + plan.optOuts.length, ncpr_numbers: blocked.ncpr },
    };
  });
}

/**
 * The rows are consistent by construction (units read here, contacts and campaigns just inserted), and the
 * foreign-key checks were about half of the contacts' insert (3.2 of 6.5 s for 40,000 on PostgreSQL), so a
 * superuser (PGlite always) writes them as a restore does, for this transaction only, as programmes.ts
 * does. This also skips the calls_made trigger (migration 0021): no demo task counts calls; any other
 * role keeps both.
 */
async function skipTriggers(tx: Executor): Promise<void> {
  await sql`select set_config('session_replication_role', 'replica', true) where current_setting('is_superuser') = 'on'`.execute(tx);
}

/** The unit the demo's call-centre manager is granted on (the first state unit, users.ts pickUnits). */
async function centreUnit(db: Executor, tenantId: string) {
  const { rows } = await sql<{ unitId: number; path: string; stateCode: string }>`select u.id as "unitId", u.path::text as path, u.state_code as "stateCode"
    from grants g join users us on us.id = g.user_id join units u on u.tenant_id = g.tenant_id and u.id = g.unit_id
    where g.tenant_id = ${tenantId} and us.email = 'manager@demo.warroom' and g.role_code = 'callcentre_manager' limit 1`.execute(db);
  if (!rows[0]) throw new Error('the demo call centre needs the demo users: run createDemoUsers first');
  return rows[0];
}

/** The manager and caller of DEMO_USERS and the six extra callers (created here, caller role at the centre's unit). */
async function createAgents(db: Executor, tenantId: string, unitId: number, seed: number): Promise<Agent[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const out: Agent[] = [];
  for (const [i, a] of DEMO_AGENTS.entries()) {
    const name = workerName(seed * 7_919 + i, a.female)[0];
    const user = await db.insertInto('users').values({ email: a.email, name, password_hash: hash })
      .onConflict((oc) => oc.column('email').doUpdateSet({ name })).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('grants').values({ tenant_id: tenantId, user_id: user.id, role_code: 'caller', unit_id: unitId })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'role_code', 'unit_id']).doNothing()).execute();
    out.push({ userId: user.id, languages: [...a.languages], weight: a.weight });
  }
  const demo = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', ['caller@demo.warroom', 'manager@demo.warroom']).execute();
  const id = (email: string) => demo.find((u) => u.email === email)!.id;
  // The caller is the busiest; the manager takes a call now and then.
  return [{ userId: id('caller@demo.warroom'), languages: ['hi', 'en'], weight: 1.5 }, { userId: id('manager@demo.warroom'), languages: ['hi'], weight: 0.3 }, ...out];
}

/** Contacts in chunks; returns their ids in plan order. */
async function insertContacts(db: Executor, tenantId: string, stateCode: string, contacts: PlannedContact[]): Promise<number[]> {
  const byPhone = new Map<string, number>();
  for (let first = 0; first < contacts.length; first += ROWS_PER_INSERT) {
    const c = contacts.slice(first, first + ROWS_PER_INSERT);
    const { rows } = await sql<{ id: number; phone: string }>`insert into contacts (tenant_id, phone, name, language, unit_id, unit_path, state_code, ac_no, tags, kind, consent_source)
      select ${tenantId}, t.phone, t.name, t.language, t.unit_id, t.unit_path::ltree, ${stateCode}, t.ac_no, string_to_array(t.tags, ','), t.kind, t.consent
      from unnest(${c.map((x) => x.phone)}::text[], ${c.map((x) => x.name)}::text[], ${c.map((x) => x.language)}::text[], ${intArray(c.map((x) => x.booth.id))}::bigint[],
        ${c.map((x) => x.booth.path)}::text[], ${intArray(c.map((x) => x.booth.acNo))}::int[], ${c.map((x) => x.tags.join(','))}::text[],
        ${c.map((x) => x.kind)}::text[], ${c.map((x) => x.consent)}::text[]) t(phone, name, language, unit_id, unit_path, ac_no, tags, kind, consent)
      returning id, phone`.execute(db);
    for (const r of rows) byPhone.set(r.phone, Number(r.id));
  }
  return contacts.map((c) => byPhone.get(c.phone)!);
}

/**
 * Every 150th contact asked not to be called (before the campaigns), every 80th is on the national list,
 * so the queue shows both kinds of suppression once claims reach them. Returns contact → reason.
 */
async function insertSuppression(db: Executor, tenantId: string, contacts: PlannedContact[]) {
  const blocked = new Map<number, string>();
  contacts.forEach((_, i) => { if (i % 150 === 7) blocked.set(i, 'opted_out'); else if (i % 80 === 3) blocked.set(i, 'ncpr'); });
  const phones = (reason: string) => [...blocked].filter(([, why]) => why === reason).map(([i]) => contacts[i].phone);
  await sql`insert into opt_outs (tenant_id, phone, source, reason, at)
    select ${tenantId}, p, 'call', 'Asked not to be called again', now() - interval '20 days' from unnest(${phones('opted_out')}::text[]) p`.execute(db);
  await sql`insert into ncpr_numbers (phone, listed_on) select p, date '2024-01-15' from unnest(${phones('ncpr')}::text[]) p on conflict do nothing`.execute(db);
  return Object.assign(blocked, { optOuts: phones('opted_out').length, ncpr: phones('ncpr').length });
}

async function insertCampaigns(db: Executor, tenantId: string, centreId: number, path: string, startsAt: number, contacts: PlannedContact[]): Promise<CampaignSpec[]> {
  const specs = [
    { key: 'survey' as const, name: 'Voter sentiment survey', target: {}, goal: null, script: SURVEY_SCRIPT, priority: 0,
      members: contacts.map((_, i) => i) },
    { key: 'pledge' as const, name: 'Ujjwala beneficiary pledge', target: { tags: ['ujjwala'] }, goal: PLEDGE_GOAL, script: PLEDGE_SCRIPT, priority: 10,
      members: contacts.flatMap((c, i) => (c.tags.includes('ujjwala') ? [i] : [])) },
  ];
  const out: CampaignSpec[] = [];
  for (const s of specs) {
    const { rows } = await sql<{ id: number }>`insert into campaigns (tenant_id, centre_id, unit_path, name, target, goal, script, languages, max_attempts,
        cooldown_minutes, priority, calling_from, calling_to, starts_at, ends_at, status)
      values (${tenantId}, ${centreId}, ${path}::ltree, ${s.name}, ${JSON.stringify(s.target)}::jsonb, ${s.goal ? JSON.stringify(s.goal) : null}::jsonb,
        ${JSON.stringify(s.script)}::jsonb, '{hi,en}', 3, 120, ${s.priority}, '09:00', '21:00', ${new Date(startsAt).toISOString()}::timestamptz,
        ${new Date(startsAt + 28 * 86_400_000).toISOString()}::timestamptz, 'active') returning id`.execute(db);
    out.push({ id: Number(rows[0].id), key: s.key, members: s.members, priority: s.priority, maxAttempts: 3, cooldownMinutes: 120, startsAt, goal: s.goal });
  }
  return out;
}

/** The queue rows, the calls (set-based, a chunk at a time) and the opt-outs the calls' do-not-calls made. */
async function insertHistory(db: Executor, tenantId: string, centreId: number, path: string, plan: CallPlan, ids: number[],
  contacts: PlannedContact[], stateCode: string): Promise<Record<string, number>> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  for (let first = 0; first < plan.queue.length; first += ROWS_PER_INSERT) {
    const q = plan.queue.slice(first, first + ROWS_PER_INSERT);
    await sql`insert into campaign_contacts (tenant_id, campaign_id, contact_id, centre_id, unit_path, language, priority, is_callback, state, attempts, next_at, last_outcome)
      select ${tenantId}, t.campaign_id, t.contact_id, ${centreId}, ${path}::ltree, t.language, t.priority, t.is_callback, t.state, t.attempts, t.next_at, t.last_outcome
      from unnest(${intArray(q.map((r) => r.campaignId))}::bigint[], ${intArray(q.map((r) => ids[r.contact]))}::bigint[], ${q.map((r) => contacts[r.contact].language)}::text[],
        ${intArray(q.map((r) => r.priority))}::smallint[], ${q.map((r) => r.isCallback)}::boolean[], ${q.map((r) => r.state)}::text[],
        ${intArray(q.map((r) => r.attempts))}::smallint[], ${q.map((r) => iso(r.nextAt))}::timestamptz[], ${q.map((r) => r.lastOutcome)}::text[])
        t(campaign_id, contact_id, language, priority, is_callback, state, attempts, next_at, last_outcome)`.execute(db);
  }
  for (let first = 0; first < plan.calls.length; first += ROWS_PER_INSERT) {
    const c = plan.calls.slice(first, first + ROWS_PER_INSERT);
    await sql`insert into calls (tenant_id, idempotency_key, campaign_id, contact_id, unit_path, agent_user_id, outcome, callback_at, note, answers, state_code, ac_no, at)
      select ${tenantId}, gen_random_uuid(), t.campaign_id, t.contact_id, ${path}::ltree, t.agent::uuid, t.outcome, t.callback_at, t.note, t.answers::jsonb,
        ${stateCode}, t.ac_no, t.at
      from unnest(${intArray(c.map((x) => x.campaignId))}::bigint[], ${intArray(c.map((x) => ids[x.contact]))}::bigint[], ${c.map((x) => x.agent)}::text[],
        ${c.map((x) => x.outcome)}::text[], ${c.map((x) => iso(x.callbackAt))}::timestamptz[], ${c.map((x) => x.note)}::text[],
        ${c.map((x) => JSON.stringify(x.answers))}::text[], ${intArray(c.map((x) => contacts[x.contact].booth.acNo))}::int[], ${c.map((x) => iso(x.at))}::timestamptz[])
        t(campaign_id, contact_id, agent, outcome, callback_at, note, answers, ac_no, at)`.execute(db);
  }
  const o = plan.optOuts;
  await sql`insert into opt_outs (tenant_id, phone, source, reason, at, by_user)
    select ${tenantId}, t.phone, 'call', 'Said do not call during a campaign call', t.at, t.by_user::uuid
    from unnest(${o.map((x) => contacts[x.contact].phone)}::text[], ${o.map((x) => iso(x.at))}::timestamptz[], ${o.map((x) => x.agent)}::text[]) t(phone, at, by_user)
    on conflict do nothing`.execute(db);
  return { campaign_contacts: plan.queue.length, calls: plan.calls.length };
}
