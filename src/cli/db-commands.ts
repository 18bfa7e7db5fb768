import readline from 'node:readline/promises';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { backupDatabase, restoreDatabase } from '../modules/system/backup.ts';

export async function migrateCommand(g: GlobalOptions) {
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  const row = await database.db.selectFrom('schema_migrations' as never).select((eb) => eb.fn.max('version' as never).as('v')).executeTakeFirst() as { v: number };
  await database.close();
  out.result({ database: database.where, version: row.v }, `database ${database.where} is at migration ${row.v}`);
}

export async function backupCommand(g: GlobalOptions, file: string) {
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  const summary = await backupDatabase(database, file, out.progress());
  await database.close();
  out.result({ file, ...summary }, `wrote ${summary.rows.toLocaleString('en')} rows of ${summary.tables} tables to ${file}`);
}

export async function restoreCommand(g: GlobalOptions, file: string, o: { yes?: boolean }) {
  const out = output(Boolean(g.json));
  const config = configFrom(g);
  if (!o.yes) {
    if (!process.stdin.isTTY) fail('restore replaces all data; pass --yes to confirm');
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Replace ALL data in ${config.databaseUrl ? 'the PostgreSQL database' : config.dataDir} with ${file}? Type yes: `);
    rl.close();
    if (answer.trim() !== 'yes') fail('restore cancelled');
  }
  const database = await openMigrated(config);
  try {
    const summary = await restoreDatabase(database, file, out.progress());
    out.result({ file, ...summary }, `restored ${summary.rows.toLocaleString('en')} rows of ${summary.tables} tables from ${file}`);
  } finally {
    await database.close();
  }
}
