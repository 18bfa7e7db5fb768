// Programmes and review end to end in a real browser on the demo: the admin allocates a national
// target, it cascades to states and booths; the booth president (360 px, Hindi) is notified and
// reports with a photo; the review shows the shortfalls; the PDF deck is exported and every page is
// rendered to PNG with pdftoppm so it can be looked at.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SCREENSHOTS, openPage, overflowsHorizontally, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;
let taskId = 0;

serverAndBrowser((s, b) => { server = s; browser = b; });
beforeAll(async () => {
}, 900_000);

const devanagari = /[\u0900-\u097F]/;
// A 2×2 red PNG: what the phone's camera would hand the file input.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

describe('programmes and review', () => {
  it('allocates a national target that cascades to every state and booth', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await page.goto(`${server.url}/programmes/new`);
    await page.getByTestId('tf-title').fill('Wall paintings before the rally');
    await page.getByTestId('tf-title-hi').fill('रैली से पहले दीवार लेखन');
    await page.getByTestId('tf-metric').selectOption('reported');
    await page.getByTestId('tf-unit-label').fill('walls');
    await page.getByTestId('tf-target').fill('50000');
    await page.getByTestId('tf-level').selectOption('booth');
    await page.getByTestId('tf-evidence').check();
    await shotFromTop(page, 'programmes-new-task');
    await page.getByTestId('tf-save').click();
    await page.getByTestId('heading-task').waitFor({ timeout: 60_000 });
    taskId = Number(new URL(page.url()).pathname.split('/').pop());
    const rows = page.locator('[data-testid=task-children] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('task-progress').innerText()).toContain('50,000');
    await shotFromTop(page, 'programmes-task-national');
    // Drill down to the first state: its districts carry its share.
    await rows.first().locator('a').click();
    await page.waitForURL(/unit=/);
    await page.locator('[data-testid=task-children] tbody tr').first().waitFor();
    await shotFromTop(page, 'programmes-task-state');
  });

  it('lets the booth president report with a photo at 360 px in Hindi', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'booth@demo.warroom');
    await useLanguage(page, 'hi');
    await page.getByTestId('notif-count').waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/programmes`);
    const card = page.getByTestId(`task-${taskId}`);
    await card.waitFor();
    expect(await card.innerText()).toMatch(devanagari);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'programmes-booth-list-360-hi');
    await card.locator('a').first().click();
    await page.getByTestId('report-form').waitFor();
    // Evidence is required: sending without a photo is refused next to the field.
    await page.getByTestId('report-value').fill('12');
    await page.getByTestId('report-send').click();
    await page.getByTestId('report-error').waitFor();
    await page.getByTestId('report-file').setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByTestId('report-files').waitFor();
    await page.getByTestId('report-note').fill('मुख्य सड़क पर 12 दीवारें');
    await page.getByTestId('report-send').click();
    await page.getByTestId('report-sent').waitFor({ timeout: 30_000 });
    await page.getByTestId('reports-feed').locator('img').first().waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'programmes-booth-report-360-hi');
    expect(await page.getByTestId('task-progress').innerText()).toMatch(/12/);
  });

  it('shows the shortfalls in the review and exports the PDF deck, looked at page by page', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await page.goto(`${server.url}/review`);
    await page.getByTestId('review-metrics').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('review-metrics').innerText()).toContain('Wall paintings before the rally');
    expect(await page.getByTestId('review-lacking').locator('li').count()).toBeGreaterThan(0);
    await page.getByTestId('review-rank-chart').locator('svg').waitFor();
    await shotFromTop(page, 'review-national');
    await page.getByTestId('review-record').click();
    await page.getByTestId('review-overall').getByText(/since the review/).waitFor();

    const response = await page.request.get(`${server.url}/api/review/${new URL(await page.getByTestId('review-pdf').getAttribute('href') ?? '', server.url).pathname.split('/')[3]}/deck.pdf?lang=hi`);
    expect(response.status()).toBe(200);
    const dir = path.join(SCREENSHOTS, 'review-deck');
    fs.mkdirSync(dir, { recursive: true });
    const pdf = path.join(dir, 'deck-hi.pdf');
    fs.writeFileSync(pdf, await response.body());
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
    expect(pages).toBeGreaterThan(1);
    expect(execFileSync('pdffonts', [pdf]).toString()).toMatch(/NotoSansDevanagari/);
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '3', pdf, path.join(dir, 'page')]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);

    await page.setViewportSize({ width: 360, height: 740 });
    await useLanguage(page, 'hi');
    await page.getByTestId('review-metrics').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'review-national-360-hi');
  });
});
