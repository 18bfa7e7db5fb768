// The review: a national scorecard with its states ranked, lacking and did-well lists, the trend since
// a recorded review, scope, and the deck as PDF and XLSX.
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { rebuildStrength } from '../organisation/strength.service.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const admin = await signInAs(app, world.users.adminA.email);
const orgS2 = await signInAs(app, world.users.orgS2.email);
const call = (c: Client, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as object, headers: c.headers(method !== 'GET') });
const unit = async (parentId: number, level: string, name: string) => (await call(admin, 'POST', '/api/units', { parentId, level, name })).json().id as number;
const d2 = await unit(world.units.s2, 'district', 'S2 District');
const ac3 = await unit(d2, 'ac', 'S2 AC');
const s2Booth = await unit(ac3, 'booth', 'S2 Booth');
await rebuildStrength(database.db, world.tenantA);
const task = (await call(admin, 'POST', '/api/tasks', { ownerUnitId: world.units.rootA, title: 'Meetings', titleHi: 'बैठकें', metric: 'reported', unitLabel: 'meetings',
  target: 100, assigneeLevel: 'booth', dueOn: '2099-12-31' })).json();
const drive = (await call(admin, 'POST', '/api/tasks', { ownerUnitId: world.units.rootA, kind: 'drive', title: 'Drive', assigneeLevel: 'booth', startsOn: '2020-01-01', dueOn: '2099-12-31' })).json();

describe('review', () => {
  it('scores the nation: target against actual per task, states ranked, who lacks and who did well', async () => {
    await call(admin, 'POST', `/api/tasks/${task.id}/reports`, { unitId: s2Booth, value: 50 });
    await call(admin, 'POST', `/api/tasks/${drive.id}/reports`, { unitId: s2Booth });
    const res = await call(admin, 'GET', `/api/review/${world.units.rootA}`);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card.metrics.map((m: { title: string }) => m.title)).toEqual(['Meetings', 'Drive']);
    expect(card.metrics[0]).toMatchObject({ target: 100, actual: 50, attainment: 0.5 });
    expect(card.children.map((c: { name: string; rank: number }) => [c.rank, c.name])).toEqual([[1, 'State Two'], [2, 'Canary State One']]);
    expect(card.children[0].attainment).toBe(1); // 50 of 50 meetings, 1 of 1 booth
    expect(card.lacking.map((c: { name: string }) => c.name)).toEqual(['Canary State One']);
    expect(card.didWell.map((c: { name: string }) => c.name)).toEqual(['State Two']);
    expect(card.lastReviewAt).toBeNull();
  });

  it('shows the trend since the last recorded review', async () => {
    expect((await call(admin, 'POST', `/api/review/${world.units.rootA}/record`)).statusCode).toBe(200);
    await call(admin, 'POST', `/api/tasks/${task.id}/reports`, { unitId: world.units.booth1, value: 25 });
    const card = (await call(admin, 'GET', `/api/review/${world.units.rootA}`)).json();
    expect(card.lastReviewAt).not.toBeNull();
    expect(card.metrics[0]).toMatchObject({ actual: 75, previousAttainment: 0.5, attainment: 0.75 });
    const s1 = card.children.find((c: { name: string }) => c.name === 'Canary State One');
    expect(s1.previousAttainment).toBe(0);
    expect(s1.attainment).toBeGreaterThan(0);
  });

  it('keeps a state to its own scorecard', async () => {
    expect((await call(orgS2, 'GET', `/api/review/${world.units.rootA}`)).statusCode).toBe(404);
    expect((await call(orgS2, 'GET', `/api/review/${world.units.s2}`)).json().children.map((c: { name: string }) => c.name)).toEqual(['S2 District']);
  });

  it('exports the deck as a PDF with a page per state and as a workbook', async () => {
    const pdf = await call(admin, 'GET', `/api/review/${world.units.rootA}/deck.pdf?lang=hi`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
    const xlsx = await call(admin, 'GET', `/api/review/${world.units.rootA}/deck.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
