// `warroom parties …`: party aliases and successions, the editable data the importers and the
// projection read. The operator's changes; the web's go through the API (elections.import, audited).
import type { Command } from 'commander';
import { z } from 'zod';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { AppError } from '../shared/errors.ts';
import { AliasIn, AliasText, SuccessionIn, SuccessionKey } from '../modules/elections/parties.schemas.ts';
import type { Executor } from '../db/open.ts';

// Loaded when a parties command runs, not on every start of the CLI.
type Service = typeof import('../modules/elections/parties.service.ts');

type Json = (o: { json?: boolean }) => GlobalOptions;

export function registerParties(program: Command, json: Json): void {
  const cmd = program.command('parties').description('party aliases (CPM = CPI(M)) and successions (a split party\'s votes shared between its successors)');
  const jsonOption = ['--json', 'print only JSON on standard output'] as const;

  cmd.command('aliases').description('list the aliases: a source\'s code or full name → our party code').option(...jsonOption)
    .action((o) => run(json(o), async (db, out, { findAliases }) => {
      const { items } = await findAliases(db, null);
      const width = Math.max(5, ...items.map((a) => a.alias.length));
      out.result(items, items.map((a) => `${a.alias.padEnd(width)}  → ${a.party}${a.note ? `  (${a.note})` : ''}`).join('\n') || 'no aliases');
    }));

  cmd.command('alias').description('fold ALIAS (a code or a full name, any case) into PARTY at every later import; re-import to apply it to results already in')
    .argument('<alias>').argument('<party>').option('--note <text>', 'why, or where the spelling comes from').option(...jsonOption)
    .action((alias: string, party: string, o: { note?: string; json?: boolean }) => run(json(o), async (db, out, { putAlias }) => {
      const input = parse(AliasIn, { party, note: o.note });
      const saved = await db.transaction().execute((tx) => putAlias(tx, null, parse(AliasText, alias, 'alias'), input));
      out.result(saved, `${saved.alias} → ${saved.party}`);
    }));

  cmd.command('unalias').description('remove an alias').argument('<alias>').option(...jsonOption)
    .action((alias: string, o: { json?: boolean }) => run(json(o), async (db, out, { removeAlias }) => {
      const { removed } = await db.transaction().execute((tx) => removeAlias(tx, null, parse(AliasText, alias, 'alias')));
      if (!removed) fail(`no alias '${alias}' (see 'warroom parties aliases')`);
      out.result({ removed }, `removed ${alias}`);
    }));

  cmd.command('successions').description('list the successions: from party → to party, weight, year, state').option(...jsonOption)
    .action((o) => run(json(o), async (db, out, { findSuccessions }) => {
      const { items } = await findSuccessions(db, null);
      out.result(items, items.map((s) => `${s.year}  ${s.from} → ${s.to}  ${s.weight}  ${s.state ?? 'every state'}${s.note ? `  (${s.note})` : ''}`).join('\n') || 'no successions');
    }));

  const yearHelp = `the year the succession takes effect: projections from an election before it to one from it on use it (default ${new Date().getFullYear()})`;
  cmd.command('succession').description('FROM\'s votes go to TO with WEIGHT (0 < WEIGHT ≤ 1); a party\'s weights per year and state add up to at most 1')
    .argument('<from>').argument('<to>').argument('<weight>')
    .option('--state <state>', 'only in this state (ECI code such as S13, a name or an abbreviation); default every state')
    .option('--year <year>', yearHelp).option('--note <text>', 'why').option(...jsonOption)
    .action((from: string, to: string, weight: string, o: { state?: string; year?: string; note?: string; json?: boolean }) => run(json(o), async (db, out, { putSuccession }) => {
      const input = parse(SuccessionIn, { from, to, weight, state: o.state, year: o.year ?? new Date().getFullYear(), note: o.note });
      const s = await db.transaction().execute((tx) => putSuccession(tx, null, input));
      out.result(s, `${s.year}: ${s.from} → ${s.to} ${s.weight} (${s.state ?? 'every state'})`);
    }));

  cmd.command('unsuccession').description('remove a succession').argument('<from>').argument('<to>')
    .option('--state <state>', 'the state it was given for (default every state)').option('--year <year>', `its year (default ${new Date().getFullYear()})`).option(...jsonOption)
    .action((from: string, to: string, o: { state?: string; year?: string; json?: boolean }) => run(json(o), async (db, out, { removeSuccession }) => {
      const key = parse(SuccessionKey, { from, to, state: o.state, year: o.year ?? new Date().getFullYear() });
      const { removed } = await db.transaction().execute((tx) => removeSuccession(tx, null, key));
      if (!removed) fail(`no succession ${key.from} → ${key.to} for ${key.year}${key.state ? ` in ${key.state}` : ''} (see 'warroom parties successions')`);
      out.result({ removed }, `removed ${key.from} → ${key.to}`);
    }));
}

/** Arguments through the API's own schema: one line per problem, naming the argument. */
function parse<S extends z.ZodType>(schema: S, value: unknown, name?: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  fail(r.error.issues.map((i) => `${name ?? String(i.path[0] ?? 'argument')}: ${i.message}`).join('\nwarroom: '));
}

async function run(g: GlobalOptions, fn: (db: Executor, out: ReturnType<typeof output>, service: Service) => Promise<void>): Promise<void> {
  const out = output(Boolean(g.json));
  const service = await import('../modules/elections/parties.service.ts');
  const database = await openMigrated(configFrom(g));
  try {
    await fn(database.db, out, service);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = err.errors?.map((e) => `${e.field}: ${e.message}`) ?? [];
    await database.close();
    fail(fields.length ? `${err.message} (${fields.join('; ')})` : err.message);
  } finally {
    await database.close().catch(() => {});
  }
}
