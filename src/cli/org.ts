// `warroom org import units|people|designations FILE --tenant SLUG` and `warroom org export …`: the
// organisation's bulk files (docs/data-formats.md). The CLI acts as the system for one tenant: no
// grants, the whole tree. Progress on stderr; with --json one JSON object on stdout. Bad input prints
// one `FILE:LINE: field: message` line per problem on stderr and exits 1 with nothing written.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { tenantOf } from './bulk-file.ts';
import { fail, output } from './output.ts';
import { ImportRejected } from '../modules/elections/problems.ts';
import { exportOrg } from '../modules/organisation/org-export.ts';
import { importOrg, ORG_IMPORT_KINDS, type OrgFile, type OrgImportKind, type OrgImportSummary } from '../modules/organisation/org-import.ts';

interface ImportFlags { tenant: string; units?: string; people?: string; json?: boolean }
interface ExportFlags { tenant: string; unit?: string; format?: string; out?: string; json?: boolean }

export function registerOrg(program: Command, json: (o: { json?: boolean }) => GlobalOptions): void {
  const org = program.command('org').description('the organisation in bulk: units, people and designations (CSV or XLSX)');
  org.command('import').description('import a file, all or nothing, in one transaction (re-importing the same file changes nothing)')
    .argument('<kind>', ORG_IMPORT_KINDS.join(', ')).argument('<file>', 'the file (.csv, .csv.gz, a .tgz holding one CSV, or .xlsx: its first sheet)')
    .requiredOption('--tenant <slug>', 'the tenant (party) to import into')
    .option('--units <file>', 'a units file to import first, in the same transaction (people and designations may name its keys)')
    .option('--people <file>', 'a people file to import first, in the same transaction (designations may name its phones)')
    .option('--json', 'print only JSON on standard output')
    .action((kind: string, file: string, o: ImportFlags) => importCommand(json(o), kind, file, o));
  org.command('export').description('write units, people or designations in the import format (phones unmasked: the CLI is the operator)')
    .argument('<kind>', ORG_IMPORT_KINDS.join(', '))
    .requiredOption('--tenant <slug>', 'the tenant (party)')
    .option('--unit <id>', 'only this unit\'s subtree (default: the whole tree)')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'write here (default: standard output, CSV only)')
    .option('--json', 'print only JSON on standard output (needs --out)')
    .action((kind: string, o: ExportFlags) => exportCommand(json(o), kind, o));
}

function kindOf(kind: string): OrgImportKind {
  if (!(ORG_IMPORT_KINDS as readonly string[]).includes(kind)) fail(`<kind>: '${kind}' is not one of ${ORG_IMPORT_KINDS.join(', ')}`);
  return kind as OrgImportKind;
}

async function importCommand(g: GlobalOptions, kindText: string, file: string, o: ImportFlags): Promise<void> {
  const kind = kindOf(kindText);
  const files: OrgFile[] = [{ kind, file }];
  if (o.units) files.push({ kind: 'units', file: o.units });
  if (o.people) files.push({ kind: 'people', file: o.people });
  for (const f of files) if (!fs.existsSync(f.file)) fail(`${f.file}: no such file`);
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  try {
    const tenantId = await tenantOf(database.db, o.tenant);
    const summary = await importOrg(database.db, { tenantId, files, onProgress: out.progress() });
    out.result(summary, human(summary));
  } catch (err) {
    if (!(err instanceof ImportRejected)) throw err;
    out.done();
    process.stderr.write('\n');
    for (const line of err.problems) process.stderr.write(`${line}\n`);
    process.stderr.write(`warroom: ${files.map((f) => f.file).join(', ')} ${files.length > 1 ? 'were' : 'was'} not imported (nothing was written)\n`);
    process.exitCode = 1;
  } finally {
    out.done();
    await database.close();
  }
}

function human(s: OrgImportSummary): string {
  return [...s.files.map((f) => `${f.file} (${f.kind}): ${f.rows.toLocaleString('en')} rows: ${f.created.toLocaleString('en')} created, `
    + `${f.updated.toLocaleString('en')} updated, ${f.unchanged.toLocaleString('en')} unchanged${f.replaced ? `, ${f.replaced} holders replaced` : ''}`),
  `imported in ${s.seconds.toFixed(1)} s; strength ${s.strength}`].join('\n');
}

async function exportCommand(g: GlobalOptions, kindText: string, o: ExportFlags): Promise<void> {
  const kind = kindOf(kindText);
  if (o.format !== 'csv' && o.format !== 'xlsx') fail(`--format: '${o.format}' is not csv or xlsx`);
  if (!o.out && (o.format === 'xlsx' || g.json)) fail('--out: give a file to write (standard output takes CSV only, and --json keeps it for JSON)');
  if (o.unit !== undefined && !/^\d+$/.test(o.unit)) fail(`--unit: '${o.unit}' is not a unit id`);
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  try {
    const tenantId = await tenantOf(database.db, o.tenant);
    const file = await database.db.transaction().execute((tx) => exportOrg(tx, { tenantId, kind, unitId: o.unit ? Number(o.unit) : undefined, format: o.format as 'csv' | 'xlsx' }))
      .catch((err: Error) => fail(err.message));
    if (!o.out) { process.stdout.write(file.body); return; }
    fs.writeFileSync(o.out, file.body);
    out.result({ file: o.out, kind, format: o.format, rows: file.rows }, `wrote ${file.rows.toLocaleString('en')} ${kind} rows to ${o.out}`);
  } finally {
    await database.close();
  }
}
