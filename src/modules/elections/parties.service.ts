// Editing party aliases and successions. They are reference data, shared by every tenant: from the
// web only holders of elections.import change them (audited in their tenant's log); the CLI passes no
// actor, as the operator. An alias applies to imports from then on; results already in keep the code
// they were imported with (re-import the file to fold them again).
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { Invalid } from '../../shared/errors.ts';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { importUnitPath, IMPORT_PERMISSION } from './imports.service.ts';
import type { AliasIn, SuccessionIn, SuccessionKey } from './parties.schemas.ts';
import { stateByCode, stateCodeFor } from './states.ts';

type Db = Executor | Tx;

export async function findAliases(db: Db, actor: Actor | null) {
  if (actor) requirePermission(actor, 'elections.read');
  const rows = await db.selectFrom('party_aliases').select(['alias', 'party_code', 'note']).orderBy('party_code').orderBy('alias').execute();
  return { items: rows.map((r) => ({ alias: r.alias, party: r.party_code, note: r.note })) };
}

/** Adds an alias or points it elsewhere; the same alias in another case is the same alias. */
export async function putAlias(db: Db, actor: Actor | null, alias: string, input: AliasIn) {
  if (actor) requirePermission(actor, IMPORT_PERMISSION);
  const party = input.party;
  if (alias.toUpperCase() === party) throw new Invalid(`'${alias}' is already the code ${party}: an alias names another spelling`, [{ field: 'alias', message: 'the same as the party code' }]);
  // Aliases fold once: no alias may point at an alias, or be the code other aliases point at.
  const viaAlias = await db.selectFrom('party_aliases').select('party_code').where(sql`upper(alias)`, '=', party).executeTakeFirst();
  if (viaAlias) throw new Invalid(`${party} is itself an alias of ${viaAlias.party_code}`, [{ field: 'party', message: `${party} is an alias of ${viaAlias.party_code}: use ${viaAlias.party_code}` }]);
  const pointing = await db.selectFrom('party_aliases').select('alias').where(sql`upper(party_code)`, '=', alias.toUpperCase()).execute();
  if (pointing.length) {
    const list = pointing.map((p) => p.alias).join(', ');
    throw new Invalid(`${alias} is a party code that ${list} fold into`, [{ field: 'alias', message: `${list} fold into ${alias}; it cannot be an alias too` }]);
  }
  const before = await db.selectFrom('party_aliases').select(['alias', 'party_code']).where(sql`upper(alias)`, '=', alias.toUpperCase()).executeTakeFirst();
  const row = await sql<{ alias: string; party_code: string; note: string | null }>`
    insert into party_aliases (alias, party_code, note) values (${alias}, ${party}, ${input.note ?? null})
    on conflict ((upper(alias))) do update set alias = excluded.alias, party_code = excluded.party_code, note = coalesce(excluded.note, party_aliases.note)
    returning alias, party_code, note`.execute(db);
  const out = row.rows[0];
  if (actor) await audit(db, actor, 'parties.alias', 'party_aliases', alias, { alias, party, before: before?.party_code ?? null });
  return { alias: out.alias, party: out.party_code, note: out.note };
}

export async function removeAlias(db: Db, actor: Actor | null, alias: string): Promise<{ removed: boolean }> {
  if (actor) requirePermission(actor, IMPORT_PERMISSION);
  const gone = await db.deleteFrom('party_aliases').where(sql`upper(alias)`, '=', alias.toUpperCase()).returning(['alias', 'party_code']).execute();
  if (actor && gone.length) await audit(db, actor, 'parties.alias', 'party_aliases', alias, { alias, removed: gone[0].party_code });
  return { removed: gone.length > 0 };
}

export async function findSuccessions(db: Db, actor: Actor | null) {
  if (actor) requirePermission(actor, 'elections.read');
  const rows = await db.selectFrom('party_successions').selectAll()
    .orderBy('effective_year', 'desc').orderBy('from_party').orderBy('state_code').orderBy('to_party').execute();
  return { items: rows.map((r) => ({ from: r.from_party, to: r.to_party, weight: Number(r.weight), year: r.effective_year, state: r.state_code, note: r.note })) };
}

/** Adds or changes a successor's weight; a party's successors (per year and state) may not share out more than all of its votes. */
export async function putSuccession(db: Db, actor: Actor | null, input: SuccessionIn) {
  if (actor) requirePermission(actor, IMPORT_PERMISSION);
  const state = stateOf(input.state);
  const others = await db.selectFrom('party_successions').select(sql<number>`coalesce(sum(weight), 0)`.as('sum'))
    .where('from_party', '=', input.from).where('effective_year', '=', input.year).where('to_party', '<>', input.to)
    .where(sql<boolean>`state_code is not distinct from ${state}`).executeTakeFirstOrThrow();
  const total = Number(others.sum) + input.weight;
  if (total > 1 + 1e-9) {
    const where = state ? stateByCode(state)?.name ?? state : 'every state';
    throw new Invalid(`${input.from}'s successors (${input.year}, ${where}) would share out ${round(total)} of its votes`,
      [{ field: 'weight', message: `at most ${round(Math.max(0, 1 - Number(others.sum)))}: its other successors already take ${round(Number(others.sum))}` }]);
  }
  const row = await sql<{ from_party: string; to_party: string; weight: number; effective_year: number; state_code: string | null; note: string | null }>`
    insert into party_successions (from_party, to_party, weight, effective_year, state_code, note)
    values (${input.from}, ${input.to}, ${input.weight}, ${input.year}, ${state}, ${input.note ?? null})
    on conflict (from_party, to_party, effective_year, state_code) do update set weight = excluded.weight, note = coalesce(excluded.note, party_successions.note)
    returning *`.execute(db);
  const r = row.rows[0];
  if (actor) await audit(db, actor, 'parties.succession', 'party_successions', `${r.from_party}>${r.to_party}`, { from: r.from_party, to: r.to_party, weight: Number(r.weight), year: r.effective_year, state });
  return { from: r.from_party, to: r.to_party, weight: Number(r.weight), year: r.effective_year, state: r.state_code, note: r.note };
}

export async function removeSuccession(db: Db, actor: Actor | null, key: SuccessionKey): Promise<{ removed: boolean }> {
  if (actor) requirePermission(actor, IMPORT_PERMISSION);
  const state = stateOf(key.state);
  const gone = await db.deleteFrom('party_successions').where('from_party', '=', key.from).where('to_party', '=', key.to)
    .where('effective_year', '=', key.year).where(sql<boolean>`state_code is not distinct from ${state}`).returning('weight').execute();
  if (actor && gone.length) await audit(db, actor, 'parties.succession', 'party_successions', `${key.from}>${key.to}`, { from: key.from, to: key.to, year: key.year, state, removed: true });
  return { removed: gone.length > 0 };
}

function stateOf(text: string | undefined): string | null {
  if (!text || text === '*') return null;
  const code = stateCodeFor(text) ?? (stateByCode(text) ? text.toUpperCase() : undefined);
  if (!code) throw new Invalid(`unknown state '${text}'`, [{ field: 'state', message: 'an ECI code (S13), a state\'s name or its abbreviation' }]);
  return code;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

async function audit(db: Db, actor: Actor, type: string, entity: string, id: string, detail: Record<string, unknown>): Promise<void> {
  await recordAudit(db as Tx, actor, { type, entity, rowIds: [id], unitPath: importUnitPath(actor), detail });
}
