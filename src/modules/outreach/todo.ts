// Calls needing an organiser form a to-do list (issue 6): the agent marked the call "needs an
// organiser" with a note; a manager of the campaign's unit deals with it and closes it with what was
// done. The list names the people called, so reading it is a read of personal data, audited.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { maskPhone } from '../../shared/phones.ts';
import { requireCampaign } from './campaigns.ts';

const MAX_ITEMS = 200;

/**
 * Open calls needing an organiser, newest first, in the campaigns the actor manages (or one of them).
 * Numbers are always masked here: the list says who to ring back, not their number.
 */
export async function findTodo(tx: Tx, actor: Actor, campaignId?: number) {
  requirePermission(actor, 'outreach.manage');
  if (campaignId !== undefined) await requireCampaign(tx, actor, campaignId, 'outreach.manage');
  const paths = pathsWith(actor, 'outreach.manage');
  // calls_todo (tenant_id, at) where open: the list is read from that partial index, newest first.
  const { rows } = await sql<{ id: number; campaign_id: number; campaign: string; contact_id: number; name: string | null; phone: string | null;
    state_code: string | null; ac_no: number | null; ac_name: string | null; ac_name_hi: string | null; agent: string | null; note: string | null; at: Date }>`
    select k.id, k.campaign_id, p.name as campaign, k.contact_id, c.name, c.phone, k.state_code, k.ac_no, g.name as ac_name, g.name_hi as ac_name_hi, u.name as agent, k.note, k.at
    from calls k
      join campaigns p on p.tenant_id = k.tenant_id and p.id = k.campaign_id
      left join contacts c on c.tenant_id = k.tenant_id and c.id = k.contact_id
      left join users u on u.id = k.agent_user_id
      left join constituencies g on g.state_code = k.state_code and g.house = 'AE' and g.era = 2008 and g.no = k.ac_no
    where k.tenant_id = ${actor.tenantId} and k.outcome = 'needs_organiser' and k.resolved_at is null and k.unit_path <@ ${paths}::ltree[]
      ${campaignId !== undefined ? sql`and k.campaign_id = ${campaignId}` : sql``}
    order by k.at desc, k.id desc limit ${MAX_ITEMS + 1}`.execute(tx);
  const items = rows.slice(0, MAX_ITEMS);
  if (items.length) {
    await recordAudit(tx, actor, { type: 'contacts.read', entity: 'contacts', rowIds: [...new Set(items.map((r) => r.contact_id))], unitPath: null,
      detail: { purpose: 'to-do: calls needing an organiser', campaignId: campaignId ?? null, unmasked: false } });
  }
  return {
    items: items.map((r) => ({ callId: Number(r.id), campaignId: Number(r.campaign_id), campaign: r.campaign, contactId: Number(r.contact_id), name: r.name,
      phone: r.phone ? maskPhone(r.phone) : null, stateCode: r.state_code, acNo: r.ac_no, acName: r.ac_name, acNameHi: r.ac_name_hi, agent: r.agent, note: r.note,
      at: new Date(r.at).toISOString() })),
    truncated: rows.length > MAX_ITEMS,
  };
}

/** Closes a call on the to-do list with what was done; once (a second close is a conflict). */
export async function resolveCall(tx: Tx, actor: Actor, callId: number, resolution: string) {
  const { rows } = await sql<{ unit_path: string; outcome: string; resolved_at: Date | null }>`select unit_path::text, outcome, resolved_at
    from calls where tenant_id = ${actor.tenantId} and id = ${callId}`.execute(tx);
  const call = rows[0];
  if (!call || !can(actor, 'outreach.manage', call.unit_path)) throw new NotFound('call');
  if (call.outcome !== 'needs_organiser') throw new Conflict('Only a call needing an organiser is resolved');
  if (call.resolved_at) throw new Conflict('This call was already resolved');
  const { rows: done } = await sql<{ resolved_at: Date }>`update calls set resolved_at = now(), resolved_by = ${actor.userId}::uuid, resolution = ${resolution}
    where tenant_id = ${actor.tenantId} and id = ${callId} returning resolved_at`.execute(tx);
  await recordAudit(tx, actor, { type: 'call.resolve', entity: 'calls', rowIds: [callId], unitPath: call.unit_path, detail: { resolution } });
  return { callId, resolvedAt: new Date(done[0].resolved_at).toISOString() };
}
