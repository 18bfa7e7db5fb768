// Counts of an event's invitees by state and by wing: invited, RSVP, registered, checked in. The state
// of an invitee is the unit at the state level's depth on the path where the rule found them, read
// from the path itself (its labels are unit ids), so a 30,000-row event groups without a join per row.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { Who } from './events-access.ts';
import { requireEvent } from './events-access.ts';
import type { Breakdown, Counts } from './events.schemas.ts';

type CountRow = { key: string | null; invited: number; yes: number; no: number; maybe: number; registered: number; checked_in: number };

const figures = sql`count(*)::int as invited, (count(*) filter (where rsvp = 'yes'))::int as yes, (count(*) filter (where rsvp = 'no'))::int as no,
  (count(*) filter (where rsvp = 'maybe'))::int as maybe, count(registered_at)::int as registered, count(checked_in_at)::int as checked_in`;

const countsOf = (r: CountRow): Counts => ({ invited: r.invited, yes: r.yes, no: r.no, maybe: r.maybe, registered: r.registered, checkedIn: r.checked_in });

/** The depth of the tenant's state level (1 under a national root), or null when it has none. */
export async function stateDepth(tx: Tx, tenantId: string): Promise<number | null> {
  const row = await tx.selectFrom('unit_levels').select('depth').where('tenant_id', '=', tenantId).where('level', '=', 'state').executeTakeFirst();
  return row ? Number(row.depth) : null;
}

/** SQL for the id of the state unit on an ltree column (null above the state level). */
export function stateIdSql(column: string, depth: number | null) {
  if (depth === null) return sql<number | null>`null::bigint`;
  return sql<number | null>`case when nlevel(${sql.ref(column)}) > ${depth}::int then ltree2text(subpath(${sql.ref(column)}, ${depth}::int, 1))::bigint end`;
}

async function byState(tx: Tx, tenantId: string, eventId: number): Promise<Breakdown['byState']> {
  const depth = await stateDepth(tx, tenantId);
  const rows = (await sql<CountRow>`select ${stateIdSql('unit_path', depth)}::text as key, ${figures}
    from event_invitees where tenant_id = ${tenantId} and event_id = ${eventId} group by 1`.execute(tx)).rows;
  const ids = rows.map((r) => r.key).filter((k): k is string => k !== null).map(Number);
  const units = ids.length ? await tx.selectFrom('units').select(['id', 'name', 'name_hi', 'level', 'wing'])
    .where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : [];
  // A unit at the state depth that is not a main-axis state (a national wing) counts with "no state".
  const merged = new Map<string, Breakdown['byState'][number]>();
  for (const r of rows) {
    const u = units.find((x) => String(x.id) === r.key && x.level === 'state' && !x.wing);
    const key = u ? String(u.id) : '';
    const prev = merged.get(key) ?? { unitId: u ? Number(u.id) : null, name: u?.name ?? null, nameHi: u?.name_hi ?? null, invited: 0, yes: 0, no: 0, maybe: 0, registered: 0, checkedIn: 0 };
    const c = countsOf(r);
    merged.set(key, { ...prev, invited: prev.invited + c.invited, yes: prev.yes + c.yes, no: prev.no + c.no, maybe: prev.maybe + c.maybe, registered: prev.registered + c.registered, checkedIn: prev.checkedIn + c.checkedIn });
  }
  return [...merged.values()].sort((a, b) => b.invited - a.invited || String(a.name).localeCompare(String(b.name)));
}

async function byWing(tx: Tx, tenantId: string, eventId: number): Promise<Breakdown['byWing']> {
  const rows = (await sql<CountRow & { name: string | null; name_hi: string | null }>`select i.wing as key, w.name, w.name_hi, ${figures}
    from event_invitees i left join wings w on w.tenant_id = i.tenant_id and w.code = i.wing
    where i.tenant_id = ${tenantId} and i.event_id = ${eventId} group by i.wing, w.name, w.name_hi, w.sort order by w.sort nulls last`.execute(tx)).rows;
  return rows.map((r) => ({ wing: r.key, name: r.name, nameHi: r.name_hi, ...countsOf(r) }));
}

export async function eventBreakdown(tx: Tx, who: Who, eventId: number): Promise<Breakdown> {
  await requireEvent(tx, who, 'programmes.read', eventId);
  const [states, wings] = [await byState(tx, who.tenantId, eventId), await byWing(tx, who.tenantId, eventId)];
  const total = states.reduce<Counts>((t, s) => ({ invited: t.invited + s.invited, yes: t.yes + s.yes, no: t.no + s.no, maybe: t.maybe + s.maybe, registered: t.registered + s.registered, checkedIn: t.checkedIn + s.checkedIn }),
    { invited: 0, yes: 0, no: 0, maybe: 0, registered: 0, checkedIn: 0 });
  return { byState: states, byWing: wings, total };
}
