// Benchmark `scenario-slider`: moving a swing slider on the scenario page re-projects the country (Lok
// Sabha 2019, 543 seats) in the browser's projection worker; how long from the slider's input event to
// the new totals on screen? Chromium (playwright-core) drags the NDA slider on a server started here with
// the real results imported; the page measures each answer itself (the `scenario:slider` performance
// entries of web/src/features/scenario/useLiveProjection.ts). Peer: the same re-projection run directly
// in Node in this process (the engine's prepare + Monte Carlo + summarise, same scenario and simulations).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase, type Executor } from '../src/db/open.ts';
import { hashPassword } from '../src/modules/access/secrets.ts';
import { importResults } from '../src/modules/elections/import-results.ts';
import { getBaseline } from '../src/modules/projection/baseline.service.ts';
import { simulate } from '../src/modules/projection/montecarlo-wasm.ts';
import { prepare, summarise } from '../src/modules/projection/project.ts';
import type { ScenarioInput } from '../src/modules/projection/projection.schemas.ts';
import { serve } from '../src/server/serve.ts';
import { BenchUnavailable, type Bench } from './run.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LS_2019 = path.resolve(HERE, '../../shared/data/lok_sabha/ls_2019_candidates.csv');
const CHROMIUM = process.env.WARROOM_CHROMIUM ?? '/usr/bin/chromium';
const EMAIL = 'bench@scenario.warroom', PASSWORD = 'bench-password-1';
const PROVISIONAL = 2_000, FULL = 10_000, DRAGS = 4, NODE_REPS = 15;

interface Measure { ms: number; simulations: number; provisional: boolean; workerMs: number; prepareMs: number; simulateMs: number; receivedMs: number; renderMs: number; paintMs: number }

const quantile = (xs: number[], q: number) => { const a = [...xs].sort((x, y) => x - y); return a.length ? a[Math.min(a.length - 1, Math.floor(q * a.length))] : NaN; };
const stats = (xs: number[]) => ({ median: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)), n: xs.length });
const round = (x: number) => Math.round(x * 10) / 10;

