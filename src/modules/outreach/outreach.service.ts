// Call centres, agents, campaigns and the queue's two hot calls (issue 6, first part):
// claim the next contact (outreach_claim, the one suppression chokepoint) and record an outcome once
// per idempotency key (outreach_record). Raw SQL: the outreach tables are not in the Kysely schema yet.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { can, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { maskPhone, normalisePhone } from '../../shared/phones.ts';
import { campaignScript, requireCentre, requireValidAnswers } from './campaigns.ts';
import type { AgentInput, Claimed, OutcomeInput, Recorded } from './outreach.schemas.ts';

/** A lease long enough for a call and its survey; a vanished agent's contact returns after it. */
export const LEASE_SECONDS = 600;

export async function createCentre(tx: Tx, actor: Actor, input: { name: string; place?: string | null; unitId: number; languages: string[] }) {
  const [unit] = await requireUnits(tx, actor, 'outreach.manage', [input.unitId]);
  const { rows } = await sql<{ id: number }>`insert into call_centres (tenant_id, name, place, languages, unit_id, unit_path)
    values (${actor.tenantId}, ${input.name}, ${input.place ?? null}, ${input.languages}, ${unit.id}, ${unit.path}::ltree) returning id`.execute(tx);
  await recordAudit(tx, actor, { type: 'centre.create', entity: 'call_centres', rowIds: [rows[0].id], unitPath: unit.path, detail: { name: input.name } });
  return { id: rows[0].id };
}

export async function setAgent(tx: Tx, actor: Actor, centreId: number, input: z.infer<typeof AgentInput>) {
  const centre = await requireCentre(tx, actor, centreId, 'outreach.manage');
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (phone && !('e164' in phone)) throw new Invalid('The agent\'s phone is not a phone number', [{ field: 'phone', message: phone.message }]);
  await sql`insert into centre_agents (tenant_id, centre_id, user_id, unit_path, languages, shift_from, shift_to, active, phone)
    values (${actor.tenantId}, ${centre.id}, ${input.userId}::uuid, ${centre.unit_path}::ltree, ${input.languages}, ${input.shiftFrom ?? null}::time, ${input.shiftTo ?? null}::time,
      ${input.active}, ${phone ? phone.e164 : null})
    on conflict (tenant_id, centre_id, user_id) do update set languages = excluded.languages, shift_from = excluded.shift_from,
      shift_to = excluded.shift_to, active = excluded.active, phone = coalesce(excluded.phone, centre_agents.phone)`.execute(tx);
  await recordAudit(tx, actor, { type: 'agent.set', entity: 'centre_agents', rowIds: [input.userId], unitPath: centre.unit_path, detail: { centreId, ...input, phone: phone && 'e164' in phone ? maskPhone(phone.e164) : undefined } });
  return { centreId, userId: input.userId };
}

/** Start, pause or end: the queue rows follow (paused rows leave the claim index; started ones join it). */
export async function setCampaignStatus(tx: Tx, actor: Actor, campaignId: number, status: 'active' | 'paused' | 'ended') {
  const { rows } = await sql<{ unit_path: string }>`select unit_path::text from campaigns where id = ${campaignId}`.execute(tx);
  if (!rows[0] || !can(actor, 'outreach.manage', rows[0].unit_path)) throw new NotFound('campaign');
  await sql`update campaigns set status = ${status} where id = ${campaignId}`.execute(tx);
  if (status === 'active') {
    await sql`update campaign_contacts set state = case when next_at <= now() then 'ready' else 'waiting' end, updated_at = now()
      where tenant_id = ${actor.tenantId} and campaign_id = ${campaignId} and state = 'paused'`.execute(tx);
  } else {
    await sql`update campaign_contacts set state = ${status === 'ended' ? 'done' : 'paused'}, updated_at = now()
      where tenant_id = ${actor.tenantId} and campaign_id = ${campaignId} and state in ('ready', 'waiting', 'paused')`.execute(tx);
  }
  await recordAudit(tx, actor, { type: 'campaign.status', entity: 'campaigns', rowIds: [campaignId], unitPath: rows[0].unit_path, detail: { status } });
  return { id: campaignId, status };
}

interface ClaimRow { campaign_id: number | null; contact_id: number | null; lease_until: Date | null; attempts: number | null; is_callback: boolean | null;
  reason: string | null; name: string | null; phone: string | null; language: string | null; state_code: string | null; ac_no: number | null;
  campaign_name: string | null; script: unknown; max_attempts: number | null }

/** What the audit event of a hot call records about the actor, as the wrappers of migration 0023 take it. */
const auditArgs = (actor: Actor) => sql`${actor.tenantId}::uuid, ${actor.userId}::uuid, ${actor.label}::text, ${actor.origin.ip ?? null}::text,
  ${actor.origin.userAgent ?? null}::text`;

