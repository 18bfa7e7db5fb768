// Campaigns: created over a saved filter of contacts (geography, tags, earlier answers, seat classes),
// listed, read and changed while running; and the lists the screens start from (centres, and the
// centres where the signed-in user is an agent).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../../db/open.ts';
import { withActor, type Actor, type Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { findSeats } from '../elections/seats.service.ts';
import type { CampaignInput, CampaignPatch, ContactFilter } from './outreach.schemas.ts';
import { checkAnswers, Script } from './script.ts';

export async function requireCentre(tx: Tx, actor: Actor, centreId: number, permission: string) {
  const { rows } = await sql<{ id: number; unit_path: string }>`select id, unit_path::text from call_centres where id = ${centreId}`.execute(tx);
  if (!rows[0] || !can(actor, permission, rows[0].unit_path)) throw new NotFound('call centre');
  return rows[0];
}

export async function requireCampaign(tx: Tx, actor: Actor, campaignId: number, permission: string) {
  const { rows } = await sql<{ id: number; unit_path: string; script: unknown; goal: unknown; status: string }>`select id, unit_path::text, script, goal, status
    from campaigns where id = ${campaignId}`.execute(tx);
  if (!rows[0] || !can(actor, permission, rows[0].unit_path)) throw new NotFound('campaign');
  return rows[0];
}

/** The (state, AC) pairs of assembly seats in the filter's classes; reference data, read as the system. */
async function seatsOf(tx: Tx, f: NonNullable<z.infer<typeof ContactFilter>['seats']>): Promise<{ states: string[]; acs: number[] }> {
  const found = await findSeats(tx, null, { election: f.election, party: f.party, strongholdRuns: 3, battlegroundPct: 5, closeVotes: 5000 });
  if (found.election.house !== 'AE') throw new Invalid('Seat classes pick assembly seats', [{ field: 'target.seats.election', message: 'an assembly election' }]);
  const seats = found.items.filter((s) => s.classes.some((c) => f.classes.includes(c)));
  return { states: seats.map((s) => s.state), acs: seats.map((s) => s.constituencyNo) };
}

/** A campaign with its contacts enrolled from the filter (those the manager can see), paused until started. */
export async function createCampaign(tx: Tx, actor: Actor, input: z.infer<typeof CampaignInput>) {
  const centre = await requireCentre(tx, actor, input.centreId, 'outreach.manage');
  const f = input.target;
  const seats = f.seats ? await seatsOf(tx, f.seats) : null;
  const { rows } = await sql<{ id: number }>`insert into campaigns (tenant_id, centre_id, unit_path, name, target, script, goal, languages, max_attempts,
      cooldown_minutes, priority, calling_from, calling_to, starts_at, ends_at, created_by)
    values (${actor.tenantId}, ${centre.id}, ${centre.unit_path}::ltree, ${input.name}, ${JSON.stringify(f)}::jsonb, ${JSON.stringify(input.script)}::jsonb,
      ${input.goal ? JSON.stringify(input.goal) : null}::jsonb, ${f.languages ?? []}, ${input.maxAttempts}, ${input.cooldownMinutes}, ${input.priority},
      ${input.callingFrom}::time, ${input.callingTo}::time, ${input.startsAt}::timestamptz, ${input.endsAt}::timestamptz, ${actor.userId}::uuid) returning id`.execute(tx);
  const id = rows[0].id;
  const a = f.answered;
  const enrolled = await sql`insert into campaign_contacts (tenant_id, campaign_id, contact_id, centre_id, unit_path, language, priority, state)
    select c.tenant_id, ${id}, c.id, ${centre.id}, ${centre.unit_path}::ltree, c.language, ${input.priority}, 'paused' from contacts c
    where c.tenant_id = ${actor.tenantId} and c.phone is not null
      and (${f.tags ?? null}::text[] is null or c.tags && ${f.tags ?? null}::text[])
      and (${f.kind ?? null}::text is null or c.kind = ${f.kind ?? null})
      and (${f.languages ?? null}::text[] is null or c.language = any(${f.languages ?? null}::text[]))
      and (${f.stateCode ?? null}::text is null or c.state_code = ${f.stateCode ?? null})
      and (${f.acNos ?? null}::int[] is null or c.ac_no = any(${f.acNos ?? null}::int[]))
      and (${seats ? 1 : null}::int is null or (c.state_code, c.ac_no) in (select * from unnest(${seats?.states ?? []}::text[], ${seats?.acs ?? []}::int[])))
      and (${a ? 1 : null}::int is null or exists (select 1 from calls k where k.tenant_id = c.tenant_id and k.contact_id = c.id
        and k.campaign_id = ${a?.campaignId ?? null}
        and (k.answers ->> ${a?.question ?? ''} = any(${a?.anyOf ?? []}::text[]) or jsonb_typeof(k.answers -> ${a?.question ?? ''}) = 'array'
          and k.answers -> ${a?.question ?? ''} ?| ${a?.anyOf ?? []}::text[])))`.execute(tx);
  const contacts = Number(enrolled.numAffectedRows ?? 0n);
  await recordAudit(tx, actor, { type: 'campaign.create', entity: 'campaigns', rowIds: [id], unitPath: centre.unit_path, detail: { name: input.name, contacts } });
  return { id, contacts };
}

/** Changes what may change while a campaign runs; a new priority reaches the queue rows at once. */
export async function patchCampaign(tx: Tx, actor: Actor, campaignId: number, p: z.infer<typeof CampaignPatch>) {
  const c = await requireCampaign(tx, actor, campaignId, 'outreach.manage');
  const script = p.script ?? Script.parse(c.script);
  const goal = p.goal === undefined ? (c.goal as { question: string } | null) : p.goal;
  if (goal && !script.questions.some((q) => q.id === goal.question)) {
    throw new Invalid('The goal asks about a question the script does not have', [{ field: 'goal.question', message: 'not in the script' }]);
  }
  const { rows } = await sql<{ hours: boolean; dates: boolean }>`update campaigns set
      name = coalesce(${p.name ?? null}, name), script = coalesce(${p.script ? JSON.stringify(p.script) : null}::jsonb, script),
      goal = case when ${p.goal === undefined} then goal else ${p.goal ? JSON.stringify(p.goal) : null}::jsonb end,
      max_attempts = coalesce(${p.maxAttempts ?? null}::smallint, max_attempts), cooldown_minutes = coalesce(${p.cooldownMinutes ?? null}::int, cooldown_minutes),
      priority = coalesce(${p.priority ?? null}::smallint, priority), calling_from = coalesce(${p.callingFrom ?? null}::time, calling_from),
      calling_to = coalesce(${p.callingTo ?? null}::time, calling_to), ends_at = coalesce(${p.endsAt ?? null}::timestamptz, ends_at)
    where id = ${campaignId} returning calling_to <= calling_from as hours, ends_at <= starts_at as dates`.execute(tx);
  if (rows[0].hours) throw new Invalid('Calling hours end before they start', [{ field: p.callingTo ? 'callingTo' : 'callingFrom', message: 'ends before it starts' }]);
  if (rows[0].dates) throw new Invalid('The campaign ends before it starts', [{ field: 'endsAt', message: 'ends before it starts' }]);
  if (p.priority !== undefined) {
    await sql`update campaign_contacts set priority = ${p.priority} where tenant_id = ${actor.tenantId} and campaign_id = ${campaignId}`.execute(tx);
  }
  await recordAudit(tx, actor, { type: 'campaign.update', entity: 'campaigns', rowIds: [campaignId], unitPath: c.unit_path, detail: { fields: Object.keys(p) } });
  if (p.script) forgetScript(actor.tenantId, campaignId);
  return getCampaign(tx, actor, campaignId);
}

interface SummaryRow { id: number; centre_id: number; centre: string; name: string; status: string; priority: number; starts_at: Date; ends_at: Date;
  calling_from: string; calling_to: string; contacts: number; ready: number; done: number }
const summary = (r: SummaryRow) => ({ id: r.id, centreId: r.centre_id, centre: r.centre, name: r.name, status: r.status, priority: r.priority,
  startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), callingFrom: r.calling_from.slice(0, 5),
  callingTo: r.calling_to.slice(0, 5), contacts: r.contacts, ready: r.ready, done: r.done });

