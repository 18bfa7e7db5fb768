// The demo's tours (pravas): central leaders (the national office-bearers and a guest leader, tours
// organised at the root) touring over the 60 days before the anchor with more planned for the next 30,
// most stops at weak seats but far from all of them, so the coverage page has both kinds; and each
// state's own leaders (president, in-charge, general secretaries) touring their state. Every visit is
// to an AC unit with its seat named (state, 'AE', AC number), as tours.coverage.ts counts them; past
// visits carry the meetings held and a ground report, planned ones the meetings planned.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { GroundReport, Meeting, MeetingKind } from '../programmes/tours.schemas.ts';
import { intArray, type BulkWriter } from './bulk.ts';
import type { DemoPlan, Scale } from './plan.ts';
import { streamOf, type Random } from './random.ts';

interface AcUnit { id: number; path: string; state: string; acNo: number; town: string; weak: boolean }
interface Leader { personId: number | null; name: string; nameHi: string | null }
interface Unit { id: number; path: string }
interface PlannedTour { leader: Leader; unit: Unit; title: string; starts: number; ends: number; stay: string; notes: string; visits: { ac: AcUnit; day: number }[] }

/**
 * How much leaders tour, per scale: tours per leader come from the gaps (days) between them. The state
 * demo's one state sees three central leaders now and then; the nation sees five, far more often.
 */
const TOURING: Record<Scale, { central: number; centralGap: [number, number]; stateLeaders: number; stateGap: [number, number] }> = {
  state: { central: 3, centralGap: [12, 26], stateLeaders: 3, stateGap: [6, 14] },
  national: { central: 5, centralGap: [3, 7], stateLeaders: 3, stateGap: [9, 24] },
};
/** Days before the anchor the tours start, and after it the planned ones may start. */
const PAST_DAYS = 60;
const AHEAD_DAYS = 30;

const CENTRAL_TITLES = ['Jan Samvad Yatra', 'Vijay Sankalp Pravas', 'Sangathan Samvad'];
const STATE_TITLES = ['Booth Sashaktikaran Pravas', 'Karyakarta Samvad', 'Zila Pravas'];
/** A senior leader who is not in the register: the tour names them in both scripts. */
const GUEST_LEADERS: readonly (readonly [string, string])[] = [['Savitri Devi Rathore', 'सावित्री देवी राठौर'], ['Mahendra Pratap Singh', 'महेंद्र प्रताप सिंह'],
  ['Kamla Prasad Mishra', 'कमला प्रसाद मिश्रा'], ['Harpreet Kaur Gill', 'हरप्रीत कौर गिल'], ['Devendra Nath Joshi', 'देवेंद्र नाथ जोशी']];
const STAYS = ['Circuit House, {town}', 'Party office guest house, {town}', "A worker's home in {town}", 'Government rest house, {town}'];
const TOUR_NOTES = ['Focus on seats lost narrowly last time; meet the booth presidents of weak booths.',
  'Review the booth awareness drive with the district teams; press conference on the last day.',
  "Road show on the second day if permission is granted; night halt with a worker's family.",
  "Meet the farmers' wing and the mandal presidents; collect the list of inactive booths.",
  'Short tour: core committee meetings only, no public rally.'];
const ISSUES = ['Drinking water supply', 'Roads after the monsoon', 'Farm produce prices', 'Jobs for young people', 'Electricity cuts',
  'Ration card deletions', 'Doctors at the community health centre', 'Teachers missing in village schools', 'Crop insurance claims pending', 'Bus service to the district town'];
const ORG_NOTES = ['About half the booths have a committee; the mandal president is active, two shakti kendra heads are not.',
  'Booth committees are formed on paper; few panna pramukhs are in place.', 'Strong youth wing; women\'s wing needs a new district team.',
  'Workers feel unheard since the last election; asked for a district-level meeting every month.', 'Committees in most booths, verification of workers lagging.'];
const OPPOSITION = ['The ruling party held a rally last week; its candidate is touring the villages.', 'Little visible activity; the opposition MLA is rarely seen.',
  'A regional party is building booth teams in the SC-majority villages.', 'Posters and wall paintings by the opposition in every market.', ''];
const FOLLOW_UPS = ['Appoint booth presidents in the empty booths', 'Send the district in-charge back in two weeks', 'Raise the water issue in the assembly',
  'Hold a training for the new booth presidents', 'Verify the mandal\'s worker list by phone', 'Plan a public meeting before the festival'];
