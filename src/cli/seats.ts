import type { Command } from 'commander';
import type { GlobalOptions } from './main.ts';
import { configFrom } from './main.ts';
import { openMigrated } from './open.ts';
import { fail, output } from './output.ts';
import { SeatQuery } from '../modules/elections/seats.schemas.ts';
import { findSeats } from '../modules/elections/seats.service.ts';
import { AppError } from '../shared/errors.ts';

interface SeatsFlags { election: string; party: string; state?: string; reserved?: string; won?: boolean; neverWon?: boolean; lostByUnder?: string; battleground?: string; stronghold?: string }

export function registerSeats(program: Command, json: (o: { json?: boolean }) => GlobalOptions) {
  program.command('seats').description('classify every seat of an election for a party: held, strongholds, battlegrounds, never won, lost narrowly')
    .requiredOption('--election <id>', 'election id as imported, e.g. LS-2019 or AE-GJ-2022')
    .requiredOption('--party <code>', 'party code, e.g. BJP (aliases such as CPI(M) are folded)')
    .option('--state <code>', 'only this state (ECI code, e.g. S06)')
    .option('--reserved <type>', 'only GEN, SC or ST seats')
    .option('--won', 'only seats the party won').option('--never-won', 'only seats the party never won in the imported elections')
    .option('--lost-by-under <votes>', 'only seats the party lost by fewer votes than this (e.g. 5000)')
    .option('--battleground [pct]', 'only seats won or lost by under this % (default 5)')
    .option('--stronghold [n]', 'only seats won in each of the last N elections (default 3)')
    .option('--json', 'print one JSON array on standard output')
    .action((o: SeatsFlags & { json?: boolean }) => seatsCommand(json(o), o));
}

async function seatsCommand(g: GlobalOptions, o: SeatsFlags) {
  const out = output(Boolean(g.json));
  const parsed = SeatQuery.safeParse({
    election: o.election, party: o.party, state: o.state, reserved: o.reserved, won: o.won, neverWon: o.neverWon, lostByUnder: o.lostByUnder,
    battleground: o.battleground === undefined ? undefined : o.battleground === (true as unknown) ? 5 : o.battleground,
    stronghold: o.stronghold === undefined ? undefined : o.stronghold === (true as unknown) ? 3 : o.stronghold,
  });
  if (!parsed.success) fail(parsed.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('\nwarroom: '));
  const database = await openMigrated(configFrom(g));
  try {
    const result = await findSeats(database.db, null, parsed.data);
    out.result(result.items, humanTable(result));
  } catch (err) {
    if (err instanceof AppError) fail(err.status === 404 ? `--election: no election '${o.election}' has been imported (see 'warroom import results')` : err.detail);
    throw err;
  } finally {
    await database.close();
  }
}

function humanTable(r: Awaited<ReturnType<typeof findSeats>>): string {
  const head = ['state', 'no', 'constituency', 'winner', 'runner-up', 'margin', 'margin %', `${r.party} %`, 'classes'];
  const rows = r.items.map((s) => [s.state, String(s.constituencyNo), s.constituency.slice(0, 24), s.winnerParty ?? '', s.runnerUpParty ?? '',
    s.marginVotes?.toLocaleString('en-IN') ?? 'uncontested', s.marginPct?.toFixed(2) ?? '', s.partyShare.toFixed(2), s.classes.join(' ')]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 5 || i === 6 || i === 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const counts = Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(', ');
  return [line(head), ...rows.map(line), '', `${r.items.length} seats shown; ${r.election.id} for ${r.party} (compared with ${r.comparedWith.join(', ')}): ${counts}`].join('\n');
}
