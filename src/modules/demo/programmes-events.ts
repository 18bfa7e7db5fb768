// The demo's events: a national course for booth presidents (three sessions), held as one training per
// state by the state unit, every booth president of the state invited as the rule would invite them,
// attendance and completion varying by state and district (some finish every session, some drop out);
// the booth president's post requires the course, so the "lacking" lists have names; and a national
// executive meeting of the national and state office-bearers (wings included) with answers, passes
// and check-ins. Invitees and completions go in as final rows, a chunk per statement, from a stream
// per state, so a seed and an anchor give the same rows every time.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import type { InviteRule } from '../programmes/events.schemas.ts';
import { intArray, type BulkWriter } from './bulk.ts';
import type { DemoPlan, StateGeography } from './plan.ts';
import { streamOf, type Random } from './random.ts';

export const DEMO_COURSE = 'booth_president_basics';
const SESSIONS: readonly (readonly [string, string])[] = [
  ['The booth committee and its duties', 'बूथ समिति और उसके दायित्व'],
  ['The voter roll and the panna pramukhs', 'मतदाता सूची और पन्ना प्रमुख'],
  ['Polling day: agents, turnout and Form 17C', 'मतदान दिवस: एजेंट, मतदान और फ़ॉर्म 17C'],
];
const TRAINING_TITLE: readonly [string, string] = ['Booth president basics', 'बूथ अध्यक्ष बुनियादी प्रशिक्षण'];
const CONFERENCE_TITLE: readonly [string, string] = ['National executive meeting', 'राष्ट्रीय कार्यकारिणी बैठक'];
const TRAINING_RULES: InviteRule[] = [{ kind: 'designation', level: 'booth', code: 'booth_president' }];
const NATIONAL_CODES = ['president', 'general_secretary', 'secretary', 'treasurer'];
const STATE_CODES = ['president', 'prabhari', 'general_secretary', 'secretary', 'treasurer'];
const CONFERENCE_RULES: InviteRule[] = [
  { kind: 'delegates', level: 'national', codes: NATIONAL_CODES, includeWings: true },
  { kind: 'delegates', level: 'state', codes: STATE_CODES, includeWings: true },
];
/** Rows per statement. */
const CHUNK = 20_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The events' titles for the plan's states: the rows a redo replaces (programmes.ts). */
export function demoEventTitles(plan: DemoPlan): string[] {
  return [CONFERENCE_TITLE[0], ...plan.states.map((s) => trainingTitle(s.name))];
}
const trainingTitle = (state: string) => `${TRAINING_TITLE[0]} — ${state}`;

interface Invitee { person: number; path: string; home: string; wing: string | null; reason: string }
/** Invitee columns, times as minutes from the event's start (negative before it). */
class Rows {
  person: number[] = []; path: string[] = []; wing: (string | null)[] = []; reason: string[] = []; rsvp: (string | null)[] = [];
  rsvpAt: (number | null)[] = []; registeredAt: (number | null)[] = []; credential: (string | null)[] = []; checkedInAt: (number | null)[] = [];
  done = { no: [] as number[], person: [] as number[], home: [] as string[], at: [] as number[] };
  get length() { return this.person.length; }
}

export interface EventCounts { events: number; training_sessions: number }

/** Writes the trainings, the conference and the course requirement; invitee and completion rows are counted by the writer. */
export async function writeEvents(db: Executor, w: BulkWriter, plan: DemoPlan, geos: StateGeography[], tenantId: string,
  root: { id: number; path: string }, anchor: string): Promise<EventCounts> {
  const anchorMs = Date.parse(`${anchor}T00:00:00Z`);
  const states = (await sql<{ id: number; path: string; state_code: string }>`select id, path::text as path, state_code from units
    where tenant_id = ${tenantId}::uuid and level = 'state' and wing is null`.execute(db)).rows;
  const presidents = await boothPresidents(db, tenantId);
  const counts: EventCounts = { events: 0, training_sessions: 0 };
  for (const geo of geos) {
    const unit = states.find((s) => s.state_code === geo.spec.code);
    if (!unit) continue;
    const r = streamOf(plan.seed, 'programme-training', geo.spec.index);
    // Held between three and six weeks before the anchor, 10:00 to 17:00 IST on three days, a session a day.
    const startsMs = anchorMs - r.int(21, 42) * DAY + (10 * 60 - 330) * MINUTE;
    const id = await insertEvent(db, tenantId, { id: Number(unit.id), path: unit.path }, 'training', [trainingTitle(geo.spec.name), `${TRAINING_TITLE[1]} — ${geo.spec.nameHi}`],
      startsMs, startsMs + 2 * DAY + 7 * 60 * MINUTE, `Party office, ${geo.districts[0].name[0]}`, DEMO_COURSE, TRAINING_RULES);
    await db.insertInto('training_sessions').values(SESSIONS.map(([title, titleHi], i) => ({ tenant_id: tenantId, event_id: id, no: i + 1, title, title_hi: titleHi }))).execute();
    counts.events += 1;
    counts.training_sessions += SESSIONS.length;
    const rows = trainingRows(r, plan, geo, presidents.get(String(unit.id)) ?? []);
    await insertInvitees(w, tenantId, id, startsMs, rows);
  }
  counts.events += await writeConference(db, w, plan, tenantId, root, anchorMs);
  // The post requires the course, unless the tenant has chosen another for it.
  await sql`update designation_types set required_course = ${DEMO_COURSE} where tenant_id = ${tenantId}::uuid and level = 'booth'
    and code = 'booth_president' and required_course is null`.execute(db);
  return counts;
}

