import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { VERSION } from '../shared/version.ts';
import { fail } from './output.ts';
import { backupCommand, migrateCommand, restoreCommand } from './db-commands.ts';
import { registerBacktest } from './backtest.ts';
import { registerImport } from './import.ts';
import { registerParties } from './parties.ts';
import { seedCommand } from './seed.ts';
import { serveCommand } from './serve.ts';
import { userAddCommand, userGrantCommand } from './user.ts';
import { registerSeats } from './seats.ts';
import { registerOrg } from './org.ts';
import { registerEvents } from './events.ts';
import { registerTours } from './tours.ts';
import { registerTasks } from './tasks.ts';
import { registerOutreach } from './outreach.ts';

export interface GlobalOptions { dataDir?: string; databaseUrl?: string; json?: boolean }

export function configFrom(g: GlobalOptions): Config {
  return loadConfig({
    ...process.env,
    ...(g.dataDir && { WARROOM_DATA_DIR: g.dataDir }),
    ...(g.databaseUrl && { DATABASE_URL: g.databaseUrl }),
  });
}

const program = new Command('warroom')
  .description('Warroom: the election war room. Every command migrates a fresh data folder by itself.')
  .version(VERSION)
  .addOption(new Option('--data-dir <dir>', 'embedded database folder (when DATABASE_URL is unset)').env('WARROOM_DATA_DIR'))
  .addOption(new Option('--database-url <url>', 'PostgreSQL 15+ connection URL instead of the embedded database').env('DATABASE_URL'))
  .option('--json', 'print only JSON on standard output (progress and logs go to standard error)')
  .showHelpAfterError();

// --json is accepted before or after the command name.
const globals = () => program.opts<GlobalOptions>();
const json = (o: { json?: boolean }) => ({ ...globals(), json: Boolean(globals().json || o.json) });

program.command('serve').description('start the web app and API (seeds the demo the first time unless --no-demo)')
  .option('--port <n>', 'port to listen on (PORT)').option('--host <h>', 'address to bind (HOST)').option('--no-demo', 'do not seed demo data')
  .action((o) => serveCommand(globals(), o));

program.command('migrate').description('apply pending database migrations and exit').option('--json', 'print only JSON on standard output').action((o) => migrateCommand(json(o)));

const seed = program.command('seed').description('generate data');
seed.command('demo').description('generate the fictional demo tenant (replaces an earlier demo of the same scale)')
  .addOption(new Option('--scale <scale>', 'state: one state, 182 ACs, ~50,000 booths; national: 36 states, 543 PCs, ~1.05 million booths').choices(['state', 'national']).default('state'))
  .option('--seed <n>', 'random seed: the same seed gives the same data', '1')
  .option('--json', 'print only JSON on standard output').action((o) => seedCommand(json(o), o));

const user = program.command('user').description('manage users and their grants');
user.command('add').description('add a user (a random password is printed when --password is omitted)')
  .requiredOption('--email <email>').requiredOption('--name <name>').option('--password <password>')
  .option('--access-ends <date>', 'the account stops working after this date (YYYY-MM-DD)')
  .option('--json', 'print only JSON on standard output').action((o) => userAddCommand(json(o), o));
user.command('grant').description('grant a role on a unit (the whole subtree below it)')
  .requiredOption('--email <email>').requiredOption('--tenant <slug>').requiredOption('--role <role>', 'admin, strategist, organiser, callcentre_manager, caller or viewer')
  .option('--unit <id>', 'unit id (default: the tenant\'s root unit)')
  .option('--json', 'print only JSON on standard output').action((o) => userGrantCommand(json(o), o));

program.command('backup').description('write the whole database to FILE (gzipped JSON lines, portable between PGlite and PostgreSQL)')
  .argument('<file>').option('--json', 'print only JSON on standard output').action((file, o) => backupCommand(json(o), file));
program.command('restore').description('replace the whole database with the contents of FILE, in one transaction')
  .argument('<file>').option('--yes', 'do not ask: the current data is replaced').option('--json', 'print only JSON on standard output')
  .action((file, o) => restoreCommand(json(o), file, o));

registerSeats(program, json);

registerImport(program, globals);
registerParties(program, json);
registerOrg(program, json);
registerEvents(program, json);
registerTours(program, json);
registerTasks(program, json);
registerOutreach(program, json);

registerBacktest(program, globals);

program.parseAsync(process.argv).catch((err: Error) => fail(err.message));
