// The manager's dashboard of one campaign (issue 6): calls per hour, contact rate, outcomes, survey
// results, results by AC and by seat class, the agent leaderboard, the queue and a QA sample.
//
// What it costs (calls_campaign_at is (tenant_id, campaign_id, at)): the per-hour chart and the
// leaderboard read only the window's calls (a range of that index). Totals, outcomes and the by-AC
// table are one pass over the campaign's calls (grouping sets, so one scan feeds both); the survey is
// a second pass over its answered calls with their answers expanded; contacts reached a third (a hash
// aggregate by contact). Measured for a campaign of 1M calls on PGlite: about 6 s in all (figures in
// dashboard-cache.ts, which shares one computation between viewers and spaces them out); PostgreSQL is
// 1.5–3× faster. Keeping running sums per campaign (a trigger on calls) would make it constant-time.
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { can } from '../access/access.ts';
import { recordAudit } from '../access/audit.ts';
import { requireCampaign } from './campaigns.ts';
import { seatClassesFor } from './dashboard-seats.ts';
import type { Dashboard, DashboardQuery } from './dashboard.schemas.ts';
import { queueCounts } from './outreach.service.ts';
import { Script, type Question } from './script.ts';

/** Outcomes where someone picked up and spoke for the number: the contact was reached. */
export const REACHED = ['answered', 'needs_organiser', 'call_back', 'do_not_call'];
const IST_MINUTES = 330; // India has one zone and no daylight saving: whole hours in IST are exact offsets
const HOUR = 3_600_000;
/** How many recent answered calls the QA sample is drawn from, and how many it shows. */
const QA_POOL = 200;
const QA_SIZE = 5;

/** The start of the current IST hour as a UTC instant, and its label. */
function istHour(now: number) {
  const local = Math.floor((now + IST_MINUTES * 60_000) / HOUR) * HOUR;
  return { start: local - IST_MINUTES * 60_000, local };
}
const hourLabel = (local: number) => new Date(local).toISOString().slice(0, 13) + ':00';

/** The newest call of a campaign: one probe of calls_campaign_at from its end. */
export async function latestCall(tx: Tx, actor: Actor, campaignId: number) {
  const { rows } = await sql<{ id: number; at: Date }>`select id, at from calls where tenant_id = ${actor.tenantId} and campaign_id = ${campaignId}
    order by at desc, id desc limit 1`.execute(tx);
  return rows[0] ? { id: Number(rows[0].id), at: new Date(rows[0].at).toISOString() } : null;
}

/** The question and option whose share the by-AC and seat-class tables show. */
export function pickSentiment(script: Script, question?: string, option?: string) {
  const q = question ? script.questions.find((x) => x.id === question) : script.questions.find((x) => x.kind === 'single');
  if (!q || !q.options?.length) return null;
  const o = (option ? q.options.find((x) => x.value === option) : null) ?? q.options[0];
  return { question: q.id, option: o.value, text: q.text, label: o.label };
}

