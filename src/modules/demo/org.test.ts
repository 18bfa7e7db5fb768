import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import { normalisePhone } from '../../shared/phones.ts';
import { workerName } from './names.ts';
import { demoPhone } from './org.ts';
import { seedDemo, type SeedResult } from './seed.ts';

describe('demo organisation (pure)', () => {
  it('gives distinct, valid Indian mobiles', () => {
    const seen = new Set<string>();
    for (let k = 0; k < 200_000; k++) seen.add(demoPhone(k));
    expect(seen.size).toBe(200_000);
    // Far indices too (the national demo has ~10.5 million people).
    for (const k of [0, 1, 65_535, 65_536, 9_999_999, 12_345_678, 99_999_999]) {
      const phone = demoPhone(k);
      expect(normalisePhone(phone)).toEqual({ e164: phone });
    }
    expect(demoPhone(12_345_678)).not.toBe(demoPhone(12_345_679));
  });

  it('names workers in both scripts, women with women\'s names', () => {
    expect(workerName(1, true)).toEqual(workerName(1, true));
    const [latin, devanagari] = workerName(7, false);
    expect(latin).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(devanagari).toMatch(/^[\u0900-\u097F]+ [\u0900-\u097F]+$/);
  });
});

describe('state-scale demo organisation', () => {
  let database: TestDatabase;
  let seeded: SeedResult;
  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;

  beforeAll(async () => {
    database = await freshDatabase();
    seeded = await seedDemo(database.db, { scale: 'state' });
  }, 400_000);
  afterAll(async () => { await database?.dispose(); });

  it('has plausible people: ~3–4 a booth, women, SC/ST, unverified shares', async () => {
    const [p] = await q(sql<Record<string, number>>`select
      (select count(*) from units u join tenants t on t.id = u.tenant_id where t.slug = 'demo' and u.level = 'booth' and u.wing is null)::int as booths,
      count(*)::int as people,
      (count(*) filter (where p.gender = 'female'))::float / count(*) as women,
      (count(*) filter (where p.category in ('SC', 'ST')))::float / count(*) as sc_st,
      (count(*) filter (where not p.is_verified))::float / count(*) as unverified,
      (count(*) filter (where p.epic is not null))::float / count(*) as with_epic,
      count(distinct p.age_band)::int as age_bands,
      (count(*) filter (where p.home_unit_id is null))::int as homeless,
      (count(*) filter (where p.name_hi !~ '^[\u0900-\u097F ]+$'))::int as bad_hindi
      from people p join tenants t on t.id = p.tenant_id where t.slug = 'demo'`);
    expect(p.people).toBe(seeded.organisation.people);
    expect(p.people / p.booths).toBeGreaterThan(2.5);
    expect(p.people / p.booths).toBeLessThan(5);
    expect(p.women).toBeGreaterThan(0.3);
    expect(p.women).toBeLessThan(0.4);
    expect(p.sc_st).toBeGreaterThan(0.15);
    expect(p.unverified).toBeGreaterThan(0.2);
    expect(p.unverified).toBeLessThan(0.4);
    expect(p.with_epic).toBeGreaterThan(0.6);
    expect(p).toMatchObject({ age_bands: 5, homeless: 0, bad_hindi: 0 });
  });

  it('gives every person a unique, valid mobile', async () => {
    const rows = await q(sql<{ phone: string }>`select phone from people p join tenants t on t.id = p.tenant_id where t.slug = 'demo'`);
    expect(new Set(rows.map((r) => r.phone)).size).toBe(rows.length);
    const bad = rows.filter((r) => { const n = normalisePhone(r.phone); return !('e164' in n) || n.e164 !== r.phone; });
    expect(bad).toEqual([]);
  });

  it('fills committees unevenly at every level, with panna pramukhs on real pages', async () => {
    const levels = await q(sql<{ level: string; units: number; with_head: number }>`select u.level, count(distinct u.id)::int as units,
        count(distinct d.unit_id) filter (where dt.is_head)::int as with_head
      from units u join tenants t on t.id = u.tenant_id and t.slug = 'demo'
      left join designations d on d.tenant_id = u.tenant_id and d.unit_id = u.id and d.to_date is null
      left join designation_types dt on dt.tenant_id = d.tenant_id and dt.level = d.level and dt.code = d.code
      where u.wing is null group by u.level`);
    const by = Object.fromEntries(levels.map((l) => [l.level, l]));
    for (const level of ['national', 'state', 'district', 'ac', 'mandal', 'shakti_kendra', 'booth']) expect(by[level].with_head, level).toBeGreaterThan(0);
    expect(by.booth.with_head / by.booth.units).toBeGreaterThan(0.15);  // many booths have a president…
    expect(by.booth.with_head / by.booth.units).toBeLessThan(0.6);      // …and many do not
    const [pages] = await q(sql<{ pramukhs: number; beyond: number; ended: number }>`select
      (count(*) filter (where d.code = 'panna_pramukh'))::int as pramukhs,
      (count(*) filter (where d.code = 'panna_pramukh' and d.seat > ceil(ps.electors / 30.0)))::int as beyond,
      (count(*) filter (where d.to_date is not null))::int as ended
      from designations d join tenants t on t.id = d.tenant_id and t.slug = 'demo'
      join units u on u.tenant_id = d.tenant_id and u.id = d.unit_id
      left join polling_stations ps on ps.state_code = u.state_code and ps.ac_no = u.ac_no and ps.part_no = u.part_no`);
    expect(pages.pramukhs).toBeGreaterThan(10_000);
    expect(pages.beyond).toBe(0);
    expect(pages.ended).toBeGreaterThan(0);
  });

  it('grades booths A to D and rolls the figures up', async () => {
    const grades = await q(sql<{ grade: string; n: number }>`select o.grade, count(*)::int as n from unit_own_strength o
      join tenants t on t.id = o.tenant_id and t.slug = 'demo' where o.is_booth group by o.grade order by o.grade`);
    expect(grades.map((g) => g.grade)).toEqual(['A', 'B', 'C', 'D']);
    for (const g of grades) expect(g.n).toBeGreaterThan(500);
    const [root] = await q(sql<{ workers: number; booths: number }>`select sum(s.workers)::int as workers, sum(s.booths)::int as booths
      from unit_strength s join units u on u.tenant_id = s.tenant_id and u.id = s.unit_id join tenants t on t.id = u.tenant_id and t.slug = 'demo'
      where u.parent_id is null`);
    expect(root.workers).toBe(seeded.organisation.people);
    expect(root.booths).toBeGreaterThan(45_000);
  });

  it('has wings, representatives, inductees at every step, and duplicates to merge', async () => {
    const [x] = await q(sql<Record<string, number | string[]>>`select
      (select array_agg(distinct u.level || ':' || u.wing order by u.level || ':' || u.wing) from units u join tenants t on t.id = u.tenant_id and t.slug = 'demo' where u.wing is not null) as wings,
      (select array_agg(distinct r.office order by r.office) from representatives r join tenants t on t.id = r.tenant_id and t.slug = 'demo') as offices,
      (select count(*) from representatives r join tenants t on t.id = r.tenant_id and t.slug = 'demo'
        left join constituencies c on c.state_code = r.state_code and c.house = r.house and c.no = r.constituency_no
        where r.office in ('mp', 'mla') and c.no is null)::int as unmatched_seats,
      (select array_agg(distinct i.status order by i.status) from inductees i join tenants t on t.id = i.tenant_id and t.slug = 'demo') as statuses,
      (select count(*) from inductee_events e join tenants t on t.id = e.tenant_id and t.slug = 'demo' where e.kind = 'step')::int as steps,
      (select count(*) from (select p.epic from people p join tenants t on t.id = p.tenant_id and t.slug = 'demo' where p.epic is not null group by p.epic having count(*) > 1) d)::int as same_epic,
      (select count(*) from (select p.home_unit_id, p.name from people p join tenants t on t.id = p.tenant_id and t.slug = 'demo' where p.epic is null
        group by p.home_unit_id, p.name, p.gender, p.age_band having count(*) > 1) d)::int as same_name`);
    expect(x.wings).toEqual(expect.arrayContaining(['district:women', 'district:youth', 'state:women', 'state:youth']));
    expect(x.offices).toEqual(expect.arrayContaining(['district_panchayat_chair', 'mayor', 'mla', 'mp']));
    expect(x.unmatched_seats).toBe(0);
    expect(x.statuses).toEqual(['approved', 'designated', 'proposed', 'rejected', 'vetted']);
    expect(x.steps).toBeGreaterThan(0);
    expect(x.same_epic).toBeGreaterThan(3);
    expect(x.same_name).toBeGreaterThan(3);
  });

  // A second seed into a fresh database, not a redo in this one: deleting 200,000 people runs the
  // self-referencing foreign keys' actions (vouched_by, merged_into) row by row without an index.
  it('is deterministic: the same seed writes the same organisation', async () => {
    const before = await digest(database.db);
    const other = await freshDatabase();
    try {
      const again = await seedDemo(other.db, { scale: 'state' });
      expect(again.organisation).toEqual(seeded.organisation);
      expect(await digest(other.db)).toEqual(before);
    } finally {
      await other.dispose();
    }
  }, 400_000);

  /** Checksums of people and designations, by phone and unit rather than by person id. */
  async function digest(db: TestDatabase['db']) {
    const [d] = (await sql<{ people: string; designations: string; offices: string }>`select
      (select md5(string_agg(concat_ws(':', p.phone, p.name, p.name_hi, p.gender, p.age_band, p.category, p.epic, p.home_unit_id, p.is_verified, p.wings::text), ',' order by p.phone))
        from people p join tenants t on t.id = p.tenant_id and t.slug = 'demo') as people,
      (select md5(string_agg(concat_ws(':', d.unit_id, d.code, d.seat, p.phone, d.from_date, d.to_date), ',' order by d.unit_id, d.code, d.seat, d.from_date, p.phone))
        from designations d join people p on p.tenant_id = d.tenant_id and p.id = d.person_id join tenants t on t.id = d.tenant_id and t.slug = 'demo') as designations,
      (select md5(string_agg(concat_ws(':', r.office, r.house, r.constituency_no, r.body, p.phone), ',' order by p.phone))
        from representatives r join people p on p.tenant_id = r.tenant_id and p.id = r.person_id join tenants t on t.id = r.tenant_id and t.slug = 'demo') as offices`
      .execute(db)).rows;
    return d;
  }
});
