// Back-tests on the real Lok Sabha results in ../shared/data (beside the checkout; skipped when absent).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backtest, type BacktestReport } from './backtest.ts';
import { readAlliances, readElection, readSuccessions } from './files.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LS = path.resolve(ROOT, '../shared/data/lok_sabha');
const OWN = path.resolve(ROOT, 'src/modules/projection/data');
const present = fs.existsSync(path.join(LS, 'ls_2019_candidates.csv'));
if (!present) console.warn(`projection back-tests skipped: ${LS} is absent (the real results live beside the checkout)`);

const run = (from: number, to: number, models?: ('uniform' | 'hierarchical')[]) => backtest({
  from: readElection(path.join(LS, `ls_${from}_candidates.csv`)), to: readElection(path.join(LS, `ls_${to}_candidates.csv`)),
  alliances: readAlliances(path.join(OWN, `alliances_ls${to}.csv`)), successions: readSuccessions(path.join(OWN, `successions_ls${from}_ls${to}.csv`)),
}, { models });
const figures = (r: BacktestReport) => r.models.map((m) => `${m.model} ${m.correct}/${m.seats} (${(100 * m.correct / m.seats).toFixed(1)}%) Brier ${m.brier.toFixed(3)}`).join('; ');

describe.skipIf(!present)('back-test on Lok Sabha results', () => {
  it('2014→2019: every seat matches (Telangana through Andhra Pradesh) and the default model calls ≥ 85% with Brier ≤ 0.10', () => {
    const r = run(2014, 2019, ['uniform', 'hierarchical']);
    console.info(`LS 2014→2019: ${figures(r)}`);
    expect(r.seats).toBe(543);
    expect(r.unmatched).toEqual([]);
    expect(r.winningAlliance).toBe('NDA');
    const d = r.models.find((m) => m.model === r.default)!;
    expect(d.correct / d.seats).toBeGreaterThanOrEqual(0.85);
    expect(d.brier).toBeLessThanOrEqual(0.1);
    expect(d.correct).toBeGreaterThan(r.models.find((m) => m.model === 'uniform')!.correct);
    expect(d.alliances.NDA.actual).toBe(351);
  });

  it('2009→2014: reported, and the default model beats uniform swing there too', () => {
    const r = run(2009, 2014, ['uniform', 'hierarchical']);
    console.info(`LS 2009→2014: ${figures(r)}`);
    expect(r.seats).toBe(543);
    const [uniform, hier] = r.models;
    expect(hier.correct).toBeGreaterThan(uniform.correct);
    expect(hier.brier).toBeLessThan(uniform.brier);
  });

  it('warroom backtest --json prints one JSON object on one line', () => {
    const stdout = execFileSync(process.execPath, [path.join(ROOT, 'bin/warroom.mjs'), 'backtest', '--json', '--simulations', '2000',
      '--from', path.join(LS, 'ls_2014_candidates.csv'), '--to', path.join(LS, 'ls_2019_candidates.csv'),
      '--alliances', path.resolve(ROOT, '../shared/data/reference/alliances_ls2019.csv')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(out).toMatchObject({ from: 'LS-2014', to: 'LS-2019', default: 'hierarchical' });
    expect(out.models.map((m: { model: string }) => m.model)).toEqual(['uniform', 'proportional', 'logit', 'transition', 'hierarchical']);
    expect(out.models[4].parties.BJP.actual).toBe(303);
  }, 120_000);

  it('fails with one clear line for a file that is not a result file', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'bin/warroom.mjs'), 'backtest', '--from', path.join(OWN, 'alliances_ls2019.csv'),
        '--to', path.join(LS, 'ls_2019_candidates.csv'), '--alliances', path.join(OWN, 'alliances_ls2019.csv')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) { err = String((e as { stderr: string }).stderr); }
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/alliances_ls2019\.csv, line 1: missing column\(s\) year, constituency_no/);
  }, 60_000);
});