async function insertEvent(db: Executor, tenantId: string, unit: { id: number; path: string }, kind: 'training' | 'conference', title: readonly [string, string],
  startsMs: number, endsMs: number, place: string, course: string | null, rules: InviteRule[]): Promise<number> {
  const row = await db.insertInto('events').values({
    tenant_id: tenantId, kind, title: title[0], title_hi: title[1], starts_at: new Date(startsMs).toISOString(), ends_at: new Date(endsMs).toISOString(),
    place, unit_id: unit.id, unit_path: unit.path, status: 'done', course_code: course, rules: JSON.stringify(rules),
    invited_at: new Date(startsMs - 14 * DAY).toISOString(), created_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Every current booth president, grouped by state unit id (the path's second label), in booth order; as
 * the designation rule finds them (the booth's path, the person's first wing, the rule's reason). People
 * by primary key rather than joined: see personWing in events-invitees.ts.
 */
async function boothPresidents(db: Executor, tenantId: string): Promise<Map<string, Invitee[]>> {
  const { rows } = await sql<{ person_id: number; path: string; home: string; wing: string | null }>`select d.person_id, d.unit_path::text as path, p.home, p.wing
    from designations d cross join lateral (select x.unit_path::text as home, x.wings[1] as wing from people x where x.tenant_id = d.tenant_id and x.id = d.person_id) p
    where d.tenant_id = ${tenantId}::uuid and d.to_date is null and d.level = 'booth' and d.code = 'booth_president'
    order by d.unit_id, d.seat`.execute(db);
  const out = new Map<string, Invitee[]>();
  const seen = new Set<number>();
  for (const x of rows) {
    const person = Number(x.person_id);
    if (seen.has(person)) continue; // one invitation a person, as the rule's distinct on
    seen.add(person);
    const state = x.path.split('.')[1];
    const list = out.get(state) ?? [];
    list.push({ person, path: x.path, home: x.home, wing: x.wing, reason: 'designation:booth_president' });
    out.set(state, list);
  }
  return out;
}

/**
 * A state's trainees: the share who came varies by state (nationally) and by district; those who came
 * finish the first session, and each session after it with a chance that grows with the district's
 * vigour. Most who came said yes beforehand; some who said yes and registered never came.
 */
function trainingRows(r: Random, plan: DemoPlan, geo: StateGeography, invitees: Invitee[]): Rows {
  const state = plan.scale === 'national' ? streamOf(plan.seed, 'programme-training-state', geo.spec.index).between(0.5, 1.35) : 1;
  const vigour = new Map<string, number>();
  const rows = new Rows();
  for (const inv of invitees) {
    const district = inv.path.split('.')[2];
    let v = vigour.get(district);
    if (v === undefined) {
      v = state * streamOf(plan.seed, 'programme-training-district', geo.spec.index, vigour.size).between(0.45, 1.4);
      vigour.set(district, v);
    }
    const came = r.next() < Math.min(0.95, 0.5 * v);
    const rsvp = came ? (r.next() < 0.9 ? 'yes' : null) : pickRsvp(r, [0.3, 0.15, 0.1]);
    const registered = came || (rsvp === 'yes' && r.next() < 0.4);
    add(rows, r, inv, rsvp, registered, came);
    if (!came) continue;
    const stay = Math.min(0.95, 0.55 + 0.3 * v);
    for (let no = 1; no <= SESSIONS.length && (no === 1 || r.next() < stay); no++) {
      rows.done.no.push(no); rows.done.person.push(inv.person); rows.done.home.push(inv.home);
      rows.done.at.push((no - 1) * 24 * 60 + r.int(5 * 60, 7 * 60)); // the session's day, between 15:00 and 17:00
    }
  }
  return rows;
}

function pickRsvp(r: Random, [yes, no, maybe]: number[]): string | null {
  const u = r.next();
  return u < yes ? 'yes' : u < yes + no ? 'no' : u < yes + no + maybe ? 'maybe' : null;
}

/** One invitee: answered within days of the invitation (two weeks before), registered up to three days before, checked in in the first hour and a half. */
function add(rows: Rows, r: Random, inv: Invitee, rsvp: string | null, registered: boolean, came: boolean): void {
  rows.person.push(inv.person); rows.path.push(inv.path); rows.wing.push(inv.wing); rows.reason.push(inv.reason); rows.rsvp.push(rsvp);
  rows.rsvpAt.push(rsvp ? -r.int(3 * 24 * 60, 13 * 24 * 60) : null);
  rows.registeredAt.push(registered ? -r.int(10, 3 * 24 * 60) : null);
  rows.credential.push(registered ? credential(r) : null);
  rows.checkedInAt.push(came ? r.int(0, 90) : null); // after registering, which ends ten minutes before the start
}

/** 24 url-safe characters, as newCredential makes them, drawn from the seed's stream. */
function credential(r: Random): string {
  let out = '';
  for (let i = 0; i < 24; i++) out += URL_SAFE[r.int(0, 63)];
  return out;
}

async function insertInvitees(w: BulkWriter, tenantId: string, eventId: number, startsMs: number, rows: Rows): Promise<void> {
  const starts = new Date(startsMs).toISOString();
  const at = (col: string) => sql`${starts}::timestamptz + ${sql.ref(col)} * interval '1 minute'`;
  for (let first = 0; first < rows.length; first += CHUNK) {
    const end = Math.min(rows.length, first + CHUNK);
    await w.run('event_invitees', sql`insert into event_invitees (tenant_id, event_id, person_id, unit_path, wing, reason, rsvp, rsvp_at, registered_at, credential, checked_in_at, invited_at)
      select ${tenantId}::uuid, ${eventId}::bigint, x.person, x.path::ltree, x.wing, x.reason, x.rsvp, ${at('x.rsvp_at')}, ${at('x.registered_at')}, x.credential,
        ${at('x.checked_in_at')}, ${starts}::timestamptz - interval '14 days'
      from unnest(${intArray(rows.person.slice(first, end))}::bigint[], ${rows.path.slice(first, end)}::text[], ${rows.wing.slice(first, end)}::text[],
        ${rows.reason.slice(first, end)}::text[], ${rows.rsvp.slice(first, end)}::text[], ${intArray(rows.rsvpAt.slice(first, end))}::int[],
        ${intArray(rows.registeredAt.slice(first, end))}::int[], ${rows.credential.slice(first, end)}::text[], ${intArray(rows.checkedInAt.slice(first, end))}::int[])
        x(person, path, wing, reason, rsvp, rsvp_at, registered_at, credential, checked_in_at)`);
  }
  await w.flush(); // completions reference their invitees
  const d = rows.done;
  for (let first = 0; first < d.no.length; first += CHUNK) {
    const end = Math.min(d.no.length, first + CHUNK);
    await w.run('session_completions', sql`insert into session_completions (tenant_id, event_id, no, person_id, unit_path, completed_at)
      select ${tenantId}::uuid, ${eventId}::bigint, x.no, x.person, x.home::ltree, ${at('x.at')}
      from unnest(${intArray(d.no.slice(first, end))}::int[], ${intArray(d.person.slice(first, end))}::bigint[], ${d.home.slice(first, end)}::text[],
        ${intArray(d.at.slice(first, end))}::int[]) x(no, person, home, at)`);
  }
}

/**
 * The national executive, twelve days before the anchor at the root: the national office-bearers and
 * every state unit's (wing units too), each found once, first by the national rule, as the delegates
 * rule finds them. Most answer yes and register; most who registered came.
 */
async function writeConference(db: Executor, w: BulkWriter, plan: DemoPlan, tenantId: string, root: { id: number; path: string }, anchorMs: number): Promise<number> {
  const { rows } = await sql<{ person_id: number; path: string; code: string; level: string; wing: string | null }>`select d.person_id, d.unit_path::text as path, d.code, d.level,
      coalesce((select u.wing from units u where u.tenant_id = d.tenant_id and u.id = d.unit_id),
        (select p.wings[1] from people p where p.tenant_id = d.tenant_id and p.id = d.person_id)) as wing
    from designations d
    where d.tenant_id = ${tenantId}::uuid and d.to_date is null
      and ((d.level = 'national' and d.code = any(${NATIONAL_CODES}::text[])) or (d.level = 'state' and d.code = any(${STATE_CODES}::text[])))
    order by d.level = 'state', d.unit_id, d.code, d.seat`.execute(db);
  const startsMs = anchorMs - 12 * DAY + (10 * 60 - 330) * MINUTE;
  const id = await insertEvent(db, tenantId, root, 'conference', CONFERENCE_TITLE, startsMs, startsMs + DAY + 8 * 60 * MINUTE,
    'Convention centre, New Delhi', null, CONFERENCE_RULES);
  const r = streamOf(plan.seed, 'programme-conference');
  const out = new Rows();
  const seen = new Set<number>();
  for (const x of rows) {
    const person = Number(x.person_id);
    if (seen.has(person)) continue;
    seen.add(person);
    const rsvp = pickRsvp(r, [0.8, 0.05, 0.05]);
    const registered = rsvp === 'yes' ? r.next() < 0.95 : rsvp === 'maybe' && r.next() < 0.4;
    add(out, r, { person, path: x.path, home: x.path, wing: x.wing, reason: `delegate:${x.code}` }, rsvp, registered, registered && r.next() < 0.88);
  }
  await insertInvitees(w, tenantId, id, startsMs, out);
  return 1;
}
