// Invitation rules → SQL. Each rule is one set-based SELECT of (person, unit path, wing, reason),
// deduplicated per person, so "every booth president of a state" (tens of thousands) is one
// INSERT … SELECT rather than a loop; rules apply in order and a person found by an earlier rule keeps
// that reason (ON CONFLICT DO NOTHING on the invitee's key).
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import { Invalid, type FieldProblem } from '../../shared/errors.ts';
import type { InviteRule } from './events.schemas.ts';

type Row = { person_id: number; unit_path: string; wing: string | null; reason: string };

// The person's and the unit's wing as lookups by primary key, not joins: right after a bulk load the
// planner has no statistics and once joined 20,000 designations to people by scanning the tenant's
// people for each (quadratic); a correlated lookup can only be one index probe per row. Merged people
// need no filter: a merge moves their designations and offices to the person kept.
const personWing = (t: string) => sql`(select p.wings[1] from people p where p.tenant_id = ${sql.ref(`${t}.tenant_id`)} and p.id = ${sql.ref(`${t}.person_id`)})`;
const unitWing = (t: string) => sql`(select u.wing from units u where u.tenant_id = ${sql.ref(`${t}.tenant_id`)} and u.id = ${sql.ref(`${t}.unit_id`)})`;

/** Where a rule looks: the organising unit's subtree, or a narrower unit inside it. */
export interface RuleScope { tenantId: string; within: string[] }

function officeSource(tenantId: string, within: string, rule: Extract<InviteRule, { kind: 'office' }>): RawBuilder<Row> {
  return sql<Row>`select distinct on (r.person_id) r.person_id, r.unit_path, ${personWing('r')} as wing, 'office:' || r.office as reason
    from representatives r
    where r.tenant_id = ${tenantId} and r.office = any(${rule.offices}::text[]) and r.unit_path <@ ${within}::ltree
      and (r.to_date is null or r.to_date >= current_date)
    order by r.person_id, r.office`;
}

function designationSource(tenantId: string, within: string, rule: Extract<InviteRule, { kind: 'designation' }>): RawBuilder<Row> {
  return sql<Row>`select distinct on (d.person_id) d.person_id, d.unit_path, coalesce(${unitWing('d')}, ${personWing('d')}) as wing, 'designation:' || d.code as reason
    from designations d
    where d.tenant_id = ${tenantId} and d.to_date is null and d.level = ${rule.level} and d.code = ${rule.code}
      and d.unit_path <@ ${within}::ltree
    order by d.person_id, d.unit_path`;
}

// perUnit keeps the first n office-bearers of each unit, in the order the codes were given
// (president before general secretaries), then by seat.
function delegatesSource(tenantId: string, within: string, rule: Extract<InviteRule, { kind: 'delegates' }>): RawBuilder<Row> {
  return sql<Row>`select distinct on (x.person_id) x.person_id, x.unit_path, coalesce(x.unit_wing, ${personWing('x')}) as wing, 'delegate:' || x.code as reason from (
      select d.tenant_id, d.person_id, d.unit_path, ${unitWing('d')} as unit_wing, d.code,
        row_number() over (partition by d.unit_id order by array_position(${rule.codes}::text[], d.code), d.seat) as rn
      from designations d
      where d.tenant_id = ${tenantId} and d.to_date is null and d.level = ${rule.level} and d.code = any(${rule.codes}::text[])
        and d.unit_path <@ ${within}::ltree
    ) x where (${rule.includeWings ?? true}::boolean or x.unit_wing is null) and (${rule.perUnit ?? null}::int is null or x.rn <= ${rule.perUnit ?? null}::int)
    order by x.person_id, x.unit_path`;
}

function peopleSource(tenantId: string, rule: Extract<InviteRule, { kind: 'people' }>): RawBuilder<Row> {
  return sql<Row>`select p.id as person_id, p.unit_path, p.wings[1] as wing, 'named' as reason
    from people p where p.tenant_id = ${tenantId} and p.id = any(${rule.personIds.map(Number)}::bigint[]) and p.merged_into is null`;
}

