// The scenario builder in a real browser: on the seeded demo (AE-D01-2023) and, when ../shared/data is
// beside the checkout, on the real Lok Sabha 2019 imported through the importer. Sliders move the
// totals (provisional, then settled), the histogram shows P(target), scenarios are saved and compared,
// the seats map colours by win probability; English and Hindi, 1280 and 360 px, by keyboard.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/open.ts';
import { importResults } from '../../src/modules/elections/import-results.ts';
import type { Running } from '../../src/server/serve.ts';
import { openPage, overflowsHorizontally, shotFromTop, signIn, startServer as startDemoServer, useLanguage, serverAndBrowser } from './browser.ts';

const LS_2019 = path.resolve('../shared/data/lok_sabha/ls_2019_candidates.csv');
const hasRealData = fs.existsSync(LS_2019);
if (!hasRealData) process.stderr.write(`[browser] ${LS_2019} is absent: the Lok Sabha 2019 scenario test is skipped\n`);

let server: Running & { dataDir: string };
let browser: Browser;

/** As browser.ts startServer, with the real LS 2019 imported into its data folder before the server opens it (when present). */
async function startServer(): Promise<Running & { dataDir: string }> {
  return startDemoServer({
    prepare: hasRealData ? async (dataDir) => {
      const database = await openDatabase({ dataDir });
      await migrate(database);
      await importResults(database.db, { file: LS_2019 });
      await database.close();
    } : undefined,
  });
}

serverAndBrowser((s, b) => { server = s; browser = b; }, { start: startServer });

const newPage = (width: number): Promise<Page> => openPage(browser, width);

const shot = shotFromTop;

/** The totals on the full simulation, nothing left running. */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid=scenario-totals][data-provisional=false][aria-busy=false]').waitFor({ timeout: 60_000 });
}

const expectedOf = async (page: Page, table: string, bloc: string) =>
  Number((await page.locator(`[data-testid=${table}] tr[data-bloc="${bloc}"] .expected`).innerText()).replace(/[^\d]/g, ''));
const pTarget = async (page: Page) => Number(await page.getByTestId('scenario-ptarget').getAttribute('data-probability'));
const sliderMeasures = (page: Page) => page.evaluate(() => performance.getEntriesByName('scenario:slider')
  .map((e) => ({ ms: e.duration, ...(e as PerformanceMeasure).detail as { simulations: number; provisional: boolean } })));

async function openScenario(page: Page, width: number, election: string): Promise<void> {
  if (width < 700) await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-projection').click();
  await page.getByTestId('heading-scenario').waitFor();
  await page.goto(`${server.url}/scenario?election=${election}`);
  await settled(page);
}

