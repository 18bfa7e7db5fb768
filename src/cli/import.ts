// `warroom import results|booths|boundaries FILE`: each migrates by itself, shows progress on stderr,
// and prints a summary (or one JSON object with --json). Bad input prints one `FILE:LINE: field:
// message` line per problem on stderr and exits 1 with nothing written.
import type { Command } from 'commander';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { output } from './output.ts';
import { importBooths } from '../modules/elections/import-booths.ts';
import { importBoundaries } from '../modules/elections/import-boundaries.ts';
import { importResults } from '../modules/elections/import-results.ts';
import { ImportRejected } from '../modules/elections/problems.ts';
import type { ImportInput, ImportSummary } from '../modules/elections/summary.ts';
import type { Executor } from '../db/open.ts';

interface ImportFlags { format?: string; election?: string[]; state?: string; acPc?: string; ac?: string; json?: boolean }
type Importer = (db: Executor, input: ImportInput) => Promise<ImportSummary>;

const IMPORTERS: Record<string, { run: Importer; about: string; formats: string }> = {
  results: { run: importResults, about: 'constituency × candidate results (TCPD Lok Dhaba, the normalised CSV, or our canonical CSV)', formats: 'tcpd, normalised, canonical' },
  booths: { run: importBooths, about: 'polling-station (Form 20) results: long or wide layout, or electors/turnout only', formats: 'long, wide, turnout' },
  boundaries: { run: importBoundaries, about: 'GeoJSON or TopoJSON polygons of PCs or ACs, matched to seats by state and number', formats: 'geojson, topojson' },
};

export function registerImport(program: Command, globals: () => GlobalOptions): void {
  const cmd = program.command('import').description('import public election data (one transaction per file; re-importing replaces)');
  for (const [kind, spec] of Object.entries(IMPORTERS)) {
    cmd.command(kind).description(`${spec.about}; several files are imported one after another, each in its own transaction`)
      .argument('<files...>', 'the file(s) (.csv, .csv.gz, a .tgz holding one CSV, .geojson, .json)')
      .option('--format <format>', `force a format instead of detecting it (${spec.formats})`)
      .option('--election <id...>', 'the election(s) to import, e.g. LS-2019 (files without an election column need one)')
      .option('--state <code>', 'state for files without a state column (ECI code such as S24, or a name)')
      .option('--ac-pc <file>', 'AC → PC table (reference/datameet_2008_constituencies_ac_pc.csv) for AC names and PCs')
      .option('--ac <n>', 'booths: the AC of a one-AC file without an AC column (default: the number in its file name)')
      .option('--json', 'print only JSON on standard output')
      .action((files: string[], o: ImportFlags) => importCommand({ ...globals(), json: Boolean(globals().json || o.json) }, kind, files, o));
  }
}

async function importCommand(g: GlobalOptions, kind: string, files: string[], o: ImportFlags): Promise<void> {
  const out = output(Boolean(g.json));
  const database = await openMigrated(configFrom(g));
  const done: ImportSummary[] = [];
  try {
    for (const file of files) {
      const summary = await importOne(database.db, kind, file, o, out.progress());
      if (!summary) break;
      done.push(summary);
      if (files.length > 1 && !g.json) out.log(humanSummary(summary));
    }
    if (done.length === files.length) {
      const total = done.reduce((a, s) => a + s.rows, 0);
      if (files.length === 1) out.result(done[0], humanSummary(done[0]));
      else out.result({ imports: done, rows: total }, `imported ${files.length} files: ${total.toLocaleString('en')} rows`);
    }
  } finally {
    out.done();
    await database.close();
  }
}

/** One file, one transaction; on bad input prints its problems and returns undefined (exit code 1). */
async function importOne(db: Executor, kind: string, file: string, o: ImportFlags, onProgress: ImportInput['onProgress']): Promise<ImportSummary | undefined> {
  try {
    return await IMPORTERS[kind].run(db, {
      file, format: o.format, elections: o.election, state: o.state, acPc: o.acPc, acNo: o.ac ? Number(o.ac) : undefined,
      importedBy: `cli:${process.env.USER ?? 'operator'}`, onProgress,
    });
  } catch (err) {
    if (!(err instanceof ImportRejected)) throw err;
    process.stderr.write('\n');
    for (const line of err.problems) process.stderr.write(`${line}\n`);
    process.stderr.write(`warroom: ${file} was not imported (nothing was written)\n`);
    process.exitCode = 1;
    return undefined;
  }
}

function humanSummary(s: ImportSummary): string {
  const lines = [`imported ${s.file} (${s.format}): ${s.rows.toLocaleString('en')} rows in ${s.seconds.toFixed(1)} s`];
  for (const e of s.elections) {
    const top = e.winners.slice(0, 10).map((w) => `${w.party} ${w.seats}`).join(', ');
    lines.push(`  ${e.id}: ${e.seats} seats${top ? `; winners ${top}` : ''}`);
  }
  for (const [k, v] of Object.entries(s)) {
    if (['kind', 'file', 'format', 'rows', 'elections', 'warnings', 'seconds', 'importId'].includes(k)) continue;
    lines.push(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  }
  if (s.warnings.length) lines.push(`warnings (${s.warnings.length}):`, ...s.warnings.slice(0, 20).map((w) => `  ${w}`));
  if (s.warnings.length > 20) lines.push(`  … and ${s.warnings.length - 20} more (all of them with --json)`);
  return lines.join('\n');
}

