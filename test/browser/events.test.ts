// Events in a real browser against the seeded demo: a conference whose delegates come from a rule
// (the office-bearers of the state and its wing units), an RSVP, a registration with its QR pass, a
// check-in by the credential typed as a scanner types it (twice: the second says "already"), counts
// by state and wing; then a training with two sessions, ticked complete. The pages are looked at
// at 360 px in Hindi too.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openPage, overflowsHorizontally, SCREENSHOTS, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;
let page: Page;

serverAndBrowser((s, b) => { server = s; browser = b; });
beforeAll(async () => {
  page = await openPage(browser, 1280);
  await signIn(page, server.url, 'admin@demo.warroom');
  await useLanguage(page, 'en');
}, 900_000);

const devanagari = /[\u0900-\u097F]/;
let conferenceUrl = '';
let token = '';

async function openEvents(p: Page, width: number): Promise<void> {
  if (width < 700) await p.getByTestId('menu-button').click();
  await p.getByTestId('nav-events').click();
  await p.getByTestId('heading-events').waitFor();
}

async function fillEvent(p: Page, f: { kind: string; title: string; titleHi: string; place: string }): Promise<void> {
  await p.getByTestId('event-add').click();
  await p.getByTestId('event-kind').selectOption(f.kind);
  await p.getByTestId('event-title').fill(f.title);
  await p.getByTestId('event-title-hi').fill(f.titleHi);
  await p.getByTestId('event-starts').fill('2030-03-01T10:00');
  await p.getByTestId('event-ends').fill('2030-03-02T17:00');
  await p.getByTestId('event-place').fill(f.place);
}

/** At 360 px in Hindi: nothing wider than the phone, and the page speaks Hindi. */
async function phoneHindi(url: string, name: string, testId: string): Promise<void> {
  const phone = await openPage(browser, 360);
  await signIn(phone, server.url, 'admin@demo.warroom');
  await useLanguage(phone, 'hi');
  await phone.goto(url);
  await phone.getByTestId(testId).waitFor();
  expect(await phone.locator('main').innerText()).toMatch(devanagari);
  expect(await overflowsHorizontally(phone)).toBe(false);
  await shotFromTop(phone, name);
  await useLanguage(phone, 'en');
  await phone.context().close();
}

