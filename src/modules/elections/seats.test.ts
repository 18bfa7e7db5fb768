import { describe, expect, it } from 'vitest';
import { signInAs, startWorld } from '../../../test/builders.ts';
import { boothGrade } from './seat-classes.ts';
import { afterAll } from 'vitest';

const { app, close } = await startWorld();
afterAll(close);

async function seats(query: string) {
  const c = await signInAs(app, 'viewer-a@test.warroom');
  const res = await app.inject({ url: `/api/seats?${query}`, headers: c.headers() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('seat classes', () => {
  it('classifies every seat for a party against the earlier elections', async () => {
    const out = await seats('election=SWEEP-2019&party=AAA&strongholdRuns=2');
    const by = Object.fromEntries(out.items.map((s: { constituencyNo: number }) => [s.constituencyNo, s]));
    expect(out.comparedWith).toEqual(['SWEEP-2014', 'SWEEP-2019']);
    expect(by[1].classes).toEqual(['held', 'stronghold']);
    expect(by[1].marginVotes).toBe(21_000);
    expect(by[2].classes).toEqual(expect.arrayContaining(['battleground', 'never-won', 'lost-close']));
    expect(by[2].partyLead).toBe(-900);
    expect(by[2].runnerUpParty).toBe('AAA');
    expect(by[3].classes).toEqual(['never-won']);
    expect(by[3].shareTrend.map((t: { share: number }) => t.share)).toEqual([13.33, 36.23]);
    expect(by[4].uncontested).toBe(true);
    expect(by[4].winnerParty).toBe('BBB');
    expect(out.counts).toMatchObject({ seats: 4, held: 1, stronghold: 1, 'never-won': 3 });
  });

  it('filters: won, never won, lost by under V votes, reserved', async () => {
    expect((await seats('election=SWEEP-2019&party=AAA&won=true')).items.map((s: { constituencyNo: number }) => s.constituencyNo)).toEqual([1]);
    expect((await seats('election=SWEEP-2019&party=AAA&neverWon=true')).items).toHaveLength(3);
    expect((await seats('election=SWEEP-2019&party=AAA&lostByUnder=1000')).items.map((s: { constituencyNo: number }) => s.constituencyNo)).toEqual([2]);
    expect((await seats('election=SWEEP-2019&party=AAA&lostByUnder=500')).items).toHaveLength(0);
    expect((await seats('election=SWEEP-2019&party=AAA&reserved=SC')).items.map((s: { constituencyNo: number }) => s.constituencyNo)).toEqual([3]);
  });

  it('answers 404 for an unknown election and names the bad field', async () => {
    const c = await signInAs(app, 'viewer-a@test.warroom');
    expect((await app.inject({ url: '/api/seats?election=NOPE-1&party=AAA', headers: c.headers() })).statusCode).toBe(404);
    const bad = await app.inject({ url: '/api/seats?election=lower&party=AAA', headers: c.headers() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('election');
  });

  it('grades booths A to D', async () => {
    expect([boothGrade(60, 40, 100), boothGrade(52, 48, 100), boothGrade(45, 50, 100), boothGrade(10, 80, 100), boothGrade(0, 0, 0)]).toEqual(['A', 'B', 'C', 'D', 'D']);
    const c = await signInAs(app, 'viewer-a@test.warroom');
    const res = await app.inject({ url: '/api/constituencies/T01/2/booth-grades?election=SWEEP-2019&party=AAA', headers: c.headers() });
    expect(res.json().items.map((b: { grade: string }) => b.grade)).toEqual(['A', 'D']);
  });
});

describe('constituency and exports', () => {
  it('shows a constituency with every election, shares and turnout', async () => {
    const c = await signInAs(app, 'viewer-a@test.warroom');
    const res = await app.inject({ url: '/api/constituencies/T01/AE/2', headers: c.headers() });
    expect(res.statusCode).toBe(200);
    const seat = res.json();
    expect(seat.name).toBe('Seat 2');
    expect(seat.elections.map((e: { id: string }) => e.id)).toEqual(['SWEEP-2019', 'SWEEP-2014']);
    expect(seat.elections[0].candidates[0]).toMatchObject({ party: 'BBB', votes: 40_900, position: 1 });
    expect((await app.inject({ url: '/api/constituencies/T01/AE/99', headers: c.headers() })).statusCode).toBe(404);
  });

  it('exports the seat table as CSV and XLSX', async () => {
    const c = await signInAs(app, 'viewer-a@test.warroom');
    const csv = await app.inject({ url: '/api/seats/export?election=SWEEP-2019&party=AAA&format=csv', headers: c.headers() });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('State,State name,No,Constituency');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(5);
    const xlsx = await app.inject({ url: '/api/seats/export?election=SWEEP-2019&party=AAA&format=xlsx', headers: c.headers() });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK'); // a zip container, as XLSX is
  });
});
