#!/usr/bin/env node
// `npm test`: the whole suite on embedded PGlite; again on PostgreSQL when TEST_DATABASE_URL is set;
// the browser suite when Debian's Chromium is installed. It says plainly what it skipped, and ends
// with one "N passed, N failed" line summed over every run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.WARROOM_CHROMIUM ?? '/usr/bin/chromium';
const extra = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const skipped = [];
let failedRuns = 0;
/** Why runs failed, printed again at the very end: CI shows only the tail of the log. */
const why = [];

function vitest(label, config, env) {
  const report = path.join(os.tmpdir(), `warroom-vitest-${process.pid}-${label.replace(/\W+/g, '-')}.json`);
  process.stderr.write(`\n── ${label} ──\n`);
  const res = spawnSync('npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
    { stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) failedRuns += 1;
  try {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    for (const f of r.testResults ?? []) {
      const failed = (f.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => a.fullName ?? a.title);
      if (f.status === 'failed') why.push(`${label}: ${path.relative(process.cwd(), f.name)}: ${failed.length ? failed.join('; ') : (f.message || 'failed outside a test (a hook or the file itself)').slice(0, 400)}`);
    }
    if (res.status !== 0 && r.numFailedTests === 0 && !why.some((w) => w.startsWith(label))) {
      why.push(`${label}: vitest exited with ${res.status ?? res.signal} though every test passed (an unhandled error or a hook: see "Errors" above)`);
    }
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + (res.status !== 0 && r.numFailedTests === 0 ? 1 : 0);
    totals.skipped += r.numPendingTests + r.numTodoTests;
    fs.rmSync(report, { force: true });
  } catch {
    totals.failed += 1; // the run died before it could report
    why.push(`${label}: no report (the run died: exit ${res.status ?? res.signal})`);
  }
}

vitest('unit and integration tests on embedded PGlite', 'vitest.config.ts', { TEST_DATABASE_URL: '' });

if (process.env.TEST_DATABASE_URL) {
  vitest('the same suite on PostgreSQL (TEST_DATABASE_URL)', 'vitest.config.ts', {});
} else {
  skipped.push('PostgreSQL suite: TEST_DATABASE_URL is not set (e.g. postgresql://postgres:postgres@127.0.0.1:5432/postgres); the concurrency tests that need real PostgreSQL did not run');
}

if (fs.existsSync(CHROMIUM) && process.env.WARROOM_BROWSER_TESTS !== 'off') {
  vitest('browser tests in Chromium', 'vitest.browser.config.ts', {});
} else {
  skipped.push(`browser suite: ${fs.existsSync(CHROMIUM) ? 'WARROOM_BROWSER_TESTS=off' : `${CHROMIUM} not found (apt-get install -y chromium fonts-noto-core)`}`);
}

if (!fs.existsSync('../shared/data')) skipped.push('real-data tests: ../shared/data is absent');
for (const s of skipped) process.stderr.write(`skipped: ${s}\n`);
for (const w of why) process.stdout.write(`failed: ${w}\n`);
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0);
