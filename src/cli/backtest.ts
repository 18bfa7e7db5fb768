// `warroom backtest`: how well each swing model would have called a past election. Pure computation
// over files; no database is opened.
import type { Command } from 'commander';
import { backtest, type BacktestReport } from '../modules/projection/backtest.ts';
import { readAlliances, readElection, readSuccessions } from '../modules/projection/files.ts';
import { output } from './output.ts';

interface BacktestOptions { from: string; to: string; alliances: string; succession?: string; simulations?: string; seed?: string; json?: boolean }

export function registerBacktest(program: Command, globals: () => { json?: boolean }) {
  program.command('backtest')
    .description('project a later election from an earlier one with its actual state shares, and score every swing model')
    .requiredOption('--from <file>', 'earlier election: normalised candidate-level results (CSV)')
    .requiredOption('--to <file>', 'later election, same format')
    .requiredOption('--alliances <file>', 'the later election\'s alliances: election_id,state,party,bloc,national_alliance')
    .option('--succession <file>', 'renamed, merged or split parties: from_party,to_party,weight[,state]')
    .option('--simulations <n>', 'Monte Carlo simulations per model', '10000')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print only JSON on standard output')
    .action((o: BacktestOptions) => backtestCommand({ ...o, json: Boolean(globals().json || o.json) }));
}

function positiveInt(name: string, v: string | undefined, d: number): number {
  if (v === undefined) return d;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive whole number, found '${v}'`);
  return n;
}

export function backtestCommand(o: BacktestOptions) {
  const out = output(Boolean(o.json));
  const input = {
    from: readElection(o.from), to: readElection(o.to), alliances: readAlliances(o.alliances),
    successions: o.succession ? readSuccessions(o.succession) : [],
  };
  out.log(`matching ${input.from.id} (${input.from.seats.length} seats) with ${input.to.id} (${input.to.seats.length} seats)…`);
  const report = backtest(input, { simulations: positiveInt('simulations', o.simulations, 10_000), seed: positiveInt('seed', o.seed, 1) });
  for (const u of report.unmatched) out.log(`unmatched (${u.side}): ${u.state} ${u.number} ${u.name}: ${u.reason}`);
  out.result(toJson(report), human(report));
}

/** The issue's JSON shape, plus the multi-class Brier, the matched and unmatched counts. */
function toJson(r: BacktestReport) {
  return {
    from: r.from, to: r.to, default: r.default, matched: r.seats, unmatched: r.unmatched.length, winningAlliance: r.winningAlliance,
    models: r.models.map((m) => ({
      model: m.model, seats: m.seats, correct: m.correct, accuracy: round(m.correct / m.seats), brier: round(m.brier), multiBrier: round(m.multiBrier),
      parties: m.parties, alliances: m.alliances, blocs: m.blocs,
    })),
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function human(r: BacktestReport): string {
  const lines = [`${r.from} → ${r.to}: ${r.seats} seats matched, ${r.unmatched.length} unmatched; Brier against ${r.winningAlliance}; default model ${r.default}`, '',
    'model          called        %   Brier  multi-class'];
  for (const m of r.models) {
    lines.push(`${m.model.padEnd(13)} ${String(m.correct).padStart(4)}/${m.seats}  ${(100 * m.correct / m.seats).toFixed(1).padStart(5)}  ${m.brier.toFixed(3)}  ${m.multiBrier.toFixed(3)}`);
  }
  const d = r.models.find((m) => m.model === r.default) ?? r.models[0];
  lines.push('', `${d.model}: predicted / actual seats per alliance: ${Object.entries(d.alliances).sort((a, b) => b[1].actual - a[1].actual).map(([k, v]) => `${k} ${v.predicted}/${v.actual}`).join(', ')}`);
  return lines.join('\n');
}
