// A person's data in the call centres: finding a contact (masked), showing the full number (audited),
// exporting contacts (its own permission, audited), withdrawn consent, the do-not-call list, and
// erasure — the name and number go, and so do call notes and free-text answers, while the anonymous
// rest (seat, language, outcomes, choice answers) stays so that counts and results hold.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid, NotFound } from '../../shared/errors.ts';
import { maskPhone, normalisePhone } from '../../shared/phones.ts';
import { can, pathsWith, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';

interface ContactRow { id: number; phone: string | null; name: string | null; language: string; state_code: string | null; ac_no: number | null;
  tags: string[]; kind: string; consent_source: string | null; consent_withdrawn_at: Date | null; erased_at: Date | null; unit_path: string; opted_out: boolean }

const SELECT = sql`select c.id, c.phone, c.name, c.language, c.state_code, c.ac_no, c.tags, c.kind, c.consent_source, c.consent_withdrawn_at, c.erased_at,
  c.unit_path::text, exists (select 1 from opt_outs o where o.tenant_id = c.tenant_id and o.phone = c.phone) as opted_out from contacts c`;

async function requireContact(tx: Tx, actor: Actor, contactId: number, permission: string): Promise<ContactRow> {
  const { rows } = await sql<ContactRow>`${SELECT} where c.id = ${contactId}`.execute(tx);
  if (!rows[0] || !can(actor, permission, rows[0].unit_path)) throw new NotFound('contact');
  return rows[0];
}

const out = (c: ContactRow, unmasked: boolean) => ({
  id: c.id, phone: c.phone === null ? null : unmasked ? c.phone : maskPhone(c.phone), phoneMasked: c.phone !== null && !unmasked, name: c.name,
  language: c.language, stateCode: c.state_code, acNo: c.ac_no, tags: c.tags, kind: c.kind, consentSource: c.consent_source,
  consentWithdrawn: c.consent_withdrawn_at !== null, optedOut: c.opted_out, erased: c.erased_at !== null,
});

/** Contacts by phone or name, masked: how a manager finds the person who asked to be erased or not called. */
export async function findContacts(tx: Tx, actor: Actor, q: string) {
  requirePermission(actor, 'outreach.manage');
  const phone = normalisePhone(q);
  const paths = pathsWith(actor, 'outreach.manage');
  const { rows } = await sql<ContactRow>`${SELECT} where c.unit_path <@ ${paths}::ltree[]
    and ${'e164' in phone ? sql`c.phone = ${phone.e164}` : sql`c.name ilike ${`%${q.replace(/[%_\\]/g, '\\$&')}%`}`} order by c.name nulls last, c.id limit 50`.execute(tx);
  await recordAudit(tx, actor, { type: 'contacts.read', entity: 'contacts', rowIds: rows.map((r) => r.id), unitPath: null, detail: { search: 'e164' in phone ? 'phone' : 'name', found: rows.length } });
  return { items: rows.map((r) => out(r, false)) };
}

/** The full number, for someone allowed to see it; every showing is audited. */
export async function unmaskContact(tx: Tx, actor: Actor, contactId: number) {
  requirePermission(actor, 'personal.unmask');
  const c = await requireContact(tx, actor, contactId, 'personal.unmask');
  if (c.phone === null) throw new NotFound('contact');
  await recordAudit(tx, actor, { type: 'contact.unmask', entity: 'contacts', rowIds: [c.id], unitPath: c.unit_path, detail: {} });
  return { id: c.id, phone: c.phone };
}

/** Leaves every campaign's queue (those not finished) with a reason the queue counts show. */
async function suppress(tx: Tx, actor: Actor, where: ReturnType<typeof sql>, reason: string) {
  await sql`update campaign_contacts q set state = 'suppressed', last_outcome = ${reason}, held_by = null, lease_until = null, updated_at = now()
    where q.tenant_id = ${actor.tenantId} and q.state <> 'done' and q.contact_id in (select c.id from contacts c where c.tenant_id = ${actor.tenantId} and ${where})`.execute(tx);
}

export async function withdrawConsent(tx: Tx, actor: Actor, contactId: number) {
  const c = await requireContact(tx, actor, contactId, 'outreach.manage');
  await sql`update contacts set consent_withdrawn_at = coalesce(consent_withdrawn_at, now()), updated_at = now() where id = ${c.id}`.execute(tx);
  await suppress(tx, actor, sql`c.id = ${c.id}`, 'consent_withdrawn');
  await recordAudit(tx, actor, { type: 'contact.consent', entity: 'contacts', rowIds: [c.id], unitPath: c.unit_path, detail: { withdrawn: true } });
  return { id: c.id, consentWithdrawn: true };
}

/** A number never to be called again by any campaign of the tenant, whoever holds it now or later. */
export async function addOptOut(tx: Tx, actor: Actor, input: { phone: string; reason?: string | null }) {
  requirePermission(actor, 'outreach.manage');
  const p = normalisePhone(input.phone);
  if (!('e164' in p)) throw new Invalid('Not a phone number', [{ field: 'phone', message: p.message }]);
  await sql`insert into opt_outs (tenant_id, phone, source, reason, by_user) values (${actor.tenantId}, ${p.e164}, 'request', ${input.reason ?? null}, ${actor.userId}::uuid)
    on conflict (tenant_id, phone) do nothing`.execute(tx);
  // Contacts outside the actor's area are suppressed when a claim reaches them (the chokepoint checks opt-outs).
  await suppress(tx, actor, sql`c.phone = ${p.e164}`, 'opted_out');
  await recordAudit(tx, actor, { type: 'optout.add', entity: 'opt_outs', rowIds: [], unitPath: null, detail: { phone: maskPhone(p.e164) } });
  return { phone: maskPhone(p.e164), optedOut: true };
}

/**
 * Erases the person: name, number and consent source are cleared on the contact; their calls keep the
 * outcome, the seat and the choice answers but lose notes and free-text answers (the questions the
 * campaign's script marks as text). An opt-out by the number stays: the wish outlives the record.
 */
export async function eraseContact(tx: Tx, actor: Actor, contactId: number) {
  const c = await requireContact(tx, actor, contactId, 'outreach.manage');
  if (c.erased_at) return { id: c.id, erased: true };
  await suppress(tx, actor, sql`c.id = ${c.id}`, 'erased');
  await sql`update contacts set phone = null, name = null, consent_source = null, erased_at = now(), updated_at = now() where id = ${c.id}`.execute(tx);
  await sql`update calls k set note = null, resolution = null,
      answers = k.answers - coalesce((select array_agg(q ->> 'id') from campaigns p, jsonb_array_elements(coalesce(p.script -> 'questions', '[]')) q
        where p.tenant_id = k.tenant_id and p.id = k.campaign_id and q ->> 'kind' = 'text'), '{}'::text[])
    where k.tenant_id = ${actor.tenantId} and k.contact_id = ${c.id}`.execute(tx);
  await recordAudit(tx, actor, { type: 'contact.erase', entity: 'contacts', rowIds: [c.id], unitPath: c.unit_path, detail: {} });
  return { id: c.id, erased: true };
}

/** Every contact in the actor's area with full numbers, as CSV; for the roles allowed to export, audited with the count. */
export async function exportContacts(tx: Tx, actor: Actor): Promise<string> {
  requirePermission(actor, 'outreach.export');
  const paths = pathsWith(actor, 'outreach.export');
  const { rows } = await sql<ContactRow>`${SELECT} where c.unit_path <@ ${paths}::ltree[] and c.erased_at is null order by c.id`.execute(tx);
  const cell = (v: unknown) => { const s = v === null || v === undefined ? '' : String(v); return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  const lines = ['phone,name,language,state,ac,tags,kind,consent_source,consent_withdrawn,opted_out',
    ...rows.map((r) => [r.phone, r.name, r.language, r.state_code, r.ac_no, r.tags.join(';'), r.kind, r.consent_source, r.consent_withdrawn_at ? 'yes' : '', r.opted_out ? 'yes' : ''].map(cell).join(','))];
  await recordAudit(tx, actor, { type: 'contacts.export', entity: 'contacts', rowIds: [], unitPath: paths.sort()[0] ?? null, detail: { rows: rows.length } });
  return `${lines.join('\n')}\n`;
}
