// `warroom outreach contacts FILE --tenant SLUG`: voters, beneficiaries and supporters to call, and
// `warroom outreach ncpr FILE`: the national do-not-disturb list (docs/outreach.md). The CLI acts as
// the system. Bad input prints one `FILE:LINE: field: message` line per problem on stderr and exits 1
// with nothing written.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { reportRejected, tenantOf } from './bulk-file.ts';
import { importContacts } from '../modules/outreach/contacts-import.ts';
import { importNcpr } from '../modules/outreach/ncpr.ts';

export function registerOutreach(program: Command, json: (o: { json?: boolean }) => GlobalOptions): void {
  const outreach = program.command('outreach').description('call centres: contacts and the do-not-disturb list in bulk');
  outreach.command('contacts').description('import contacts from CSV or XLSX (phone, name, language, state, ac, part, tags, kind, consent_source), all or nothing')
    .argument('<file>', 'the CSV or XLSX file').requiredOption('--tenant <slug>', 'the tenant (party) to import into')
    .option('--json', 'print only JSON on standard output')
    .action((file: string, o: { tenant: string; json?: boolean }) => run(json(o), file, async (db) => {
      const s = await importContacts(db, { tenantId: await tenantOf(db, o.tenant), file, fileName: file });
      return [s, `${file}: ${s.rows.toLocaleString('en')} contacts: ${s.inserted.toLocaleString('en')} new, ${s.updated.toLocaleString('en')} updated, ${s.duplicates} repeated in the file (${s.seconds} s)`];
    }));
  outreach.command('ncpr').description('add the numbers of a national do-not-disturb (NCPR) file to the list no campaign calls, all or nothing')
    .argument('<file>', 'CSV or XLSX with a phone column (and listed_on)')
    .option('--json', 'print only JSON on standard output')
    .action((file: string, o: { json?: boolean }) => run(json(o), file, async (db) => {
      const s = await importNcpr(db, file);
      return [s, `${file}: ${s.rows.toLocaleString('en')} numbers, ${s.added.toLocaleString('en')} newly listed (${s.seconds} s)`];
    }));
}

async function run(g: GlobalOptions, file: string, work: (db: Awaited<ReturnType<typeof openMigrated>>['db']) => Promise<[object, string]>): Promise<void> {
  if (!fs.existsSync(file)) fail(`${file}: no such file`);
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  try {
    const [result, line] = await work(database.db);
    out.result({ file, ...result }, line);
  } catch (err) {
    reportRejected(err, [file]);
  } finally {
    await database.close();
  }
}