export async function getDashboard(tx: Tx, actor: Actor, campaignId: number, q: DashboardQuery): Promise<Dashboard> {
  const k = await requireCampaign(tx, actor, campaignId, 'outreach.manage');
  const parsed = Script.safeParse(k.script);
  const script: Script = parsed.success ? parsed.data : { questions: [] };
  const sentiment = pickSentiment(script, q.question, q.option);
  const now = Date.now();
  const hour = istHour(now);
  const since = new Date(hour.start - (q.hours - 1) * HOUR);
  const today = new Date(Math.floor((now + IST_MINUTES * 60_000) / (24 * HOUR)) * 24 * HOUR - IST_MINUTES * 60_000);
  const base = { t: actor.tenantId, c: campaignId };

  const [head, windowed, whole, reach, survey, latest, queue] = [
    await sql<{ name: string; status: string; centre: string }>`select k.name, k.status, cc.name as centre from campaigns k
      join call_centres cc on cc.tenant_id = k.tenant_id and cc.id = k.centre_id where k.id = ${campaignId}`.execute(tx),
    await windowRows(tx, base, since),
    await wholeRows(tx, base, today, sentiment),
    await sql<{ called: number; reached: number }>`select count(*)::int as called, count(*) filter (where reached)::int as reached
      from (select bool_or(outcome = any(${REACHED}::text[])) as reached from calls where tenant_id = ${base.t} and campaign_id = ${base.c}
        group by contact_id) x`.execute(tx),
    await surveyResults(tx, base, script.questions),
    await latestCall(tx, actor, campaignId),
    await queueCounts(tx, actor, campaignId),
  ];

  const perHour = Array.from({ length: q.hours }, (_, i) => ({ hour: hourLabel(hour.local - (q.hours - 1 - i) * HOUR), calls: 0, answered: 0 }));
  const byLabel = new Map(perHour.map((h) => [h.hour, h]));
  const agents = new Map<string | null, { calls: number; answered: number; hours: number }>();
  for (const r of windowed) {
    const h = byLabel.get(r.hour);
    if (h) { h.calls += r.calls; h.answered += r.answered; }
    const a = agents.get(r.agent) ?? { calls: 0, answered: 0, hours: 0 };
    agents.set(r.agent, { calls: a.calls + r.calls, answered: a.answered + r.answered, hours: a.hours + 1 });
  }
  const names = await userNames(tx, [...agents.keys()].filter((x): x is string => !!x));
  const outcomes: Record<string, number> = {};
  let calls = 0, answered = 0, callsToday = 0, answeredToday = 0;
  for (const r of whole.filter((x) => x.by_outcome)) {
    outcomes[r.outcome!] = r.n;
    calls += r.n; answered += r.answered; callsToday += r.today; answeredToday += r.answered_today;
  }
  const acRows = whole.filter((x) => !x.by_outcome);
  const acNames = await constituencyNames(tx, acRows);
  const byAc = acRows.map((r) => ({
    stateCode: r.state_code, acNo: r.ac_no, name: acNames.get(`${r.state_code}:${r.ac_no}`)?.name ?? null, nameHi: acNames.get(`${r.state_code}:${r.ac_no}`)?.name_hi ?? null,
    calls: r.n, answered: r.answered, sentimentAnswered: r.s_answered, sentimentYes: r.s_yes, share: r.s_answered ? r.s_yes / r.s_answered : null,
  })).sort((a, b) => b.calls - a.calls || String(a.stateCode).localeCompare(String(b.stateCode)) || (a.acNo ?? 0) - (b.acNo ?? 0));
  const seats = await seatClassesFor(tx, campaignId, byAc, q);
  const qa = await qaSample(tx, actor, base, k.unit_path, q.qaContacts === '1', names);
  const reached = reach.rows[0];
  return {
    campaign: { id: campaignId, name: head.rows[0].name, status: head.rows[0].status, centre: head.rows[0].centre },
    asOf: new Date(now).toISOString(), hours: q.hours, lastCallId: latest?.id ?? null,
    totals: { calls, answered, callsToday, answeredToday, contactsCalled: reached.called, contactsReached: reached.reached,
      contactRate: calls ? answered / calls : null, reachRate: reached.called ? reached.reached / reached.called : null },
    perHour, outcomes, survey, sentiment, byAc, ...seats,
    agents: [...agents.entries()].map(([id, a]) => ({ userId: id, name: id ? names.get(id) ?? null : null, calls: a.calls, answered: a.answered,
      activeHours: a.hours, perHour: a.hours ? Math.round((a.calls / a.hours) * 10) / 10 : null }))
      .sort((x, y) => y.calls - x.calls || y.answered - x.answered),
    queue, qa: qa.items, qaContactsShown: qa.shown,
  };
}

type Base = { t: string; c: number };

/** The window's calls by IST hour and agent: a range of calls_campaign_at. */
async function windowRows(tx: Tx, b: Base, since: Date) {
  return (await sql<{ hour: string; agent: string | null; calls: number; answered: number }>`
    select to_char(date_trunc('hour', at at time zone 'Asia/Kolkata'), 'YYYY-MM-DD"T"HH24:00') as hour, agent_user_id::text as agent,
      count(*)::int as calls, count(*) filter (where outcome = 'answered')::int as answered
    from calls where tenant_id = ${b.t} and campaign_id = ${b.c} and at >= ${since.toISOString()}::timestamptz group by 1, 2`.execute(tx)).rows;
}

/** One pass over the campaign's calls: counts by outcome, and by AC with the sentiment share. */
async function wholeRows(tx: Tx, b: Base, today: Date, s: { question: string; option: string } | null) {
  const qid = s?.question ?? '';
  const opt = s?.option ?? '';
  return (await sql<{ by_outcome: boolean; outcome: string | null; state_code: string | null; ac_no: number | null; n: number; answered: number;
    today: number; answered_today: number; s_answered: number; s_yes: number }>`
    select grouping(outcome) = 0 as by_outcome, outcome, state_code, ac_no, count(*)::int as n,
      count(*) filter (where outcome = 'answered')::int as answered,
      count(*) filter (where at >= ${today.toISOString()}::timestamptz)::int as today,
      count(*) filter (where at >= ${today.toISOString()}::timestamptz and outcome = 'answered')::int as answered_today,
      count(*) filter (where outcome = 'answered' and answers ? ${qid})::int as s_answered,
      count(*) filter (where outcome = 'answered' and (answers -> ${qid} = to_jsonb(${opt}::text)
        or (jsonb_typeof(answers -> ${qid}) = 'array' and answers -> ${qid} @> jsonb_build_array(${opt}::text))))::int as s_yes
    from calls where tenant_id = ${b.t} and campaign_id = ${b.c}
    group by grouping sets ((outcome), (state_code, ac_no))`.execute(tx)).rows;
}

