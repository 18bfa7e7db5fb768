// The demo call centre: its agents, contacts at real booths, two campaigns with valid scripts, a week of
// calls whose answers follow the scripts, queue rows where those calls left them, and a caller who can
// claim a contact from it.
import { sql } from 'kysely';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import type { Actor } from '../../db/scope.ts';
import { claimNext } from '../outreach/outreach.service.ts';
import { checkAnswers, Goal, Script, type Answers } from '../outreach/script.ts';
import { DEMO_AGENTS, DEMO_CENTRE, writeOutreach, type OutreachResult } from './outreach.ts';
import { demoPhone } from './outreach-plan.ts';
import { seedDemo } from './seed.ts';
import { createDemoUsers } from './users.ts';

describe('demo call centre', () => {
  let database: TestDatabase;
  let seeded: OutreachResult;
  let seconds = 0;
  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;
  const demo = sql`(select id from tenants where slug = 'demo')`;

  beforeAll(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, { scale: 'state', organisation: false });
    await createDemoUsers(database.db, 'demo');
    const started = performance.now();
    seeded = await writeOutreach(database.db, { scale: 'state', tenantSlug: 'demo' });
    seconds = (performance.now() - started) / 1000;
    console.log(`demo outreach phase: ${seconds.toFixed(2)} s`, seeded.counts);
  }, 600_000);
  afterAll(async () => { await database?.dispose(); });

  it('makes valid, distinct Indian mobiles', () => {
    const phones = Array.from({ length: 2_000 }, (_, i) => demoPhone(i * 20));
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.every((p) => isValidPhoneNumber(p))).toBe(true);
  });

  it('has the centre at the manager\'s state unit with eight agents', async () => {
    const [centre] = await q(sql<{ id: number; name: string; place: string; languages: string[]; manager_here: boolean; caller_here: boolean }>`select c.id, c.name, c.place, c.languages,
        exists (select 1 from grants g join users u on u.id = g.user_id where g.tenant_id = c.tenant_id and g.unit_id = c.unit_id and u.email = 'manager@demo.warroom') as manager_here,
        exists (select 1 from grants g join users u on u.id = g.user_id where g.tenant_id = c.tenant_id and g.unit_id = c.unit_id and u.email = 'caller@demo.warroom') as caller_here
      from call_centres c where c.tenant_id = ${demo}`);
    expect(centre).toMatchObject({ name: DEMO_CENTRE, place: 'Lucknow', languages: ['hi', 'en'], manager_here: true, caller_here: true });
    expect(Number(centre.id)).toBe(seeded.centreId);
    const agents = await q(sql<{ email: string; languages: string[]; callers: number }>`select u.email, a.languages,
        (select count(*) from grants g where g.user_id = u.id and g.tenant_id = a.tenant_id and g.role_code in ('caller', 'callcentre_manager'))::int as callers
      from centre_agents a join users u on u.id = a.user_id where a.tenant_id = ${demo} order by u.email`);
    expect(agents.map((a) => a.email)).toEqual([...DEMO_AGENTS.map((a) => a.email), 'caller@demo.warroom', 'manager@demo.warroom']);
    expect(agents.every((a) => a.callers === 1)).toBe(true);
    expect(agents.find((a) => a.email === 'caller@demo.warroom')!.languages).toEqual(['hi', 'en']);
  });

  it('puts ~3,000 contacts at booths of the state, in their AC', async () => {
    const [c] = await q(sql<Record<string, number>>`select count(*)::int as contacts,
        (count(*) filter (where language = 'hi'))::int as hi, (count(*) filter (where language = 'ur'))::int as ur,
        (count(*) filter (where tags @> '{ujjwala}'))::int as ujjwala,
        (select count(*) from contacts k join units b on b.tenant_id = k.tenant_id and b.id = k.unit_id
          where k.tenant_id = ${demo} and b.level = 'booth' and b.path = k.unit_path and b.ac_no = k.ac_no and b.state_code = k.state_code)::int as at_booths,
        (select count(distinct ac_no) from contacts where tenant_id = ${demo})::int as acs
      from contacts where tenant_id = ${demo}`);
    expect(c.contacts).toBe(3_000);
    expect(c.at_booths).toBe(3_000);
    expect(c.hi / c.contacts).toBeGreaterThan(0.8);
    expect(c.ur).toBeGreaterThan(0);
    expect(c.ujjwala).toBeGreaterThan(400);
    expect(c.acs).toBeGreaterThan(150);
    const phones = await q(sql<{ phone: string }>`select phone from contacts where tenant_id = ${demo} limit 50`);
    expect(phones.every((p) => isValidPhoneNumber(p.phone))).toBe(true);
  });

  it('runs two active campaigns with valid scripts and calls whose answers follow them', async () => {
    const campaigns = await q(sql<{ id: number; name: string; script: unknown; goal: unknown; status: string; queued: number; enrolled: number }>`select k.id, k.name, k.script, k.goal, k.status,
        (select count(*) from campaign_contacts q where q.tenant_id = k.tenant_id and q.campaign_id = k.id)::int as queued,
        (select count(*) from contacts c where c.tenant_id = k.tenant_id and (k.target->'tags' is null or c.tags && array(select jsonb_array_elements_text(k.target->'tags'))))::int as enrolled
      from campaigns k where k.tenant_id = ${demo} order by k.id`);
    expect(campaigns.map((k) => [k.name, k.status])).toEqual([['Voter sentiment survey', 'active'], ['Ujjwala beneficiary pledge', 'active']]);
    for (const k of campaigns) expect(k.queued).toBe(k.enrolled);
    expect(campaigns[0].goal).toBeNull();
    expect(Goal.parse(campaigns[1].goal)).toEqual({ question: 'pledge', anyOf: ['yes'] });
    for (const k of campaigns) {
      const script = Script.parse(k.script);
      const calls = await q(sql<{ outcome: string; answers: Answers; n: number }>`select outcome, answers from calls where tenant_id = ${demo} and campaign_id = ${k.id}`);
      const answered = calls.filter((c) => c.outcome === 'answered');
      expect(answered.length / calls.length).toBeGreaterThan(0.35);
      for (const c of answered) expect(checkAnswers(script, c.answers, true)).toEqual([]);
      expect(calls.filter((c) => c.outcome !== 'answered').every((c) => Object.keys(c.answers).length === 0)).toBe(true);
    }
    // Sentiment differs by AC: the share voting for us ranges widely across seats with enough answers.
    const shares = await q(sql<{ share: number }>`select avg(((answers->>'vote_intent') = 'us')::int)::float8 as share from calls
      where tenant_id = ${demo} and outcome = 'answered' and campaign_id = ${campaigns[0].id} group by ac_no having count(*) >= 5`);
    const sorted = shares.map((s) => s.share).sort((a, b) => a - b);
    expect(sorted[sorted.length - 1] - sorted[0]).toBeGreaterThan(0.3);
  });

  it('spreads calls over the last week, calling hours and agents, copying the contact\'s seat', async () => {
    const [c] = await q(sql<Record<string, number>>`select count(*)::int as calls,
        (count(distinct agent_user_id))::int as agents,
        (count(distinct (at at time zone 'Asia/Kolkata')::date))::int as days,
        (count(*) filter (where extract(hour from at at time zone 'Asia/Kolkata') not between 9 and 20))::int as off_hours,
        (count(*) filter (where at > now() or at < now() - interval '9 days'))::int as out_of_week,
        (count(*) filter (where outcome = 'call_back' and callback_at <= now()))::int as past_callbacks,
        (count(*) filter (where outcome = 'needs_organiser' and note is null))::int as organiser_without_note,
        (select count(*) from calls x join contacts k on k.tenant_id = x.tenant_id and k.id = x.contact_id
          where x.tenant_id = ${demo} and (x.ac_no is distinct from k.ac_no or x.state_code is distinct from k.state_code))::int as wrong_seat,
        (select count(*) from calls x join centre_agents a on a.tenant_id = x.tenant_id and a.user_id = x.agent_user_id
          join contacts k on k.tenant_id = x.tenant_id and k.id = x.contact_id where x.tenant_id = ${demo} and not k.language = any(a.languages))::int as wrong_language
      from calls where tenant_id = ${demo}`);
    expect(c).toMatchObject({ agents: 8, off_hours: 0, out_of_week: 0, past_callbacks: 0, organiser_without_note: 0, wrong_seat: 0, wrong_language: 0 });
    expect(c.days).toBeGreaterThanOrEqual(6);
    expect(c.calls).toBe(seeded.counts.calls);
  });

  it('leaves every queue row where its calls put it, none held, do-not-calls suppressed everywhere', async () => {
    const [bad] = await q(sql<Record<string, number>>`with last as (
        select distinct on (campaign_id, contact_id) campaign_id, contact_id, outcome from calls where tenant_id = ${demo} order by campaign_id, contact_id, at desc),
      n as (select campaign_id, contact_id, count(*) filter (where outcome <> 'call_back') as attempts from calls where tenant_id = ${demo} group by 1, 2)
      select
        (count(*) filter (where q.state = 'held'))::int as held,
        (count(*) filter (where l.outcome is not null and q.state <> 'suppressed' and q.last_outcome is distinct from l.outcome
          and not (q.last_outcome = 'goal_met' and l.outcome = 'answered')))::int as wrong_outcome,
        (count(*) filter (where coalesce(n.attempts, 0) <> q.attempts))::int as wrong_attempts,
        (count(*) filter (where l.outcome in ('answered', 'wrong_number', 'do_not_call', 'needs_organiser') and q.state <> 'done'
          and not (l.outcome = 'answered' and exists (select 1 from campaigns k where k.id = q.campaign_id and k.goal is not null))))::int as not_done,
        (count(*) filter (where l.outcome = 'call_back' and q.state <> 'suppressed' and not (q.state = 'waiting' and q.is_callback and q.next_at > now())))::int as bad_callbacks,
        (count(*) filter (where l.outcome is null and q.state not in ('ready', 'suppressed')))::int as uncalled_not_ready,
        (count(*) filter (where q.state = 'waiting' and q.next_at <= now()))::int as overdue,
        (count(*) filter (where q.state <> 'done' and exists (select 1 from calls x where x.tenant_id = q.tenant_id and x.contact_id = q.contact_id and x.outcome = 'do_not_call')
          and q.last_outcome <> 'opted_out'))::int as dnc_not_suppressed,
        (select count(*) from calls x join contacts k on k.tenant_id = x.tenant_id and k.id = x.contact_id where x.tenant_id = ${demo} and x.outcome = 'do_not_call'
          and not exists (select 1 from opt_outs o where o.tenant_id = x.tenant_id and o.phone = k.phone))::int as dnc_without_opt_out
      from campaign_contacts q left join last l using (campaign_id, contact_id) left join n using (campaign_id, contact_id) where q.tenant_id = ${demo}`);
    expect(bad).toEqual({ held: 0, wrong_outcome: 0, wrong_attempts: 0, not_done: 0, bad_callbacks: 0, uncalled_not_ready: 0, overdue: 0, dnc_not_suppressed: 0, dnc_without_opt_out: 0 });
    const states = await q(sql<{ state: string; n: number }>`select state, count(*)::int as n from campaign_contacts where tenant_id = ${demo} group by 1`);
    expect(Object.fromEntries(states.map((s) => [s.state, s.n]))).toMatchObject({ ready: expect.any(Number), done: expect.any(Number), waiting: expect.any(Number), suppressed: expect.any(Number) });
    const [s] = await q(sql<Record<string, number>>`select (select count(*) from opt_outs where tenant_id = ${demo})::int as opt_outs,
      (select count(*) from ncpr_numbers n join contacts c on c.phone = n.phone and c.tenant_id = ${demo})::int as ncpr`);
    expect(s.opt_outs).toBeGreaterThan(15);
    expect(s.ncpr).toBeGreaterThan(25);
  });

  it('hands the demo caller a contact (calling hours opened for the test)', async () => {
    await sql`update campaigns set calling_from = '00:00', calling_to = '23:59' where tenant_id = ${demo}`.execute(database.db);
    const [caller] = await q(sql<{ id: string; tenant_id: string; unit_id: number; path: string }>`select u.id, g.tenant_id, g.unit_id, x.path::text as path
      from users u join grants g on g.user_id = u.id join units x on x.tenant_id = g.tenant_id and x.id = g.unit_id
      where u.email = 'caller@demo.warroom' and g.tenant_id = ${demo}`);
    const actor: Actor = { userId: caller.id, tenantId: caller.tenant_id, label: 'caller@demo.warroom', via: 'session', origin: {},
      grants: [{ id: 0, role: 'caller', unitId: caller.unit_id, unitPath: caller.path, permissions: ['tenant.view', 'outreach.call'] }] };
    const got = await claimNext(database.db, actor, seeded.centreId);
    expect(got.reason).toBeNull();
    expect(got.contact).toMatchObject({ phoneMasked: true, stateCode: 'D01' });
    expect(['hi', 'en']).toContain(got.contact!.language);
  });

  it('reports the phase\'s time', () => {
    expect(seconds).toBeLessThan(60);
  });
});