describe('events, trainings and conferences', () => {
  it('creates a conference whose delegates come from a rule, with a preview count', async () => {
    await openEvents(page, 1280);
    await fillEvent(page, { kind: 'conference', title: 'State executive', titleHi: 'प्रदेश कार्यसमिति', place: 'Party office' });
    await page.getByTestId('rule-add-delegates').click();
    await page.getByTestId('rule-codes-general_secretary').check();
    await page.getByTestId('rule-preview').click();
    const total = page.getByTestId('rule-preview-total');
    await total.waitFor();
    const n = Number((await total.innerText()).replace(/\D/g, ''));
    expect(n).toBeGreaterThan(1);
    await shotFromTop(page, 'events-form-en');
    await page.getByTestId('event-submit').click();
    await page.getByTestId('heading-event').waitFor();
    conferenceUrl = page.url();
    expect(await page.getByTestId('event-invited').locator('.tile-value').innerText()).toBe(n.toLocaleString('en-IN'));
    // Nobody is registered yet: nothing to print, and the page says so.
    expect(await page.getByTestId('event-badges').isDisabled()).toBe(true);
  });

  it('sends RSVP links, and an invitee answers on their phone in Hindi without signing in', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('event-rsvp-links').click();
    const queued = Number((await page.getByTestId('event-rsvp-links-done').innerText()).replace(/\D/g, ''));
    expect(queued).toBeGreaterThan(1);
    // What a delivery worker would send: claim the SMS messages as the admin (outbox.drain at the root).
    const csrf = (await (await page.request.get(`${server.url}/api/session`)).json()).csrfToken;
    const claimed = await page.request.post(`${server.url}/api/outbox/claim`, { data: { channel: 'sms', limit: 500 }, headers: { 'x-csrf-token': csrf } });
    expect(claimed.status()).toBe(200);
    const link = (await claimed.json()).items.map((m: { body: string }) => /https?:\/\/\S+\/rsvp\/[0-9a-f]{32}/.exec(m.body)?.[0]).find(Boolean);
    expect(link).toBeTruthy();
    const phone = await openPage(browser, 360);
    await phone.goto(link);
    await phone.getByTestId('rsvp-title').waitFor();
    await useLanguage(phone, 'hi');
    expect(await phone.getByTestId('rsvp-title').innerText()).toBe('प्रदेश कार्यसमिति');
    await phone.getByTestId('rsvp-yes').click();
    await phone.getByTestId('rsvp-done').waitFor();
    expect(await phone.getByTestId('rsvp-yes').getAttribute('aria-pressed')).toBe('true');
    expect(await overflowsHorizontally(phone)).toBe(false);
    await shotFromTop(phone, 'events-rsvp-360-hi');
    await phone.context().close();
    await page.reload();
    await expect.poll(async () => page.getByTestId('event-yes').locator('.tile-value').innerText()).toBe('1');
  });

  it('takes an RSVP, registers a delegate and shows the QR pass', async () => {
    const row = page.locator('tr[data-testid^="invitee-"]').first();
    await row.getByTestId('rsvp-yes').click();
    await expect.poll(() => row.getByTestId('rsvp-yes').getAttribute('aria-pressed')).toBe('true');
    await row.getByTestId('invitee-register').click();
    await page.getByTestId('credential').waitFor();
    token = (await page.getByTestId('credential-token').innerText()).trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await expect.poll(() => page.getByTestId('credential-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect.poll(async () => page.getByTestId('event-registered').locator('.tile-value').innerText()).toBe('1');
    await shotFromTop(page, 'events-pass-en');
  });

  it('prints the registered delegate\'s badge as a PDF, in Hindi too', async () => {
    const link = page.getByTestId('event-badges');
    await expect.poll(() => link.getAttribute('href')).toMatch(/\/badges\.pdf\?lang=en$/);
    expect(await link.getAttribute('target')).toBe('_blank');
    const res = await page.request.get(new URL((await link.getAttribute('href'))!.replace('lang=en', 'lang=hi'), server.url).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const dir = path.join(SCREENSHOTS, 'event-badges');
    fs.mkdirSync(dir, { recursive: true });
    const pdf = path.join(dir, 'badges-hi.pdf');
    fs.writeFileSync(pdf, await res.body());
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Pages:\s+1\b/);
    expect(execFileSync('pdffonts', [pdf]).toString()).toMatch(/NotoSansDevanagari/);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
  });

  it('checks the delegate in at the desk by what a scanner types, once', async () => {
    await page.getByTestId('event-tab-desk').click();
    const field = page.getByTestId('desk-token');
    await field.waitFor();
    // A USB scanner types the code and presses Enter; the field keeps focus for the next delegate.
    await field.pressSequentially(token, { delay: 5 });
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('desk-result').innerText()).toMatch(/checked in at/);
    expect(await field.inputValue()).toBe('');
    await field.fill(token);
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('desk-result').innerText()).toMatch(/already checked in at \d{1,2}:\d{2}/i);
    await expect.poll(() => page.getByTestId('event-checked-in').locator('.tile-value').innerText()).toBe('1');
    await shotFromTop(page, 'events-desk-en');
    await field.fill('not-a-pass');
    await field.press('Enter');
    await page.getByTestId('desk-problem').waitFor();
  });

  it('counts invitees by state and by wing, as a chart and a table', async () => {
    await page.getByTestId('event-tab-counts').click();
    await page.getByTestId('breakdown').waitFor();
    await page.locator('[data-testid=chart-states] svg').waitFor();
    expect(await page.getByTestId('table-states').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('table-wings').locator('tbody tr').count()).toBeGreaterThan(1); // the main organisation and a wing
    await shotFromTop(page, 'events-counts-en');
  });

  it('runs a training of two sessions and ticks completion', async () => {
    await openEvents(page, 1280);
    await fillEvent(page, { kind: 'training', title: 'Convenor training', titleHi: 'संयोजक प्रशिक्षण', place: 'Training hall' });
    await page.getByTestId('event-course').fill('convenor_basics');
    await page.getByTestId('event-sessions').fill('Roll pages\nPolling day');
    await page.getByTestId('rule-add-designation').click();
    await page.getByTestId('rule-level').selectOption('ac');
    await page.getByTestId('event-submit').click();
    await page.getByTestId('heading-event').waitFor();
    await page.getByTestId('event-tab-sessions').click();
    const row = page.locator('tr[data-testid^="completion-"]').filter({ has: page.getByTestId('tick-1') }).first();
    // The tick shows what the server holds, so it turns on once the write is back (click, not check()).
    await row.getByTestId('tick-1').click();
    await expect.poll(() => row.getByTestId('tick-1').isChecked()).toBe(true);
    await row.getByTestId('tick-2').click();
    await expect.poll(() => row.getByTestId('completion-state').innerText()).toMatch(/Complete/);
    await expect.poll(() => page.getByTestId('session-2').innerText()).toMatch(/1 completed/);
    await shotFromTop(page, 'events-training-en');
    await phoneHindi(`${page.url().split('?')[0]}?tab=sessions`, 'events-training-360-hi', 'sessions');
  });

  it('makes the convenor post require the course and lists who lacks it', async () => {
    await openEvents(page, 1280);
    await page.getByTestId('require-post').selectOption('ac/convenor');
    await page.getByTestId('require-course').fill('convenor_basics');
    await page.getByTestId('require-submit').click();
    const count = page.getByTestId('gap-ac-convenor').getByTestId('gap-count');
    await count.waitFor();
    // One convenor completed both sessions above: every other holder lacks the course.
    const [lacking, holders] = (await count.innerText()).match(/[\d,]+/g)!.map((x) => Number(x.replace(/,/g, '')));
    expect(holders).toBeGreaterThan(1);
    expect(lacking).toBe(holders - 1);
    await page.getByTestId('gap-ac-convenor').locator('summary').click();
    await shotFromTop(page, 'events-gaps-en');
  });

  it('fits a phone in Hindi: the list, the conference and the desk', async () => {
    await phoneHindi(`${server.url}/events`, 'events-list-360-hi', 'events-table');
    await phoneHindi(conferenceUrl, 'events-conference-360-hi', 'invitees');
    await phoneHindi(`${conferenceUrl}?tab=desk`, 'events-desk-360-hi', 'checkin-desk');
    await phoneHindi(`${conferenceUrl}?tab=counts`, 'events-counts-360-hi', 'breakdown');
  });
});