/** Counts per option or scale point for each choice and scale question; free text is counted, not read. */
async function surveyResults(tx: Tx, b: Base, questions: Question[]) {
  if (questions.length === 0) return [];
  const counted = questions.filter((x) => x.kind !== 'text').map((x) => x.id);
  const { rows } = await sql<{ question: string; value: string | null; total: boolean; n: number; calls: number }>`
    select question, value, grouping(value) = 1 as total, count(*)::int as n, count(*) filter (where first)::int as calls
    from (select a.key as question, case when a.key = any(${counted}::text[]) then coalesce(e.v, a.value #>> '{}') end as value,
        (e.ord is null or e.ord = 1) as first
      from calls k cross join lateral jsonb_each(k.answers) a
        left join lateral jsonb_array_elements_text(case when jsonb_typeof(a.value) = 'array' then a.value end) with ordinality e(v, ord) on true
      where k.tenant_id = ${b.t} and k.campaign_id = ${b.c} and k.outcome = 'answered' and a.key = any(${questions.map((x) => x.id)}::text[])
        and not (jsonb_typeof(a.value) = 'array' and e.v is null)) x
    group by grouping sets ((question, value), (question))`.execute(tx);
  // The (question) set counts the calls that answered it (a multi choice once); the other, each value.
  const answeredBy = new Map(rows.filter((r) => r.total).map((r) => [r.question, r.calls]));
  const valueRows = rows.filter((r) => !r.total && r.value !== null);
  return questions.map((x) => {
    const n = (v: string) => valueRows.find((r) => r.question === x.id && r.value === v)?.n ?? 0;
    const counts = x.kind === 'scale'
      ? Array.from({ length: (x.max ?? 5) - (x.min ?? 1) + 1 }, (_, i) => String((x.min ?? 1) + i)).map((v) => ({ value: v, label: null, n: n(v) }))
      : (x.options ?? []).map((o) => ({ value: o.value, label: o.label, n: n(o.value) }));
    return { question: x.id, kind: x.kind, text: x.text, answered: answeredBy.get(x.id) ?? 0, counts };
  });
}

async function userNames(tx: Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const { rows } = await sql<{ id: string; name: string }>`select id::text, name from users where id = any(${ids}::uuid[])`.execute(tx);
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function constituencyNames(tx: Tx, acs: { state_code: string | null; ac_no: number | null }[]) {
  const known = acs.filter((a) => a.state_code && a.ac_no);
  if (known.length === 0) return new Map<string, { name: string; name_hi: string | null }>();
  const { rows } = await sql<{ state_code: string; no: number; name: string; name_hi: string | null }>`select state_code, no, name, name_hi
    from constituencies where house = 'AE' and era = 2008
      and (state_code, no) in (select * from unnest(${known.map((a) => a.state_code)}::text[], ${known.map((a) => a.ac_no)}::int[]))`.execute(tx);
  return new Map(rows.map((r) => [`${r.state_code}:${r.no}`, r]));
}

/**
 * A few answered calls to listen back to or read: drawn from the latest QA_POOL answered calls, in an
 * order fixed for the day (md5 of the id and the date), so the sample does not jump on every refresh.
 * Who was called is shown only on request and only with personal.unmask; that read is audited.
 */
async function qaSample(tx: Tx, actor: Actor, b: Base, unitPath: string, wantContacts: boolean, names: Map<string, string>) {
  const shown = wantContacts && can(actor, 'personal.unmask', unitPath);
  const seed = new Date(Date.now() + IST_MINUTES * 60_000).toISOString().slice(0, 10);
  const { rows } = await sql<{ id: number; agent: string | null; agent_name: string | null; outcome: string; answers: Record<string, unknown>; note: string | null;
    at: Date; state_code: string | null; ac_no: number | null; contact_id: number; name: string | null; phone: string | null }>`
    select k.id, k.agent_user_id::text as agent, u.name as agent_name, k.outcome, k.answers, k.note, k.at, k.state_code, k.ac_no, k.contact_id,
      ${shown ? sql`c.name, c.phone` : sql`null::text as name, null::text as phone`}
    from (select * from calls where tenant_id = ${b.t} and campaign_id = ${b.c} and outcome = 'answered' order by at desc limit ${QA_POOL}) k
      left join users u on u.id = k.agent_user_id
      ${shown ? sql`left join contacts c on c.tenant_id = k.tenant_id and c.id = k.contact_id` : sql``}
    order by md5(k.id::text || ${seed}) limit ${QA_SIZE}`.execute(tx);
  if (shown && rows.length) {
    await recordAudit(tx, actor, { type: 'contacts.read', entity: 'contacts', rowIds: rows.map((r) => r.contact_id), unitPath,
      detail: { campaignId: b.c, purpose: 'qa sample', unmasked: true } });
  }
  return {
    shown,
    items: rows.map((r) => ({ callId: Number(r.id), agent: r.agent_name ?? (r.agent ? names.get(r.agent) ?? null : null), outcome: r.outcome, answers: r.answers,
      note: r.note, at: new Date(r.at).toISOString(), stateCode: r.state_code, acNo: r.ac_no,
      contact: shown ? { name: r.name, phone: r.phone } : null })),
  };
}
