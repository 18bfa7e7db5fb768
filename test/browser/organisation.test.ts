// The organisation module in a real browser against the seeded demo: drill-down from the country to a
// booth with strength as colour, the booth page at 360 px as the booth president (fill a vacancy with a
// new person, the vacancy count drops, nothing overflows, in English and Hindi), and a duplicate merge
// as the admin.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshPhone, openPage, overflowsHorizontally, SCREENSHOTS, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;

// The demo now seeds an organisation too (a few hundred thousand people on PGlite): allow it time.
serverAndBrowser((s, b) => { server = s; browser = b; });
beforeAll(async () => {
}, 900_000);

const shot = shotFromTop;
/** What the screen shows (not the whole page), with the element scrolled into view: for long lists. */
async function viewShot(page: Page, name: string, testId: string): Promise<void> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
const GRADE_COLOURS: Record<string, string> = { A: '#1b7a3e', B: '#74c476', C: '#fdae6b', D: '#c0392b' };
const NO_DATA = '#c3cad2';

async function openOrganisation(page: Page, width: number): Promise<void> {
  if (width < 700) await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-organisation').click();
  await page.locator('main h1').first().waitFor();
}


const vacancies = async (page: Page) => Number(await page.getByTestId('booth-vacancies').getAttribute('data-count'));

