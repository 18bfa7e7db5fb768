// Events, trainings and conferences (docs/programmes.md): create one or many (all or nothing), list,
// read, change, preview and draw invitees from rules. Reads need programmes.read on the organising
// unit, writes programmes.write; every write is audited in its transaction.
import { sql } from 'kysely';
import type { z } from 'zod';
import { isWithin, type Actor, type Tx } from '../../db/scope.ts';
import { Invalid, type FieldProblem } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { eventQuery, isSystem, requireEvent, unitsFor, userOf, type EventRow, type Who } from './events-access.ts';
import { checkRules, materialiseInvitees, previewInvitees, type RuleScope } from './events-invitees.ts';
import {
  eventProblems, type Counts, type Event, type EventInputParsed, type EventPatch, type EventsQuery, type InviteRule, type PreviewBody,
} from './events.schemas.ts';

const MAX_LIST = 500;
const ZERO: Counts = { invited: 0, yes: 0, no: 0, maybe: 0, registered: 0, checkedIn: 0 };

/** Invitee counts per event, one grouped query for the whole page. */
export async function countsOf(tx: Tx, tenantId: string, eventIds: number[]): Promise<Map<number, Counts>> {
  if (eventIds.length === 0) return new Map();
  const rows = await tx.selectFrom('event_invitees').where('tenant_id', '=', tenantId).where('event_id', 'in', eventIds)
    .select((eb) => ['event_id', eb.fn.countAll<number>().as('invited'),
      sql<number>`count(*) filter (where rsvp = 'yes')`.as('yes'), sql<number>`count(*) filter (where rsvp = 'no')`.as('no'),
      sql<number>`count(*) filter (where rsvp = 'maybe')`.as('maybe'), sql<number>`count(registered_at)`.as('registered'),
      sql<number>`count(checked_in_at)`.as('checked_in')])
    .groupBy('event_id').execute();
  return new Map(rows.map((r) => [Number(r.event_id), {
    invited: Number(r.invited), yes: Number(r.yes), no: Number(r.no), maybe: Number(r.maybe), registered: Number(r.registered), checkedIn: Number(r.checked_in),
  }]));
}

function summaryOf(r: EventRow, counts: Counts | undefined) {
  return {
    id: Number(r.id), kind: r.kind, title: r.title, titleHi: r.title_hi, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(),
    place: r.place, unitId: Number(r.unit_id), unitName: r.unit_name, status: r.status, courseCode: r.course_code,
    invitedAt: r.invited_at ? new Date(r.invited_at).toISOString() : null, counts: counts ?? ZERO,
  };
}

export async function findEvents(tx: Tx, actor: Actor, query: z.infer<typeof EventsQuery>) {
  requirePermission(actor, 'programmes.read');
  const paths = query.unitId ? [(await unitsFor(tx, actor, 'programmes.read', [query.unitId]))[0].path] : pathsWith(actor, 'programmes.read');
  let q = eventQuery(tx).where(sql<boolean>`e.unit_path <@ array[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`);
  if (query.kind) q = q.where('e.kind', '=', query.kind);
  if (query.courseCode) q = q.where('e.course_code', '=', query.courseCode);
  // Upcoming: not yet over, soonest first; otherwise the latest first.
  if (query.upcoming === 'true') q = q.where('e.ends_at', '>=', new Date()).orderBy('e.starts_at', 'asc');
  else q = q.orderBy('e.starts_at', 'desc');
  const rows = (await q.orderBy('e.id').limit(MAX_LIST).execute()) as EventRow[];
  const counts = await countsOf(tx, actor.tenantId, rows.map((r) => Number(r.id)));
  return { items: rows.map((r) => summaryOf(r, counts.get(Number(r.id)))) };
}

