// The agent screen in a real browser (issue 6): a manager sets up a centre, makes the demo caller its
// agent and starts a campaign with a branching survey over contacts seeded into the data folder; the
// caller, on a 360 px phone, claims contacts, walks the survey down a branch, records outcomes with one
// tap and keeps going; offline, an outcome waits on the phone and is sent once the connection returns.
// At 1280 px the keyboard does it all, and a lost answer from the server is resent without counting
// twice. The queue's counts and the audit confirm every outcome was recorded exactly once.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src/db/open.ts';
import { openPage, overflowsHorizontally, shotFromTop, signIn, useLanguage, serverAndBrowser, type Started } from './browser.ts';

const CONTACTS = 6;
const TAG = 'agent-screen-test';
let server: Started;
let browser: Browser;
let campaignId = 0;
let centreId = 0;

/** Contacts of the demo tenant at its root, written as the owner before the server opens the folder. */
async function seedContacts(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    const names = ['Ramesh Kumar', 'Sunita Devi', 'Mohammad Irfan', 'Kavita Yadav', 'Harish Chandra', 'Pooja Verma'];
    await sql`insert into contacts (tenant_id, phone, name, language, unit_id, unit_path, tags, kind, consent_source)
      select t.id, '+9198765000' || lpad(g::text, 2, '0'), (${names}::text[])[g], 'hi', u.id, u.path, ${[TAG]}::text[], 'voter', 'test'
      from tenants t join units u on u.tenant_id = t.id and u.parent_id is null, generate_series(1, ${CONTACTS}::int) g
      where t.slug = 'demo'`.execute(database.db);
  } finally {
    await database.close();
  }
}

