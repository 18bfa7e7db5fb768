// Imports in a real browser: the demo admin uploads the real Lok Sabha 2019 results (the shared data's
// normalised CSV; a small fixture when ../shared/data is absent), watches it upload and import, reads
// the summary, follows it to the seats and a constituency, switches the map, imports the PC
// boundaries and sees the choropleth; a bad file lists its problems; the party-data editor; 360 px
// and Hindi. Screenshots go to test-results/screenshots/import-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openPage, overflowsHorizontally, SCREENSHOTS, shot as shotAsScrolled, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

const DATA = path.resolve('../shared/data');
const LS2019 = path.join(DATA, 'lok_sabha/ls_2019_candidates.csv');
const PC_BOUNDARIES = path.join(DATA, 'boundaries/pc/india_pc_2019_simplified.geojson');
const hasReal = fs.existsSync(LS2019);
const hasBoundaries = fs.existsSync(PC_BOUNDARIES);
if (!hasReal) process.stderr.write(`[browser] ${LS2019} is absent: importing a small fixture instead of the real LS 2019 results\n`);
if (!hasBoundaries) process.stderr.write(`[browser] ${PC_BOUNDARIES} is absent: skipping the boundary import and the choropleth\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-import-flow-'));
const write = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
// Two Gujarat PCs, for machines without the shared data.
const FIXTURE = write('ls_2019_fixture.csv', ['election_id,state,constituency_no,constituency,reservation,candidate,party,votes',
  'LS-2019,Gujarat,1,Kachchh,SC,A,BJP,600', 'LS-2019,Gujarat,1,Kachchh,SC,B,INC,300',
  'LS-2019,Gujarat,2,Banaskantha,GEN,C,BJP,500', 'LS-2019,Gujarat,2,Banaskantha,GEN,D,INC,450'].join('\n'));
const BAD = write('bad_results.csv', ['election_id,state,constituency_no,candidate,party,votes',
  'LS-2019,Gujarat,1,A,BJP,-10', 'LS-2019,Atlantis,2,B,INC,20', 'LS-2019,Gujarat,3,C,INC,abc'].join('\n'));

let server: Started;
let browser: Browser;

serverAndBrowser((s, b) => { server = s; browser = b; });
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const newPage = (width: number): Promise<Page> => openPage(browser, width);

const shot = shotFromTop;

async function openImports(page: Page, width: number): Promise<void> {
  if (width < 700) await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-imports').click();
  await page.getByTestId('imports-page').waitFor();
}

/** Uploads a file and waits for the import to end; returns its status. */
async function importFile(page: Page, kind: 'results' | 'booths' | 'boundaries', file: string): Promise<string> {
  await page.getByTestId(`import-kind-${kind}`).check();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-submit').click();
  await page.waitForURL(/import=\d+/);
  const result = page.getByTestId('import-result');
  await expect.poll(() => result.getAttribute('data-status'), { timeout: 180_000, interval: 500 }).toMatch(/^(done|failed)$/);
  return (await result.getAttribute('data-status'))!;
}

describe('imports in the browser', () => {
  it('imports LS 2019 results, shows the summary, and leads to the seats, a constituency, a scenario and the map', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openImports(page, 1280);
    expect(await page.getByTestId('imports-shared').innerText()).toMatch(/every workspace/);
    expect(await page.getByTestId('imports-none').count()).toBe(1);

    // The upload's own progress bar shows while the bytes go up (held back a little so it can be seen).
    await page.route('**/api/imports?**', async (route) => { await new Promise((r) => setTimeout(r, 2500)); await route.continue(); });
    await page.getByTestId('import-kind-results').check();
    await page.getByTestId('import-file').setInputFiles(hasReal ? LS2019 : FIXTURE);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('upload-progress').waitFor();
    expect(await page.getByTestId('import-submit').isDisabled()).toBe(true);
    await page.getByTestId('upload-progress').screenshot({ path: path.join(SCREENSHOTS, 'import-uploading-1280-en.png') });
    await page.waitForURL(/import=\d+/);
    await page.unroute('**/api/imports?**');
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 180_000, interval: 500 }).toBe('done');

    const summary = page.getByTestId('import-summary');
    const ls = summary.getByTestId('import-election-LS-2019');
    if (hasReal) {
      expect(await summary.innerText()).toMatch(/8,596 rows \(normalised CSV\)/);
      expect(await ls.innerText()).toContain('Seats: 543');
      expect(await ls.innerText()).toMatch(/BJP 303/);
      expect(await ls.innerText()).toMatch(/INC 52/);
    } else {
      expect(await ls.innerText()).toContain('Seats: 2');
    }
    expect(await page.getByTestId('import-status').innerText()).toBe('Imported');
    await expect.poll(() => page.getByTestId('imports-table').locator('tbody tr').count()).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'import-done-1280-en');

    // To the seats of the imported election, then a constituency.
    await summary.getByTestId('import-open-seats-LS-2019').click();
    await page.waitForURL(/\/seats\?election=LS-2019/);
    await page.getByTestId('seat-table').waitFor();
    await page.waitForURL(/party=/);
    if (hasReal) expect(new URL(page.url()).searchParams.get('party')).toBe('BJP');
    const first = page.locator('[data-testid=seat-table] tbody tr').first();
    const name = await first.getByTestId('seat-link').innerText();
    await first.getByTestId('seat-link').click();
    await page.getByTestId('constituency-page').waitFor();
    expect(await page.getByTestId('heading-constituency').innerText()).toBe(name);
    await page.getByTestId('result-LS-2019').waitFor();
    await expect.poll(() => page.locator('main .loading').count()).toBe(0); // the share chart has drawn
    await shot(page, 'import-constituency-1280-en');

    // A scenario on the imported election: the engine runs in the browser and settles on the full simulation.
    await page.goto(`${server.url}/scenario?election=LS-2019`);
    await page.getByTestId('heading-scenario').waitFor();
    await page.locator('[data-testid=scenario-totals][data-provisional=false][aria-busy=false]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('scenario-totals').getAttribute('data-simulations')).toBe('10000');
    expect(await page.getByTestId('scenario-ptarget').innerText()).toMatch(/\d%/);
    await page.getByTestId('scenario-histogram').locator('canvas').waitFor();
    await shot(page, 'import-scenario-1280-en');

    // The map: no boundaries yet, so the hexagon cartogram, one hexagon per seat.
    await page.goto(`${server.url}/seats?election=LS-2019${hasReal ? '&party=BJP' : ''}`);
    await page.getByTestId('seat-table').waitFor();
    await page.getByTestId('tab-map').click();
    await page.getByTestId('hex-map').waitFor();
    expect(await page.getByTestId('map-kind').getAttribute('data-kind')).toBe('hex');
    expect(await page.locator('[data-testid=hex-map] a.hex').count()).toBe(hasReal ? 543 : 2);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'import-hexmap-1280-en');
    await page.context().close();
  });

  it.skipIf(!hasBoundaries || !hasReal)('imports the PC boundaries and the seat map becomes a choropleth', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openImports(page, 1280);
    expect(await importFile(page, 'boundaries', PC_BOUNDARIES)).toBe('done');
    const summary = page.getByTestId('import-summary');
    const matched = Number((await summary.locator('.imports-details dd').first().innerText()).replace(/\D/g, ''));
    expect(matched).toBeGreaterThan(500);
    await shot(page, 'import-boundaries-1280-en');
    await page.goto(`${server.url}/seats?election=LS-2019&party=BJP&tab=map`);
    await page.getByTestId('choropleth-map').locator('svg path').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('map-kind').getAttribute('data-kind')).toBe('boundaries');
    expect(await page.getByTestId('choropleth-map').locator('svg path').count()).toBeGreaterThanOrEqual(matched);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'import-choropleth-1280-en');
    await page.context().close();
  });

  it('lists every problem of a bad file with file:line and field, and says nothing was written', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openImports(page, 1280);
    const elections = await (await page.request.get(`${server.url}/api/elections`)).json();
    expect(await importFile(page, 'results', BAD)).toBe('failed');
    const problems = page.getByTestId('import-problems');
    expect(await problems.getByRole('alert').innerText()).toMatch(/Nothing was written/);
    const rows = await problems.getByTestId('import-problem').allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/bad_results\.csv:2\s+votes\s+negative: -10/);
    expect(rows[1]).toMatch(/bad_results\.csv:3\s+state\s+unknown state 'Atlantis'/);
    expect(rows[2]).toMatch(/bad_results\.csv:4\s+votes\s+not a number: 'abc'/);
    // The heading takes focus when the outcome arrives, so a screen reader reads it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-result-h');
    expect(await (await page.request.get(`${server.url}/api/elections`)).json()).toEqual(elections);
    await shot(page, 'import-failed-1280-en');
    await page.context().close();
  });

  it('edits party aliases and successions from the keyboard', async () => {
    const page = await newPage(1280);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openImports(page, 1280);
    const aliases = page.getByTestId('aliases');
    await aliases.getByTestId('alias-table').waitFor();
    await aliases.getByTestId('alias-alias').fill('Bharatiya Janta Party');
    await page.keyboard.press('Tab');
    await page.keyboard.type('bjp');
    await page.keyboard.press('Enter');
    await aliases.getByTestId('alias-filter').fill('janta');
    await expect.poll(() => aliases.getByTestId('alias-row').allInnerTexts()).toEqual([expect.stringMatching(/Bharatiya Janta Party\s+BJP/)]);
    await aliases.getByRole('button', { name: 'Remove the alias Bharatiya Janta Party' }).click();
    await expect.poll(() => aliases.getByTestId('alias-row').count()).toBe(0);

    const successions = page.getByTestId('successions');
    await successions.getByTestId('succession-from').fill('SHS');
    await successions.getByTestId('succession-to').fill('SHS(UBT)');
    await successions.getByTestId('succession-weight').fill('0.7');
    await successions.getByTestId('succession-state').fill('Maharashtra');
    await successions.getByTestId('succession-submit').click();
    await expect.poll(() => successions.getByTestId('succession-row').count()).toBe(1);
    await successions.getByTestId('succession-to').fill('BJP');
    await successions.getByTestId('succession-weight').fill('0.5');
    await successions.getByTestId('succession-submit').click();
    await expect.poll(() => successions.locator('.field-error').allInnerTexts()).toEqual([expect.stringMatching(/at most 0\.3/)]);
    await shot(page, 'import-party-data-1280-en');
    await page.context().close();
  });

  it('works at 360 px in Hindi, and only for users who may import', async () => {
    const page = await newPage(360);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'hi');
    await openImports(page, 360);
    expect(await page.locator('main h1').first().innerText()).toBe('आयात');
    expect(await page.getByTestId('imports-shared').innerText()).toMatch(/सभी कार्यक्षेत्रों/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'import-page-360-hi');
    // The failed import, in Hindi, as cards.
    const rows = page.getByTestId('imports-table').locator('tbody tr');
    await rows.filter({ hasText: 'bad_results.csv' }).first().getByRole('button').click();
    await page.getByTestId('import-problems').waitFor();
    expect(await page.getByTestId('import-problems').getByRole('alert').innerText()).toMatch(/कुछ भी नहीं लिखा गया/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.getByTestId('import-result').scrollIntoViewIfNeeded();
    await shotAsScrolled(page, 'import-failed-360-hi');
    // The successful one.
    await rows.filter({ hasText: hasReal ? 'ls_2019_candidates.csv' : 'ls_2019_fixture.csv' }).first().getByRole('button').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').innerText()).toMatch(/सीटें: /);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'import-done-360-hi');
    await useLanguage(page, 'en');
    await shot(page, 'import-done-360-en');
    // A tablet's width: the recent imports are still a table, and nothing spills sideways.
    await page.setViewportSize({ width: 768, height: 900 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();

    const strategist = await newPage(1280);
    await signIn(strategist, server.url, 'strategist@demo.warroom');
    expect(await strategist.getByTestId('nav-imports').count()).toBe(0);
    await strategist.goto(`${server.url}/imports`);
    await strategist.getByTestId('heading-not-allowed').waitFor();
    await strategist.context().close();
  });
});