describe('organisation', () => {
  it('drills down from the country to a booth with strength as colour, at 1280 px', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openOrganisation(page, 1280);
    // One top unit: the tree opens on it, with its strength summary and grade chart.
    await page.getByTestId('heading-org-tree').waitFor();
    await page.getByTestId('org-summary').waitFor();
    await page.locator('[data-testid=org-grade-chart] .chart svg').waitFor();
    expect(await page.getByTestId('summary-verified').innerText()).toMatch(/verified.*unverified/s);
    await page.getByTestId('org-children').waitFor();
    expect(await page.getByTestId('org-legend').innerText()).toContain('Booth grade');
    await shot(page, 'org-tree-1280-en-top');

    const levels: string[] = [];
    let crumbs = 0;
    for (let step = 0; step < 10; step++) {
      const rows = page.locator('[data-testid=org-children] > li');
      await rows.first().waitFor();
      // Prefer a unit that has booths (a coloured row), so the drill reaches a booth.
      const colours = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-colour')));
      const pick = Math.max(0, colours.findIndex((c) => c !== '#c3cad2'));
      const row = rows.nth(pick);
      const level = (await row.getAttribute('data-level'))!;
      const colour = (await row.getAttribute('data-colour'))!;
      levels.push(level);
      // Strength is the row's colour: a grade colour (or no data) on its stripe.
      expect([...Object.values(GRADE_COLOURS), NO_DATA]).toContain(colour);
      expect(await row.evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe('8px');
      if (level === 'booth') {
        const grade = await row.getAttribute('data-grade');
        if (grade) expect(colour).toBe(GRADE_COLOURS[grade]);
        // Completeness as colour too: the legend and the address change, the rows recolour.
        await page.getByTestId('org-colour').selectOption('completeness');
        await page.waitForURL(/colour=completeness/);
        await expect.poll(() => page.getByTestId('org-legend').innerText()).toContain('Required seats filled');
        await shot(page, 'org-tree-1280-en-booths-completeness');
        await page.getByTestId('org-colour').selectOption('grades');
        await page.waitForURL((u) => !u.search.includes('colour='));
        await shot(page, 'org-tree-1280-en-booths');
        await row.getByTestId('org-unit-link').click();
        break;
      }
      await row.getByTestId('org-unit-link').click();
      crumbs = crumbs === 0 ? 2 : crumbs + 1; // the path, ending with the unit shown
      await expect.poll(() => page.locator('[data-testid=org-breadcrumbs] li').count()).toBe(crumbs);
      if (level === 'ac') {
        await shot(page, 'org-tree-1280-en-ac');
        // The AC's own committee page: seats and holders, norm checks, workers, history.
        await page.getByTestId('open-committee').click();
        await page.getByTestId('heading-org-unit').waitFor();
        await page.getByTestId('org-slots').waitFor();
        await page.getByTestId('org-norms').waitFor();
        await shot(page, 'org-unit-1280-en-ac');
        await page.goBack();
        await page.getByTestId('org-children').waitFor();
      }
    }
    expect(levels).toContain('booth');
    expect(levels.length).toBeGreaterThanOrEqual(3);
    // The booth page: its committee, vacancies highlighted.
    await page.getByTestId('heading-org-booth').waitFor();
    await page.getByTestId('org-slots').waitFor();
    await shot(page, 'org-booth-1280-en-admin');
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });

  it('lets the booth president fill a vacancy with a new person at 360 px, in English and Hindi', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'booth@demo.warroom');
    await useLanguage(page, 'en');
    await openOrganisation(page, 360);
    // A booth president's only unit is their booth: one row, straight to the booth page.
    const roots = page.getByTestId('unit-roots');
    await roots.waitFor();
    expect(await roots.locator('> li').count()).toBe(1);
    await roots.getByTestId('org-unit-link').click();
    await page.getByTestId('heading-org-booth').waitFor();
    await page.getByTestId('org-slots').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'org-booth-360-en');

    for (const lang of ['en', 'hi'] as const) {
      if (lang === 'hi') {
        await useLanguage(page, 'hi');
        expect(await page.getByTestId('heading-org-booth').innerText()).toMatch(/[\u0900-\u097F]|\d/);
        expect(await page.getByTestId('org-slots').innerText()).toMatch(/[\u0900-\u097F]/);
      }
      let vacant = page.locator('[data-testid=org-slots] > li[data-vacant=true]').filter({ has: page.getByTestId('slot-fill') });
      if ((await vacant.count()) === 0 || (await vacancies(page)) === 0) {
        // A full committee: end one term first, which makes a vacancy.
        const before = await vacancies(page);
        await page.getByTestId('slot-end').last().click();
        await page.getByTestId('end-submit').click();
        await expect.poll(() => vacancies(page)).toBe(before + 1);
        vacant = page.locator('[data-testid=org-slots] > li[data-vacant=true]').filter({ has: page.getByTestId('slot-fill') });
      }
      const before = await vacancies(page);
      expect(before).toBeGreaterThan(0);
      const slot = vacant.first();
      const slotId = (await slot.getAttribute('data-testid'))!;
      await slot.getByTestId('slot-fill').click();
      const form = page.getByTestId('fill-form');
      await form.waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      const name = lang === 'en' ? 'Sunita Devi' : 'Kamla Bai';
      await form.getByTestId('person-name').fill(name);
      await form.getByTestId('person-name-hi').fill(lang === 'en' ? 'सुनीता देवी' : 'कमला बाई');
      await form.getByTestId('person-phone').fill(freshPhone());
      await form.locator('label:has([data-testid=person-gender-female])').click();
      await form.getByTestId('person-category').selectOption('SC');
      await shot(page, `org-booth-360-${lang}-fill`);
      // Tap targets on the phone are at least 44 px high.
      expect((await form.getByTestId('fill-submit').boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await form.getByTestId('fill-submit').click();
      await expect.poll(() => vacancies(page)).toBe(before - 1);
      const filled = page.getByTestId(slotId);
      await expect.poll(() => filled.getAttribute('data-vacant')).toBe('false');
      expect(await filled.innerText()).toContain(lang === 'en' ? name : 'कमला बाई');
      expect(await overflowsHorizontally(page)).toBe(false);
      await shot(page, `org-booth-360-${lang}`);
    }

    // Add a worker in a few taps; the count goes up.
    const workersBefore = await page.locator('[data-testid=booth-facts] li').nth(2).locator('strong').innerText();
    await page.getByTestId('add-worker').click();
    const wf = page.getByTestId('worker-form');
    await wf.getByTestId('person-name').fill('Ramesh Kumar');
    await wf.getByTestId('person-phone').fill(freshPhone());
    await wf.getByTestId('worker-submit').click();
    await page.getByTestId('worker-added').waitFor();
    await expect.poll(() => page.locator('[data-testid=booth-facts] li').nth(2).locator('strong').innerText()).not.toBe(workersBefore);
    expect(await overflowsHorizontally(page)).toBe(false);
    await useLanguage(page, 'en');
    await page.context().close();
  });

  it('merges a duplicate pair as the admin, after a side-by-side confirmation', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openOrganisation(page, 1280);
    await page.getByTestId('org-tab-duplicates').click();
    await page.getByTestId('heading-org-duplicates').waitFor();
    const list = page.getByTestId('dup-list');
    await list.waitFor();
    const pairs = await list.locator('> li').count();
    expect(pairs).toBeGreaterThan(0);
    const first = list.locator('> li').first();
    const pairId = (await first.getAttribute('data-testid'))!;
    await first.getByTestId('dup-review').click();
    const panel = page.getByTestId('merge-panel');
    await panel.waitFor();
    // Both records side by side; the one to keep is explicit, and the statement names both.
    const a = panel.getByTestId('merge-side-a');
    const b = panel.getByTestId('merge-side-b');
    const ba = (await a.boundingBox())!;
    const bb = (await b.boundingBox())!;
    expect(Math.abs(ba.y - bb.y)).toBeLessThan(4); // side by side at 1280 px
    await panel.getByTestId('merge-keep-b').check();
    const keptName = (await b.locator('dd').first().innerText()).trim();
    const goneName = (await a.locator('dd').first().innerText()).trim();
    const keptHref = (await b.locator('a').last().getAttribute('href'))!;
    expect(await panel.getByTestId('merge-explain').innerText()).toContain(keptName);
    await viewShot(page, 'org-merge-1280-en', 'merge-panel');
    await panel.getByTestId('merge-confirm').click();
    await page.getByTestId('merge-done').waitFor();
    expect(await page.getByTestId('merge-done').innerText()).toContain(goneName);
    // The pair is gone from the list once it is merged.
    await expect.poll(() => page.getByTestId(pairId).count(), { timeout: 30_000 }).toBe(0);

    // The kept person's record lists the merge.
    await page.goto(`${server.url}${keptHref}`);
    await page.getByTestId('heading-org-person').waitFor();
    await expect.poll(async () => (await page.getByTestId('person-merges').count()) > 0, { timeout: 30_000 }).toBe(true);
    await shot(page, 'org-person-1280-en');

    // The same page at 360 px in Hindi fits the phone.
    await page.setViewportSize({ width: 360, height: 740 });
    await useLanguage(page, 'hi');
    await page.getByTestId('org-tab-duplicates').click();
    await page.getByTestId('heading-org-duplicates').waitFor();
    const again = page.locator('[data-testid=dup-list] > li');
    if (await again.count()) {
      await again.first().getByTestId('dup-review').click();
      await page.getByTestId('merge-panel').waitFor();
    }
    expect(await overflowsHorizontally(page)).toBe(false);
    await viewShot(page, 'org-merge-360-hi', (await page.getByTestId('merge-panel').count()) ? 'merge-panel' : 'heading-org-duplicates');
    await useLanguage(page, 'en');
    await page.context().close();
  });

  it('lists people, representatives, inductees and weak booths on a phone, and colours the seat map by organisation', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openOrganisation(page, 360);
    await page.getByTestId('heading-org-tree').waitFor();
    await page.getByTestId('org-children').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'org-tree-360-en');
    // People: search by name, open one; the number is masked until the admin asks (audited).
    await page.getByTestId('org-tab-people').click();
    await page.getByTestId('people-search').fill('Sharma');
    const hit = page.locator('[data-testid=people-results] > li').first();
    await hit.waitFor({ timeout: 30_000 });
    await hit.locator('a').first().click();
    await page.getByTestId('heading-org-person').waitFor();
    const masked = await page.getByTestId('person-phone-shown').innerText();
    expect(masked).toContain('•');
    await page.getByTestId('unmask').click();
    await expect.poll(() => page.getByTestId('person-phone-shown').innerText()).toMatch(/^\+\d{10,}$/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'org-person-360-en');

    await page.getByTestId('org-tab-representatives').click();
    await page.locator('[data-testid=reps-table] tbody tr').first().waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await viewShot(page, 'org-representatives-360-en', 'heading-org-representatives');

    await page.getByTestId('org-tab-inductees').click();
    await page.locator('[data-testid=inductee-list] > li').first().waitFor();
    await page.getByTestId('inductee-tile-proposed').click();
    await page.waitForURL(/status=proposed/);
    const proposed = page.locator('[data-testid=inductee-list] > li').first();
    await proposed.waitFor();
    const id = await proposed.getAttribute('data-testid');
    await proposed.getByTestId('inductee-next').click();
    await expect.poll(() => page.getByTestId(id!).count(), { timeout: 30_000 }).toBe(0); // vetted now: off the "proposed" list
    expect(await overflowsHorizontally(page)).toBe(false);
    await viewShot(page, 'org-inductees-360-en', 'heading-org-inductees');

    await page.getByTestId('org-tab-weak').click();
    await page.getByTestId('weak-count').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('weak-csv').getAttribute('href')).toContain('format=csv');
    expect(await overflowsHorizontally(page)).toBe(false);
    await viewShot(page, 'org-weak-360-en', 'heading-org-weak');
    await page.context().close();

    // The seat map's organisation layer.
    const wide = await openPage(browser, 1280);
    await signIn(wide, server.url, 'admin@demo.warroom');
    await wide.goto(`${server.url}/seats?election=AE-D01-2023&party=DP&tab=map&colour=org`);
    await wide.getByTestId('seat-map').waitFor();
    await expect.poll(() => wide.getByTestId('map-colour').inputValue(), { timeout: 30_000 }).toBe('org');
    expect(await wide.getByTestId('map-legend').innerText()).toContain('committee');
    await shot(wide, 'org-seatmap-1280-en');
    await wide.context().close();
  });
});