/**
 * The next contact for the agent (their centre and languages). The number is masked unless the agent
 * may unmask; handing a contact out is a read of personal data, audited with the claim. One statement
 * and no transaction around it (outreach_claim_for, migration 0023): the claim, its audit event and the
 * campaign's script, the hottest call there is.
 */
export async function claimNext(db: Executor, actor: Actor, centreId: number): Promise<z.infer<typeof Claimed>> {
  requirePermission(actor, 'outreach.call');
  const unmasked = can(actor, 'personal.unmask');
  let r: ClaimRow | undefined;
  try {
    r = (await sql<ClaimRow>`select * from outreach_claim_for(${auditArgs(actor)}, ${unmasked}::boolean, ${centreId}::bigint, ${LEASE_SECONDS}::int)`.execute(db)).rows[0];
  } catch (e) {
    if ((e as { code?: string }).code === '42501') throw new NotFound('call centre'); // not an agent there
    throw e;
  }
  if (!r || r.contact_id === null) return { contact: null, reason: r?.reason ?? 'empty' };
  return {
    contact: { campaignId: r.campaign_id!, contactId: r.contact_id, name: r.name, phone: unmasked ? r.phone! : maskPhone(r.phone!), phoneMasked: !unmasked,
      language: r.language!, stateCode: r.state_code, acNo: r.ac_no, leaseUntil: new Date(r.lease_until!).toISOString(), attempts: r.attempts!, isCallback: r.is_callback! },
    campaign: r.campaign_name !== null ? { id: r.campaign_id!, name: r.campaign_name, script: r.script, maxAttempts: r.max_attempts! } : null,
    reason: null,
  };
}

/**
 * The outcome, once per idempotency key; a resend answers the first call. The answers are checked
 * against the campaign's script first; then one statement, no transaction around it
 * (outreach_record_for, migration 0023): the call and its audit event (not for a resend). With a
 * telephony provider, the call counts as bridged when this agent's bridge to the contact connected.
 */
export async function recordOutcome(db: Executor, actor: Actor, input: z.infer<typeof OutcomeInput>, bridging = false): Promise<z.infer<typeof Recorded>> {
  requirePermission(actor, 'outreach.call');
  const script = await campaignScript(db, actor, input.campaignId);
  if (script != null) requireValidAnswers(script, input.answers, input.outcome === 'answered');
  try {
    const row = (await sql<{ call_id: number; duplicate: boolean; state: string | null }>`select * from outreach_record_for(${auditArgs(actor)},
      ${input.idempotencyKey}::uuid, ${input.campaignId}::bigint, ${input.contactId}::bigint, ${input.outcome}::text, ${input.callbackAt ?? null}::timestamptz,
      ${JSON.stringify(input.answers)}::jsonb, ${input.note ?? null}::text, ${bridging}::boolean)`.execute(db)).rows[0];
    return { callId: row.call_id, duplicate: row.duplicate, state: row.state };
  } catch (e) {
    if ((e as { code?: string }).code === 'P0002') throw new Invalid('This contact is not in this campaign', [{ field: 'contactId', message: 'not in this campaign' }]);
    if ((e as { code?: string }).code === '42501') throw new NotFound('campaign');
    throw e;
  }
}

/**
 * Where a campaign's contacts stand, and why those not callable now are blocked: cooling down after an
 * attempt, a call-back later, held by an agent, paused, done, or suppressed (by reason).
 */
export async function queueCounts(tx: Tx, actor: Actor, campaignId: number) {
  const { rows: c } = await sql<{ unit_path: string }>`select unit_path::text from campaigns where id = ${campaignId}`.execute(tx);
  if (!c[0] || !can(actor, 'outreach.manage', c[0].unit_path)) throw new NotFound('campaign');
  const { rows } = await sql<{ state: string; why: string | null; n: number }>`select state,
      case when state = 'waiting' then (case when is_callback then 'call_back' else 'cooling_down' end)
        when state in ('suppressed', 'done') then last_outcome end as why, count(*)::int as n
    from campaign_contacts where tenant_id = ${actor.tenantId} and campaign_id = ${campaignId} group by 1, 2`.execute(tx);
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
  const by = (state: string) => Object.fromEntries(rows.filter((r) => r.state === state).map((r) => [r.why ?? 'other', r.n]));
  return {
    total: sum(() => true), ready: sum((r) => r.state === 'ready'), held: sum((r) => r.state === 'held'), paused: sum((r) => r.state === 'paused'),
    coolingDown: sum((r) => r.state === 'waiting' && r.why === 'cooling_down'), callBackLater: sum((r) => r.state === 'waiting' && r.why === 'call_back'),
    done: by('done'), suppressed: by('suppressed'),
  };
}
