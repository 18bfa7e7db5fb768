// review: the programme review on the national demo (1.06 million booths, five national tasks cascaded to
// every booth, ~1.2 million booth reports) on PostgreSQL. (a) getScorecard through the service, each read
// in its own actor transaction as warroom_app under row-level security (withActor, as a request runs it),
// for the nation and for its largest state, p50/p95; (b) beside it, the same national figures by a plain
// GROUP BY over the base rows (booth targets, task_reports, each unit's own strength), and whether both
// agree; (c) the national PDF deck: deckScorecards (the summary and a scorecard per state) and renderDeckPdf.
// Seeds the national demo, its organisation and its programmes when the database lacks them; reuses them.
import { sql } from 'kysely';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase, type Executor } from '../src/db/open.ts';
import { withActor, type Actor } from '../src/db/scope.ts';
import { seedDemoProgrammes } from '../src/modules/demo/programmes.ts';
import { renderDeckPdf } from '../src/modules/review/deck-pdf.ts';
import { deckScorecards, getScorecard } from '../src/modules/review/scorecard.service.ts';
import type { Scorecard } from '../src/modules/review/review.schemas.ts';
import { ensureNationalOrganisation } from './org-rollup.ts';
import { BenchUnavailable, type Bench } from './run.ts';
import { median, round, stats } from './lib/stats.ts';

const TENANT = 'demo-national';

const review: Bench = async ({ log, args }) => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new BenchUnavailable('review needs PostgreSQL: set DATABASE_URL to a database of its own, e.g. '
      + 'postgresql://postgres:postgres@127.0.0.1:5432/wr_bench (it seeds the national demo and its programmes there when missing)');
  }
  const opt = (name: string, fallback: number) => Number(args.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
  const reads = opt('reads', 50);
  const decks = opt('decks', 3);
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  try {
    const { db } = database;
    await migrate(database, { log });
    const org = await ensureNationalOrganisation(db, url, log);
    const seeded = await ensureProgrammes(db, org.tenantId, args.includes('--reseed'), log);
    if (args.includes('--seed-only')) return { name: 'review', scope: 'national', ...org, programmes: seeded };
    const units = await pickUnits(db, org.tenantId);
    const actor = nationalReviewer(org.tenantId, units.national.id);
    const read = (unitId: number) => withActor(db, actor, (tx) => getScorecard(tx, actor, unitId));

    // (a) the service, nation and largest state, after warm-up reads (plans, caches).
    const national = await timeReads(() => read(units.national.id), reads);
    const state = await timeReads(() => read(units.state.id), reads);
    log(`  national scorecard p50 ${national.p50Ms} ms, p95 ${national.p95Ms} ms; state ${units.state.code} p50 ${state.p50Ms} ms, p95 ${state.p95Ms} ms`);

    // (b) the plain GROUP BY beside it, the same national figures from the base rows.
    const card = await read(units.national.id);
    const t0 = performance.now();
    const grouped = await groupByFigures(db, org.tenantId, card.metrics.map((m) => m.taskId));
    const groupByMs = round(performance.now() - t0);
    const agree = agrees(card, grouped);
    log(`  plain GROUP BY ${groupByMs} ms; figures agree: ${agree}`);

    // (c) the national deck: the summary and one scorecard per state, then the PDF.
    const deck = await timeDeck(db, actor, units.national.id, decks);
    log(`  deck: scorecards ${deck.scorecardsMs} ms + PDF ${deck.pdfMs} ms (${deck.pages} pages, ${deck.bytes.toLocaleString('en')} bytes)`);
    const { server_version: postgres } = (await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0];
    return {
      name: 'review', scope: 'national', unitId: units.national.id, p50Ms: national.p50Ms, p95Ms: national.p95Ms, maxMs: national.maxMs, n: national.n,
      state: { scope: `state:${units.state.code}`, unitId: units.state.id, booths: units.state.booths, ...state },
      groupByMs, ratio: round(groupByMs / national.p50Ms), agree, deck,
      tasks: card.metrics.length, children: card.children.length, programmes: seeded, postgres,
      how: 'getScorecard through the service, one withActor transaction per read (warroom_app, row-level security), pool of 4, no HTTP',
    };
  } finally {
    await database.close();
  }
};
export default review;