/** A tenant with one strategist, so the server does not seed the demo (the benchmark needs only LS 2019). */
async function addStrategist(db: Executor): Promise<void> {
  const t = await db.insertInto('tenants').values({ slug: 'bench', name: 'Bench' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('unit_levels').values({ tenant_id: t.id, level: 'national', depth: 0, name: 'National', name_hi: null }).execute();
  const u = await db.insertInto('units').values({ tenant_id: t.id, parent_id: null, level: 'national', name: 'India', name_hi: null, path: '0', state_code: null, ac_no: null, part_no: null, wing: null })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('units').set({ path: String(u.id) }).where('tenant_id', '=', t.id).where('id', '=', u.id).execute();
  const user = await db.insertInto('users').values({ email: EMAIL, name: 'Bench Strategist', password_hash: await hashPassword(PASSWORD), locale: 'en' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('grants').values({ tenant_id: t.id, user_id: user.id, role_code: 'strategist', unit_id: u.id }).execute();
}

/** Drags the slider's thumb across part of its track and back, one small step per frame or so. */
async function drag(page: Page, testId: string, log: (l: string) => void): Promise<number> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const y = box.y + box.height / 2, mid = box.x + box.width / 2, step = box.width / 80;
  await page.mouse.move(mid, y);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) { await page.mouse.move(mid - i * step, y); await page.waitForTimeout(16); }
  for (let i = 23; i >= 0; i--) { await page.mouse.move(mid - i * step, y); await page.waitForTimeout(16); }
  const released = Date.now();
  await page.mouse.up();
  await page.locator('[data-testid=scenario-totals][data-provisional=false][aria-busy=false]').waitFor({ timeout: 60_000 });
  const settle = Date.now() - released;
  log(`  drag done; settled ${settle} ms after release`);
  return settle;
}

/** The page's own measurements of slider → painted totals. */
const measures = (page: Page): Promise<Measure[]> => page.evaluate(() => performance.getEntriesByName('scenario:slider')
  .map((e) => ({ ms: e.duration, ...((e as PerformanceMeasure).detail as object) }) as never));

/** The peer: the same re-projection straight in Node (one thread, WebAssembly kernel), medians of NODE_REPS. */
function nodePeer(baseline: Awaited<ReturnType<typeof getBaseline>>) {
  const at = (points: number, simulations: number): ScenarioInput => ({
    alliances: baseline.alliances, swings: [{ level: 'national', bloc: 'NDA', points }], simulations, targets: [{ bloc: 'NDA', seats: 272 }],
  });
  const time = (simulations: number) => Array.from({ length: NODE_REPS }, (_v, k) => {
    const t = performance.now();
    const p = prepare(baseline, at(-0.5 * (k % 10), simulations));
    summarise(p, simulate(p.problem, simulations, 1));
    return performance.now() - t;
  });
  time(PROVISIONAL); // warm: Student-t table, JIT
  return { provisional: stats(time(PROVISIONAL)), full: stats(time(FULL)) };
}

const bench: Bench = async ({ log }) => {
  if (!fs.existsSync(LS_2019)) throw new BenchUnavailable(`scenario-slider: ${LS_2019} is missing (the real results live beside the checkout)`);
  if (!fs.existsSync(CHROMIUM)) throw new BenchUnavailable(`scenario-slider: no Chromium at ${CHROMIUM} (set WARROOM_CHROMIUM)`);
  if (!fs.existsSync(path.resolve(HERE, '../web/dist/index.html'))) throw new BenchUnavailable('scenario-slider: build the web app first (npm run build:web)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-bench-slider-'));
  try {
    log('importing LS 2019 into an embedded database…');
    const database = await openDatabase({ dataDir });
    await migrate(database);
    await importResults(database.db, { file: LS_2019 });
    await addStrategist(database.db);
    const baseline = await getBaseline(database.db, null, 'LS-2019');
    await database.close();

    log('peer: the same re-projection in Node…');
    const node = nodePeer(baseline);
    log(`  node: ${node.provisional.median} ms for ${PROVISIONAL} simulations, ${node.full.median} ms for ${FULL}`);

    const running = await serve(loadConfig({ ...process.env, DATABASE_URL: '', WARROOM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }), () => undefined);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-IN' })).newPage();
      await page.goto(`${running.url}/login`);
      await page.getByTestId('login-email').fill(EMAIL);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('home-tenant').waitFor();
      const opened = Date.now();
      await page.goto(`${running.url}/scenario?election=LS-2019`);
      await page.locator('[data-testid=scenario-totals][data-provisional=false][aria-busy=false]').waitFor({ timeout: 60_000 });
      const firstTotalsMs = Date.now() - opened;
      log(`page open to first full totals: ${firstTotalsMs} ms; warming up…`);
      await drag(page, 'swing-national-NDA', log);
      await page.evaluate(() => performance.clearMeasures('scenario:slider'));
      const settles: number[] = [];
      for (let d = 0; d < DRAGS; d++) settles.push(await drag(page, 'swing-national-NDA', log));
      const all = await measures(page);
      const live = all.filter((m) => m.provisional);
      if (!live.length) throw new Error('the page recorded no provisional answers to the drags');
      const slider = stats(live.map((m) => m.ms));
      return {
        name: 'scenario-slider',
        sliderMs: slider,
        provisionalSimulations: PROVISIONAL, fullSimulations: FULL,
        breakdownMs: {
          worker: stats(live.map((m) => m.workerMs)).median, prepare: stats(live.map((m) => m.prepareMs)).median, monteCarlo: stats(live.map((m) => m.simulateMs)).median,
          toPage: stats(live.map((m) => m.receivedMs - m.workerMs)).median, render: stats(live.map((m) => m.renderMs)).median, paint: stats(live.map((m) => m.paintMs)).median,
        },
        settleMs: stats(settles),
        firstTotalsMs,
        nodeMs: node.provisional, nodeFullMs: node.full,
        ratioToNode: round(slider.median / node.provisional.median),
        withinBudget: live.filter((m) => m.ms < 200).length / live.length,
        chromium: browser.version(),
      };
    } finally {
      await browser.close();
      await running.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
export default bench;
