// `warroom tours import FILE.csv --tenant SLUG`: leaders' tours and their visits in bulk
// (docs/data-formats.md, "Tours"). The CLI acts as the system for one tenant. Bad input prints one
// `FILE:LINE: field: message` line per problem on stderr and exits 1 with nothing written.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { reportRejected, tenantOf } from './bulk-file.ts';
import { importTours } from '../modules/programmes/tours-import.ts';

interface ImportFlags { tenant: string; json?: boolean }

export function registerTours(program: Command, json: (o: { json?: boolean }) => GlobalOptions): void {
  const tours = program.command('tours').description('leaders\' tours (pravas) in bulk');
  tours.command('import').description('create the tours and visits of a CSV file (one row per visit), all or nothing')
    .argument('<file>', 'the CSV file').requiredOption('--tenant <slug>', 'the tenant (party) to import into')
    .option('--json', 'print only JSON on standard output')
    .action((file: string, o: ImportFlags) => importCommand(json(o), file, o));
}

async function importCommand(g: GlobalOptions, file: string, o: ImportFlags): Promise<void> {
  if (!fs.existsSync(file)) fail(`${file}: no such file`);
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  try {
    const tenantId = await tenantOf(database.db, o.tenant);
    const result = await importTours(database.db, { tenantId, file, text: fs.readFileSync(file, 'utf8') });
    out.result({ file, tours: result.ids.length, ids: result.ids, visits: result.visits },
      `${file}: ${result.ids.length.toLocaleString('en')} tours created with ${result.visits.toLocaleString('en')} visits`);
  } catch (err) {
    reportRejected(err, [file]);
  } finally {
    await database.close();
  }
}