/** The seed's programmes (system-made tasks): written when missing (or with --reseed), reused when present. */
async function ensureProgrammes(db: Executor, tenantId: string, reseed: boolean, log: (l: string) => void) {
  const tasks = await db.selectFrom('tasks').select('id').where('tenant_id', '=', tenantId).where('created_by', 'is', null).execute();
  const counts = async () => (await sql<{ targets: number; reports: number }>`select
      (select count(*) from task_targets where tenant_id = ${tenantId}::uuid)::int as targets,
      (select count(*) from task_reports where tenant_id = ${tenantId}::uuid)::int as reports`.execute(db)).rows[0];
  if (tasks.length > 0 && !reseed) {
    log('reusing the national demo\'s programmes already in the database');
    return { action: 'reused', tasks: tasks.length, ...(await counts()) };
  }
  log(`${tasks.length ? 'replacing' : 'adding'} the programmes of the national demo (five tasks cascaded to ~1.3 million units, ~1.2 million reports, tours, a training per state, a national executive)`);
  const r = await seedDemoProgrammes(db, { scale: 'national' });
  await sql`analyze task_targets, task_reports, tasks, review_snapshots`.execute(db);
  log(`  programmes seeded in ${r.seconds.toFixed(1)} s`);
  return { action: 'seeded', seconds: round(r.seconds), tasks: r.tasks, targets: r.targets, reports: r.reports, snapshots: r.snapshots, anchor: r.anchor };
}

/** The root and the state with the most booths. */
async function pickUnits(db: Executor, tenantId: string) {
  const national = (await sql<{ id: number }>`select id from units where tenant_id = ${tenantId}::uuid and parent_id is null`.execute(db)).rows[0];
  const state = (await sql<{ id: number; code: string; booths: number }>`select u.id, u.state_code as code, count(*)::int as booths
    from units u join units b on b.tenant_id = u.tenant_id and b.state_code = u.state_code and b.level = 'booth' and b.wing is null
    where u.tenant_id = ${tenantId}::uuid and u.level = 'state' and u.wing is null group by u.id, u.state_code order by booths desc limit 1`.execute(db)).rows[0];
  return { national, state };
}

/** A national admin's grant, as a session would resolve it (the service is called directly, without HTTP). */
function nationalReviewer(tenantId: string, rootId: number): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000', tenantId, label: 'bench:review', via: 'session', origin: {},
    grants: [{ id: 0, role: 'admin', unitId: rootId, unitPath: String(rootId), permissions: ['review.read', 'programmes.read'] }],
  };
}

async function timeReads(fn: () => Promise<unknown>, n: number) {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { ...stats(times), n };
}

type Figures = Map<string, { target: number | null; actual: number }>;

/**
 * Per task, the nation's and each state's target and actual straight from the base rows: targets summed
 * over the booths' shares, reports summed (a drive's booths counted once), committees and verified
 * workers summed over every unit's own strength, trainees as the people who completed every session of a training
 * of the course, by home state. Keys: `${taskId}:national` and `${taskId}:${stateId}`.
 */