export async function getEvent(tx: Tx, who: Who, id: number): Promise<Event> {
  const row = await requireEvent(tx, who, 'programmes.read', id);
  const counts = await countsOf(tx, who.tenantId, [id]);
  const sessions = await tx.selectFrom('training_sessions as s').where('s.tenant_id', '=', who.tenantId).where('s.event_id', '=', id)
    .select(['s.no', 's.title', 's.title_hi', sql<number>`(select count(*)::int from session_completions c where c.tenant_id = s.tenant_id and c.event_id = s.event_id and c.no = s.no)`.as('completed')])
    .orderBy('s.no').execute();
  return {
    ...summaryOf(row, counts.get(id)), rules: (row.rules ?? []) as InviteRule[],
    sessions: sessions.map((s) => ({ no: s.no, title: s.title, titleHi: s.title_hi, completed: Number(s.completed) })),
    canWrite: isSystem(who) || can(who, 'programmes.write', row.unit_path),
  };
}

/** Each rule's subtree: its withinUnitId (which must sit inside the organising unit) or the organising unit. */
async function ruleScope(tx: Tx, who: Who, unitPath: string, rules: InviteRule[], prefix: string): Promise<RuleScope> {
  const ids = rules.flatMap((r) => ('withinUnitId' in r && r.withinUnitId ? [Number(r.withinUnitId)] : []));
  const units = await unitsFor(tx, who, 'programmes.read', ids);
  const problems: FieldProblem[] = [];
  const within = rules.map((r, i) => {
    const id = 'withinUnitId' in r && r.withinUnitId ? Number(r.withinUnitId) : null;
    if (id === null) return unitPath;
    const unit = units.find((u) => Number(u.id) === id)!;
    if (!isWithin(unit.path, unitPath)) problems.push({ field: `${prefix}.${i}.withinUnitId`, message: 'not inside the organising unit' });
    return unit.path;
  });
  if (problems.length) throw new Invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  return { tenantId: who.tenantId, within };
}

export async function previewRules(tx: Tx, actor: Actor, body: z.infer<typeof PreviewBody>) {
  const [unit] = await unitsFor(tx, actor, 'programmes.write', [body.unitId]);
  await checkRules(tx, actor.tenantId, body.rules);
  return previewInvitees(tx, await ruleScope(tx, actor, unit.path, body.rules, 'rules'), body.rules);
}

/** Draws (again) everyone the event's rules find: new office-holders since are added, nobody is removed. */
async function invite(tx: Tx, who: Who, ev: { id: number; unitPath: string; rules: InviteRule[] }, prefix = 'rules'): Promise<number> {
  const added = await materialiseInvitees(tx, await ruleScope(tx, who, ev.unitPath, ev.rules, prefix), ev.id, ev.rules);
  await tx.updateTable('events').set({ invited_at: new Date() }).where('tenant_id', '=', who.tenantId).where('id', '=', ev.id).execute();
  await recordAudit(tx, who, { type: 'event.invite', entity: 'events', rowIds: [ev.id], unitPath: ev.unitPath, detail: { added, rules: ev.rules.length } });
  return added;
}

export async function inviteAgain(tx: Tx, actor: Actor, id: number): Promise<Event> {
  const row = await requireEvent(tx, actor, 'programmes.write', id);
  await invite(tx, actor, { id, unitPath: row.unit_path, rules: (row.rules ?? []) as InviteRule[] });
  return getEvent(tx, actor, id);
}

async function insertEvent(tx: Tx, who: Who, input: EventInputParsed, unitPath: string): Promise<number> {
  const { id } = await tx.insertInto('events').values({
    tenant_id: who.tenantId, kind: input.kind, title: input.title, title_hi: input.titleHi ?? null, starts_at: input.startsAt, ends_at: input.endsAt,
    place: input.place ?? null, unit_id: input.unitId, unit_path: unitPath, course_code: input.courseCode ?? null,
    rules: JSON.stringify(input.rules), created_by: userOf(who),
  }).returning('id').executeTakeFirstOrThrow();
  if (input.sessions.length) {
    await tx.insertInto('training_sessions').values(input.sessions.map((s, i) => ({ tenant_id: who.tenantId, event_id: id, no: i + 1, title: s.title, title_hi: s.titleHi ?? null }))).execute();
  }
  await recordAudit(tx, who, { type: 'event.create', entity: 'events', rowIds: [id], unitPath, detail: { kind: input.kind, title: input.title } });
  return Number(id);
}