const MEETING_NOTES: Record<MeetingKind, readonly string[]> = {
  workers: ['Booth presidents and panna pramukhs', 'Mandal and shakti kendra teams', 'Workers of the three mandals together'],
  public: ['Public meeting at the market ground', 'Chaupal in the village square', 'Road show through the town'],
  core_committee: ['District core committee', 'Assembly core group on candidate feedback'],
  press: ['Press conference at the circuit house', 'Local editors over lunch'],
  other: ['Visit to a temple and a gurudwara', "Meeting with the traders' association"],
};
/** Attendance ranges per meeting kind and the chance a visit holds one (a workers' meeting always). */
const MEETINGS: readonly [MeetingKind, number, number, number][] = [['workers', 1, 60, 450], ['public', 0.45, 800, 12_000],
  ['core_committee', 0.5, 8, 35], ['press', 0.2, 4, 25], ['other', 0.1, 20, 150]];

/** Every title the seed gives a tour, for the plan's states: the rows a redo replaces (programmes.ts). */
export function demoTourTitles(plan: DemoPlan): string[] {
  return [...CENTRAL_TITLES, ...STATE_TITLES].flatMap((t) => plan.states.map((s) => `${t} — ${s.name}`));
}

/** Writes the tours and their visits; returns how many of each. */
export async function writeTours(db: Executor, w: BulkWriter, plan: DemoPlan, tenantId: string, root: Unit, anchor: string): Promise<{ tours: number; visits: number }> {
  const acs = await acUnits(db, plan, tenantId);
  const states = await stateUnits(db, tenantId);
  const byState = new Map<string, AcUnit[]>();
  for (const ac of acs) {
    if (!byState.has(ac.state)) byState.set(ac.state, []);
    byState.get(ac.state)!.push(ac);
  }
  const touring = TOURING[plan.scale];
  const tours: PlannedTour[] = [];
  const central = await leadersAt(db, tenantId, root.id, ['president', 'general_secretary'], touring.central - 1);
  central.push(guest(0), ...[1, 2, 3, 4].map(guest)); // the guest, then names for a register with too few office-bearers
  for (const [i, leader] of central.slice(0, touring.central).entries()) {
    const r = streamOf(plan.seed, 'programme-tours-central', i);
    for (const [starts, ends] of schedule(r, touring.centralGap, [2, 3])) {
      const state = pickState(r, plan, byState);
      tours.push(planTour(r, leader, root, `${CENTRAL_TITLES[i % CENTRAL_TITLES.length]} — ${state.name}`, starts, ends, byState.get(state.code)!, 0.8));
    }
  }
  for (const spec of plan.states) {
    const unit = states.get(spec.code);
    const pool = byState.get(spec.code);
    if (!unit || !pool?.length) continue;
    const leaders = await leadersAt(db, tenantId, unit.id, ['president', 'prabhari', 'general_secretary'], touring.stateLeaders);
    while (leaders.length < touring.stateLeaders) leaders.push(guest(spec.index + leaders.length));
    for (const [i, leader] of leaders.entries()) {
      const r = streamOf(plan.seed, 'programme-tours-state', spec.index, i);
      for (const [starts, ends] of schedule(r, touring.stateGap, [2, 4])) {
        tours.push(planTour(r, leader, unit, `${STATE_TITLES[i % STATE_TITLES.length]} — ${spec.name}`, starts, ends, pool, 0.5));
      }
    }
  }
  return insertTours(db, w, plan, tenantId, tours, anchor);
}

function guest(i: number): Leader {
  const [name, nameHi] = GUEST_LEADERS[i % GUEST_LEADERS.length];
  return { personId: null, name, nameHi };
}

/** Tours of one leader as [first, last] days from the anchor: none spans the anchor, so each is done or planned. */
function schedule(r: Random, gap: [number, number], length: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  let day = -PAST_DAYS + r.int(0, gap[1]);
  while (day <= AHEAD_DAYS) {
    const days = r.int(length[0], length[1]);
    if (day <= 0 && day + days - 1 >= 0) day = 1;
    out.push([day, day + days - 1]);
    day += days + r.int(gap[0], gap[1]);
  }
  return out;
}

/** National tours go where the weak seats are: a state drawn in proportion to its weak ACs. */
function pickState(r: Random, plan: DemoPlan, byState: Map<string, AcUnit[]>) {
  const weights = plan.states.map((s) => (byState.get(s.code) ?? []).filter((a) => a.weak).length + 0.2 * (byState.has(s.code) ? 1 : 0));
  let u = r.next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, s] of plan.states.entries()) { u -= weights[i]; if (u < 0) return s; }
  return plan.states.find((s) => byState.has(s.code))!;
}

