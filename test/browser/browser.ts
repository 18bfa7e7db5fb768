// Browser-test plumbing: a real server on a fresh embedded database with the demo seeded, and
// Debian's Chromium driven by playwright-core (no downloaded browser builds).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { serve, type Running } from '../../src/server/serve.ts';

export const SCREENSHOTS = path.resolve('test-results/screenshots');
export const CHROMIUM = process.env.WARROOM_CHROMIUM ?? '/usr/bin/chromium';

export interface StartOptions {
  /** Runs on the file's own data folder (demo already seeded when there is a template) before the server opens it. */
  prepare?: (dataDir: string) => Promise<void>;
}

/**
 * Starts `warroom serve` in this process on a free port, on a data folder of this file's own; resolves
 * once the demo is seeded. The folder is a copy of the run's seeded template (global-setup.ts), so the
 * server finds the demo present and skips seeding; without a template it seeds as `serve` always does.
 */
export async function startServer(opts: StartOptions = {}): Promise<Running & { dataDir: string; seedSeconds: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-browser-'));
  const started = Date.now();
  const template = inject('demoTemplate');
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  await opts.prepare?.(dataDir);
  // The fake telephony provider: the agent screen's click-to-call goes through it.
  const config = loadConfig({ ...process.env, DATABASE_URL: '', WARROOM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', WARROOM_TELEPHONY: 'fake' });
  const running = await serve(config, (line) => process.stderr.write(`[server] ${line}\n`));
  await running.seeding;
  return { ...running, dataDir, seedSeconds: (Date.now() - started) / 1000 };
}

export type Started = Running & { dataDir: string; seedSeconds?: number };

/**
 * The server and the browser a test file shares: started before its tests (a server of its own on a
 * copy of the seeded demo, or what `start` gives), closed after them, and the data folder removed. `use`
 * hands both to the file's own variables; the file's own setup goes in a beforeAll after this call.
 */
export function serverAndBrowser(use: (server: Started, browser: Browser) => void, opts: StartOptions & { start?: () => Promise<Started> } = {}): void {
  let server: Started | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await (opts.start ? opts.start() : startServer(opts));
    if (server.seedSeconds !== undefined) process.stderr.write(`[browser] demo seeded; server up in ${server.seedSeconds.toFixed(1)} s\n`);
    browser = await launch();
    use(server, browser);
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no network: without these, Chromium keeps trying (and failing) to reach Google.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** True when the page is wider than the viewport: the 360 px rule is broken. */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

export async function signIn(page: Page, base: string, email: string, password = 'warroom-demo'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-tenant').waitFor();
}

/** A page in its own context: English (India), reduced motion so slide-outs are not caught mid-way in a screenshot. */
export async function openPage(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 }, locale: 'en-IN', reducedMotion: 'reduce' });
  return context.newPage();
}

/** The account remembers its language; put it where the test wants it. */
export async function useLanguage(page: Page, lang: 'en' | 'hi'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-switch').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** A full-page screenshot taken from the top of the page. */
export async function shotFromTop(page: Page, name: string): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return shot(page, name);
}

/**
 * A mobile number nobody in the demo has: 70 (a prefix valid for every 8 digits after it, and one the
 * demo never hands out) then eight digits from the clock and a counter.
 */
let phoneSerial = 0;
export const freshPhone = () => `70${String((Date.now() * 10 + phoneSerial++) % 100_000_000).padStart(8, '0')}`;
