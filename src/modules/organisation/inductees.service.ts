// Inductees from other parties: a proposal moves through screening (proposed → vetted → approved →
// designated) one step at a time, or is rejected before designation; every step and follow-up note is
// an inductee_events row and an audit event, in the same transaction.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { Conflict, Invalid, NotFound } from '../../shared/errors.ts';
import { can, pathsWith, requirePermission, requireUnits } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import type { Counts, InducteeDetail, InducteeInput, InducteesQuery, InducteeStatus, StepBody } from './inductees.schemas.ts';
import { auditPeopleRead, requirePerson } from './people.queries.ts';
import { createPerson } from './people.service.ts';
import { maskPhone } from '../../shared/phones.ts';

const LADDER: InducteeStatus[] = ['proposed', 'vetted', 'approved', 'designated'];

/** Why a step is not allowed, or null: forward one rung at a time; rejection only before designation. */
export function stepProblem(from: InducteeStatus, to: InducteeStatus): string | null {
  if (from === 'rejected' || from === 'designated') return `the inductee is already ${from}`;
  if (to === 'rejected') return null;
  const next = LADDER[LADDER.indexOf(from) + 1];
  return to === next ? null : `from ${from} the next step is ${next} (or rejected)`;
}

function baseQuery(tx: Tx) {
  return tx.selectFrom('inductees as i')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.unit_id'))
    .leftJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
    .leftJoin('people as pr', (j) => j.onRef('pr.tenant_id', '=', 'i.tenant_id').onRef('pr.id', '=', 'i.proposer_id'))
    .select(['i.id', 'i.person_id', 'p.name', 'p.name_hi', 'p.phone', 'i.previous_party', 'i.previous_posts', 'i.proposer_id', 'pr.name as proposer_name',
      'i.status', 'i.unit_id', 'u.name as unit_name', 'i.assigned_role', 'i.created_at', 'i.updated_at',
      (eb) => eb.cast<string>('i.unit_path', 'text').as('unit_path')]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toOut(r: Row) {
  return {
    id: r.id, personId: r.person_id, name: r.name ?? '', nameHi: r.name_hi ?? null, phoneMasked: r.phone ? maskPhone(r.phone) : '',
    previousParty: r.previous_party, previousPosts: r.previous_posts, proposerId: r.proposer_id, proposerName: r.proposer_name ?? null,
    status: r.status, unitId: r.unit_id, unitName: r.unit_name, assignedRole: r.assigned_role,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

const inPaths = (col: string, paths: string[]) => sql<boolean>`${sql.ref(col)} <@ array[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`;

async function scopePaths(tx: Tx, actor: Actor, unitId?: number): Promise<string[]> {
  requirePermission(actor, 'org.read');
  return unitId ? [(await requireUnits(tx, actor, 'org.read', [unitId]))[0].path] : pathsWith(actor, 'org.read');
}

export async function findInductees(tx: Tx, actor: Actor, query: InducteesQuery) {
  const paths = await scopePaths(tx, actor, query.unitId);
  let q = baseQuery(tx).where(inPaths('i.unit_path', paths));
  if (query.status) q = q.where('i.status', '=', query.status);
  if (query.cursor) q = q.where('i.id', '<', query.cursor);
  const rows = await q.orderBy('i.id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  await auditPeopleRead(tx, actor, page.map((r) => ({ id: r.person_id, unit_path: r.unit_path })), { via: 'inductees' });
  return { items: page.map(toOut), nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

const zeroCounts = (): Counts => ({ proposed: 0, vetted: 0, approved: 0, designated: 0, rejected: 0, total: 0 });
function add(c: Counts, status: InducteeStatus, n: number) { c[status] += n; c.total += n; }

/** Counts per status, by the state unit above each inductee's unit and by the unit's level. */
export async function inducteeSummary(tx: Tx, actor: Actor, query: { unitId?: number }) {
  const paths = await scopePaths(tx, actor, query.unitId);
  // The state is the ancestor at level "state" (looked up by id from the path: no ltree index needed).
  const { rows } = await sql<{ state_id: number | null; state_name: string | null; level: string; status: InducteeStatus; n: number }>`
    select s.id as state_id, s.name as state_name, u.level, i.status, count(*)::int as n
    from inductees i
    join units u on u.tenant_id = i.tenant_id and u.id = i.unit_id
    left join lateral (select a.id, a.name from units a where a.tenant_id = i.tenant_id and a.level = 'state'
      and a.id = any(string_to_array(i.unit_path::text, '.')::bigint[]) limit 1) s on true
    where ${inPaths('i.unit_path', paths)}
    group by s.id, s.name, u.level, i.status`.execute(tx);
  const total = zeroCounts();
  const byState = new Map<string, { unitId: number | null; name: string | null; counts: Counts }>();
  const byLevel = new Map<string, { level: string; counts: Counts }>();
  for (const r of rows) {
    add(total, r.status, r.n);
    const sk = String(r.state_id);
    if (!byState.has(sk)) byState.set(sk, { unitId: r.state_id, name: r.state_name, counts: zeroCounts() });
    add(byState.get(sk)!.counts, r.status, r.n);
    if (!byLevel.has(r.level)) byLevel.set(r.level, { level: r.level, counts: zeroCounts() });
    add(byLevel.get(r.level)!.counts, r.status, r.n);
  }
  return {
    total,
    byState: [...byState.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    byLevel: [...byLevel.values()].sort((a, b) => a.level.localeCompare(b.level)),
  };
}

async function requireInductee(tx: Tx, actor: Actor, permission: 'org.read' | 'org.write', id: number): Promise<Row> {
  requirePermission(actor, permission);
  const row = await baseQuery(tx).where('i.id', '=', id).executeTakeFirst();
  if (!row || !can(actor, permission, row.unit_path)) throw new NotFound('inductee');
  return row;
}

export async function getInductee(tx: Tx, actor: Actor, id: number): Promise<InducteeDetail> {
  const row = await requireInductee(tx, actor, 'org.read', id);
  const events = await tx.selectFrom('inductee_events as e').leftJoin('users as us', 'us.id', 'e.by_user')
    .select(['e.id', 'e.kind', 'e.status', 'e.note', 'e.at', 'us.name as by']).where('e.inductee_id', '=', id).orderBy('e.at').orderBy('e.id').execute();
  await auditPeopleRead(tx, actor, [{ id: row.person_id, unit_path: row.unit_path }], { via: 'inductee', inducteeId: id });
  return { ...toOut(row), events: events.map((e) => ({ id: e.id, kind: e.kind, status: e.status, note: e.note, at: e.at.toISOString(), by: e.by ?? null })) };
}

async function addEvent(tx: Tx, actor: Actor, row: { id: number; unit_path: string }, kind: 'step' | 'note', status: string | null, note: string | null) {
  await tx.insertInto('inductee_events').values({ tenant_id: actor.tenantId, inductee_id: row.id, unit_path: row.unit_path, kind, status, note, by_user: actor.userId }).execute();
}

export async function createInductee(tx: Tx, actor: Actor, input: InducteeInput): Promise<InducteeDetail> {
  const [unit] = await requireUnits(tx, actor, 'org.write', [input.unitId]);
  const personId = input.person ? (await createPerson(tx, actor, input.person)).id : (await requirePerson(tx, actor, 'org.read', input.personId!)).id;
  if (input.proposerId) await requirePerson(tx, actor, 'org.read', input.proposerId);
  const open = await tx.selectFrom('inductees').select('id').where('person_id', '=', personId).where('status', 'not in', ['designated', 'rejected']).executeTakeFirst();
  if (open) throw new Conflict(`The person is already being screened as inductee ${open.id}`, [{ field: 'personId', message: `already inductee ${open.id}`, id: open.id }]);
  const { id } = await tx.insertInto('inductees').values({
    tenant_id: actor.tenantId, person_id: personId, previous_party: input.previousParty, previous_posts: input.previousPosts ?? null,
    proposer_id: input.proposerId ?? null, unit_id: unit.id, unit_path: unit.path,
  }).returning('id').executeTakeFirstOrThrow();
  await addEvent(tx, actor, { id, unit_path: unit.path }, 'step', 'proposed', input.note ?? null);
  await recordAudit(tx, actor, { type: 'inductee.create', entity: 'inductees', rowIds: [id], unitPath: unit.path, detail: { personId, previousParty: input.previousParty } });
  return getInductee(tx, actor, id);
}

export async function stepInductee(tx: Tx, actor: Actor, id: number, body: StepBody): Promise<InducteeDetail> {
  const row = await requireInductee(tx, actor, 'org.write', id);
  const problem = stepProblem(row.status, body.status);
  if (problem) throw new Conflict(`Cannot move to ${body.status}: ${problem}`, [{ field: 'status', message: problem }]);
  const assignedRole = body.assignedRole ?? row.assigned_role;
  if (body.status === 'designated' && !assignedRole) throw new Invalid('Name the role the inductee is designated to', [{ field: 'assignedRole', message: 'required to designate' }]);
  await tx.updateTable('inductees').set({ status: body.status, assigned_role: assignedRole, updated_at: new Date() }).where('id', '=', id).execute();
  await addEvent(tx, actor, row, 'step', body.status, body.note ?? null);
  await recordAudit(tx, actor, { type: 'inductee.step', entity: 'inductees', rowIds: [id], unitPath: row.unit_path, detail: { from: row.status, to: body.status, ...(body.assignedRole && { assignedRole }) } });
  return getInductee(tx, actor, id);
}

export async function addInducteeNote(tx: Tx, actor: Actor, id: number, note: string): Promise<InducteeDetail> {
  const row = await requireInductee(tx, actor, 'org.write', id);
  await addEvent(tx, actor, row, 'note', null, note);
  await tx.updateTable('inductees').set({ updated_at: new Date() }).where('id', '=', id).execute();
  await recordAudit(tx, actor, { type: 'inductee.note', entity: 'inductees', rowIds: [id], unitPath: row.unit_path, detail: { length: note.length } });
  return getInductee(tx, actor, id);
}