async function groupByFigures(db: Executor, tenantId: string, taskIds: number[]): Promise<Figures> {
  const { rows } = await sql<{ task_id: number; state_id: number; target: number | null; actual: number }>`
    with tk as (select id, metric, course_code from tasks where tenant_id = ${tenantId}::uuid and id = any(${taskIds}::bigint[])),
    targets as (
      select tt.task_id, subpath(tt.unit_path, 1, 1)::text::bigint as state_id, sum(tt.target)::int as target
      from task_targets tt where tt.tenant_id = ${tenantId}::uuid and tt.task_id in (select id from tk) and tt.is_assignee group by 1, 2
    ), reports as (
      select r.task_id, subpath(r.unit_path, 1, 1)::text::bigint as state_id,
        case max(tk.metric) when 'completion' then count(distinct r.unit_id) else sum(r.value) end::int as actual
      from task_reports r join tk on tk.id = r.task_id where r.tenant_id = ${tenantId}::uuid group by 1, 2
    ), strength as (
      select subpath(o.unit_path, 1, 1)::text::bigint as state_id, sum(o.booths_formed)::int as booths_formed, sum(o.verified)::int as verified
      from unit_own_strength o where o.tenant_id = ${tenantId}::uuid and nlevel(o.unit_path) > 1 group by 1
    ), trained as (
      -- People who completed every session of a training, by course, counted once per course by home state.
      select x.course_code, subpath(p.unit_path, 1, 1)::text::bigint as state_id, count(distinct x.person_id)::int as trained
      from (select c.person_id, e.course_code from session_completions c join events e on e.tenant_id = c.tenant_id and e.id = c.event_id
            where c.tenant_id = ${tenantId}::uuid group by c.person_id, c.event_id, e.course_code
            having count(*) = (select count(*) from training_sessions s where s.tenant_id = ${tenantId}::uuid and s.event_id = c.event_id)) x
      join people p on p.tenant_id = ${tenantId}::uuid and p.id = x.person_id and nlevel(p.unit_path) > 1
      group by 1, 2
    )
    select t.task_id, t.state_id, t.target, coalesce(case tk.metric when 'booths_formed' then s.booths_formed
        when 'workers_verified' then s.verified when 'trainees_completed' then tr.trained else r.actual end, 0) as actual
    from targets t join tk on tk.id = t.task_id
    left join reports r on r.task_id = t.task_id and r.state_id = t.state_id
    left join trained tr on tr.course_code = tk.course_code and tr.state_id = t.state_id
    left join strength s on s.state_id = t.state_id`.execute(db);
  const out: Figures = new Map();
  for (const r of rows) {
    out.set(`${r.task_id}:${r.state_id}`, { target: r.target, actual: r.actual });
    const n = out.get(`${r.task_id}:national`) ?? { target: 0, actual: 0 };
    out.set(`${r.task_id}:national`, { target: (n.target ?? 0) + (r.target ?? 0), actual: n.actual + r.actual });
  }
  return out;
}

/** The scorecard's national and per-state figures equal the GROUP BY's, task by task. */
function agrees(card: Scorecard, grouped: Figures): boolean {
  const same = (key: string, target: number | null, actual: number) => {
    const g = grouped.get(key);
    return g !== undefined && g.target === target && g.actual === actual;
  };
  return card.metrics.every((m) => same(`${m.taskId}:national`, m.target, m.actual))
    && card.children.every((c) => c.metrics.every((m) => same(`${m.taskId}:${c.id}`, m.target, m.actual)));
}

async function timeDeck(db: Executor, actor: Actor, unitId: number, runs: number) {
  const scorecards: number[] = [];
  const pdfs: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const cards = await withActor(db, actor, (tx) => deckScorecards(tx, actor, unitId));
    const t1 = performance.now();
    const pdf = await renderDeckPdf({ locale: 'en', title: 'Programme review', generatedAt: new Date().toISOString(), ...cards });
    pdfs.push(performance.now() - t1);
    scorecards.push(t1 - t0);
    pages = cards.pages.length + 1;
    bytes = pdf.length;
  }
  const scorecardsMs = median(scorecards);
  const pdfMs = median(pdfs);
  return { scorecardsMs: round(scorecardsMs), pdfMs: round(pdfMs), totalMs: round(scorecardsMs + pdfMs), runs, pages, bytes };
}