function sourceOf(scope: RuleScope, rule: InviteRule, i: number): RawBuilder<Row> {
  const within = scope.within[i];
  switch (rule.kind) {
    case 'office': return officeSource(scope.tenantId, within, rule);
    case 'designation': return designationSource(scope.tenantId, within, rule);
    case 'delegates': return delegatesSource(scope.tenantId, within, rule);
    case 'people': return peopleSource(scope.tenantId, rule);
  }
}

/**
 * Checks what zod cannot: levels and designation codes exist in the tenant's configuration, and named
 * people exist (and are visible: row-level security hides the rest). Problems name rules.N.field.
 */
export async function checkRules(tx: Tx, tenantId: string, rules: InviteRule[], prefix = 'rules'): Promise<void> {
  const problems: FieldProblem[] = [];
  const types = await tx.selectFrom('designation_types').select(['level', 'code']).where('tenant_id', '=', tenantId).execute();
  const levels = new Set((await tx.selectFrom('unit_levels').select('level').where('tenant_id', '=', tenantId).execute()).map((l) => l.level));
  const hasType = (level: string, code: string) => types.some((t) => t.level === level && t.code === code);
  for (const [i, rule] of rules.entries()) {
    const at = `${prefix}.${i}`;
    if (rule.kind === 'designation' || rule.kind === 'delegates') {
      if (!levels.has(rule.level)) { problems.push({ field: `${at}.level`, message: `no unit level '${rule.level}'` }); continue; }
      const codes = rule.kind === 'designation' ? [rule.code] : rule.codes;
      const unknown = codes.filter((c) => !hasType(rule.level, c));
      if (unknown.length) problems.push({ field: `${at}.${rule.kind === 'designation' ? 'code' : 'codes'}`, message: `no designation ${unknown.join(', ')} at level ${rule.level}` });
    }
    if (rule.kind === 'people') {
      const ids = [...new Set(rule.personIds.map(Number))];
      const found = await tx.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
      const missing = ids.filter((id) => !found.some((f) => Number(f.id) === id));
      if (missing.length) problems.push({ field: `${at}.personIds`, message: `no such person, or outside your access: ${missing.slice(0, 10).join(', ')}` });
    }
  }
  if (problems.length) throw new Invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

/** Adds everyone the rules find to the event; returns how many were new. One statement per rule. */
export async function materialiseInvitees(tx: Tx, scope: RuleScope, eventId: number, rules: InviteRule[]): Promise<number> {
  let added = 0;
  for (const [i, rule] of rules.entries()) {
    const res = await sql`insert into event_invitees (tenant_id, event_id, person_id, unit_path, wing, reason)
      select ${scope.tenantId}::uuid, ${eventId}::bigint, s.person_id, s.unit_path, s.wing, s.reason from (${sourceOf(scope, rule, i)}) s
      on conflict do nothing`.execute(tx);
    added += Number(res.numAffectedRows ?? 0n);
  }
  return added;
}

/** How many people the rules would invite: per rule, and in all once deduplicated. Writes nothing. */
export async function previewInvitees(tx: Tx, scope: RuleScope, rules: InviteRule[]): Promise<{ total: number; perRule: number[] }> {
  if (rules.length === 0) return { total: 0, perRule: [] };
  const perRule: number[] = [];
  for (const [i, rule] of rules.entries()) {
    perRule.push((await sql<{ n: number }>`select count(*)::int as n from (${sourceOf(scope, rule, i)}) s`.execute(tx)).rows[0].n);
  }
  const all = sql.join(rules.map((r, i) => sql`select person_id from (${sourceOf(scope, r, i)}) s${sql.raw(String(i))}`), sql` union `);
  const total = (await sql<{ n: number }>`select count(*)::int as n from (${all}) u`.execute(tx)).rows[0].n;
  return { total, perRule };
}
