// `warroom tasks import FILE.csv --tenant SLUG --as EMAIL`: tasks and drives in bulk (docs/data-formats.md,
// "Tasks"), each cascaded to its assignees as the web does. The CLI acts as the named user, so their
// grants decide where they may allocate and the audit log names them. Bad input prints one
// `FILE:LINE: field: message` line per problem on stderr and exits 1 with nothing written.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { reportRejected, tenantOf } from './bulk-file.ts';
import { actorForUser } from '../modules/access/auth.service.ts';
import { importTasks, TASK_COLUMNS } from '../modules/programmes/tasks-import.ts';
import { escalateOverdue } from '../modules/programmes/task-shares.ts';

interface Flags { tenant: string; as?: string; json?: boolean }

export function registerTasks(program: Command, json: (o: { json?: boolean }) => GlobalOptions): void {
  const tasks = program.command('tasks').description('tasks and campaign drives with cascaded targets');
  tasks.command('import').description(`create the tasks of a CSV file (columns: ${TASK_COLUMNS.join(', ')}), all or nothing`)
    .argument('<file>', 'the CSV file').requiredOption('--tenant <slug>', 'the tenant (party)')
    .requiredOption('--as <email>', 'the user allocating the tasks (their grants apply; the audit log names them)')
    .option('--json', 'print only JSON on standard output')
    .action((file: string, o: Flags) => importCommand(json(o), file, o));
  tasks.command('escalate').description('tell the level above about units behind on overdue tasks (once per task; the server does this hourly)')
    .requiredOption('--tenant <slug>', 'the tenant (party)').option('--json', 'print only JSON on standard output')
    .action((o: Flags) => escalateCommand(json(o), o));
}

async function importCommand(g: GlobalOptions, file: string, o: Flags): Promise<void> {
  if (!fs.existsSync(file)) fail(`${file}: no such file`);
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  try {
    const actor = await actorForUser(database.db, o.as!, await tenantOf(database.db, o.tenant));
    if (!actor) fail(`--as: ${o.as} holds no grant in tenant '${o.tenant}'`);
    const result = await importTasks(database.db, actor, file, fs.readFileSync(file, 'utf8'));
    out.result({ file, tasks: result.ids.length, ids: result.ids }, `${file}: ${result.ids.length} tasks created and cascaded`);
  } catch (err) {
    reportRejected(err, [file]);
  } finally {
    await database.close();
  }
}

async function escalateCommand(g: GlobalOptions, o: Flags): Promise<void> {
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  try {
    const id = await tenantOf(database.db, o.tenant);
    const r = await database.db.transaction().execute((tx) => escalateOverdue(tx, { system: 'cli', tenantId: id }));
    out.result(r, `${r.tasks} overdue tasks escalated; ${r.notified} users told`);
  } finally {
    await database.close();
  }
}
