import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/open.ts';
import { migrate } from '../db/migrate.ts';

/** Opens the configured database and brings its schema up to date, logging to stderr. */
export async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPool });
  const { applied } = await migrate(database, { log: (l) => process.stderr.write(`${l}\n`) });
  if (applied.length) process.stderr.write(`applied ${applied.length} migration(s) to ${database.where}\n`);
  return database;
}
