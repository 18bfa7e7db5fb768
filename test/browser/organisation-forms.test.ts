// The organisation's forms in a real browser against the seeded demo: edit a person (a bad number is
// refused next to its field), record a representative (a seat that does not exist is refused next to
// its field) and end the term, propose an inductee at 360 px in Hindi with a follow-up note and a step,
// and change a composition norm in the settings after the whole-party warning. Each result is checked
// after a reload.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshPhone, openPage, overflowsHorizontally, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

let server: Started;
let browser: Browser;

serverAndBrowser((s, b) => { server = s; browser = b; });
beforeAll(async () => {
}, 900_000);

const shot = shotFromTop;
const devanagari = /[\u0900-\u097F]/;

async function openTab(page: Page, width: number, tab: string): Promise<void> {
  if (width < 700) await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-organisation').click();
  await page.locator('main h1').first().waitFor();
  await page.getByTestId(`org-tab-${tab}`).click();
}


/** At 360 px in Hindi: nothing wider than the phone, and the page speaks Hindi. */
async function checkPhoneHindi(page: Page, name: string, testId: string): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  await useLanguage(page, 'hi');
  await page.getByTestId(testId).waitFor();
  expect(await page.getByTestId(testId).innerText()).toMatch(devanagari);
  expect(await overflowsHorizontally(page)).toBe(false);
  await shot(page, name);
}

