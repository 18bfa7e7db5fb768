import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import { intArray } from './bulk.ts';
import { placeName, personName } from './names.ts';
import { createPlan, planGeography } from './plan.ts';
import { splitSizes, createRandom } from './random.ts';
import { seedDemo, type SeedResult } from './seed.ts';
import { planBooths } from './votes.ts';

describe('demo plan (pure)', () => {
  it('builds names that agree in both scripts', () => {
    expect(placeName(0)).toEqual(['Rampur', 'रामपुर']);
    expect(personName(7)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('splits within bounds and keeps the total', () => {
    const r = createRandom(3);
    for (const total of [25, 41, 199, 350]) {
      const sizes = splitSizes(r, total, 25, 40);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(total >= 25 ? 20 : 1);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(40);
    }
  });

  it('has the real Lok Sabha seat counts at national scale', () => {
    const plan = createPlan('national');
    const geos = plan.states.map((s) => planGeography(plan, s));
    expect(plan.states).toHaveLength(36);
    expect(plan.states.map((s) => s.code)).toContain('N36');
    expect(geos.reduce((n, g) => n + g.pcs.length, 0)).toBe(543);
    expect(geos.reduce((n, g) => n + g.acs.length, 0)).toBeGreaterThan(4100);
    const booths = geos.reduce((n, g) => n + g.boothCount, 0);
    expect(booths).toBeGreaterThan(1_000_000);
    expect(booths).toBeLessThan(1_100_000);
  });

  it('gives the same votes for a seed and different votes for another', () => {
    const votes = (seed: number) => {
      const plan = createPlan('state', seed);
      return intArray(planBooths(plan, planGeography(plan, plan.states[0])).elections[1].votes);
    };
    expect(votes(1)).toBe(votes(1));
    expect(votes(2)).not.toBe(votes(1));
  });
});

describe('state-scale demo seed', () => {
  let database: TestDatabase;
  let seeded: SeedResult;
  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;

  beforeAll(async () => {
    database = await freshDatabase();
    seeded = await seedDemo(database.db, { scale: 'state', organisation: false }); // the organisation: org.test.ts
  }, 240_000);
  afterAll(async () => { await database?.dispose(); });

  it('writes the expected geography, elections and unit tree', async () => {
    const [geo] = await q(sql<Record<string, number>>`select
      (select count(*) from states where code = 'D01' and is_demo) as states,
      (select count(*) from constituencies where state_code = 'D01' and house = 'LS') as pcs,
      (select count(*) from constituencies where state_code = 'D01' and house = 'AE') as acs,
      (select count(*) from constituencies where state_code = 'D01' and house = 'AE' and reservation = 'SC') as sc,
      (select count(*) from constituencies where state_code = 'D01' and house = 'AE' and reservation = 'ST') as st,
      (select count(*) from polling_stations where state_code = 'D01') as booths,
      (select count(*) from polling_stations where electors not between 500 and 1500) as bad_electors,
      (select count(distinct pc_no) from constituencies where state_code = 'D01' and house = 'AE') as pcs_with_acs,
      (select count(*) from elections where id in ('AE-D01-2018', 'AE-D01-2023') and is_demo and house = 'AE') as elections`);
    expect(geo).toMatchObject({ states: 1, pcs: 26, acs: 182, sc: 29, st: 15, bad_electors: 0, pcs_with_acs: 26, elections: 2 });
    expect(geo.booths).toBeGreaterThan(45_000);
    expect(geo.booths).toBeLessThan(55_000);
    const perAc = await q(sql<{ min: number; max: number }>`select min(n) as min, max(n) as max
      from (select count(*) as n from polling_stations where state_code = 'D01' group by ac_no) t`);
    expect(perAc[0].min).toBeGreaterThanOrEqual(200);
    expect(perAc[0].max).toBeLessThanOrEqual(350);
    expect(seeded.counts.polling_stations).toBe(geo.booths);
    expect(seeded.counts.booth_votes).toBe(geo.booths * 2);
    expect(seeded.counts.booth_candidates).toBe(182 * 7 * 2);
    expect(seeded.rows).toBe(Object.values(seeded.counts).reduce((a, b) => a + b, 0));
  });

  it('creates the demo tenants and a consistent unit tree', async () => {
    const tenants = await q(sql<{ slug: string; status: string; is_demo: boolean; units: number }>`
      select t.slug, t.status, t.is_demo, (select count(*) from units u where u.tenant_id = t.id) as units from tenants t order by slug`);
    expect(tenants.map((t) => [t.slug, t.status, t.is_demo])).toEqual([['demo', 'ready', true], ['demo-client-b', 'ready', true]]);
    expect(tenants[1].units).toBe(2);
    const [tree] = await q(sql<Record<string, number>>`select
      (select count(*) from units u join tenants t on t.id = u.tenant_id where t.slug = 'demo' and level = 'booth') as booth_units,
      (select count(*) from polling_stations where state_code = 'D01') as booths,
      (select count(*) from units u left join units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
        where u.path <> coalesce(p.path::text || '.' || u.id, u.id::text)::ltree) as bad_paths,
      (select count(*) from units u join unit_levels l using (tenant_id, level) where nlevel(u.path) <> l.depth + 1) as bad_depths,
      (select count(*) from unit_levels l join tenants t on t.id = l.tenant_id where t.slug = 'demo') as levels,
      (select count(*) from units u join tenants t on t.id = u.tenant_id where t.slug = 'demo' and level = 'booth'
        and (ac_no is null or part_no is null or state_code is null)) as booths_without_geo`);
    expect(tree).toMatchObject({ bad_paths: 0, bad_depths: 0, levels: 8, booths_without_geo: 0 });
    expect(tree.booth_units).toBe(tree.booths);
    const [{ next }] = await q(sql<{ next: boolean }>`select nextval(pg_get_serial_sequence('units', 'id')) > (select max(id) from units) as next`);
    expect(next).toBe(true);
  });

  it('reconciles: constituency results are the sum of their booths', async () => {
    const [check] = await q(sql<Record<string, number>>`select
      (select count(*) from (select r.election_id, r.constituency_no, r.party_code, r.votes, b.votes as booth_votes
        from results r left join (select election_id, ac_no, party_code, sum(votes) as votes from booth_results
          where state_code = 'D01' group by 1, 2, 3) b
          on b.election_id = r.election_id and b.ac_no = r.constituency_no and b.party_code = r.party_code
        where r.state_code = 'D01') t where booth_votes is distinct from votes) as result_mismatches,
      (select count(*) from constituency_turnout ct where ct.state_code = 'D01' and ct.valid_votes <> (select sum(votes)
        from results r where r.election_id = ct.election_id and r.state_code = ct.state_code and r.constituency_no = ct.constituency_no)) as turnout_mismatches,
      (select count(*) from booth_turnout bt where bt.voters <> (select sum(votes) from booth_results br where br.election_id = bt.election_id
        and br.state_code = bt.state_code and br.ac_no = bt.ac_no and br.part_no = bt.part_no)) as booth_mismatches,
      (select count(*) from results where state_code = 'D01') as results`);
    expect(check).toMatchObject({ result_mismatches: 0, turnout_mismatches: 0, booth_mismatches: 0, results: 182 * 7 * 2 });
  });

  it('has one winner per seat, realistic margins and several winning parties', async () => {
    const seats = await q(sql<{ election_id: string; winners: number; nota_ranked: number; margin: number; votes: number; party: string }>`
      select election_id, count(*) filter (where position = 1) as winners, count(*) filter (where party_code = 'NOTA' and position is not null) as nota_ranked,
        max(votes) filter (where position = 1) - max(votes) filter (where position = 2) as margin, sum(votes) as votes,
        max(party_code) filter (where position = 1) as party
      from results where state_code = 'D01' group by election_id, constituency_no`);
    expect(seats).toHaveLength(364);
    expect(seats.every((s) => s.winners === 1 && s.nota_ranked === 0)).toBe(true);
    for (const election of ['AE-D01-2018', 'AE-D01-2023']) {
      const shares = seats.filter((s) => s.election_id === election).map((s) => s.margin / s.votes).sort((a, b) => a - b);
      expect(shares[Math.floor(shares.length / 2)]).toBeGreaterThan(0.03);
      expect(shares[Math.floor(shares.length / 2)]).toBeLessThan(0.2);
    }
    const latest = seats.filter((s) => s.election_id === 'AE-D01-2023');
    expect(new Set(latest.map((s) => s.party)).size).toBeGreaterThanOrEqual(3);
    const demoParty = latest.filter((s) => s.party === 'DP').length;
    expect(demoParty).toBeGreaterThan(70);
    expect(demoParty).toBeLessThan(125);
    expect(seats.some((s) => s.margin < 1000)).toBe(true);       // some close seats
    expect(seats.some((s) => s.margin / s.votes > 0.2)).toBe(true); // and some landslides
  });

  it('replaces on a re-run, is identical for the same seed and differs for another', async () => {
    const before = await digest();
    const again = await seedDemo(database.db, { scale: 'state', seed: 1, organisation: false });
    expect(again.counts).toEqual({ ...seeded.counts, unit_levels: 8, units: seeded.counts.units - 2 }); // client B is kept, not redone
    expect(await digest()).toEqual(before);
    await seedDemo(database.db, { scale: 'state', seed: 2, organisation: false });
    const other = await digest();
    expect(other.results).not.toBe(before.results);
    expect(other.booths).not.toBe(before.booths);
    expect(other.tenants).toBe(2);
  }, 240_000);

  /** Checksums of what a seed writes; unit ids are left out, since they follow whatever units exist already. */
  async function digest() {
    const [d] = await q(sql<{ results: string; booths: string; units: string; tenants: number; rows: number }>`select
      (select md5(string_agg(concat_ws(':', election_id, constituency_no, seq, candidate, party_code, votes, position), ',' order by election_id, constituency_no, seq))
        from results where state_code = 'D01') as results,
      (select md5(string_agg(concat_ws(':', election_id, ac_no, part_no, party_code, votes), ',' order by election_id, ac_no, part_no, party_code))
        from booth_results where state_code = 'D01') as booths,
      (select md5(string_agg(concat_ws(':', u.level, u.name, u.name_hi, u.state_code, u.ac_no, u.part_no, nlevel(u.path)), ',' order by u.id))
        from units u join tenants t on t.id = u.tenant_id where t.slug = 'demo') as units,
      (select count(*) from tenants) as tenants,
      (select count(*) from booth_results) + (select count(*) from units) + (select count(*) from polling_stations) as rows`);
    return d;
  }
});
