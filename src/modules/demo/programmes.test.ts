// The default demo's programmes: four national tasks cascaded to every unit, booth reports whose sums
// match task_targets at every level, a review with laggards, leaders and a trend, leaders' tours that
// the coverage page reads, a training and a conference whose invitees are what their rules would draw,
// the same rows on a redo.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { eventBreakdown } from '../programmes/events-counts.ts';
import { materialiseInvitees } from '../programmes/events-invitees.ts';
import { countTrainedPeople, findTrainingGaps } from '../programmes/events-training.ts';
import type { InviteRule } from '../programmes/events.schemas.ts';
import { findCoverage } from '../programmes/tours.coverage.ts';
import { CoverageQuery, GroundReport, Meeting } from '../programmes/tours.schemas.ts';
import { getScorecard } from '../review/scorecard.service.ts';
import { seedDemoProgrammes } from './programmes.ts';
import { DEMO_COURSE } from './programmes-events.ts';
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

  let root: { id: number; path: string };
  let state: { id: number; path: string };
  let actor: Actor;

  beforeAll(async () => {
    database = await freshDatabase();
    seeded = await seedDemo(database.db, { scale: 'state', today: ANCHOR });
    [root, state] = await q(sql<{ id: number; path: string }>`select id, path::text as path from units
      where tenant_id = ${demo} and level in ('national', 'state') and wing is null order by id`);
    actor = { userId: '00000000-0000-0000-0000-000000000000', tenantId: seeded.tenantId, label: 'test', via: 'session', origin: {},
      grants: [{ id: 0, role: 'admin', unitId: root.id, unitPath: root.path, permissions: ['review.read', 'programmes.read', 'elections.read', 'org.read'] }] };
  }, 600_000);
  afterAll(async () => { await database?.dispose(); });

  it('cascades five national tasks to every unit of the main axis, booths as assignees', async () => {
    expect(seeded.programmes).toMatchObject({ tasks: 5, snapshots: 2, anchor: ANCHOR });
    const rows = await q(sql<{ title: string; kind: string; rows: number; assignees: number; units: number; booths: number; due_on: string }>`select
        t.title, t.kind, t.due_on, count(*)::int as rows, (count(*) filter (where tt.is_assignee))::int as assignees,
        (select count(*) from units u where u.tenant_id = t.tenant_id and u.wing is null)::int as units,
        (select count(*) from units u where u.tenant_id = t.tenant_id and u.wing is null and u.level = 'booth')::int as booths
      from tasks t join task_targets tt on tt.tenant_id = t.tenant_id and tt.task_id = t.id
      where t.tenant_id = ${demo} group by t.tenant_id, t.id order by t.id`);
    expect(rows.map((r) => [r.title, r.kind])).toEqual([['Form every booth committee', 'task'], ['Verify workers', 'task'],
      ['Wall paintings', 'task'], ['Train booth presidents', 'task'], ['Booth awareness drive', 'drive']]);
    for (const r of rows) expect([r.rows, r.assignees]).toEqual([r.units, r.booths]);
    expect(rows[4].due_on).toBe('2026-08-15');
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
        (select count(*) from tt join tasks t on t.tenant_id = tt.tenant_id and t.id = tt.task_id and t.metric <> 'trainees_completed'
          left join own o on o.task_id = tt.task_id and o.unit_id = tt.unit_id where tt.is_assignee and tt.reported <> coalesce(o.reported, 0))::int as booths,
        (select count(*) from tt join tasks t on t.tenant_id = tt.tenant_id and t.id = tt.task_id left join own o on o.task_id = tt.task_id and o.unit_id = tt.unit_id
          where tt.is_assignee and (tt.done_at is distinct from case when t.metric = 'completion' then o.first end))::int as done_at`);
    expect(bad).toEqual({ parents: 0, childless: 0, booths: 0, done_at: 0 });
    const roots = await q(sql<{ metric: string; target: number; reported: number; reports: number; value: number; booths: number }>`select t.metric,
        tt.target, tt.reported, (select count(*) from task_reports r where r.tenant_id = t.tenant_id and r.task_id = t.id)::int as reports,
        (select coalesce(sum(value), 0) from task_reports r where r.tenant_id = t.tenant_id and r.task_id = t.id)::int as value,
        (select count(*) from units u where u.tenant_id = t.tenant_id and u.level = 'booth' and u.wing is null)::int as booths
      from tasks t join task_targets tt on tt.tenant_id = t.tenant_id and tt.task_id = t.id and tt.parent_unit_id is null
      where t.tenant_id = ${demo} order by t.id`);
    expect(roots.map((r) => r.target)).toEqual([roots[0].booths, Math.round(roots[0].booths * 3.3), roots[0].booths * 4,
      Math.round(roots[0].booths * 0.15), roots[0].booths]);
    expect(roots[2].reported).toBe(roots[2].value);
    expect(roots[4].reported).toBe(roots[4].reports);
    expect(roots[2].reports / roots[2].booths).toBeGreaterThan(0.45);  // walls: about 55% of booths…
    expect(roots[4].reports / roots[4].booths).toBeGreaterThan(0.5);   // …the drive about 60%
    expect(roots[4].reports / roots[4].booths).toBeLessThan(0.7);
  });

  // Written with foreign-key triggers off (programmes.ts), so the keys are checked here instead.
  it('keeps every key the schema declares', async () => {
    const [orphans] = await q(sql<Record<string, number>>`select
      (select count(*) from task_reports r where not exists (select 1 from task_targets tt where tt.tenant_id = r.tenant_id and tt.task_id = r.task_id
        and tt.unit_id = r.unit_id and tt.unit_path = r.unit_path))::int as reports,
      (select count(*) from task_targets tt left join units u on u.tenant_id = tt.tenant_id and u.id = tt.unit_id
        where u.id is null or u.path <> tt.unit_path or u.parent_id is distinct from tt.parent_unit_id)::int as targets,
      (select count(*) from task_targets tt where not exists (select 1 from tasks t where t.tenant_id = tt.tenant_id and t.id = tt.task_id))::int as tasks,
      (select count(*) from tours t where not exists (select 1 from units u where u.tenant_id = t.tenant_id and u.id = t.unit_id and u.path = t.unit_path)
        or (t.leader_person_id is not null and not exists (select 1 from people p where p.tenant_id = t.tenant_id and p.id = t.leader_person_id)))::int as tours,
      (select count(*) from tour_visits v where not exists (select 1 from tours t where t.tenant_id = v.tenant_id and t.id = v.tour_id)
        or not exists (select 1 from units u where u.tenant_id = v.tenant_id and u.id = v.unit_id))::int as visits,
      (select count(*) from event_invitees i where not exists (select 1 from events e where e.tenant_id = i.tenant_id and e.id = i.event_id)
        or not exists (select 1 from people p where p.tenant_id = i.tenant_id and p.id = i.person_id))::int as invitees,
      (select count(*) from session_completions c where not exists (select 1 from event_invitees i where i.tenant_id = c.tenant_id and i.event_id = c.event_id
        and i.person_id = c.person_id) or not exists (select 1 from training_sessions s where s.tenant_id = c.tenant_id and s.event_id = c.event_id and s.no = c.no)
        or not exists (select 1 from people p where p.tenant_id = c.tenant_id and p.id = c.person_id and p.unit_path = c.unit_path))::int as completions`);
    expect(orphans).toEqual({ reports: 0, targets: 0, tasks: 0, tours: 0, visits: 0, invitees: 0, completions: 0 });
  });

  it('reviews the state with laggard and leading districts and a trend since the review a week earlier', async () => {
    const card = await withActor(database.db, actor, (tx) => getScorecard(tx, actor, state.id));
    expect(card.metrics).toHaveLength(5);
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

  it('tours central and state leaders over the last 60 days and the next 30, visits that the schemas read', async () => {
    const tours = await q(sql<{ central: boolean; status: string; leader_name_hi: string | null; starts_on: string; ends_on: string; visits: number }>`select
        nlevel(t.unit_path) = 1 as central, t.status, t.leader_name_hi, t.starts_on::text, t.ends_on::text,
        (select count(*) from tour_visits v where v.tenant_id = t.tenant_id and v.tour_id = t.id)::int as visits
      from tours t where t.tenant_id = ${demo}`);
    expect(tours.filter((t) => t.central).length).toBeGreaterThanOrEqual(3);
    expect(tours.filter((t) => !t.central).length).toBeGreaterThanOrEqual(3);
    for (const t of tours) {
      expect(t.status).toBe(t.ends_on < ANCHOR ? 'done' : 'planned');
      expect(t.starts_on >= '2026-06-21' && t.starts_on <= '2026-09-19', t.starts_on).toBe(true);
      expect(t.leader_name_hi).toBeTruthy();
      expect(t.visits).toBeGreaterThan(0);
    }
    expect(new Set(tours.map((t) => t.status))).toEqual(new Set(['done', 'planned']));
    const visits = await q(sql<{ meetings: unknown[]; ground_report: unknown; visit_on: string; starts_on: string; ends_on: string; seat_ok: boolean }>`select
        v.meetings, v.ground_report, v.visit_on::text, t.starts_on::text, t.ends_on::text,
        (u.level = 'ac' and v.house = 'AE' and v.state_code = u.state_code and v.constituency_no = u.ac_no and v.unit_path = u.path and v.tour_unit_path = t.unit_path) as seat_ok
      from tour_visits v join tours t on t.tenant_id = v.tenant_id and t.id = v.tour_id join units u on u.tenant_id = v.tenant_id and u.id = v.unit_id
      where v.tenant_id = ${demo}`);
    for (const v of visits) {
      expect(v.seat_ok).toBe(true);
      expect(v.visit_on >= v.starts_on && v.visit_on <= v.ends_on).toBe(true);
      for (const m of v.meetings) expect(Meeting.parse(m)).toEqual(m);
      if (v.visit_on < ANCHOR) expect(GroundReport.parse(v.ground_report)).toEqual(v.ground_report);
      else expect(v.ground_report).toBeNull();
    }
    expect(visits.filter((v) => v.visit_on < ANCHOR).flatMap((v) => v.meetings as { attendance: number }[]).every((m) => m.attendance > 0)).toBe(true);
  });

  it('shows weak seats on the coverage page, some visited by a central leader in the last 30 days and many not', async () => {
    const coverage = await withActor(database.db, actor, (tx) => findCoverage(tx, actor, CoverageQuery.parse({ election: 'AE-D01-2023', party: 'DP' }), ANCHOR));
    const { seats, weak, weakNotVisited, centralVisited } = coverage.counts;
    expect(seats).toBe(182);
    expect(weak).toBeGreaterThan(40);
    expect(weak - weakNotVisited).toBeGreaterThanOrEqual(5);      // weak seats a central leader came to…
    expect(weakNotVisited).toBeGreaterThan(weak / 2);              // …and more that none did
    expect(centralVisited).toBeGreaterThan(weak - weakNotVisited - 1);
    expect(coverage.items.some((s) => s.nextVisitOn !== null)).toBe(true);
    expect(coverage.items.some((s) => s.days > 0 && s.lastCentralVisitOn === null)).toBe(true); // visited by state leaders only
  });

  it('trains every booth president of the state, as the rule would invite them, with completion varying by district', async () => {
    const [training] = await q(sql<{ id: number; unit_id: number; kind: string; status: string; course_code: string; rules: InviteRule[]; sessions: number }>`select e.id, e.unit_id,
        e.kind, e.status, e.course_code, e.rules, (select count(*) from training_sessions s where s.tenant_id = e.tenant_id and s.event_id = e.id)::int as sessions
      from events e where e.tenant_id = ${demo} and e.kind = 'training'`);
    expect(training).toMatchObject({ unit_id: state.id, status: 'done', course_code: DEMO_COURSE, sessions: 3 });
    expect(await sameAsRule(training.id, state.path, training.rules)).toEqual({ missing: 0, extra: 0 });
    const byPerson = await q(sql<{ district: string; sessions: number }>`select subpath(i.unit_path, 2, 1)::text as district,
        (select count(*) from session_completions c where c.tenant_id = i.tenant_id and c.event_id = i.event_id and c.person_id = i.person_id)::int as sessions
      from event_invitees i where i.tenant_id = ${demo} and i.event_id = ${training.id}`);
    const trained = byPerson.filter((p) => p.sessions === 3).length;
    expect(trained).toBeGreaterThan(0);
    expect(byPerson.filter((p) => p.sessions === 1 || p.sessions === 2).length).toBeGreaterThan(0);
    const districts = new Map<string, number[]>();
    for (const p of byPerson) districts.set(p.district, [...(districts.get(p.district) ?? []), p.sessions]);
    const shares = [...districts.values()].map((ps) => ps.filter((n) => n > 0).length / ps.length).sort((a, b) => a - b);
    expect(shares.at(-1)! - shares[0]).toBeGreaterThan(0.2);
    const counted = await withActor(database.db, actor, (tx) => countTrainedPeople(tx, actor, [root.id, state.id]));
    expect([counted.get(root.id), counted.get(state.id)]).toEqual([trained, trained]);
    // The trainees task counts the same people at the root and the state, as its progress shows them.
    const task = await q(sql<{ unit_id: number; reported: number }>`select tt.unit_id, tt.reported from task_targets tt join tasks t on t.tenant_id = tt.tenant_id
      and t.id = tt.task_id where t.tenant_id = ${demo} and t.metric = 'trainees_completed' and t.course_code = ${DEMO_COURSE} and tt.depth <= 1 order by tt.depth`);
    expect(task.map((r) => r.reported)).toEqual([trained, trained]);
    const gaps = await withActor(database.db, actor, (tx) => findTrainingGaps(tx, actor, { unitId: state.id, level: 'booth', code: 'booth_president' }));
    expect(gaps.course).toBe(DEMO_COURSE);
    expect(gaps.holders).toBe(byPerson.length);
    expect(gaps.lacking).toBe(gaps.holders - trained);
    expect(gaps.items.length).toBeGreaterThan(0);
  });

  it('holds a national executive of national and state office-bearers with answers, passes and check-ins', async () => {
    const [conference] = await q(sql<{ id: number; unit_id: number; rules: InviteRule[] }>`select id, unit_id, rules from events
      where tenant_id = ${demo} and kind = 'conference'`);
    expect(conference.unit_id).toBe(root.id);
    expect(await sameAsRule(conference.id, root.path, conference.rules)).toEqual({ missing: 0, extra: 0 });
    const { total, byState, byWing } = await withActor(database.db, actor, (tx) => eventBreakdown(tx, actor, conference.id));
    expect(total.invited).toBeGreaterThan(20);
    expect(total.yes).toBeGreaterThan(total.invited / 2);
    expect(total.registered).toBeGreaterThan(total.invited / 2);
    expect(total.checkedIn).toBeGreaterThan(0);
    expect(total.checkedIn).toBeLessThan(total.registered);
    expect(byState.map((s) => s.unitId)).toContain(state.id);
    expect(byWing.some((w) => w.wing !== null)).toBe(true);
    const [passes] = await q(sql<{ bad: number; distinct: number; all: number }>`select count(*) filter (where credential !~ '^[A-Za-z0-9_-]{24}$')::int as bad,
      count(distinct credential)::int as distinct, count(credential)::int as all from event_invitees where tenant_id = ${demo}`);
    expect(passes).toMatchObject({ bad: 0, distinct: passes.all });
  });

  it('writes the same programmes again for the same seed and day', async () => {
    const before = await digest();
    const again = await seedDemoProgrammes(database.db, { scale: 'state', today: ANCHOR });
    expect(again).toMatchObject({ ...seeded.programmes, counts: seeded.programmes.counts });
    expect(seeded.programmes.counts).toMatchObject({ tours: expect.any(Number), tour_visits: expect.any(Number), events: 2, training_sessions: 3,
      event_invitees: expect.any(Number), session_completions: expect.any(Number) });
    const [rows] = await q(sql<Record<string, number>>`select (select count(*) from tours where tenant_id = ${demo})::int as tours,
      (select count(*) from tour_visits where tenant_id = ${demo})::int as tour_visits, (select count(*) from events where tenant_id = ${demo})::int as events,
      (select count(*) from event_invitees where tenant_id = ${demo})::int as event_invitees,
      (select count(*) from session_completions where tenant_id = ${demo})::int as session_completions`);
    expect(seeded.programmes.counts).toMatchObject(rows);
    expect(await digest()).toEqual(before);
  }, 120_000);

  /**
   * Whether an event's invitees are exactly who its rules draw (person, path, wing, reason): the product's
   * own materialisation into a scratch event, in a transaction that is rolled back.
   */
  async function sameAsRule(eventId: number, within: string, rules: InviteRule[]): Promise<{ missing: number; extra: number }> {
    let out = { missing: -1, extra: -1 };
    await database.db.transaction().execute(async (tx) => {
      const scratch = await tx.insertInto('events').values({ tenant_id: seeded.tenantId, kind: 'meeting', title: 'scratch', starts_at: ANCHOR, ends_at: ANCHOR,
        unit_id: root.id, unit_path: root.path, created_by: null }).returning('id').executeTakeFirstOrThrow();
      await materialiseInvitees(tx, { tenantId: seeded.tenantId, within: rules.map(() => within) }, scratch.id, rules);
      const diff = (a: number, b: number) => sql<{ n: number }>`select count(*)::int as n from (
        select person_id, unit_path, wing, reason from event_invitees where tenant_id = ${seeded.tenantId} and event_id = ${a}
        except select person_id, unit_path, wing, reason from event_invitees where tenant_id = ${seeded.tenantId} and event_id = ${b}) x`;
      out = { missing: (await diff(scratch.id, eventId).execute(tx)).rows[0].n, extra: (await diff(eventId, scratch.id).execute(tx)).rows[0].n };
      throw new Rollback();
    }).catch((err: unknown) => { if (!(err instanceof Rollback)) throw err; });
    return out;
  }

  /** Checksums by unit, person and title, not by the tasks', tours' or events' ids. */
  async function digest() {
    const [d] = await q(sql<Record<string, string>>`select
      (select md5(string_agg(concat_ws(':', t.title, t.leader_name, t.leader_person_id, t.unit_id, t.starts_on, t.ends_on, t.status, t.stay, t.notes, v.unit_id,
          v.visit_on, v.meetings::text, v.ground_report::text), ',' order by t.title, t.leader_name, t.starts_on, v.visit_on, v.unit_id))
        from tours t join tour_visits v on v.tenant_id = t.tenant_id and v.tour_id = t.id where t.tenant_id = ${demo}) as tours,
      (select md5(string_agg(concat_ws(':', e.title, e.starts_at, i.person_id, i.unit_path, i.wing, i.reason, i.rsvp, i.rsvp_at, i.registered_at, i.credential, i.checked_in_at),
          ',' order by e.title, i.person_id))
        from events e join event_invitees i on i.tenant_id = e.tenant_id and i.event_id = e.id where e.tenant_id = ${demo}) as invitees,
      (select md5(string_agg(concat_ws(':', e.title, c.no, c.person_id, c.unit_path, c.completed_at), ',' order by e.title, c.no, c.person_id))
        from events e join session_completions c on c.tenant_id = e.tenant_id and c.event_id = e.id where e.tenant_id = ${demo}) as completions,
      (select string_agg(concat_ws(':', level, code, required_course), ',' order by level, code) from designation_types where tenant_id = ${demo}) as courses,
      (select md5(string_agg(concat_ws(':', t.title, tt.unit_id, tt.target, tt.reported, tt.done_at), ',' order by t.title, tt.unit_id))
        from task_targets tt join tasks t on t.tenant_id = tt.tenant_id and t.id = tt.task_id where tt.tenant_id = ${demo}) as targets,
      (select md5(string_agg(concat_ws(':', t.title, r.unit_id, r.value, r.note, r.at), ',' order by t.title, r.unit_id, r.at))
        from task_reports r join tasks t on t.tenant_id = r.tenant_id and t.id = r.task_id where r.tenant_id = ${demo}) as reports,
      (select string_agg(concat_ws(':', s.unit_id, s.taken_at, jsonb_array_length(jsonb_path_query_array(s.figures, '$.children.*'))), ',' order by s.unit_id)
        from review_snapshots s where s.tenant_id = ${demo}) as snapshots`);
    return d;
  }
});

class Rollback extends Error {}