describe('scenario builder', () => {
  it('moves a slider and the totals follow, shows P(target), saves and compares two scenarios, colours the map by win probability (demo, 1280 px)', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await openScenario(page, 1280, 'AE-D01-2023');
    expect(await page.getByTestId('scenario-target-bloc').inputValue()).toBe('DP');
    expect(await page.getByTestId('scenario-target-seats').inputValue()).toBe('92'); // majority of 182
    await page.getByTestId('scenario-histogram').locator('canvas').waitFor();
    const before = await expectedOf(page, 'totals-blocs', 'DP');
    const pBefore = await pTarget(page);
    expect(await page.getByTestId('scenario-ptarget').innerText()).toMatch(/\d%/);

    // Keyboard on the range input: each step re-projects on a provisional run, then the full one settles.
    const slider = page.getByTestId('swing-national-DP');
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('swing-national-DP-value').innerText()).toBe('+3.0');
    await settled(page);
    const after = await expectedOf(page, 'totals-blocs', 'DP');
    expect(after).toBeGreaterThan(before);
    expect(await pTarget(page)).toBeGreaterThan(pBefore);
    expect(await page.getByTestId('scenario-totals').getAttribute('data-simulations')).toBe('10000');
    const measures = await sliderMeasures(page);
    expect(measures.some((m) => m.provisional && m.simulations === 2000)).toBe(true);
    expect(await page.getByTestId('ladder-summary').innerText()).toContain('DP');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'scenario-demo-1280-en');

    // Save two scenarios and compare them.
    await page.getByTestId('save-name').fill('Demo DP +3');
    await page.getByTestId('save-new').click();
    await page.getByTestId('saved-Demo DP +3').waitFor();
    await page.getByTestId('scenario-reset').click();
    await settled(page);
    expect(await page.getByTestId('swing-national-DP-value').innerText()).toBe('0');
    await page.getByTestId('save-name').fill('Demo as 2023');
    await page.getByTestId('save-new').click();
    await page.getByTestId('saved-Demo as 2023').waitFor();
    await page.getByTestId('compare-a').selectOption({ label: 'Demo DP +3' });
    await page.getByTestId('compare-b').selectOption({ label: 'Demo as 2023' });
    await page.getByTestId('compare-go').click();
    await page.getByTestId('compare-result').waitFor({ timeout: 60_000 });
    const targets = await page.getByTestId('compare-targets').innerText();
    expect(targets).toMatch(/Demo DP \+3: chance of DP winning 92 or more is \d/);
    expect(targets).toMatch(/Demo as 2023: chance of DP winning 92 or more is \d/);
    const dpRow = await page.locator('[data-testid=compare-table] tr[data-bloc=DP]').innerText();
    expect(dpRow).toMatch(/−\d+$/); // the change column is second minus first: DP loses its three points
    expect(await page.getByTestId('leader-diffs').innerText()).toMatch(/\d+ seats? with a different projected leader/);
    await page.getByTestId('scenario-compare').scrollIntoViewIfNeeded();
    await shot(page, 'scenario-compare-1280-en');

    // Load the first one back: its swing returns.
    await page.getByTestId('saved-Demo DP +3').getByTestId('saved-load').click();
    await expect.poll(() => page.getByTestId('swing-national-DP-value').innerText()).toBe('+3.0');
    await settled(page);

    // The seats map, coloured by each seat's win probability under this scenario.
    await page.goto(`${server.url}/seats?election=AE-D01-2023&party=DP&tab=map`);
    await page.getByTestId('hex-map').waitFor();
    await expect.poll(() => page.getByTestId('map-colour').locator('option[value=value]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('map-colour').selectOption('value');
    await page.waitForURL(/colour=value/);
    await expect.poll(() => page.getByTestId('map-legend').innerText()).toContain('Win probability of DP');
    expect(await page.getByTestId('map-value-note').innerText()).toContain('your scenario');
    const fills = await page.locator('[data-testid=hex-map] a.hex path, [data-testid=hex-map] a.hex polygon').evaluateAll((els) => new Set(els.map((e) => e.getAttribute('fill'))).size);
    expect(fills).toBeGreaterThan(1);
    await shot(page, 'seats-map-win-probability-1280-en');
    await page.context().close();
  });

  it('works in Hindi on a 360 px phone, by keyboard', async () => {
    const page = await newPage(360);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'hi');
    await openScenario(page, 360, 'AE-D01-2023');
    expect(await page.getByTestId('heading-scenario').innerText()).toBe('परिदृश्य निर्माता');
    expect(await page.getByTestId('scenario-status').innerText()).toMatch(/सिमुलेशन/);
    const before = await expectedOf(page, 'totals-blocs', 'PF');
    const slider = page.getByTestId('swing-national-PF');
    await slider.focus();
    await page.keyboard.press('End'); // +10 points
    expect(await page.getByTestId('swing-national-PF-value').innerText()).toBe('+10.0');
    expect(await slider.getAttribute('aria-valuetext')).toBe('+10.0 अंक');
    await settled(page);
    expect(await expectedOf(page, 'totals-blocs', 'PF')).toBeGreaterThan(before);
    expect(await page.getByTestId('scenario-ptarget').innerText()).toMatch(/संभावना/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'scenario-demo-360-hi');
    await page.getByTestId('scenario-reset').click();
    await settled(page);
    await useLanguage(page, 'en'); // leave the account as it was
    await page.context().close();
  });

  it.skipIf(!hasRealData)('projects Lok Sabha 2019 from the real results: national and state swings, a state target, an alliance switched off (1280 and 360 px)', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await openScenario(page, 1280, 'LS-2019');
    expect(await page.getByTestId('scenario-target-bloc').inputValue()).toBe('NDA');
    expect(await page.getByTestId('scenario-target-seats').inputValue()).toBe('272');
    const nda = await expectedOf(page, 'totals-alliances', 'NDA');
    expect(nda).toBeGreaterThan(272);
    // A national swing of four points away from NDA costs it seats.
    await page.getByTestId('swing-national-NDA').focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
    await settled(page);
    expect(await expectedOf(page, 'totals-alliances', 'NDA')).toBeLessThan(nda);
    await shot(page, 'scenario-ls2019-1280-en');

    // Uttar Pradesh: MGB (SP + BSP + RLD) switched off: its partners stand on their own.
    await page.getByTestId('scenario-state').selectOption('Uttar Pradesh');
    await page.getByTestId('alliance-toggle-MGB').uncheck();
    await settled(page);
    expect(await page.locator('[data-testid=totals-blocs] tr[data-bloc=BSP]').count()).toBe(1);
    // A state's target: NDA's majority of Uttar Pradesh's 80 seats.
    await page.getByTestId('scenario-target-state').selectOption('Uttar Pradesh');
    expect(await page.getByTestId('scenario-target-seats').inputValue()).toBe('41');
    await settled(page);
    await expect.poll(() => page.locator('#target-h').innerText()).toBe('Seat distribution of NDA in Uttar Pradesh');
    expect(await page.getByTestId('scenario-ptarget').getAttribute('data-probability')).not.toBe('');
    await page.getByTestId('swing-state-NDA').focus();
    await page.keyboard.press('Home'); // −10 points in Uttar Pradesh
    await settled(page);
    expect(await page.getByTestId('ladder-summary').innerText()).toMatch(/NDA/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'scenario-ls2019-up-1280-en');

    await page.setViewportSize({ width: 360, height: 740 });
    await useLanguage(page, 'hi');
    await settled(page);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'scenario-ls2019-360-hi');
    await page.getByTestId('scenario-reset').click();
    await useLanguage(page, 'en');
    await page.context().close();
  });
});
