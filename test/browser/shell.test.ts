import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openPage, overflowsHorizontally, shot, signIn, serverAndBrowser, type Started } from './browser.ts';

const NAV = ['home', 'seats', 'projection', 'organisation', 'programmes', 'review', 'outreach', 'users', 'audit', 'tokens', 'imports'];
let server: Started;
let browser: Browser;

serverAndBrowser((s, b) => { server = s; browser = b; });

const newPage = (width: number): Promise<Page> => openPage(browser, width);

/** Opens a navigation entry the way a user would: on a phone, through the menu button. */
async function openNav(page: Page, key: string, width: number): Promise<void> {
  if (width < 700) await page.getByTestId('menu-button').click();
  await page.getByTestId(`nav-${key}`).click();
  await page.locator('main h1').first().waitFor();
}

describe('the web shell', () => {
  it('signs in as the demo admin and summarises the tenant on the home page', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    expect(await page.getByTestId('home-tenant').innerText()).toContain('Demo Party');
    await page.locator('[data-testid^=election-chart-] .chart svg').first().waitFor(); // the seats chart drew (not the loading spinner)
    await shot(page, 'home-1280-en');
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });

  for (const width of [1280, 360]) {
    it(`opens every navigation entry in Hindi at ${width} px`, async () => {
      const page = await newPage(width);
      await signIn(page, server.url, 'admin@demo.warroom');
      // The account remembers its language, so an earlier test may have left it in Hindi already.
      if ((await page.evaluate(() => document.documentElement.lang)) !== 'hi') await page.getByTestId('lang-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'hi');
      for (const key of NAV) {
        await openNav(page, key, width);
        const heading = await page.locator('main h1').first().innerText();
        expect(heading, `${key} heading in Devanagari`).toMatch(/[\u0900-\u097F]/);
        expect(await overflowsHorizontally(page), `${key} fits ${width} px`).toBe(false);
        await shot(page, `${key}-${width}-hi`);
      }
      // The choice persists across a reload.
      await page.reload();
      await page.locator('main h1').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('hi');
      await page.context().close();
    });
  }

  it('signs in and moves around by keyboard alone', async () => {
    const page = await newPage(1280);
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').focus();
    await page.keyboard.type('strategist@demo.warroom');
    await page.keyboard.press('Tab');
    await page.keyboard.type('warroom-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('home-tenant').waitFor();
    await page.keyboard.press('Tab'); // the skip link comes first
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(first.toLowerCase()).toContain('skip');
    await page.context().close();
  });

  it('switches tenant for a user of two tenants', async () => {
    const page = await newPage(1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    const select = page.getByTestId('tenant-switch');
    const options = await select.locator('option').allInnerTexts();
    expect(options.length).toBe(2);
    const current = await select.inputValue();
    const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const other = values.find((v) => v !== current)!;
    const otherName = (await select.locator(`option[value="${other}"]`).innerText()).trim();
    await select.selectOption(other);
    await page.waitForFunction((name) => document.querySelector('[data-testid="home-tenant"]')?.textContent?.includes(name), otherName, { timeout: 10_000 });
    await shot(page, 'home-1280-en-client-b');
    await page.context().close();
  });

  it('shows a booth president only their booth', async () => {
    const page = await newPage(360);
    await signIn(page, server.url, 'booth@demo.warroom');
    await openNav(page, 'organisation', 360);
    await page.getByTestId('unit-roots').waitFor();
    const roots = await page.getByTestId('unit-roots').locator('li').count();
    expect(roots).toBe(1);
    await shot(page, 'organisation-360-en-booth');
    expect(await page.getByTestId('nav-audit').count()).toBe(0); // an organiser does not read the audit log
    await page.context().close();
  });
});