/** The campaigns the actor manages, newest first, with how far each has got. */
export async function listCampaigns(tx: Tx, actor: Actor) {
  requirePermission(actor, 'outreach.manage');
  const paths = pathsWith(actor, 'outreach.manage');
  const { rows } = await sql<SummaryRow>`select k.id, k.centre_id, cc.name as centre, k.name, k.status, k.priority, k.starts_at, k.ends_at,
      k.calling_from::text, k.calling_to::text,
      (select count(*)::int from campaign_contacts q where q.tenant_id = k.tenant_id and q.campaign_id = k.id) as contacts,
      (select count(*)::int from campaign_contacts q where q.tenant_id = k.tenant_id and q.campaign_id = k.id and q.state = 'ready') as ready,
      (select count(*)::int from campaign_contacts q where q.tenant_id = k.tenant_id and q.campaign_id = k.id and q.state = 'done') as done
    from campaigns k join call_centres cc on cc.tenant_id = k.tenant_id and cc.id = k.centre_id
    where k.unit_path <@ ${paths}::ltree[] order by k.created_at desc, k.id desc limit 200`.execute(tx);
  return { items: rows.map(summary) };
}

export async function getCampaign(tx: Tx, actor: Actor, campaignId: number) {
  await requireCampaign(tx, actor, campaignId, 'outreach.manage');
  const { rows } = await sql<SummaryRow & { target: unknown; script: unknown; goal: unknown; max_attempts: number; cooldown_minutes: number; languages: string[] }>`
    select k.id, k.centre_id, cc.name as centre, k.name, k.status, k.priority, k.starts_at, k.ends_at, k.calling_from::text, k.calling_to::text,
      k.target, k.script, k.goal, k.max_attempts, k.cooldown_minutes, k.languages,
      (select count(*)::int from campaign_contacts q where q.tenant_id = k.tenant_id and q.campaign_id = k.id) as contacts,
      (select count(*)::int from campaign_contacts q where q.tenant_id = k.tenant_id and q.campaign_id = k.id and q.state = 'ready') as ready,
      (select count(*)::int from campaign_contacts q where q.tenant_id = k.tenant_id and q.campaign_id = k.id and q.state = 'done') as done
    from campaigns k join call_centres cc on cc.tenant_id = k.tenant_id and cc.id = k.centre_id where k.id = ${campaignId}`.execute(tx);
  const r = rows[0];
  return { ...summary(r), target: r.target, script: r.script, goal: r.goal ?? null, maxAttempts: r.max_attempts, cooldownMinutes: r.cooldown_minutes, languages: r.languages };
}