/** One tour: one to two stops a day, a weak seat with the given chance, each seat once, near the first stop when it can. */
function planTour(r: Random, leader: Leader, unit: Unit, title: string, starts: number, ends: number, pool: AcUnit[], weakShare: number): PlannedTour {
  const visits: PlannedTour['visits'] = [];
  const seen = new Set<number>();
  for (let day = starts; day <= ends; day++) {
    for (let n = r.int(1, 2); n > 0; n--) {
      const near = visits.length ? pool.filter((a) => a.town === visits[0].ac.town && !seen.has(a.id)) : [];
      const from = near.length && r.next() < 0.5 ? near : pool.filter((a) => !seen.has(a.id));
      const weak = from.filter((a) => a.weak);
      const choices = weak.length && r.next() < weakShare ? weak : from;
      if (!choices.length) break;
      const ac = r.pick(choices);
      seen.add(ac.id);
      visits.push({ ac, day });
    }
  }
  const town = visits[0]?.ac.town ?? '';
  return { leader, unit, title, starts, ends, stay: r.pick(STAYS).replace('{town}', town), notes: r.pick(TOUR_NOTES), visits };
}

function meetingsOf(r: Random, held: boolean): Meeting[] {
  const out: Meeting[] = [];
  for (const [kind, chance, lo, hi] of MEETINGS) {
    if (r.next() >= chance) continue;
    out.push({ kind, attendance: held ? r.int(lo, hi) : null, note: r.next() < 0.6 ? r.pick(MEETING_NOTES[kind]) : null });
  }
  return out;
}

/** A weak seat's mood leans low; the rest lean hopeful. */
function groundReport(r: Random, weak: boolean): GroundReport {
  const moods = weak ? [0.1, 0.3, 0.35, 0.2, 0.05] : [0.03, 0.1, 0.3, 0.4, 0.17];
  let u = r.next();
  const mood = moods.findIndex((m) => (u -= m) < 0) + 1 || 3;
  const issues = r.shuffle([...ISSUES]).slice(0, r.int(1, 3));
  const followUps = r.shuffle([...FOLLOW_UPS]).slice(0, r.int(0, 2));
  return { mood, issues, organisationNotes: r.pick(ORG_NOTES), oppositionActivity: r.pick(OPPOSITION), followUps };
}

async function insertTours(db: Executor, w: BulkWriter, plan: DemoPlan, tenantId: string, tours: PlannedTour[], anchor: string): Promise<{ tours: number; visits: number }> {
  if (!tours.length) return { tours: 0, visits: 0 };
  // Ids from the table's own sequence, so each visit names its tour without relying on RETURNING's order.
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('tours', 'id'))::int8 as id from generate_series(1, ${tours.length}::int)`.execute(db);
  const ids = rows.map((x) => Number(x.id));
  const day = (n: number) => new Date(Date.parse(`${anchor}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  await w.run('tours', sql`insert into tours (tenant_id, id, leader_person_id, leader_name, leader_name_hi, unit_id, unit_path, title, starts_on, ends_on, status, stay, notes, created_by)
    select ${tenantId}::uuid, t.id, t.person, t.name, t.name_hi, t.unit, t.path::ltree, t.title, t.starts::date, t.ends::date,
      case when t.ends::date < ${anchor}::date then 'done' else 'planned' end, t.stay, t.notes, null
    from unnest(${intArray(ids)}::bigint[], ${intArray(tours.map((t) => t.leader.personId))}::bigint[], ${tours.map((t) => t.leader.name)}::text[],
      ${tours.map((t) => t.leader.nameHi)}::text[], ${intArray(tours.map((t) => t.unit.id))}::bigint[], ${tours.map((t) => t.unit.path)}::text[],
      ${tours.map((t) => t.title)}::text[], ${tours.map((t) => day(t.starts))}::text[], ${tours.map((t) => day(t.ends))}::text[],
      ${tours.map((t) => t.stay)}::text[], ${tours.map((t) => t.notes)}::text[]) t(id, person, name, name_hi, unit, path, title, starts, ends, stay, notes)`);
  await w.flush(); // visits reference their tours
  const v = { tour: [] as number[], tourPath: [] as string[], unit: [] as number[], path: [] as string[], state: [] as string[], no: [] as number[],
    on: [] as string[], meetings: [] as string[], report: [] as (string | null)[] };
  const r = streamOf(plan.seed, 'programme-visits');
  tours.forEach((t, i) => {
    for (const { ac, day: d } of t.visits) {
      const held = d < 0;
      v.tour.push(ids[i]); v.tourPath.push(t.unit.path); v.unit.push(ac.id); v.path.push(ac.path); v.state.push(ac.state); v.no.push(ac.acNo);
      v.on.push(day(d)); v.meetings.push(JSON.stringify(meetingsOf(r, held))); v.report.push(held ? JSON.stringify(groundReport(r, ac.weak)) : null);
    }
  });
  await w.run('tour_visits', sql`insert into tour_visits (tenant_id, tour_id, tour_unit_path, unit_id, unit_path, state_code, house, constituency_no, visit_on, meetings, ground_report)
    select ${tenantId}::uuid, x.tour, x.tour_path::ltree, x.unit, x.path::ltree, x.state, 'AE', x.no, x.visit_on::date, x.meetings::jsonb, x.report::jsonb
    from unnest(${intArray(v.tour)}::bigint[], ${v.tourPath}::text[], ${intArray(v.unit)}::bigint[], ${v.path}::text[], ${v.state}::text[],
      ${intArray(v.no)}::int[], ${v.on}::text[], ${v.meetings}::text[], ${v.report}::text[]) x(tour, tour_path, unit, path, state, no, visit_on, meetings, report)`);
  await w.flush();
  return { tours: tours.length, visits: v.tour.length };
}

