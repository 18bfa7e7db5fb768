// The default demo's programmes: four national tasks cascaded to every unit, booth reports whose sums
// match task_targets at every level, a review with laggards, leaders and a trend, the same rows on a redo.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { getScorecard } from '../review/scorecard.service.ts';
import { seedDemoProgrammes } from './programmes.ts';
import { splitWhole } from './programmes-tree.ts';
import { seedDemo, type SeedResult } from './seed.ts';

const ANCHOR = '2026-08-20';

describe('demo programmes (pure)', () => {
  it('splits by largest remainder, ties to the lower id, equally when nothing weighs', () => {
    expect(splitWhole(1003, [6, 4], [1, 2])).toEqual([602, 401]);
    expect(splitWhole(7, [1, 1], [5, 3])).toEqual([3, 4]);
    expect(splitWhole(5, [0, 0, 0], [1, 2, 3])).toEqual([2, 2, 1]);
  });
});

describe('state-scale demo programmes', () => {
  let database: TestDatabase;
  let seeded: SeedResult;
  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;
  const demo = sql`(select id from tenants where slug = 'demo')`;

  beforeAll(async () => {
    database = await freshDatabase();
    seeded = await seedDemo(database.db, { scale: 'state', today: ANCHOR });
  }, 600_000);
  afterAll(async () => { await database?.dispose(); });

  it('cascades four national tasks to every unit of the main axis, booths as assignees', async () => {
    expect(seeded.programmes).toMatchObject({ tasks: 4, snapshots: 2, anchor: ANCHOR });
    const rows = await q(sql<{ title: string; kind: string; rows: number; assignees: number; units: number; booths: number; due_on: string }>`select
        t.title, t.kind, t.due_on, count(*)::int as rows, (count(*) filter (where tt.is_assignee))::int as assignees,
        (select count(*) from units u where u.tenant_id = t.tenant_id and u.wing is null)::int as units,
        (select count(*) from units u where u.tenant_id = t.tenant_id and u.wing is null and u.level = 'booth')::int as booths
      from tasks t join task_targets tt on tt.tenant_id = t.tenant_id and tt.task_id = t.id
      where t.tenant_id = ${demo} group by t.tenant_id, t.id order by t.id`);
    expect(rows.map((r) => [r.title, r.kind])).toEqual([['Form every booth committee', 'task'], ['Verify workers', 'task'],
      ['Wall paintings', 'task'], ['Booth awareness drive', 'drive']]);
    for (const r of rows) expect([r.rows, r.assignees]).toEqual([r.units, r.booths]);
    expect(rows[3].due_on).toBe('2026-08-15');
    expect(seeded.programmes.targets).toBe(rows.reduce((n, r) => n + r.rows, 0));
  });

  it('adds up: children to their parent\'s target and reports to every row\'s sum', async () => {
    const [bad] = await q(sql<Record<string, number>>`with tt as (select * from task_targets where tenant_id = ${demo}),
      kids as (select task_id, parent_unit_id, sum(target)::int as target, sum(reported)::int as reported from tt where parent_unit_id is not null group by 1, 2),
      own as (select r.task_id, r.unit_id, case when t.metric = 'completion' then 1 else sum(r.value) end::int as reported, min(r.at) as first
        from task_reports r join tasks t on t.tenant_id = r.tenant_id and t.id = r.task_id where r.tenant_id = ${demo} group by 1, 2, t.metric)
      select
        (select count(*) from tt join kids k on k.task_id = tt.task_id and k.parent_unit_id = tt.unit_id where k.target <> tt.target or k.reported <> tt.reported)::int as parents,
        (select count(*) from tt where not is_assignee and not exists (select 1 from kids k where k.task_id = tt.task_id and k.parent_unit_id = tt.unit_id))::int as childless,
        (select count(*) from tt left join own o on o.task_id = tt.task_id and o.unit_id = tt.unit_id where tt.is_assignee and tt.reported <> coalesce(o.reported, 0))::int as booths,
        (select count(*) from tt join tasks t on t.tenant_id = tt.tenant_id and t.id = tt.task_id left join own o on o.task_id = tt.task_id and o.unit_id = tt.unit_id
          where tt.is_assignee and (tt.done_at is distinct from case when t.metric = 'completion' then o.first end))::int as done_at`);
    expect(bad).toEqual({ parents: 0, childless: 0, booths: 0, done_at: 0 });
    const roots = await q(sql<{ metric: string; target: number; reported: number; reports: number; value: number; booths: number }>`select t.metric,
        tt.target, tt.reported, (select count(*) from task_reports r where r.tenant_id = t.tenant_id and r.task_id = t.id)::int as reports,
        (select coalesce(sum(value), 0) from task_reports r where r.tenant_id = t.tenant_id and r.task_id = t.id)::int as value,
        (select count(*) from units u where u.tenant_id = t.tenant_id and u.level = 'booth' and u.wing is null)::int as booths
      from tasks t join task_targets tt on tt.tenant_id = t.tenant_id and tt.task_id = t.id and tt.parent_unit_id is null
      where t.tenant_id = ${demo} order by t.id`);
    expect(roots.map((r) => r.target)).toEqual([roots[0].booths, Math.round(roots[0].booths * 3.3), roots[0].booths * 4, roots[0].booths]);
    expect(roots[2].reported).toBe(roots[2].value);
    expect(roots[3].reported).toBe(roots[3].reports);
    expect(roots[2].reports / roots[2].booths).toBeGreaterThan(0.45);  // walls: about 55% of booths…
    expect(roots[3].reports / roots[3].booths).toBeGreaterThan(0.5);   // …the drive about 60%
    expect(roots[3].reports / roots[3].booths).toBeLessThan(0.7);
  });

  // Written with foreign-key triggers off (programmes.ts), so the keys are checked here instead.
  it('keeps every key the schema declares', async () => {
    const [orphans] = await q(sql<Record<string, number>>`select
      (select count(*) from task_reports r where not exists (select 1 from task_targets tt where tt.tenant_id = r.tenant_id and tt.task_id = r.task_id
        and tt.unit_id = r.unit_id and tt.unit_path = r.unit_path))::int as reports,
      (select count(*) from task_targets tt left join units u on u.tenant_id = tt.tenant_id and u.id = tt.unit_id
        where u.id is null or u.path <> tt.unit_path or u.parent_id is distinct from tt.parent_unit_id)::int as targets,
      (select count(*) from task_targets tt where not exists (select 1 from tasks t where t.tenant_id = tt.tenant_id and t.id = tt.task_id))::int as tasks`);
    expect(orphans).toEqual({ reports: 0, targets: 0, tasks: 0 });
  });

  it('reviews the state with laggard and leading districts and a trend since the review a week earlier', async () => {
    const units = await q(sql<{ id: number; path: string; level: string }>`select id, path::text as path, level from units
      where tenant_id = ${demo} and level in ('national', 'state') and wing is null order by id`);
    const [root, state] = units;
    const actor: Actor = { userId: '00000000-0000-0000-0000-000000000000', tenantId: seeded.tenantId, label: 'test', via: 'session', origin: {},
      grants: [{ id: 0, role: 'admin', unitId: root.id, unitPath: root.path, permissions: ['review.read', 'programmes.read'] }] };
    const card = await withActor(database.db, actor, (tx) => getScorecard(tx, actor, state.id));
    expect(card.metrics).toHaveLength(4);
    expect(card.lastReviewAt).toBe('2026-08-13T12:30:00.000Z');
    for (const m of card.metrics) expect(m.previousAttainment, m.title).not.toBeNull();
    expect(card.metrics.find((m) => m.kind === 'drive')!.previousAttainment!).toBeLessThan(card.metrics.find((m) => m.kind === 'drive')!.attainment!);
    expect(card.children.length).toBeGreaterThan(15);
    expect(card.lacking.length).toBeGreaterThan(0);
    const spread = card.children[0].attainment! - card.children.at(-1)!.attainment!;
    expect(spread).toBeGreaterThan(0.2);
    const national = await withActor(database.db, actor, (tx) => getScorecard(tx, actor, root.id));
    expect(national.children.map((c) => c.id)).toEqual([state.id]);
  });

  it('writes the same programmes again for the same seed and day', async () => {
    const before = await digest();
    const again = await seedDemoProgrammes(database.db, { scale: 'state', today: ANCHOR });
    expect(again).toMatchObject({ ...seeded.programmes, counts: expect.anything() });
    expect(await digest()).toEqual(before);
  }, 120_000);

  /** Checksums by unit and task title, not by the tasks' ids. */
  async function digest() {
    const [d] = await q(sql<{ targets: string; reports: string; snapshots: string }>`select
      (select md5(string_agg(concat_ws(':', t.title, tt.unit_id, tt.target, tt.reported, tt.done_at), ',' order by t.title, tt.unit_id))
        from task_targets tt join tasks t on t.tenant_id = tt.tenant_id and t.id = tt.task_id where tt.tenant_id = ${demo}) as targets,
      (select md5(string_agg(concat_ws(':', t.title, r.unit_id, r.value, r.note, r.at), ',' order by t.title, r.unit_id, r.at))
        from task_reports r join tasks t on t.tenant_id = r.tenant_id and t.id = r.task_id where r.tenant_id = ${demo}) as reports,
      (select string_agg(concat_ws(':', s.unit_id, s.taken_at, jsonb_array_length(jsonb_path_query_array(s.figures, '$.children.*'))), ',' order by s.unit_id)
        from review_snapshots s where s.tenant_id = ${demo}) as snapshots`);
    return d;
  }
});
