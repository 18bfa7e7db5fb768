// The call-centre manager's pages in a real browser against the seeded demo (the Lucknow call centre and
// its two campaigns with a week of calls): the campaigns page, a campaign's dashboard with its charts
// drawn and the live indicator on, a call recorded by the caller through the API showing up without a
// reload (the live stream's tick), and both pages at 360 px in Hindi without sideways scrolling.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openPage, overflowsHorizontally, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;

serverAndBrowser((s, b) => { server = s; browser = b; });
beforeAll(async () => {
}, 900_000);

/** Signs in over the API, as a script or a phone app would. */
async function apiAs(email: string) {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'warroom-demo' }) });
  expect(res.status).toBe(200);
  const cookie = /wr_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  const csrf = (await res.json()).csrfToken as string;
  return async (method: string, url: string, body?: object) => {
    const r = await fetch(`${server.url}${url}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, json: await r.json() };
  };
}

const tile = (page: Page, id: string) => page.getByTestId(id).locator('.tile-value').innerText();
/** The chart drew into its box: an svg with bars (more than the axis lines) or a canvas. */
const drawn = (page: Page, id: string) => page.waitForFunction((testId) => {
  const box = document.querySelector(`[data-testid="${testId}"] .chart`);
  return !!box && (box.querySelectorAll('svg path').length > 6 || !!box.querySelector('canvas'));
}, id, { timeout: 15_000 });

describe('the manager dashboard', () => {
  it('lists campaigns, draws a dashboard, and shows a new call live', async () => {
    const manager = await apiAs('manager@demo.warroom');
    const campaigns = (await manager('GET', '/api/outreach/campaigns')).json.items as { id: number; name: string; centreId: number }[];
    expect(campaigns.map((c) => c.name).sort()).toEqual(['Ujjwala beneficiary pledge', 'Voter sentiment survey']);
    // Calling hours all day, so the caller can be handed a contact whatever the clock says.
    for (const c of campaigns) expect((await manager('PATCH', `/api/outreach/campaigns/${c.id}`, { callingFrom: '00:00', callingTo: '24:00' })).status).toBe(200);
    const caller = await apiAs('caller@demo.warroom');
    const claimed = (await caller('POST', `/api/outreach/centres/${campaigns[0].centreId}/claim`)).json;
    expect(claimed.contact, JSON.stringify(claimed)).not.toBeNull();
    const campaign = campaigns.find((c) => c.id === claimed.contact.campaignId)!;

    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'manager@demo.warroom');
    await useLanguage(page, 'en');
    await page.getByTestId('nav-outreach').click();
    await page.getByTestId('heading-outreach').waitFor();
    await page.getByTestId('dash-campaign').first().waitFor();
    expect(await page.getByTestId('dash-campaign').count()).toBe(2);
    await page.getByTestId('dash-todo').waitFor();
    await shotFromTop(page, 'dashboard-campaigns-1280-en');

    await page.getByTestId('dash-campaign').filter({ hasText: campaign.name }).getByTestId('dash-open').click();
    await page.getByTestId('dash-body').waitFor();
    await page.locator('[data-testid="dash-live"][data-state="live"]').waitFor({ timeout: 20_000 });
    await drawn(page, 'dash-hour-chart');
    await drawn(page, 'dash-outcome-chart');
    await drawn(page, 'dash-survey-chart');
    expect(await page.getByTestId('dash-ac-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('dash-agent-table').locator('tbody tr').count()).toBeGreaterThan(0);
    const before = Number((await tile(page, 'dash-calls')).replace(/\D/g, ''));
    expect(before).toBeGreaterThan(0);
    // Seat classes need a party (the tenant has no "our party" setting): the demo's own, Demo Party.
    await page.getByTestId('dash-seats-reason').waitFor();
    await page.getByTestId('dash-party').fill('DP');
    await page.getByTestId('dash-party').press('Enter');
    await drawn(page, 'dash-seat-chart');
    await shotFromTop(page, 'dashboard-1280-en');

    // The caller records an outcome; the page hears of it from the live stream and counts it, no reload.
    const recorded = await caller('POST', '/api/outreach/calls', { idempotencyKey: randomUUID(), campaignId: campaign.id, contactId: claimed.contact.contactId, outcome: 'busy' });
    expect(recorded.status, JSON.stringify(recorded.json)).toBe(200);
    await page.waitForFunction(({ n }) => {
      const v = document.querySelector('[data-testid="dash-calls"] .tile-value')?.textContent ?? '';
      return Number(v.replace(/\D/g, '')) === n;
    }, { n: before + 1 }, { timeout: 30_000 });
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
  });

  it('fits a phone in Hindi: campaigns and the dashboard at 360 px', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'manager@demo.warroom');
    await useLanguage(page, 'hi');
    await page.goto(`${server.url}/outreach`);
    await page.getByTestId('dash-campaign').first().waitFor();
    expect(await page.locator('main h1').innerText()).toMatch(/[\u0900-\u097F]/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'dashboard-campaigns-360-hi');
    await page.getByTestId('dash-open').first().click();
    await page.getByTestId('dash-body').waitFor();
    await drawn(page, 'dash-hour-chart');
    await page.locator('[data-testid="dash-live"][data-state="live"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('dash-live').innerText()).toMatch(/[\u0900-\u097F]/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'dashboard-360-hi');
  });
});