/**
 * The AC units in plan order, each with its district's town (for the stay) and whether its seat is weak
 * for the demo party in the plan's elections: never won, or lost last time by under 5,000 votes, as the
 * coverage page's classes have it (its third reason, a thin organisation in a battleground, is left to
 * chance). The elections are Lok Sabha nationally, so there an AC is weak when its PC is.
 */
async function acUnits(db: Executor, plan: DemoPlan, tenantId: string): Promise<AcUnit[]> {
  const last = plan.elections[plan.elections.length - 1];
  const party = plan.parties[0].code;
  const ls = last.house === 'LS';
  const { rows } = await sql<{ id: number; path: string; state_code: string; ac_no: number; town: string; weak: boolean }>`
    with seats as (
      select state_code, constituency_no as no,
        not bool_or(position = 1 and party_code = ${party}) or (not bool_or(election_id = ${last.id} and position = 1 and party_code = ${party})
          and coalesce(max(votes) filter (where election_id = ${last.id} and position = 1) - max(votes) filter (where election_id = ${last.id} and party_code = ${party}), 0) < 5000) as weak
      from results where election_id = any(${plan.elections.map((e) => e.id)}::text[]) group by 1, 2
    )
    select u.id, u.path::text as path, u.state_code, u.ac_no, replace((select d.name from units d where d.tenant_id = u.tenant_id and d.id = u.parent_id), ' District', '') as town,
      coalesce(s.weak, false) as weak
    from units u
    left join constituencies c on c.state_code = u.state_code and c.house = 'AE' and c.era = 2008 and c.no = u.ac_no
    left join seats s on s.state_code = u.state_code and s.no = ${ls ? sql`c.pc_no` : sql`u.ac_no`}
    where u.tenant_id = ${tenantId}::uuid and u.level = 'ac' and u.wing is null and u.ac_no is not null
    order by u.id`.execute(db);
  return rows.map((x) => ({ id: Number(x.id), path: x.path, state: x.state_code, acNo: x.ac_no, town: x.town, weak: x.weak }));
}

async function stateUnits(db: Executor, tenantId: string): Promise<Map<string, Unit>> {
  const rows = await sql<{ id: number; path: string; state_code: string }>`select id, path::text as path, state_code from units
    where tenant_id = ${tenantId}::uuid and level = 'state' and wing is null`.execute(db);
  return new Map(rows.rows.map((x) => [x.state_code, { id: Number(x.id), path: x.path }]));
}

/** The current holders of the given posts at a unit, in the order of the codes, then by seat. */
async function leadersAt(db: Executor, tenantId: string, unitId: number, codes: string[], limit: number): Promise<Leader[]> {
  const { rows } = await sql<{ person_id: number; name: string; name_hi: string | null }>`select d.person_id, p.name, p.name_hi
    from designations d join people p on p.tenant_id = d.tenant_id and p.id = d.person_id
    where d.tenant_id = ${tenantId}::uuid and d.unit_id = ${unitId}::bigint and d.to_date is null and d.code = any(${codes}::text[])
    order by array_position(${codes}::text[], d.code), d.seat limit ${limit}::int`.execute(db);
  return rows.map((x) => ({ personId: Number(x.person_id), name: x.name, nameHi: x.name_hi }));
}
