// The benchmark runner: `npm run bench -- NAME [--json]` runs bench/NAME.ts's default export.
// Progress and logs go to stderr; stdout gets a table, or with --json one JSON object as its last
// line. Every run also writes bench/results/NAME.json (git-ignored) for tools to pick up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchContext {
  json: boolean;
  /** Arguments after the name, --json removed. */
  args: string[];
  log(line: string): void;
}
export interface BenchResult { name: string; [key: string]: unknown }
export type Bench = (ctx: BenchContext) => Promise<BenchResult>;

/** A benchmark that cannot run here (no DATABASE_URL) throws this: one line on stderr, exit code 2. */
export class BenchUnavailable extends Error {
  override name = 'BenchUnavailable';
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where the figures were measured; added to every result, since a figure without its machine proves little. */
function machine() {
  return {
    nproc: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const [name, ...args] = argv.filter((a) => a !== '--json');
  const names = name ? [name] : available();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  for (const n of names) {
    if (!/^[a-z0-9-]+$/.test(n) || !available().includes(n)) {
      log(`no benchmark named '${n}'; available: ${available().join(', ')}`);
      return 2;
    }
    const mod = (await import(`./${n}.ts`)) as { default: Bench };
    const result = { ...(await mod.default({ json, args, log })), machine: machine() };
    fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
    fs.writeFileSync(path.join(HERE, 'results', `${n}.json`), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : table(result));
  }
  return 0;
}

function available(): string[] {
  return fs.readdirSync(HERE).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3)).sort();
}

/** Nested objects (counts, phases) are flattened to dotted keys so the table stays two columns. */
function table(result: BenchResult): string {
  const rows: [string, string][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else {
      rows.push([prefix, typeof value === 'number' ? value.toLocaleString('en', { maximumFractionDigits: 3 }) : String(value)]);
    }
  };
  walk('', result);
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

// Only when run as the entry point, so a benchmark may import this file's class and types.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then((code) => { process.exitCode = code; }, (err: unknown) => {
    const unavailable = (err as Error)?.name === 'BenchUnavailable';
    process.stderr.write(`${unavailable ? (err as Error).message : (err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = unavailable ? 2 : 1;
  });
}
