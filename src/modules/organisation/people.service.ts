// People (workers): one identity per mobile number per tenant. Every read of personal data and every
// write is audited in its transaction; phones leave masked, except through the audited unmask call.
// Writes that change who counts where (home unit, gender, category, verification) refresh strength.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, Invalid, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { Person, PeopleQuery, PersonInput, PersonPatch, PersonSummary, VerifyBody } from './people.schemas.ts';
import { auditPeopleRead, loadSummaries, requirePerson, summaryOf, type PersonRow } from './people.queries.ts';
import { looksLikePhone, maskPhone, normalisePhone } from '../../shared/phones.ts';
import { refreshStrength } from './strength.service.ts';

/** The E.164 form of a number a client sent, or a 400 naming the field. */
export function requirePhone(raw: string, field = 'phone'): string {
  const n = normalisePhone(raw);
  if ('reason' in n) throw new Invalid(`${field}: ${n.message}`, [{ field, message: n.message }]);
  return n.e164;
}

/** The unmerged person holding the number (as their own or a merged-in one), if the actor can see them. */
async function personWithPhone(tx: Tx, e164: string, exceptId?: number): Promise<{ id: number } | undefined> {
  let q = tx.selectFrom('people').select('id').where('merged_into', 'is', null)
    .where((eb) => eb.or([eb('phone', '=', e164), sql<boolean>`${e164} = any(other_phones)`]));
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return q.orderBy('id').limit(1).executeTakeFirst();
}

function phoneTaken(id?: number): Conflict {
  // Outside the actor's scope the holder stays unnamed: the number's existence is all the index tells.
  return id === undefined
    ? new Conflict('This phone number already belongs to a person outside your access', [{ field: 'phone', message: 'already held by another person' }])
    : new Conflict(`This phone number already belongs to person ${id}`, [{ field: 'phone', message: `already held by person ${id}`, id }]);
}

async function assertPhoneFree(tx: Tx, e164: string, exceptId?: number): Promise<void> {
  const holder = await personWithPhone(tx, e164, exceptId);
  if (holder) throw phoneTaken(holder.id);
}

async function assertWings(tx: Tx, wings: string[] | undefined): Promise<void> {
  if (!wings?.length) return;
  const known = await tx.selectFrom('wings').select('code').where('code', 'in', wings).execute();
  const missing = wings.filter((w) => !known.some((k) => k.code === w));
  if (missing.length) throw new Invalid(`Unknown wing ${missing.join(', ')}`, [{ field: 'wings', message: `unknown wing ${missing.join(', ')}` }]);
}

/** The unique index has the last word (a racing insert, or a holder row-level security hides). */
function isPhoneViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err?.code === '23505' && (err.constraint === 'people_phone' || /people_phone/.test(err.message ?? ''));
}

/** Creates a person (org.write on the home unit). 409 naming `phone` when the number is held. */
export async function createPerson(tx: Tx, actor: Actor, input: PersonInput): Promise<{ id: number }> {
  const [unit] = await requireUnits(tx, actor, 'org.write', [input.homeUnitId]);
  const phone = requirePhone(input.phone);
  await assertPhoneFree(tx, phone);
  await assertWings(tx, input.wings);
  let id: number;
  try {
    ({ id } = await tx.insertInto('people').values({
      tenant_id: actor.tenantId, phone, name: input.name, name_hi: input.nameHi ?? null, gender: input.gender ?? null,
      age_band: input.ageBand ?? null, category: input.category ?? null, epic: input.epic ?? null,
      home_unit_id: unit.id, unit_path: unit.path, wings: input.wings ?? [], created_by: actor.userId,
    }).returning('id').executeTakeFirstOrThrow());
  } catch (e) {
    if (isPhoneViolation(e)) throw phoneTaken();
    throw e;
  }
  await recordAudit(tx, actor, { type: 'person.create', entity: 'people', rowIds: [id], unitPath: unit.path, detail: { name: input.name, phoneMasked: maskPhone(phone) } });
  await refreshStrength(tx, [unit.id]);
  return { id };
}

/** The person holding a number (any spelling), if the actor may read them; null for none or junk. */
export async function findPersonByPhone(tx: Tx, actor: Actor, rawPhone: string): Promise<{ id: number } | null> {
  requirePermission(actor, 'org.read');
  const n = normalisePhone(rawPhone);
  if ('reason' in n) return null;
  const hit = await personWithPhone(tx, n.e164);
  if (!hit) return null;
  const row = await requirePerson(tx, actor, 'org.read', hit.id).catch((e) => { if (e instanceof NotFound) return null; throw e; });
  return row ? { id: row.id } : null;
}

// ---------- search ----------

interface Cursor { name: string; id: number }
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(cursor: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof v.name === 'string' && Number.isSafeInteger(v.id)) return v;
  } catch { /* fall through */ }
  throw new Invalid('Bad cursor', [{ field: 'cursor', message: 'not a cursor this server gave out' }]);
}

const ltreeArray = (paths: string[]) => sql`array[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`;

