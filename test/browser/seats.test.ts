// Seat strategy in a real browser against the seeded demo (AE-D01-2018 and AE-D01-2023, party DP,
// booth results, no boundaries): filter, sort, export, share a link, open a constituency with booth
// grades, the hexagon map by mouse and keyboard, the choropleth when boundaries exist, Hindi at 360 px.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openPage, overflowsHorizontally, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;

serverAndBrowser((s, b) => { server = s; browser = b; });

const newPage = (width: number): Promise<Page> => openPage(browser, width);

async function openSeats(page: Page, width: number): Promise<void> {
  if (width < 700) await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-seats').click();
  await page.getByTestId('seat-table').waitFor();
}

const tileValue = async (page: Page, c: string) =>
  Number((await page.getByTestId(`tile-${c}`).locator('.tile-value').innerText()).replace(/[^\d]/g, ''));

async function margins(page: Page): Promise<number[]> {
  return page.locator('[data-testid=seat-table] tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-margin'))));
}

const shot = shotFromTop;

const rowCount = (page: Page) => page.locator('[data-testid=seat-table] tbody tr').count();

describe('seat strategy', () => {
  it('filters lost by under 5,000, sorts by margin, exports and shares the view, at 1280 px', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await openSeats(page, 1280);
    // Defaults: the newest election, and the party that won most seats in it, written into the address.
    await page.waitForURL(/election=AE-D01-2023/);
    expect(new URL(page.url()).searchParams.get('party')).toBe('DP');
    const seats = await tileValue(page, 'seats');
    const held = await tileValue(page, 'held');
    expect(seats).toBe(182);
    expect(held + (await tileValue(page, 'not-held'))).toBe(seats);
    expect(await page.locator('[data-testid=seat-table] tbody tr').count()).toBe(50); // paged
    expect(await page.getByTestId('seat-pager').innerText()).toContain('1–50 of 182');

    // Lost by under V votes: V is editable, the tile filters.
    expect(await page.getByTestId('seats-close-votes').inputValue()).toBe('5000');
    const close = await tileValue(page, 'lost-close');
    expect(close).toBeGreaterThan(0);
    await page.getByTestId('tile-lost-close').click();
    await page.waitForURL(/lostByUnder=5000/);
    // The previous answer stays on screen while the filtered one loads.
    await expect.poll(() => page.getByTestId('result-count').innerText()).toContain(`${close} seats of 182`);
    expect(await page.getByTestId('tile-lost-close').getAttribute('aria-pressed')).toBe('true');
    expect(await rowCount(page)).toBe(Math.min(close, 50));
    const chips = await page.locator('[data-testid=seat-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    for (const c of chips) expect(c).toContain('Lost by < 5,000');

    // Sort by margin, closest first; the header says so.
    await page.getByTestId('seats-sort').selectOption('margin');
    await page.waitForURL(/sort=margin/);
    await expect.poll(async () => { const m = await margins(page); return m.join() === [...m].sort((a, b) => a - b).join(); }).toBe(true);
    const asc = await margins(page);
    expect(page.url()).toContain('lostByUnder=5000'); // sorting keeps the filter, however fast the clicks come
    expect(asc).toHaveLength(close);
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toMatch(/margin/i);
    await page.getByTestId('sort-head-margin').click(); // the header flips the order
    await page.waitForURL(/dir=desc/);
    await expect.poll(() => margins(page)).toEqual([...asc].reverse());
    await page.getByTestId('seats-sort-dir').click();
    await page.waitForFunction(() => !location.search.includes('dir=desc'));

    // A bigger V widens the filter, and the address keeps it.
    await page.locator('.thresholds summary').click();
    await page.getByTestId('seats-close-votes').fill('10000');
    await page.getByTestId('seats-close-votes').press('Enter');
    await page.waitForURL(/lostByUnder=10000/);
    await expect.poll(() => tileValue(page, 'lost-close')).toBeGreaterThan(close);
    expect(await page.getByTestId('tile-lost-close').innerText()).toContain('10,000');
    await page.getByTestId('seats-close-votes').fill('5000');
    await page.getByTestId('seats-close-votes').press('Enter');
    await page.waitForURL(/lostByUnder=5000/);
    await expect.poll(() => tileValue(page, 'lost-close')).toBe(close);
    await expect.poll(() => rowCount(page)).toBe(Math.min(close, 50));

    // Exports carry the same filters and give the same seats.
    const csvHref = await page.getByTestId('export-csv').getAttribute('href');
    expect(csvHref).toContain('lostByUnder=5000');
    expect(await page.getByTestId('export-xlsx').getAttribute('href')).toContain('format=xlsx');
    const csv = await page.request.get(`${server.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).trim().split(/\r\n/)).toHaveLength(close + 1);
    const xlsx = await page.request.get(`${server.url}${await page.getByTestId('export-xlsx').getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK'); // a zip, as xlsx files are

    await shot(page, 'seats-1280-en');
    expect(await overflowsHorizontally(page)).toBe(false);

    // The address is the view: another tab opens the same seats in the same order.
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await shared.getByTestId('seat-table').waitFor();
    expect(await margins(shared)).toEqual(asc);
    expect(await shared.getByTestId('tile-lost-close').getAttribute('aria-pressed')).toBe('true');
    await shared.close();
    await page.context().close();
  });

  it('opens a constituency with its history and booth grades', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await page.goto(`${server.url}/seats?election=AE-D01-2023&party=DP&lostByUnder=5000&sort=margin`);
    await page.getByTestId('seat-table').waitFor();
    const first = page.locator('[data-testid=seat-table] tbody tr').first();
    const name = await first.getByTestId('seat-link').innerText();
    await first.getByTestId('seat-link').click();
    await page.getByTestId('constituency-page').waitFor();
    expect(await page.getByTestId('heading-constituency').innerText()).toBe(name);
    expect(await page.getByTestId('other-script').innerText()).toMatch(/[\u0900-\u097F]/); // the name in Devanagari too
    expect(page.url()).toContain('election=AE-D01-2023');
    await page.getByTestId('result-AE-D01-2023').waitFor();
    expect(await page.getByTestId('result-AE-D01-2018').count()).toBe(1);
    await page.getByTestId('share-history-chart').locator('svg').waitFor();

    // Booth grades for DP: the four counts add up to the booths drawn.
    await page.getByTestId('booth-grid').waitFor();
    const booths = await page.getByTestId('booth-grid').locator('.booth').count();
    expect(booths).toBeGreaterThan(100);
    let sum = 0;
    for (const g of ['A', 'B', 'C', 'D']) sum += Number(await page.getByTestId(`grade-${g}`).getAttribute('data-count'));
    expect(sum).toBe(booths);
    expect(await page.getByTestId('booth-party').inputValue()).toBe('DP');
    // Only the weak booths, then another party.
    await page.getByTestId('grade-D').click();
    const weak = await page.getByTestId('booth-grid').locator('.booth').count();
    expect(await page.getByTestId('booth-grid').locator('.booth-D').count()).toBe(weak);
    await page.getByTestId('grade-D').click();
    await page.getByTestId('booth-party').selectOption('PF');
    await page.waitForURL(/party=PF/);
    await page.getByTestId('booth-grid').waitFor();
    await shot(page, 'constituency-1280-en');
    expect(await overflowsHorizontally(page)).toBe(false);

    // A seat that does not exist says so, under a heading.
    await page.goto(`${server.url}/seats/D01/AE/9999`);
    await page.getByTestId('heading-constituency').waitFor();
    await page.locator('.notice-error').waitFor();
    expect(await page.locator('.notice-error').innerText()).toContain('Not found');
    await page.goBack();
    await page.getByTestId('constituency-page').waitFor();

    // Back to the seats, where the filters were.
    await page.getByTestId('booth-party').selectOption('DP');
    await page.getByTestId('back-to-seats').click();
    await page.getByTestId('seat-table').waitFor();
    await page.context().close();
  });

  it('draws the hexagon map, coloured three ways, reachable by keyboard', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await page.goto(`${server.url}/seats?election=AE-D01-2023&party=DP&lostByUnder=5000`);
    await page.getByTestId('seat-table').waitFor();
    const close = await tileValue(page, 'lost-close');
    await page.getByTestId('tab-map').click();
    await page.waitForURL(/tab=map/);
    await page.getByTestId('hex-map').waitFor();
    expect(await page.getByTestId('map-kind').getAttribute('data-kind')).toBe('hex'); // the demo has no boundaries
    expect(await page.locator('[data-testid=hex-map] a.hex').count()).toBe(182); // every seat, the filtered ones outlined
    expect(await page.locator('[data-testid=hex-map] a.hex-on').count()).toBe(close);
    expect(await page.getByTestId('map-legend').innerText()).toContain('DP');
    // One hexagon is in the tab order; the arrows move, Enter opens.
    expect(await page.locator('[data-testid=hex-map] a[tabindex="0"]').count()).toBe(1);
    await page.locator('[data-testid=hex-map] a[tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-i'))).toBe('1');
    await page.keyboard.press('ArrowDown');
    const below = Number(await page.evaluate(() => document.activeElement?.getAttribute('data-i')));
    expect(below).toBeGreaterThan(1);
    expect(await page.getByTestId('map-readout').innerText()).toContain(`(${below + 1})`);
    await page.getByTestId('map-colour').selectOption('margin');
    await page.waitForURL(/colour=margin/);
    await expect.poll(() => page.getByTestId('map-legend').innerText()).toMatch(/lead over the runner-up/);
    await page.getByTestId('map-colour').selectOption('class');
    await page.waitForURL(/colour=class/);
    await expect.poll(() => page.getByTestId('map-legend').innerText()).toContain('Lost narrowly');
    await shot(page, 'seats-map-1280-en');
    expect(await overflowsHorizontally(page)).toBe(false);
    // Hover shows the seat; a click opens it.
    const hex = page.locator('[data-testid=hex-map] a.hex').nth(4);
    await hex.hover();
    expect(await page.getByTestId('map-readout').innerText()).toContain('(5)');
    await page.locator('[data-testid=hex-map] a[tabindex="0"]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('constituency-page').waitFor();
    expect(page.url()).toContain(`/seats/D01/AE/${below + 1}`);
    await page.context().close();
  });

  it('draws a choropleth when boundaries were imported', async () => {
    const page = await newPage(1280);
    // The demo has no polygons: serve a grid of squares, one per seat, as an imported file would.
    await page.route('**/api/boundaries**', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        type: 'FeatureCollection',
        features: Array.from({ length: 182 }, (_, i) => {
          const [x, y] = [77 + (i % 14) * 0.2, 23 - Math.floor(i / 14) * 0.2];
          return {
            type: 'Feature', properties: { state: 'D01', no: i + 1 },
            geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.19, y], [x + 0.19, y - 0.19], [x, y - 0.19], [x, y]]] },
          };
        }),
      }),
    }));
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await page.goto(`${server.url}/seats?election=AE-D01-2023&party=DP&tab=map&colour=margin`);
    await page.getByTestId('choropleth-map').locator('svg path').first().waitFor();
    expect(await page.getByTestId('map-kind').getAttribute('data-kind')).toBe('boundaries');
    expect(await page.getByTestId('choropleth-map').locator('svg path').count()).toBeGreaterThanOrEqual(182);
    // The keyboard way in: the same seats as links.
    await page.getByTestId('map-list').locator('summary').click();
    expect(await page.getByTestId('map-list').locator('a').count()).toBe(182);
    await shot(page, 'seats-map-boundaries-1280-en');
    await page.context().close();
  });

  it('takes a typed party code and remembers it per election; finds the leader without the home summary', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await page.goto(`${server.url}/seats?election=AE-D01-2023`);
    await page.getByTestId('seat-table').waitFor();
    await page.getByTestId('seats-party').fill('pf');
    await page.getByTestId('seats-party').press('Enter');
    await page.waitForURL(/party=PF/);
    await expect.poll(() => page.locator('#classes-h').innerText()).toContain('PF in');
    await page.goto(`${server.url}/seats?election=AE-D01-2023`);
    await page.waitForURL(/party=PF/); // remembered on this device
    await page.evaluate(() => localStorage.clear());

    // Without /api/home the page looks at the seats once to find the party with most seats.
    const fresh = await newPage(1280);
    await signIn(fresh, server.url, 'strategist@demo.warroom');
    await fresh.route('**/api/home', (route) => route.fulfill({ status: 403, contentType: 'application/problem+json', body: '{"title":"Forbidden","status":403}' }));
    await fresh.goto(`${server.url}/seats`); // a fresh load: nothing cached
    await fresh.waitForURL(/party=DP/);
    await fresh.getByTestId('seat-table').waitFor();
    await page.context().close();
    await fresh.context().close();
  });

  it('stays fast with a national election: 543 Lok Sabha seats and 4,120 assembly seats across 36 states', async () => {
    // The demo is one state; a national election is served from here, shaped as the API answers.
    const LS = [80, 48, 42, 40, 39, 29, 28, 26, 25, 25, 21, 20, 17, 14, 14, 13, 11, 10, 7, 5, 5, 4, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1];
    const parties = ['DP', 'PF', 'NU', 'RS', 'KM'];
    const synthetic = (id: string, house: 'LS' | 'AE', perState: (n: number) => number) => {
      const items = LS.flatMap((n, si) => Array.from({ length: perState(n) }, (_, i) => {
        const k = si * 1000 + i;
        const winner = parties[(k * 7 + si) % 5];
        const runnerUp = parties[(k * 7 + si + 1) % 5];
        const valid = 100_000 + (k % 50) * 1000;
        const margin = 200 + ((k * 7919) % 40_000);
        const held = winner === 'DP';
        const lead = held ? margin : runnerUp === 'DP' ? -margin : -margin - 5000;
        const classes = [held ? 'held' : null, Math.abs(margin / valid) < 0.05 && (held || runnerUp === 'DP') ? 'battleground' : null,
          !held && -lead < 5000 ? 'lost-close' : null, k % 4 === 0 && !held ? 'never-won' : null].filter(Boolean);
        return {
          state: `S${String(si + 1).padStart(2, '0')}`, stateName: `State ${si + 1}`, constituencyNo: i + 1, constituency: `Seat ${si + 1}-${i + 1}`,
          reservation: ['GEN', 'GEN', 'SC', 'ST'][k % 4], winnerParty: winner, winnerCandidate: `Candidate ${k}`, winnerVotes: 40_000 + margin,
          runnerUpParty: runnerUp, runnerUpVotes: 40_000, marginVotes: margin, marginPct: Math.round((margin / valid) * 10000) / 100, validVotes: valid,
          partyVotes: 30_000, partyShare: 30, partyPosition: held ? 1 : 2, partyLead: lead, uncontested: false, classes,
          shareTrend: [{ election: `${id}-A`, share: 28 + (k % 5) }, { election: id, share: 30 }],
        };
      }));
      const counts: Record<string, number> = { seats: items.length };
      for (const it of items) for (const c of it.classes) counts[c!] = (counts[c!] ?? 0) + 1;
      return { election: { id, name: id, house, year: 2024 }, party: 'DP', comparedWith: [`${id}-A`, id], counts, items };
    };
    const national = {
      'LS-TEST-2024': synthetic('LS-TEST-2024', 'LS', (n) => n),
      'AE-ALL-2024': synthetic('AE-ALL-2024', 'AE', (n) => Math.round((n * 4120) / 543)),
    };
    const page = await newPage(1280);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'en');
    await page.route('**/api/elections', async (route) => {
      const real = await (await route.fetch()).json() as { items: unknown[] };
      await route.fulfill({ json: { items: [
        { id: 'LS-TEST-2024', name: 'Test Lok Sabha 2024', house: 'LS', stateCode: null, year: 2024, seats: 543, isDemo: true },
        { id: 'AE-ALL-2024', name: 'Every assembly 2024', house: 'AE', stateCode: null, year: 2024, seats: 4120, isDemo: true },
        ...real.items,
      ] } });
    });
    await page.route('**/api/seats?*', async (route) => {
      const q = new URL(route.request().url()).searchParams;
      const data = national[q.get('election') as keyof typeof national];
      if (!data) return route.continue();
      // The API's filters, enough of them for this test.
      const items = data.items.filter((s) => (!q.get('state') || s.state === q.get('state')) && (!q.get('lostByUnder') || s.classes.includes('lost-close')));
      await route.fulfill({ json: { ...data, items } });
    });

    for (const [id, seats, w] of [['LS-TEST-2024', 543, 1280], ['AE-ALL-2024', 4121, 1280]] as const) {
      await page.setViewportSize({ width: w, height: 900 });
      let started = Date.now();
      await page.goto(`${server.url}/seats?election=${id}&party=DP`);
      await page.getByTestId('seat-table').waitFor();
      const tableMs = Date.now() - started;
      expect(await page.locator('[data-testid=seat-table] tbody tr').count()).toBe(50);
      expect(await page.getByTestId('seats-state').locator('option').count()).toBe(37); // all states, and each
      expect(await page.getByTestId('seat-table').locator('thead th').first().innerText()).toMatch(/state/i);
      started = Date.now();
      await page.getByTestId('seats-sort').selectOption('margin');
      await expect.poll(() => page.locator('[data-testid=seat-table] tbody tr').first().getAttribute('data-margin')).toBe('200');
      const sortMs = Date.now() - started;
      started = Date.now();
      await page.getByTestId('tab-map').click();
      await page.getByTestId('hex-map').waitFor();
      const mapMs = Date.now() - started;
      expect(await page.locator('[data-testid=hex-map] a.hex').count()).toBe(seats);
      expect(await page.locator('[data-testid=hex-map] text.hex-state').count()).toBe(36);
      started = Date.now();
      await page.locator('[data-testid=hex-map] a.hex').nth(10).hover();
      await expect.poll(() => page.getByTestId('map-readout').innerText()).toContain('Seat 1-11');
      const hoverMs = Date.now() - started;
      expect(await overflowsHorizontally(page)).toBe(false);
      await shot(page, `seats-map-${id}-1280-en`);
      process.stderr.write(`[browser] ${id}: ${seats} seats, table ${tableMs} ms, sort ${sortMs} ms, map ${mapMs} ms, hover ${hoverMs} ms\n`);
      expect(mapMs).toBeLessThan(5000);
      // A state in-charge narrows it to one state on a phone.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByTestId('seats-state').selectOption('S01');
      await expect.poll(() => page.locator('[data-testid=hex-map] a.hex').count()).toBe(id === 'LS-TEST-2024' ? 80 : 607);
      expect(await overflowsHorizontally(page)).toBe(false);
      if (id === 'LS-TEST-2024') await shot(page, 'seats-map-LS-TEST-2024-S01-360-en');
    }
    await page.context().close();
  });

  it('works on a 360 px phone in Hindi: cards, filters, constituency, map', async () => {
    const page = await newPage(360);
    await signIn(page, server.url, 'strategist@demo.warroom');
    await useLanguage(page, 'hi');
    await openSeats(page, 360);
    expect(await page.locator('main h1').first().innerText()).toBe('सीट रणनीति');
    expect(await page.getByTestId('tile-never-won').innerText()).toContain('कभी नहीं जीती');
    expect(await page.getByTestId('tile-stronghold').innerText()).toContain('सबसे मज़बूत गढ़');
    expect(await page.getByTestId('tile-battleground').innerText()).toContain('कड़ा मुकाबला');
    // The table is cards: its header row is hidden, every row a box.
    expect(await page.locator('[data-testid=seat-table] thead').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    await page.getByTestId('tile-lost-close').click();
    await page.waitForURL(/lostByUnder=5000/);
    await page.getByTestId('seats-sort').selectOption('margin');
    await page.waitForURL(/sort=margin/);
    expect(page.url()).toContain('lostByUnder=5000');
    await expect.poll(() => page.getByTestId('result-count').innerText()).toMatch(/मेल खाती/);
    await expect.poll(async () => { const m = await margins(page); return m.length > 0 && m.length < 50 && m.join() === [...m].sort((a, b) => a - b).join(); }).toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'seats-360-hi');

    await page.locator('[data-testid=seat-table] tbody tr').first().getByTestId('seat-link').click();
    await page.getByTestId('constituency-page').waitFor();
    await page.getByTestId('booth-grid').waitFor();
    await page.getByTestId('share-history-chart').locator('svg').waitFor();
    expect(await page.getByTestId('heading-constituency').innerText()).toMatch(/[\u0900-\u097F]/); // Hindi name first
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'constituency-360-hi');

    await page.goBack();
    await page.getByTestId('tab-map').click();
    await page.getByTestId('hex-map').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    const box = await page.getByTestId('hex-map').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    await shot(page, 'seats-map-360-hi');
    await useLanguage(page, 'en'); // leave the account as it was
    await page.context().close();
  });
});
