// Bridged calls (telephony.ts): an agent asks the provider to connect them with the contact they hold;
// the provider's signed status webhook moves the bridge on; the agent's screen polls it. The outcome
// of a bridged call is recorded as bridged.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { AppError, Invalid, NotFound } from '../../shared/errors.ts';
import { can, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { BridgeStatus, Telephony } from './telephony.ts';

export interface BridgeOut { id: number; status: string; providerCallId: string | null; durationSeconds: number | null }

const RANK: Record<string, number> = { requested: 0, ringing: 1, answered: 2 }; // anything else ends the call

/** Asks the provider to bridge the agent and the contact they hold; the number never reaches the agent. */
export async function startBridge(tx: Tx, actor: Actor, telephony: Telephony | undefined, input: { campaignId: number; contactId: number }, statusUrl: string): Promise<BridgeOut> {
  requirePermission(actor, 'outreach.call');
  if (!telephony) throw new AppError(409, 'No telephony provider', 'This server has no telephony provider: dial the number by hand (WARROOM_TELEPHONY)');
  let row: { bridge_id: number; contact_phone: string; agent_phone: string };
  try {
    row = (await sql<typeof row>`select * from outreach_bridge_start(${input.campaignId}::bigint, ${input.contactId}::bigint, ${telephony.provider})`.execute(tx)).rows[0];
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'P0002') throw new NotFound('held contact');
    if (code === '22023') throw new Invalid('Your phone at this centre is not set', [{ field: 'phone', message: 'ask the centre manager to add your phone number' }]);
    throw e;
  }
  let providerCallId: string;
  try {
    ({ providerCallId } = await telephony.bridge({ reference: String(row.bridge_id), agentPhone: row.agent_phone, contactPhone: row.contact_phone, statusUrl }));
  } catch {
    await sql`update call_bridges set status = 'failed', updated_at = now() where id = ${row.bridge_id}`.execute(tx);
    throw new AppError(502, 'The telephony provider failed', 'The call could not be placed: try again, or dial by hand');
  }
  await sql`update call_bridges set provider_call_id = ${providerCallId}, updated_at = now() where id = ${row.bridge_id}`.execute(tx);
  await recordAudit(tx, actor, { type: 'call.bridge', entity: 'call_bridges', rowIds: [row.bridge_id], unitPath: null,
    detail: { campaignId: input.campaignId, contactId: input.contactId, provider: telephony.provider } });
  return { id: row.bridge_id, status: 'requested', providerCallId, durationSeconds: null };
}

export async function getBridge(tx: Tx, actor: Actor, bridgeId: number): Promise<BridgeOut> {
  requirePermission(actor, 'outreach.call');
  const { rows } = await sql<{ id: number; status: string; provider_call_id: string | null; duration_seconds: number | null; agent_user_id: string; unit_path: string }>`
    select id, status, provider_call_id, duration_seconds, agent_user_id, unit_path::text from call_bridges where id = ${bridgeId}`.execute(tx);
  // The agent's own calls; a manager's within their centres.
  if (!rows[0] || (rows[0].agent_user_id !== actor.userId && !can(actor, 'outreach.manage', rows[0].unit_path))) throw new NotFound('call');
  return { id: rows[0].id, status: rows[0].status, providerCallId: rows[0].provider_call_id, durationSeconds: rows[0].duration_seconds };
}

/**
 * A status from the provider's webhook, already verified: statuses only move forward (a late
 * "ringing" after "answered" changes nothing), and a second delivery of the same one is harmless.
 * As the system: the webhook carries no session, its signature is its authority.
 */
export async function applyStatus(db: Executor, provider: string, providerCallId: string, status: BridgeStatus, durationSeconds?: number): Promise<'applied' | 'stale' | 'unknown'> {
  const rank = RANK[status] ?? 3;
  const { rows } = await sql<{ id: number; moved: boolean }>`update call_bridges set
      status = case when (case status when 'requested' then 0 when 'ringing' then 1 when 'answered' then 2 else 3 end) < ${rank} then ${status} else status end,
      duration_seconds = coalesce(${durationSeconds ?? null}::int, duration_seconds), updated_at = now()
    where provider = ${provider} and provider_call_id = ${providerCallId}
    returning id, status = ${status} as moved`.execute(db);
  if (!rows[0]) return 'unknown';
  return rows[0].moved ? 'applied' : 'stale';
}