async function callApi(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, data?: object) {
  const csrf = (await (await page.request.get(`${server.url}/api/session`)).json()).csrfToken as string;
  const res = await page.request.fetch(`${server.url}${url}`, { method, data, headers: { 'x-csrf-token': csrf } });
  const body = await res.json().catch(() => null);
  if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

const script = {
  intro: { hi: 'नमस्ते, मैं जन संपर्क केंद्र से बोल रहा हूँ। क्या दो मिनट बात कर सकते हैं?', en: 'Hello, I am calling from the outreach centre. Do you have two minutes?' },
  questions: [
    { id: 'scheme', kind: 'single', required: true, text: { hi: 'क्या आपको उज्ज्वला योजना का सिलेंडर मिला?', en: 'Did you get the Ujjwala cylinder?' },
      options: [{ value: 'yes', label: { hi: 'हाँ', en: 'Yes' } }, { value: 'no', label: { hi: 'नहीं', en: 'No' }, next: 'why' }] },
    { id: 'rating', kind: 'scale', min: 1, max: 5, text: { hi: 'आप कितने संतुष्ट हैं?', en: 'How satisfied are you?' }, next: 'end' },
    { id: 'why', kind: 'multi', text: { hi: 'क्यों नहीं मिला?', en: 'Why not?' },
      options: [{ value: 'papers', label: { hi: 'कागज़ पूरे नहीं', en: 'Papers incomplete' } }, { value: 'agent', label: { hi: 'एजेंट ने मना किया', en: 'The agent refused' } }] },
    { id: 'note', kind: 'text', text: { hi: 'और कुछ बताना चाहेंगे?', en: 'Anything else?' } },
  ],
  closing: { hi: 'धन्यवाद, आपका दिन शुभ हो।', en: 'Thank you, have a good day.' },
};

serverAndBrowser((s, b) => { server = s; browser = b; }, { prepare: seedContacts });
beforeAll(async () => {
  // As the admin: a centre where the caller's grant is (so the campaign is in the caller's scope), the caller its agent, a campaign started.
  const page = await openPage(browser, 1280);
  await signIn(page, server.url, 'admin@demo.warroom');
  const users = (await callApi(page, 'GET', '/api/users')).items as { id: string; email: string; grants: { role: string; unitId: number }[] }[];
  const caller = users.find((u) => u.email === 'caller@demo.warroom')!;
  centreId = (await callApi(page, 'POST', '/api/outreach/centres', { name: 'Agent test centre', unitId: Number(caller.grants[0].unitId), languages: ['hi', 'en'] })).id;
  await callApi(page, 'PUT', `/api/outreach/centres/${centreId}/agents`, { userId: caller.id, languages: ['hi', 'en'], phone: '99887 76655' });
  const created = await callApi(page, 'POST', '/api/outreach/campaigns', { centreId, name: 'Ujjwala follow-up', target: { tags: [TAG] }, script,
    maxAttempts: 3, cooldownMinutes: 120, callingFrom: '00:00', callingTo: '24:00',
    startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  expect(created.contacts).toBe(CONTACTS);
  campaignId = created.id;
  await callApi(page, 'PUT', `/api/outreach/campaigns/${campaignId}/status`, { status: 'active' });
  await page.context().close();
}, 900_000);

async function openDesk(width: number, lang: 'en' | 'hi'): Promise<Page> {
  const page = await openPage(browser, width);
  await signIn(page, server.url, 'caller@demo.warroom');
  await useLanguage(page, lang);
  await page.goto(`${server.url}/outreach/call`);
  await page.getByTestId('heading-agent').waitFor();
  // The demo may give the caller a centre of its own too: work at this test's.
  if (await page.getByTestId('agent-centre').count()) await page.getByTestId('agent-centre').selectOption(String(centreId));
  return page;
}

const contactName = (page: Page) => page.getByTestId('agent-contact-name').innerText();

describe('agent screen', () => {
  it('claims, walks the survey down a branch, records outcomes with one tap and keeps going; offline an outcome waits and is sent once (360 px, English)', async () => {
    const page = await openDesk(360, 'en');
    await page.getByTestId('agent-next').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.getByTestId('agent-next').click();
    await page.getByTestId('agent-contact').waitFor();
    const first = await contactName(page);
    // The number is masked: no tel: link, the bridge is the way.
    expect(await page.getByTestId('agent-phone').innerText()).toMatch(/•/);
    await page.getByTestId('agent-phone-hidden').waitFor();
    expect(await page.getByTestId('agent-dial').count()).toBe(0);
    expect(await page.getByTestId('agent-lease').innerText()).toMatch(/\d+:\d\d/);
    // Click-to-call through the centre (the fake provider rings both phones and answers after 3 s).
    await page.getByTestId('agent-bridge-call').click();
    await expect.poll(() => page.getByTestId('agent-bridge-status').innerText(), { timeout: 20_000 }).toBe('Connected');
    // The intro in the contact's language (Hindi), whatever the screen's.
    expect(await page.getByTestId('agent-intro').innerText()).toContain('नमस्ते');

    // "No" leads to "why" and skips the rating.
    await page.getByTestId('agent-option-no').click();
    await page.getByTestId('agent-question-why').waitFor();
    expect(await page.getByTestId('agent-question-rating').count()).toBe(0);
    await page.getByTestId('agent-option-papers').click();
    await page.getByTestId('agent-option-agent').click();
    await page.getByTestId('agent-next-question').click();
    await page.getByTestId('agent-question-note').waitFor();
    await page.getByTestId('agent-text-answer').fill('Visited the agency twice');
    await page.getByTestId('agent-next-question').click();
    await page.getByTestId('agent-survey-done').waitFor();
    // The survey reads in the contact's language, for the agent to read out.
    expect(await page.getByTestId('agent-answered').innerText()).toContain('कागज़ पूरे नहीं');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'agent-360-en');

    // Answered: saved, and the next contact comes by itself.
    await page.getByTestId('agent-outcome-answered').click();
    await expect.poll(async () => ((await page.getByTestId('agent-contact').count()) ? contactName(page) : first), { timeout: 30_000 }).not.toBe(first);
    await page.getByTestId('agent-contact').waitFor();
    expect(await page.getByTestId('agent-shift').getAttribute('data-count')).toBe('1');
    const second = await contactName(page);
    await page.getByTestId('agent-outcome-busy').click();
    await expect.poll(async () => ((await page.getByTestId('agent-contact').count()) ? contactName(page) : second), { timeout: 30_000 }).not.toBe(second);
    expect(await page.getByTestId('agent-shift').getAttribute('data-count')).toBe('2');

    // Offline: the outcome waits on the phone.
    await page.context().setOffline(true);
    await page.getByTestId('agent-offline').waitFor();
    await page.getByTestId('agent-outcome-no_answer').click();
    await page.locator('[data-testid=agent-last][data-kind=queued]').waitFor();
    expect(await page.getByTestId('agent-outbox-pending').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('agent-outbox-pending').innerText()).toContain('1 outcome waiting to send');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'agent-360-en-offline');
    // Back online: sent by itself, once.
    await page.context().setOffline(false);
    await page.getByTestId('agent-outbox-sent').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('agent-outbox-pending').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('warroom.agent.outbox.'))
      .map((k) => JSON.parse(localStorage.getItem(k)!).pending.length))).toEqual([0]);
    await page.context().close();
  });

  it('reads in Hindi on a phone: the script, the survey and the outcome buttons (360 px)', async () => {
    const page = await openDesk(360, 'hi');
    await page.getByTestId('agent-keep-going').uncheck();
    await shotFromTop(page, 'agent-360-hi-idle');
    await page.getByTestId('agent-next').click();
    await page.getByTestId('agent-contact').waitFor();
    expect(await page.getByTestId('agent-outcomes').innerText()).toContain('बात हुई');
    await page.getByTestId('agent-option-yes').click();
    await page.getByTestId('agent-question-rating').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'agent-360-hi');
    await page.getByTestId('agent-outcome-call_back').click();
    await page.getByTestId('agent-callback-panel').waitFor();
    expect(await page.getByTestId('agent-callback-tomorrowMorning').getAttribute('aria-pressed')).toBe('true');
    expect(await overflowsHorizontally(page)).toBe(false);
    await shotFromTop(page, 'agent-360-hi-callback');
    await page.getByTestId('agent-panel-cancel').click();
    await page.getByTestId('agent-outcome-wrong_number').click();
    await page.locator('[data-testid=agent-last][data-kind=sent]').waitFor();
    expect(await page.getByTestId('agent-contact').count()).toBe(0); // keep going was off
    await page.context().close();
  });

  it('works from the keyboard at 1280 px; a lost answer is resent and counted once; the queue and the audit agree', async () => {
    const page = await openDesk(1280, 'en');
    await page.getByTestId('agent-keys-hint').waitFor();
    await page.keyboard.press('n');
    await page.getByTestId('agent-contact').waitFor();
    await page.keyboard.press('1'); // yes: on to the rating
    await page.getByTestId('agent-question-rating').waitFor();
    await page.keyboard.press('4'); // the rating ends the survey
    await page.getByTestId('agent-survey-done').waitFor();
    await shotFromTop(page, 'agent-1280-en');
    // The server records the outcome but its answer never arrives: the phone keeps it and resends.
    let lost = 0;
    await page.route('**/api/outreach/calls', async (route) => {
      if (lost++ === 0) { await route.fetch(); await route.abort('connectionreset'); } else await route.continue();
    });
    await page.keyboard.press('a');
    await page.locator('[data-testid=agent-last][data-kind=queued]').waitFor();
    await page.getByTestId('agent-send-now').click();
    await page.getByTestId('agent-outbox-sent').waitFor();
    expect(lost).toBe(2);
    await page.unroute('**/api/outreach/calls');

    await page.keyboard.press('n');
    await page.getByTestId('agent-contact').waitFor();
    await page.keyboard.press('c');
    await page.getByTestId('agent-callback-panel').waitFor();
    await page.getByTestId('agent-callback-save').click();
    // Keep going: the queue is empty now (the rest cool down or wait for a call-back), and the screen says so.
    await page.locator('[data-testid=agent-reason][data-reason=empty]').waitFor({ timeout: 30_000 });
    await shotFromTop(page, 'agent-1280-en-empty');
    expect(await page.getByTestId('agent-shift').getAttribute('data-count')).toBe('2'); // kept per phone: this browser context's calls today

    const admin = await openPage(browser, 1280);
    await signIn(admin, server.url, 'admin@demo.warroom');
    const counts = await callApi(admin, 'GET', `/api/outreach/campaigns/${campaignId}/queue`);
    expect(counts).toEqual({ total: CONTACTS, ready: 0, held: 0, paused: 0, coolingDown: 2, callBackLater: 1,
      done: { answered: 2, wrong_number: 1 }, suppressed: {} });
    const audit = await callApi(admin, 'GET', '/api/audit?type=call.outcome&limit=100');
    expect(audit.items.length).toBe(CONTACTS);
    await admin.context().close();
    await page.context().close();
  });
});
