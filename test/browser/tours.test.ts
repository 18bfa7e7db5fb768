// Tours (pravas) in a real browser against the seeded demo: plan a central leader's tour, add a visit
// to an assembly unit with a meeting and a ground report, see the seat covered (one day, a central
// visit today) on the coverage page; then at 360 px in Hindi change the ground report from a phone and
// read the calendar as a list by day. Screenshots at 1280 px in English and 360 px in Hindi.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, indiaDay } from '../../src/shared/time.ts';
import { openPage, overflowsHorizontally, SCREENSHOTS, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;

serverAndBrowser((s, b) => { server = s; browser = b; });
beforeAll(async () => {
}, 900_000);

const devanagari = /[\u0900-\u097F]/;
// Days in India, as the web and the server count them, whatever this machine's clock zone.
const day = (offset: number) => addDays(indiaDay(), offset);

/** An assembly unit of the demo and an assembly election of its state, found through the API as the signed-in admin. */
async function anAssemblyUnit(page: Page): Promise<{ id: number; acNo: number; election: string }> {
  return page.evaluate(async () => {
    const get = async (url: string) => (await fetch(url)).json();
    let unit = (await get('/api/units/roots')).items[0];
    while (unit.level !== 'ac') unit = (await get(`/api/units/${unit.id}/children?limit=1`)).items[0];
    const detail = await get(`/api/units/${unit.id}`);
    const elections = (await get('/api/elections')).items as { id: string; house: string; stateCode: string | null }[];
    const election = elections.find((e) => e.house === 'AE' && e.stateCode === detail.stateCode) ?? elections[0];
    return { id: Number(unit.id), acNo: Number(detail.acNo), election: election.id };
  });
}

describe('tours', () => {
  it('plans a tour, records a visit with a ground report, and shows the seat covered; a phone updates the report in Hindi', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    const ac = await anAssemblyUnit(page);
    expect(ac.acNo).toBeGreaterThan(0);

    await page.getByTestId('nav-tours').click();
    await page.getByTestId('heading-tours').waitFor();
    await page.getByTestId('tour-add').click();
    const form = page.getByTestId('tour-form');
    // A last day before the first is refused next to its field.
    await form.getByTestId('tour-leader').fill('Meera Joshi');
    await form.getByTestId('tour-leader-hi').fill('मीरा जोशी');
    await form.getByTestId('tour-title').fill('Pravas to the weak seats');
    await form.getByTestId('tour-starts').fill(day(-1));
    await form.getByTestId('tour-ends').fill(day(-3));
    await form.getByTestId('tour-submit').click();
    await expect.poll(() => form.locator('.field:has([data-testid=tour-ends]) .field-error').count()).toBe(1);
    await form.getByTestId('tour-ends').fill(day(1));
    await form.getByTestId('tour-stay').fill('Circuit house');
    await shotFromTop(page, 'tours-form-1280-en');
    await form.getByTestId('tour-submit').click();
    await page.getByTestId('heading-tour').waitFor();
    expect(await page.getByTestId('tour-facts').innerText()).toContain('Central');

    await page.getByTestId('visit-add').click();
    const visit = page.getByTestId('visit-form');
    await visit.getByTestId('visit-unit').fill(String(ac.id));
    await visit.getByTestId('visit-on').fill(day(0));
    await visit.getByTestId('meeting-add').click();
    await visit.getByTestId('meeting-0-kind').selectOption('public');
    await visit.getByTestId('meeting-0-attendance').fill('2500');
    await visit.getByTestId('report-on').check();
    await visit.locator('label:has([data-testid=report-mood-2])').click();
    await visit.getByTestId('report-issues').fill('Water supply\nJobs for the young');
    await visit.getByTestId('report-org').fill('Half the booth committees are not formed');
    await visit.getByTestId('report-opposition').fill('Rival rally planned on Sunday');
    await visit.getByTestId('report-followups').fill('Send the district president');
    await shotFromTop(page, 'tours-visit-form-1280-en');
    await visit.getByTestId('visit-submit').click();
    const report = page.getByTestId('visit-report-view');
    await report.waitFor();
    expect(await report.innerText()).toContain('Water supply');
    expect(await page.getByTestId('tour-visits').innerText()).toContain('2,500 present');
    const tourUrl = page.url();
    await shotFromTop(page, 'tours-tour-1280-en');

    // Scoped to the assembly unit: its seat alone.
    await page.goto(`${server.url}/tours/coverage?election=${ac.election}&days=30&unit=${ac.id}`);
    const row = page.getByTestId(`cov-seat-${ac.acNo}`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getByTestId('cov-days-cell').innerText()).toBe('1');
    expect(await row.getByTestId('cov-last-central').innerText()).not.toBe('Never');
    await page.getByTestId('tours-days-chart').waitFor();
    await shotFromTop(page, 'tours-coverage-1280-en');

    // A field user on a phone, in Hindi: change the ground report of the visit.
    await page.setViewportSize({ width: 360, height: 740 });
    await useLanguage(page, 'hi');
    await page.goto(tourUrl);
    await page.getByTestId('tour-visits').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'tours-tour-360-hi');
    await page.locator('[data-testid^=visit-][data-testid$=-edit]').first().click();
    const phoneForm = page.getByTestId('visit-form');
    await phoneForm.locator('label:has([data-testid=report-mood-4])').click();
    expect(await phoneForm.innerText()).toMatch(devanagari);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'tours-visit-form-360-hi');
    await phoneForm.getByTestId('visit-submit').click();
    await expect.poll(async () => (await page.getByTestId('visit-report-view').innerText())).toContain('4/5');

    await page.goto(`${server.url}/tours?view=calendar`);
    const list = page.getByTestId('cal-list');
    await list.waitFor();
    expect(await list.isVisible()).toBe(true);
    expect(await list.innerText()).toContain('Pravas to the weak seats');
    expect(await page.getByTestId('cal-title').innerText()).toMatch(devanagari);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'tours-calendar-360-hi');

    // The weak seats no central leader has visited: the visited seat is not among them.
    await page.goto(`${server.url}/tours/coverage?election=${ac.election}&days=30&weak=1&notVisited=1`);
    await page.getByTestId('cov-tiles').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heading-tours-coverage').innerText()).toMatch(devanagari);
    expect(await page.getByTestId(`cov-seat-${ac.acNo}`).count()).toBe(0);
    expect(await page.getByTestId('cov-party').inputValue()).not.toBe('');
    expect(await overflowsHorizontally(page)).toBe(false);
    // The list of every weak seat runs long on a phone: the first two screens show the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tours-coverage-360-hi.png'), clip: { x: 0, y: 0, width: 360, height: 1480 }, fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/tours?view=calendar`);
    await page.locator('.tours-cal-grid .tours-chip').first().waitFor();
    await shotFromTop(page, 'tours-calendar-1280-hi');
  });
});
