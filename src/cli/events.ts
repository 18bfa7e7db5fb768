// `warroom events import FILE.csv --tenant SLUG`: events, trainings and conferences in bulk
// (docs/data-formats.md, "Events"). The CLI acts as the system for one tenant. Bad input prints one
// `FILE:LINE: field: message` line per problem on stderr and exits 1 with nothing written.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { reportRejected, tenantOf } from './bulk-file.ts';
import { importEvents } from '../modules/programmes/events-import.ts';

interface ImportFlags { tenant: string; json?: boolean }

export function registerEvents(program: Command, json: (o: { json?: boolean }) => GlobalOptions): void {
  const events = program.command('events').description('events, trainings and conferences in bulk');
  events.command('import').description('create the events of a CSV file, all or nothing, drawing each one\'s invitees from its rules')
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
    const result = await importEvents(database.db, { tenantId, file, text: fs.readFileSync(file, 'utf8') });
    out.result({ file, events: result.ids.length, ids: result.ids, invited: result.invited },
      `${file}: ${result.ids.length.toLocaleString('en')} events created, ${result.invited.toLocaleString('en')} invitations`);
  } catch (err) {
    reportRejected(err, [file]);
  } finally {
    await database.close();
  }
}