/**
 * People in the actor's org.read scope, by name in either script (trigram word similarity, so
 * "Ramesh Kumaar" finds "Ramesh Kumar"; a plain substring as well, for short and Devanagari input)
 * or by phone in any spelling. Name order with a keyset cursor, so deep pages stay cheap.
 */
export async function findPeople(tx: Tx, actor: Actor, query: PeopleQuery): Promise<{ items: PersonSummary[]; nextCursor: string | null }> {
  requirePermission(actor, 'org.read');
  const paths = query.unitId ? [(await requireUnits(tx, actor, 'org.read', [query.unitId]))[0].path] : pathsWith(actor, 'org.read');
  const text = query.q?.trim() || null;
  let phone: string | null = null;
  let digits: string | null = null;
  if (text && looksLikePhone(text)) {
    const n = normalisePhone(text);
    // A partial number (the last digits someone remembers) matches as a suffix.
    if ('e164' in n) phone = n.e164; else digits = text.replace(/\D/g, '');
  }
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  // The search runs in org_search_people (migration 0013), which applies the visibility rule itself so
  // that the trigram indexes serve it; row-level security still guards the rows read afterwards.
  const rows = (await sql<{ id: number; name: string; unit_path: string }>`select id, name, unit_path from org_search_people(${ltreeArray(paths)}, ${phone || digits ? null : text},
    ${phone}, ${digits}, ${query.verified ?? null}::boolean, ${after?.name ?? null}, ${after?.id ?? null}::bigint, ${query.limit + 1})`.execute(tx)).rows
    .map((r) => ({ id: Number(r.id), name: r.name, unit_path: r.unit_path }));
  const page = rows.slice(0, query.limit);
  const summaries = await loadSummaries(tx, page.map((r) => r.id));
  await auditPeopleRead(tx, actor, page, { via: 'search', q: phone || digits ? '(phone)' : text });
  const last = page[page.length - 1];
  return {
    items: page.map((r) => summaryOf(summaries.get(r.id)!)),
    nextCursor: rows.length > query.limit ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

// ---------- one person ----------

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getPerson(tx: Tx, actor: Actor, id: number): Promise<Person> {
  const row = await requirePerson(tx, actor, 'org.read', id);
  const person = await personDetail(tx, actor, row);
  await auditPeopleRead(tx, actor, [row], { via: 'detail' });
  return person;
}

async function personDetail(tx: Tx, actor: Actor, row: PersonRow): Promise<Person> {
  const summary = (await loadSummaries(tx, [row.id])).get(row.id)!;
  const history = await tx.selectFrom('designations as d')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.unit_id'))
    .select(['d.id', 'd.unit_id', 'u.name', 'd.code', 'd.seat', 'd.from_date', 'd.to_date', 'd.end_reason'])
    .where('d.person_id', '=', row.id).orderBy('d.from_date', 'desc').orderBy('d.id', 'desc').execute();
  const merges = await tx.selectFrom('person_merges as m').innerJoin('people as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.merged_id'))
    .select(['m.merged_id', 'o.name', 'o.phone', 'm.at']).where('m.kept_id', '=', row.id).orderBy('m.at').execute();
  const offices = await tx.selectFrom('representatives').select(['id', 'office', 'state_code', 'house', 'constituency_no', 'body', 'unit_id'])
    .where('person_id', '=', row.id).orderBy('id').execute();
  const inductee = await tx.selectFrom('inductees').select(['id', 'status', 'previous_party'])
    .where('person_id', '=', row.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return {
    ...summaryOf(summary),
    ageBand: row.age_band as Person['ageBand'], epic: row.epic, rollPage: row.roll_page,
    otherPhonesMasked: row.other_phones.map(maskPhone),
    canUnmask: can(actor, 'personal.unmask', row.unit_path),
    verification: { phoneVerifiedAt: iso(row.phone_verified_at), epicMatchedAt: iso(row.epic_matched_at), vouchedBy: row.vouched_by, vouchedAt: iso(row.vouched_at) },
    mergedInto: row.merged_into,
    designationHistory: history.map((d) => ({ designationId: d.id, unitId: d.unit_id, unitName: d.name, code: d.code, seat: d.seat, fromDate: d.from_date, toDate: d.to_date, endReason: d.end_reason })),
    merges: merges.map((m) => ({ mergedId: m.merged_id, name: m.name, phoneMasked: maskPhone(m.phone), at: m.at.toISOString() })),
    offices: offices.map((o) => ({ id: o.id, office: o.office, stateCode: o.state_code, house: o.house, constituencyNo: o.constituency_no, body: o.body, unitId: o.unit_id })),
    inductee: inductee ? { id: inductee.id, status: inductee.status, previousParty: inductee.previous_party } : null,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** Units whose strength counts the person: the home unit and every unit where they hold a seat. */
export async function unitsCounting(tx: Tx, personIds: number[]): Promise<number[]> {
  if (personIds.length === 0) return [];
  const homes = await tx.selectFrom('people').select('home_unit_id').where('id', 'in', personIds).execute();
  const seats = await tx.selectFrom('designations').select('unit_id').where('person_id', 'in', personIds).where('to_date', 'is', null).execute();
  return [...new Set([...homes.flatMap((h) => (h.home_unit_id === null ? [] : [h.home_unit_id])), ...seats.map((s) => s.unit_id)])];
}

function writable(row: PersonRow): void {
  if (row.merged_into !== null) throw new Conflict(`Person ${row.id} was merged into person ${row.merged_into}; change that person instead`);
}

export async function updatePerson(tx: Tx, actor: Actor, id: number, patch: PersonPatch): Promise<Person> {
  const before = await requirePerson(tx, actor, 'org.write', id);
  writable(before);
  const set: Record<string, unknown> = {};
  if (patch.homeUnitId !== undefined && patch.homeUnitId !== before.home_unit_id) {
    const [unit] = await requireUnits(tx, actor, 'org.write', [patch.homeUnitId]);
    Object.assign(set, { home_unit_id: unit.id, unit_path: unit.path });
  }
  if (patch.phone !== undefined) {
    const phone = requirePhone(patch.phone);
    if (phone !== before.phone) {
      await assertPhoneFree(tx, phone, id);
      // A new number has not answered yet.
      Object.assign(set, { phone, phone_verified_at: null });
    }
  }
  if (patch.wings !== undefined) { await assertWings(tx, patch.wings); set.wings = patch.wings; }
  const simple = { name: 'name', nameHi: 'name_hi', gender: 'gender', ageBand: 'age_band', category: 'category', epic: 'epic' } as const;
  for (const [key, column] of Object.entries(simple) as [keyof typeof simple, (typeof simple)[keyof typeof simple]][]) {
    if (patch[key] !== undefined && patch[key] !== before[column]) set[column] = patch[key] ?? null;
  }
  // A changed EPIC is no longer the one matched on the roll.
  if ('epic' in set) Object.assign(set, { epic_matched_at: null, roll_page: null });
  if (Object.keys(set).length > 0) {
    const countedBefore = await unitsCounting(tx, [id]);
    try {
      await tx.updateTable('people').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
    } catch (e) {
      if (isPhoneViolation(e)) throw phoneTaken();
      throw e;
    }
    await recordAudit(tx, actor, { type: 'person.update', entity: 'people', rowIds: [id], unitPath: (set.unit_path as string | undefined) ?? before.unit_path,
      detail: { fields: Object.keys(set), ...(set.unit_path ? { fromUnitId: before.home_unit_id, toUnitId: set.home_unit_id } : {}) } });
    const counted = ['home_unit_id', 'gender', 'category', 'phone_verified_at', 'epic_matched_at'].some((c) => c in set);
    if (counted) await refreshStrength(tx, [...new Set([...countedBefore, ...(await unitsCounting(tx, [id]))])]);
  }
  return getPerson(tx, actor, id);
}

/**
 * Records verification: the phone answered, the EPIC was found on a roll page, or a superior vouches.
 * vouched_by names a person, and users are not linked to people, so it stays null: the vouching user
 * is in the audit event.
 */
export async function verifyPerson(tx: Tx, actor: Actor, id: number, body: VerifyBody): Promise<Person> {
  const before = await requirePerson(tx, actor, 'org.write', id);
  writable(before);
  if (body.epic && !before.epic) throw new Invalid('The person has no EPIC on record to match', [{ field: 'epic', message: 'no EPIC on record; add it first' }]);
  const now = new Date();
  await tx.updateTable('people').set({
    ...(body.phone && { phone_verified_at: now }),
    ...(body.epic && { epic_matched_at: now, roll_page: body.epic.rollPage }),
    ...(body.vouch && { vouched_at: now, vouched_by: null }),
    updated_at: now,
  }).where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'person.verify', entity: 'people', rowIds: [id], unitPath: before.unit_path, detail: {
    phone: Boolean(body.phone), epic: body.epic ? { rollPage: body.epic.rollPage } : null,
    ...(body.vouch && { vouchedByUser: actor.userId, vouchedByLabel: actor.label }),
  } });
  await refreshStrength(tx, await unitsCounting(tx, [id]));
  return getPerson(tx, actor, id);
}

/** The numbers in full, for an actor holding personal.unmask on the person's home unit; audited. */
export async function unmaskPerson(tx: Tx, actor: Actor, id: number): Promise<{ phone: string; otherPhones: string[] }> {
  requirePermission(actor, 'personal.unmask');
  const row = await requirePerson(tx, actor, 'org.read', id);
  if (!can(actor, 'personal.unmask', row.unit_path)) throw new NotFound('person');
  await recordAudit(tx, actor, { type: 'person.unmask', entity: 'people', rowIds: [id], unitPath: row.unit_path, detail: { phoneMasked: maskPhone(row.phone), otherPhones: row.other_phones.length } });
  return { phone: row.phone, otherPhones: row.other_phones };
}