describe('organisation forms', () => {
  it('edits a person: names, age, category, voter ID, wings; a bad number is refused next to its field', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openTab(page, 1280, 'people');
    await page.getByTestId('people-search').fill('Sharma');
    const hit = page.locator('[data-testid=people-results] > li').first();
    await hit.waitFor({ timeout: 30_000 });
    await hit.locator('a').first().click();
    await page.getByTestId('heading-org-person').waitFor();

    await page.getByTestId('person-edit').click();
    const form = page.getByTestId('person-edit-form');
    await form.waitFor();
    // Nothing changed yet: nothing to save.
    expect(await form.getByTestId('edit-save').isDisabled()).toBe(true);
    await form.getByTestId('edit-phone').fill('12');
    await form.getByTestId('edit-save').click();
    const phoneField = form.locator('.field:has([data-testid=edit-phone])');
    await expect.poll(() => phoneField.locator('.field-error').count()).toBe(1);
    expect(await phoneField.getAttribute('class')).toContain('field-invalid');
    await form.getByTestId('edit-phone').fill('');

    await form.getByTestId('edit-name').fill('Radha Sharma');
    await form.getByTestId('edit-name-hi').fill('राधा शर्मा');
    await form.getByTestId('edit-age').selectOption('36-45');
    await form.getByTestId('edit-category').selectOption('OBC');
    await form.getByTestId('edit-epic').fill('tst 1234567');
    await form.locator('label:has([data-testid=edit-gender-female])').click();
    const youth = form.getByTestId('edit-wing-youth');
    if (await youth.isChecked()) await youth.uncheck();
    await youth.check();
    await shot(page, 'org-person-edit-1280-en');
    await form.getByTestId('edit-save').click();
    await page.getByTestId('person-saved').waitFor();

    await page.reload();
    await page.getByTestId('person-facts').waitFor();
    expect(await page.getByTestId('heading-org-person').innerText()).toBe('Radha Sharma');
    expect(await page.getByTestId('person-name-hi-shown').innerText()).toBe('राधा शर्मा');
    expect(await page.getByTestId('person-age').innerText()).toBe('36-45');
    expect(await page.getByTestId('person-category').innerText()).toBe('OBC');
    expect(await page.getByTestId('person-gender').innerText()).toBe('Woman');
    expect(await page.getByTestId('person-epic').innerText()).toContain('TST1234567');
    expect(await page.getByTestId('person-wings').innerText()).toMatch(/youth/i);
    // The voter ID can now be matched to its roll page; the page shows it after a reload.
    await page.getByTestId('verify-roll-page').fill('7');
    await page.getByTestId('verify-epic').click();
    await expect.poll(() => page.getByTestId('person-epic').innerText()).toContain('Page 7');
    await page.reload();
    await expect.poll(() => page.getByTestId('person-epic').innerText(), { timeout: 30_000 }).toContain('Page 7');

    await page.getByTestId('person-edit').click();
    await page.getByTestId('person-edit-form').waitFor();
    await checkPhoneHindi(page, 'org-person-edit-360-hi', 'person-edit-form');
    await useLanguage(page, 'en');
    await page.context().close();
  });

  it('records a councillor held by a new person, refuses a seat that does not exist, and ends the term', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openTab(page, 1280, 'representatives');
    await page.getByTestId('heading-org-representatives').waitFor();
    await page.getByTestId('rep-add').click();
    const form = page.getByTestId('rep-form');
    await form.waitFor();
    // An MLA on a seat the reference geography does not have: refused next to the seat number.
    await form.getByTestId('rep-office').selectOption('mla');
    await form.getByTestId('rep-state').fill('D01');
    await form.getByTestId('rep-constituency').fill('999');
    const name = 'Aaradhya Councillor';
    await form.getByTestId('person-name').fill(name);
    await form.getByTestId('person-name-hi').fill('आराध्या पार्षद');
    await form.getByTestId('person-phone').fill(freshPhone());
    await form.locator('label:has([data-testid=person-gender-female])').click();
    await form.getByTestId('rep-submit').click();
    const seatField = form.locator('.field:has([data-testid=rep-constituency])');
    await expect.poll(() => seatField.locator('.field-error').innerText()).toContain('no such constituency');
    await shot(page, 'org-rep-form-1280-en-error');

    await form.getByTestId('rep-office').selectOption('councillor');
    await form.getByTestId('rep-body').fill('Ward 12, Demo Municipal Corporation');
    await form.getByTestId('rep-from').fill('2023-01-15');
    await form.getByTestId('rep-submit').click();
    await page.getByTestId('rep-added').waitFor();
    expect(await page.getByTestId('rep-added').innerText()).toContain(name);

    await page.reload();
    await page.getByTestId('reps-office').selectOption('councillor');
    const row = page.locator('[data-testid=reps-table] tbody tr', { hasText: name });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('Ward 12, Demo Municipal Corporation');
    // End the term: the record stays, with its last day.
    await row.getByTestId('rep-end').click();
    await row.getByTestId('rep-end-date').fill('2024-06-30');
    await row.getByTestId('rep-end-submit').click();
    await expect.poll(() => row.getByTestId('rep-dates').innerText()).toMatch(/2024/);
    await page.reload();
    const again = page.locator('[data-testid=reps-table] tbody tr', { hasText: name });
    await again.waitFor({ timeout: 30_000 });
    expect(await again.getByTestId('rep-dates').innerText()).toMatch(/2023.*2024/s);
    expect(await again.getByTestId('rep-end').count()).toBe(0);

    await page.getByTestId('rep-add').click();
    await page.getByTestId('rep-form').waitFor();
    await checkPhoneHindi(page, 'org-rep-form-360-hi', 'rep-form');
    await useLanguage(page, 'en');
    await page.context().close();
  });

  it('proposes an inductee at 360 px in Hindi, adds a follow-up note and moves it a step', async () => {
    const page = await openPage(browser, 360);
    await signIn(page, server.url, 'state@demo.warroom');
    await useLanguage(page, 'hi');
    await openTab(page, 360, 'inductees');
    await page.getByTestId('heading-org-inductees').waitFor();
    expect(await page.getByTestId('heading-org-inductees').innerText()).toMatch(devanagari);
    await page.getByTestId('ind-add').click();
    const form = page.getByTestId('inductee-form');
    await form.waitFor();
    const nameHi = 'अमित वर्मा';
    await form.getByTestId('person-name').fill('Amit Verma');
    await form.getByTestId('person-name-hi').fill(nameHi);
    await form.getByTestId('person-phone').fill(freshPhone());
    await form.locator('label:has([data-testid=person-gender-male])').click();
    await form.getByTestId('ind-party').fill('Lok Morcha');
    await form.getByTestId('ind-posts').fill('ज़िला मंत्री 2019–2023');
    // The proposer: someone registered, found by name.
    const proposer = form.getByTestId('ind-proposer');
    await proposer.getByTestId('picker-search').fill('Sharma');
    await proposer.locator('[data-testid=picker-results] button').first().click({ timeout: 30_000 });
    await proposer.getByTestId('picker-chosen').waitFor();
    await form.getByTestId('ind-note').fill('पहली बैठक अच्छी रही');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'org-inductee-form-360-hi');
    expect((await form.getByTestId('ind-submit').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await form.getByTestId('ind-submit').click();
    await page.getByTestId('ind-added').waitFor();

    const row = page.locator('[data-testid=inductee-list] > li', { hasText: nameHi });
    await row.waitFor({ timeout: 30_000 });
    const rowId = (await row.getAttribute('data-testid'))!;
    expect(await row.getAttribute('data-status')).toBe('proposed');
    await row.getByTestId('inductee-follow-up').click();
    await row.getByTestId('inductee-events').waitFor();
    const note = 'ज़िला अध्यक्ष से बात हुई, कोई आपत्ति नहीं';
    await row.getByTestId('inductee-note').fill(note);
    await row.getByTestId('inductee-note-submit').click();
    await expect.poll(() => row.getByTestId('inductee-events').innerText()).toContain(note);
    await row.getByTestId('inductee-next').click();
    await expect.poll(() => page.getByTestId(rowId).getAttribute('data-status')).toBe('vetted');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'org-inductees-360-hi');

    await page.reload();
    const after = page.getByTestId(rowId);
    await after.waitFor({ timeout: 30_000 });
    expect(await after.getAttribute('data-status')).toBe('vetted');
    expect(await after.getByTestId('inductee-status-badge').innerText()).toMatch(devanagari);
    await after.getByTestId('inductee-follow-up').click();
    const events = after.getByTestId('inductee-events');
    await expect.poll(() => events.locator('li').count(), { timeout: 30_000 }).toBe(3); // proposed, the note, vetted
    expect(await events.innerText()).toContain(note);
    expect(await events.innerText()).toContain('पहली बैठक अच्छी रही');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shot(page, 'org-inductee-notes-360-hi');
    await useLanguage(page, 'en');
    await page.context().close();
  });

  it('changes a composition norm in the settings after the whole-party warning', async () => {
    const page = await openPage(browser, 1280);
    await signIn(page, server.url, 'admin@demo.warroom');
    await useLanguage(page, 'en');
    await openTab(page, 1280, 'settings');
    await page.getByTestId('heading-org-settings').waitFor();
    const norm = page.getByTestId('cfg-norm-booth');
    await norm.waitFor();
    const women = norm.getByTestId('cfg-norm-minWomen');
    const before = Number(await women.inputValue());
    const next = before + 1;
    await women.fill(String(next));
    await page.getByTestId('cfg-norms-save').click();
    // Saving norms recomputes every unit's strength: the page says so and asks again.
    const confirm = page.getByTestId('cfg-norms-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('whole party');
    await shot(page, 'org-settings-1280-en-confirm');
    await page.getByTestId('cfg-norms-confirm-save').click();
    await page.getByTestId('cfg-norms-saved').waitFor({ timeout: 300_000 });

    await page.reload();
    await page.getByTestId('cfg-norm-booth').waitFor();
    expect(await page.getByTestId('cfg-norm-booth').getByTestId('cfg-norm-minWomen').inputValue()).toBe(String(next));
    // A designation type's row and the level select are there too; nothing is saved from them here.
    await page.getByTestId('cfg-types-level').selectOption('booth');
    await page.locator('[data-testid=cfg-types] .org-config-row').first().waitFor();
    await checkPhoneHindi(page, 'org-settings-360-hi', 'cfg-types');
    await useLanguage(page, 'en');
    await page.context().close();

    // Without org.configure there is no settings tab.
    const organiser = await openPage(browser, 1280);
    await signIn(organiser, server.url, 'state@demo.warroom');
    await useLanguage(organiser, 'en');
    await organiser.getByTestId('nav-organisation').click();
    await organiser.getByTestId('org-tab-people').waitFor();
    expect(await organiser.getByTestId('org-tab-settings').count()).toBe(0);
    await organiser.context().close();
  }, 420_000);
});
