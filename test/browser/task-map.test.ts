// The task page's map in a real browser on the demo: the booth awareness drive's coverage per
// assembly seat (the share of each seat's booths that reported), on imported boundaries at desktop
// width in English, and as hexagons with the missing boundaries said at 360 px in Hindi. A booth
// president, who sees no seat's figures, gets no map.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openPage, overflowsHorizontally, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;
let driveId = 0;

serverAndBrowser((s, b) => { server = s; browser = b; });
beforeAll(async () => {
}, 900_000);

const devanagari = /[\u0900-\u097F]/;
const SEATS = 182; // the demo state's assembly seats

/** The demo has no polygons: a grid of squares, one per seat, as an imported file would give. */
async function serveSquares(page: Page): Promise<void> {
  await page.route('**/api/boundaries**', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({
      type: 'FeatureCollection',
      features: Array.from({ length: SEATS }, (_, i) => {
        const [x, y] = [77 + (i % 14) * 0.2, 23 - Math.floor(i / 14) * 0.2];
        return { type: 'Feature', properties: { state: 'D01', no: i + 1 },
          geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.19, y], [x + 0.19, y - 0.19], [x, y - 0.19], [x, y]]] } };
      }),
    }),
  }));
}

async function openDriveMap(page: Page): Promise<void> {
  if (!driveId) {
    const res = await page.request.get(`${server.url}/api/tasks?kind=drive&status=all`);
    driveId = (await res.json()).items.find((t: { title: string }) => t.title === 'Booth awareness drive').id;
  }
  await page.goto(`${server.url}/programmes/tasks/${driveId}`);
  await page.getByTestId('task-tab-map').click();
  await page.waitForURL(/view=map/);
  await page.getByTestId('task-map').waitFor();
}

describe('the task map', () => {
  it('colours every seat of the demo drive by the share of its booths that reported, on boundaries, in English', async () => {
    const page = await openPage(browser, 1280);
    await serveSquares(page);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openDriveMap(page);
    await page.getByTestId('choropleth-map').locator('svg path').first().waitFor();
    expect(await page.getByTestId('map-kind').getAttribute('data-kind')).toBe('boundaries');
    expect(await page.getByTestId('choropleth-map').locator('svg path').count()).toBeGreaterThanOrEqual(SEATS);
    const legend = await page.getByTestId('map-legend').innerText();
    expect(legend).toContain("Share of the seat's booths that reported");
    expect(legend).toMatch(/0–25%[\s\S]*75–100%[\s\S]*100% and over/);
    // Every seat is in one legend entry; the demo drive reached about 60% of booths, so some seats are coloured.
    const counts = await page.getByTestId('map-legend').locator('.legend-count').allInnerTexts();
    expect(counts.reduce((a, c) => a + Number(c.replace(/\D/g, '')), 0)).toBe(SEATS);
    await page.getByTestId('map-list').locator('summary').click();
    expect(await page.getByTestId('map-list').locator('a').count()).toBe(SEATS);
    // A seat's label carries its figures: hover one on the map.
    await page.getByTestId('choropleth-map').locator('svg path').nth(20).hover();
    await expect.poll(() => page.locator('[data-testid=choropleth-map] div').filter({ hasText: /of \d+ reported/ }).count()).toBeGreaterThan(0);
    await shotFromTop(page, 'programmes-task-map-1280-en');
    // Back to the list, and a seat on the map drills down to it.
    await page.getByTestId('task-tab-list').click();
    await page.getByTestId('task-children').waitFor();
    await page.getByTestId('task-tab-map').click();
    await page.getByTestId('map-list').locator('summary').click();
    await page.getByTestId('map-list').locator('a').first().click();
    await page.waitForURL(/unit=/);
    await page.getByTestId('task-progress').waitFor();
  });

  it('draws hexagons and says the boundaries are missing at 360 px in Hindi', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'state@demo.warroom');
    await useLanguage(page, 'hi');
    await openDriveMap(page);
    await page.getByTestId('hex-map').waitFor();
    expect(await page.getByTestId('map-kind').getAttribute('data-kind')).toBe('hex');
    expect(await page.locator('[data-testid=hex-map] a.hex').count()).toBe(SEATS);
    const notice = await page.getByTestId('map-no-boundaries').innerText();
    expect(notice).toMatch(devanagari);
    expect(notice).toContain('डेमो राज्य');
    expect(await page.getByTestId('map-legend').innerText()).toMatch(devanagari);
    await page.locator('[data-testid=hex-map] a.hex').nth(3).hover();
    expect(await page.getByTestId('map-readout').innerText()).toMatch(/में से \d+ ने रिपोर्ट दी/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'programmes-task-map-360-hi');
    // The drive is open: the map's figures refresh with the page every 30 s.
    await page.waitForRequest((r) => r.url().endsWith(`/api/tasks/${driveId}/seats`), { timeout: 45_000 });
  });

  it('shows a task of several states as hexagons, and one state on its boundaries when picked', async () => {
    const page = await openPage(browser, 1280);
    await serveSquares(page);
    // The demo has one state: add a second one's seats to the answer, as a national drive would have.
    await page.route('**/api/tasks/*/seats', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      const more = Array.from({ length: 12 }, (_, i) => ({ ...body.items[i], unitId: 900_000 + i, stateCode: 'D02', stateName: 'Second State',
        stateNameHi: 'दूसरा राज्य', constituencyNo: i + 1, name: `Second ${i + 1}`, nameHi: null }));
      await route.fulfill({ response: res, json: { items: [...body.items, ...more] } });
    });
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openDriveMap(page);
    await page.getByTestId('hex-map').waitFor();
    expect(await page.locator('[data-testid=hex-map] a.hex').count()).toBe(SEATS + 12);
    expect(await page.getByTestId('map-no-boundaries').innerText()).toContain('Pick a state');
    expect(await page.getByTestId('task-map-state').locator('option').allInnerTexts()).toEqual(['All states (2)', 'Demo State', 'Second State']);
    await shotFromTop(page, 'programmes-task-map-states-1280-en');
    await page.getByTestId('task-map-state').selectOption('D01');
    await page.waitForURL(/state=D01/);
    await page.getByTestId('choropleth-map').locator('svg path').first().waitFor();
    expect(await page.getByTestId('map-no-boundaries').count()).toBe(0);
  });

  it('shows a booth president no map: their seat\'s figures are not theirs to read', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'booth@demo.warroom');
    await page.goto(`${server.url}/programmes/tasks/${driveId}`);
    await page.getByTestId('task-progress').waitFor();
    const seats = await page.request.get(`${server.url}/api/tasks/${driveId}/seats`);
    expect((await seats.json()).items).toEqual([]);
    expect(await page.getByTestId('task-tab-map').count()).toBe(0);
  });
});
