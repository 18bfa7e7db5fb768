// The call-centre manager's contacts page on a phone (issue 6): upload a contacts file and watch it go
// through (a bad file first, refused with its line and column), find a person, show their number (the
// manager may), and erase them on request; the do-not-call form takes a number; in Hindi too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openPage, overflowsHorizontally, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-contacts-page-'));
const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

serverAndBrowser((s, b) => { server = s; browser = b; });
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('outreach contacts page', () => {
  it('uploads contacts (a bad file is refused by line), finds, unmasks and erases a person at 360 px', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'manager@demo.warroom');
    await useLanguage(page, 'en');
    await page.goto(`${server.url}/outreach/contacts`);
    await page.getByTestId('contacts-upload').waitFor();

    await page.getByTestId('contacts-file').setInputFiles(file('bad.csv', 'phone,name\n98111 22334,Good\n12345,Short\n'));
    await page.getByTestId('contacts-upload-go').click();
    await page.getByTestId('contacts-import-failed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('contacts-import-failed').innerText()).toContain('bad.csv:3: phone:');

    await page.getByTestId('contacts-file').setInputFiles(file('good.csv', 'phone,name,language,tags\n98111 22334,Lalita Prasad,hi,browser\n98111 22335,Nazia Khan,ur,browser\n'));
    await page.getByTestId('contacts-upload-go').click();
    await page.getByTestId('contacts-import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('contacts-import-done').innerText()).toContain('2 new');

    await page.getByTestId('contacts-search').fill('9811122334');
    await page.getByTestId('contacts-search-go').click();
    const item = page.locator('[data-testid^=contact-]').filter({ hasText: 'Lalita Prasad' });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/•/);
    await item.getByTestId('contact-unmask').click();
    await expect.poll(() => item.innerText()).toContain('+919811122334');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'outreach-contacts-360-en');

    page.once('dialog', (d) => void d.accept());
    await item.getByTestId('contact-erase').click();
    await page.getByTestId('contacts-none').waitFor();

    await useLanguage(page, 'hi');
    await page.getByTestId('optout-phone').fill('98111 22335');
    await page.getByTestId('optout-go').click();
    await page.getByTestId('optout-done').waitFor();
    expect(await page.getByTestId('optout-done').innerText()).toMatch(/[\u0900-\u097F]/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'outreach-contacts-360-hi');
    await page.context().close();
  });
});