/** The centres the actor manages, with their agents and campaigns counted. */
export async function listCentres(tx: Tx, actor: Actor) {
  requirePermission(actor, 'outreach.manage');
  const paths = pathsWith(actor, 'outreach.manage');
  const { rows } = await sql<{ id: number; name: string; place: string | null; languages: string[]; unit_id: number; agents: number; campaigns: number }>`
    select c.id, c.name, c.place, c.languages, c.unit_id,
      (select count(*)::int from centre_agents a where a.tenant_id = c.tenant_id and a.centre_id = c.id and a.active) as agents,
      (select count(*)::int from campaigns k where k.tenant_id = c.tenant_id and k.centre_id = c.id) as campaigns
    from call_centres c where c.unit_path <@ ${paths}::ltree[] order by c.name, c.id`.execute(tx);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, place: r.place, languages: r.languages, unitId: r.unit_id, agents: r.agents, campaigns: r.campaigns })) };
}

/** Where the signed-in user takes calls. */
export async function myCentres(tx: Tx, actor: Actor) {
  requirePermission(actor, 'outreach.call');
  const { rows } = await sql<{ centre_id: number; name: string; languages: string[]; active: boolean }>`select a.centre_id, c.name, a.languages, a.active
    from centre_agents a join call_centres c on c.tenant_id = a.tenant_id and c.id = a.centre_id
    where a.tenant_id = ${actor.tenantId} and a.user_id = ${actor.userId}::uuid order by c.name`.execute(tx);
  return { items: rows.map((r) => ({ centreId: r.centre_id, name: r.name, languages: r.languages, active: r.active })) };
}

/** The answers checked against the campaign's script, by field; throws a problem naming each. */
/**
 * A campaign's script for checking an outcome's answers, as the actor may see it (row-level security:
 * undefined when they may not, and then the outcome's own check refuses them). Kept per process for
 * SCRIPT_TTL_MS: the outcome is one statement with no transaction to take back (recordOutcome), so
 * the answers are checked before it, and reading the script each time would be a transaction of its
 * own. A change made here is seen at once; one made by another server process within the TTL, which an
 * agent's open screen would not have either until their next claim.
 */
export async function campaignScript(db: Executor, actor: Actor, campaignId: number): Promise<unknown> {
  const key = `${actor.tenantId}:${campaignId}`;
  const hit = scripts.get(key);
  if (hit && Date.now() - hit.at < SCRIPT_TTL_MS) return hit.script;
  const { rows } = await withActor(db, actor, (tx) => sql<{ script: unknown }>`select script from campaigns where id = ${campaignId}`.execute(tx));
  if (scripts.size >= 1000) scripts.clear(); // a bound, not an LRU: campaigns running at once are few
  scripts.set(key, { script: rows[0]?.script, at: Date.now() });
  return rows[0]?.script;
}
export const SCRIPT_TTL_MS = 30_000;
const scripts = new Map<string, { script: unknown; at: number }>();
export function forgetScript(tenantId: string, campaignId: number): void { scripts.delete(`${tenantId}:${campaignId}`); }

export function requireValidAnswers(script: unknown, answers: Record<string, string | number | string[]>, answered: boolean) {
  const parsed = Script.safeParse(script);
  if (!parsed.success) return; // a campaign made before scripts were checked: take the answers as given
  const errors = checkAnswers(parsed.data, answers, answered);
  if (errors.length) throw new Invalid('Some answers do not fit the script', errors);
}