export async function createEvent(tx: Tx, who: Who, input: EventInputParsed): Promise<Event> {
  const [unit] = await unitsFor(tx, who, 'programmes.write', [input.unitId]);
  await checkRules(tx, who.tenantId, input.rules);
  await ruleScope(tx, who, unit.path, input.rules, 'rules');
  const id = await insertEvent(tx, who, input, unit.path);
  if (input.rules.length) await invite(tx, who, { id, unitPath: unit.path, rules: input.rules });
  return getEvent(tx, who, id);
}

/** Every problem of every event, each named by its index ("3.unitId", "0.rules.1.code"). */
async function bulkProblems(tx: Tx, who: Who, inputs: EventInputParsed[]): Promise<{ problems: FieldProblem[]; paths: Map<number, string> }> {
  const problems: FieldProblem[] = [];
  const ids = [...new Set(inputs.map((e) => Number(e.unitId)))];
  const rows = await tx.selectFrom('units').select(['id', sql<string>`path::text`.as('path')]).where('tenant_id', '=', who.tenantId).where('id', 'in', ids).execute();
  const paths = new Map(rows.filter((u) => isSystem(who) || can(who, 'programmes.write', u.path)).map((u) => [Number(u.id), u.path]));
  for (const [i, input] of inputs.entries()) {
    const path = paths.get(Number(input.unitId));
    if (!path) { problems.push({ field: `${i}.unitId`, message: 'no such unit, or outside your access' }); continue; }
    try {
      await checkRules(tx, who.tenantId, input.rules, `${i}.rules`);
      await ruleScope(tx, who, path, input.rules, `${i}.rules`);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      problems.push(...(err.errors ?? [{ field: `${i}.rules`, message: err.message }]));
    }
  }
  return { problems, paths };
}

/** Many events in one transaction: all are created, or none (every problem is reported at once). */
export async function createEvents(tx: Tx, who: Who, inputs: EventInputParsed[]): Promise<{ ids: number[]; invited: number }> {
  if (!isSystem(who)) requirePermission(who, 'programmes.write');
  const { problems, paths } = await bulkProblems(tx, who, inputs);
  if (problems.length) throw new Invalid(`${problems.length} problem(s); nothing was created: ${problems.slice(0, 5).map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  const ids: number[] = [];
  let invited = 0;
  for (const input of inputs) {
    const unitPath = paths.get(Number(input.unitId))!;
    const id = await insertEvent(tx, who, input, unitPath);
    if (input.rules.length) invited += await invite(tx, who, { id, unitPath, rules: input.rules });
    ids.push(id);
  }
  return { ids, invited };
}

export async function updateEvent(tx: Tx, actor: Actor, id: number, patch: EventPatch): Promise<Event> {
  const before = await requireEvent(tx, actor, 'programmes.write', id);
  const next = {
    kind: before.kind, startsAt: patch.startsAt ?? new Date(before.starts_at).toISOString(), endsAt: patch.endsAt ?? new Date(before.ends_at).toISOString(),
    courseCode: patch.courseCode !== undefined ? patch.courseCode : before.course_code,
  };
  const problems = eventProblems(next);
  if (problems.length) throw new Invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  if (patch.rules) {
    await checkRules(tx, actor.tenantId, patch.rules);
    await ruleScope(tx, actor, before.unit_path, patch.rules, 'rules');
  }
  await tx.updateTable('events').set({
    ...(patch.title !== undefined && { title: patch.title }), ...(patch.titleHi !== undefined && { title_hi: patch.titleHi }),
    ...(patch.place !== undefined && { place: patch.place }), ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.rules !== undefined && { rules: JSON.stringify(patch.rules) }),
    starts_at: next.startsAt, ends_at: next.endsAt, course_code: next.courseCode, updated_at: new Date(),
  }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'event.update', entity: 'events', rowIds: [id], unitPath: before.unit_path, detail: { fields: Object.keys(patch) } });
  if (patch.rules) await invite(tx, actor, { id, unitPath: before.unit_path, rules: patch.rules });
  return getEvent(tx, actor, id);
}
