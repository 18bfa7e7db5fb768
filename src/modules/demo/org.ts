// The demo organisation: people (workers) with bilingual names, E.164 mobiles and verification states,
// committees filled unevenly at every level (some booths fully formed, many partial, some empty, so
// every grade occurs and the map has colour), panna pramukhs, wing units, elected representatives,
// inductees at every step and a few deliberate duplicates for the merge screen. Deterministic for a
// seed: every draw comes from a stream keyed by (seed, state, booth or unit), never from the order
// rows come back in. Written set-based, a chunk of booths per statement (people and their
// designations in one statement, so the foreign keys hold without a round trip in between), as the
// system; then the strength sums are rebuilt.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { rebuildStrength } from '../organisation/strength.service.ts';
import { createWriter, intArray, type BulkWriter } from './bulk.ts';
import { placeName, workerName, type Bilingual } from './names.ts';
import { createPlan, planGeography, type DemoPlan, type Reservation, type Scale, type StateGeography } from './plan.ts';
import { createRandom, hashInts, hashText, streamOf, type Random } from './random.ts';

/** Booths per statement: ~10,000–25,000 people and their designations. */
const CHUNK_BOOTHS = 2_000;
/** Day 0 of the demo's dates (registrations, verifications, terms). */
const DAY0 = '2024-01-01';
const ROLL_PAGE_SIZE = 30;

type Tier = 'full' | 'formed' | 'partial' | 'thin' | 'none';
const TIERS: readonly Tier[] = ['full', 'formed', 'partial', 'thin', 'none'];

/**
 * How rich a booth's organisation is, per scale. The default `npm start` demo (state, ~50,000 booths on
 * PGlite) keeps ~4 workers a booth so first start stays quick; the national demo has ~10 (about
 * 10 million workers), as the benchmark asks.
 */
interface Profile {
  /** Tier weights (full, formed, partial, thin, none) for a booth of average strength. */
  weights: readonly number[];
  /** Share of roll pages with a pramukh, per tier: [lo, hi]. */
  pages: Record<Tier, readonly [number, number]>;
  /** Workers with no post, per tier: [lo, hi]. */
  extra: Record<Tier, readonly [number, number]>;
  /** Chance a booth gets a deliberate duplicate of one of its people. */
  duplicate: number;
}
const PROFILES: Record<Scale, Profile> = {
  // ~3 workers and ~3.5 posts a booth: PGlite writes a person or a post in ~50 µs, so this keeps the
  // organisation to ~15 s of the first start.
  state: {
    weights: [0.03, 0.12, 0.33, 0.27, 0.25],
    pages: { full: [0.5, 0.65], formed: [0, 0.15], partial: [0, 0], thin: [0, 0], none: [0, 0] },
    extra: { full: [0, 2], formed: [0, 1], partial: [0, 1], thin: [0, 1], none: [0, 0] },
    duplicate: 0.0012,
  },
  // ~10 workers and ~11 posts a booth: about 10.5 million people over the national demo's 1.06 million booths.
  national: {
    weights: [0.1, 0.27, 0.31, 0.19, 0.13],
    pages: { full: [0.5, 1], formed: [0.1, 0.55], partial: [0, 0.15], thin: [0, 0.05], none: [0, 0] },
    extra: { full: [2, 8], formed: [1, 6], partial: [1, 3], thin: [0, 3], none: [0, 1] },
    duplicate: 0.001,
  },
};
/** Share of verified workers by tier: unverified comes out at ~20–40% overall. */
const VERIFIED: Record<Tier, number> = { full: 0.86, formed: 0.74, partial: 0.62, thin: 0.52, none: 0.45 };

const AGE_BANDS = ['18-25', '26-35', '36-45', '46-60', '60+'] as const;
const AGE_WEIGHTS = [0.12, 0.3, 0.28, 0.22, 0.08];
const CATEGORIES = ['GEN', 'OBC', 'SC', 'ST', 'other'] as const;
const CATEGORY_WEIGHTS: Record<Reservation, readonly number[]> = {
  GEN: [0.33, 0.42, 0.16, 0.07, 0.02], SC: [0.26, 0.36, 0.31, 0.05, 0.02], ST: [0.22, 0.3, 0.1, 0.36, 0.02],
};

/** Indian mobile prefixes that libphonenumber-js ('max' metadata) accepts for every 8 digits after them. */
const MOBILE_PREFIXES = ['98', '99', '97', '96', '95', '94', '93', '90'] as const;
const PHONE_SPACE = MOBILE_PREFIXES.length * 1e8;
const PHONE_MULT = 387_420_489; // 3^18: coprime to 8·10^8, so k → k·m + c mod 8·10^8 is a bijection

/** The k-th demo person's mobile, E.164: distinct for distinct k below 8·10^8, scattered over the prefixes. */
export function demoPhone(k: number): string {
  // (a·k) mod n without leaving exact integers: split k into 16-bit halves.
  const hi = Math.floor(k / 65536);
  const lo = k % 65536;
  const n = (((PHONE_MULT * hi) % PHONE_SPACE) * 65536 % PHONE_SPACE + PHONE_MULT * lo + 12_345_671) % PHONE_SPACE;
  return `+91${MOBILE_PREFIXES[Math.floor(n / 1e8)]}${String(n % 1e8).padStart(8, '0')}`;
}

/** A designation type as configured for the tenant. */
interface SlotType { level: string; code: string; seats: number; perPage: boolean; isRequired: boolean; isHead: boolean }

interface UnitRow { id: number; parent_id: number | null; level: string; path: string; ac_no: number | null; name: string; name_hi: string | null; electors: number | null }

export interface OrgResult { people: number; designations: number; representatives: number; inductees: number; duplicates: number; wingUnits: number }

/**
 * Writes the organisation of the plan's tenant (its unit tree must be there). Removes any earlier demo
 * organisation of the tenant first, so it can run on a demo seeded before the organisation existed.
 */
export async function writeOrganisation(db: Executor, w: BulkWriter, plan: DemoPlan, geos: StateGeography[], tenantId: string): Promise<OrgResult> {
  await clearOrganisation(db, tenantId);
  // Statistics first: without them a fresh database joins units to polling_stations by nested loops
  // over the whole roll (minutes on PGlite), here and in the strength rebuild.
  await sql`analyze units, polling_stations`.execute(db);
  const types = await slotTypes(db, tenantId);
  const profile = PROFILES[plan.scale];
  const ctx: Ctx = {
    plan, tenantId, types, profile, w,
    nextPerson: await nextId(db, 'people'), nextInductee: await nextId(db, 'inductees'), phoneIndex: 0,
    result: emptyOrgResult(),
  };
  const seats = await electedSeats(db, plan);
  let nextUnit = await nextId(db, 'units');
  const root = await db.selectFrom('units').select(['id', 'path', 'name', 'name_hi']).where('tenant_id', '=', tenantId)
    .where('parent_id', 'is', null).executeTakeFirstOrThrow();
  let rootHome: Home | null = null;
  for (const geo of geos) {
    const units = await stateUnits(db, tenantId, geo.spec.code);
    const wings = planWingUnits(plan, geo, units, nextUnit);
    nextUnit += wings.length;
    if (wings.length) await writeWingUnits(w, tenantId, geo.spec.code, wings);
    ctx.result.wingUnits += wings.length;
    const home = await writeState(ctx, geo, units, wings, seats);
    rootHome ??= home; // the national office-bearers live in the first state
  }
  if (nextUnit > 1) await sql`select setval(pg_get_serial_sequence('units', 'id'), greatest((select max(id) from units), 1))`.execute(db);
  if (rootHome) await writeRootCommittee(ctx, { id: root.id, path: root.path, level: 'national' }, rootHome);
  await w.flush();
  await sql`select setval(pg_get_serial_sequence('people', 'id'), greatest((select max(id) from people), 1))`.execute(db);
  await sql`select setval(pg_get_serial_sequence('inductees', 'id'), greatest((select max(id) from inductees), 1))`.execute(db);
  // Fresh statistics before the strength rebuild reads millions of rows.
  await sql`analyze people, designations`.execute(db);
  await rebuildStrength(db, tenantId);
  return ctx.result;
}

/**
 * The organisation alone, on a demo seeded before it existed (or to redo it): the benchmark adds it to
 * a national demo already in the database instead of reseeding the 7 million rows under it.
 */
export async function seedDemoOrganisation(db: Executor, opts: { scale: Scale; seed?: number; onRows?: (rows: number) => void }):
  Promise<OrgResult & { tenantId: string; seconds: number; counts: Record<string, number> }> {
  const started = performance.now();
  const plan = createPlan(opts.scale, opts.seed ?? 1);
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', plan.tenant.slug).executeTakeFirstOrThrow();
  const w = createWriter(db, { onRows: opts.onRows });
  const result = await writeOrganisation(db, w, plan, plan.states.map((spec) => planGeography(plan, spec)), tenant.id);
  await w.flush();
  return { ...result, tenantId: tenant.id, seconds: (performance.now() - started) / 1000, counts: { ...w.counts } };
}

export function emptyOrgResult(): OrgResult {
  return { people: 0, designations: 0, representatives: 0, inductees: 0, duplicates: 0, wingUnits: 0 };
}

/** Rows writeOrganisation will add, roughly, for the seed's progress bar. */
export function estimateOrgRows(plan: DemoPlan, geos: StateGeography[]): number {
  const perBooth = plan.scale === 'state' ? 6.5 : 21;
  return Math.round(geos.reduce((n, g) => n + g.boothCount, 0) * perBooth);
}

/** The tenant's organisation data, and its wing units, removed in foreign-key order. */
async function clearOrganisation(db: Executor, tenantId: string): Promise<void> {
  const any = await db.selectFrom('people').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
  if (any) {
    // Invitations name people without a cascade (an event keeps its list), so they go first.
    for (const table of ['session_completions', 'event_invitees', 'inductee_events', 'inductees', 'representatives', 'designations', 'person_merges'] as const) {
      await db.deleteFrom(table).where('tenant_id', '=', tenantId).execute();
    }
    await sql`update people set vouched_by = null, merged_into = null where tenant_id = ${tenantId}::uuid and (vouched_by is not null or merged_into is not null)`.execute(db);
    await db.deleteFrom('people').where('tenant_id', '=', tenantId).execute();
  }
  await db.deleteFrom('unit_strength').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('unit_own_strength').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('units').where('tenant_id', '=', tenantId).where('wing', 'is not', null).execute();
}

async function slotTypes(db: Executor, tenantId: string): Promise<Map<string, SlotType[]>> {
  const rows = await db.selectFrom('designation_types').selectAll().where('tenant_id', '=', tenantId).orderBy('level').orderBy('sort').orderBy('code').execute();
  const out = new Map<string, SlotType[]>();
  for (const r of rows) {
    const list = out.get(r.level) ?? [];
    list.push({ level: r.level, code: r.code, seats: r.seats, perPage: r.per_page, isRequired: r.is_required, isHead: r.is_head });
    out.set(r.level, list);
  }
  return out;
}

async function nextId(db: Executor, table: 'people' | 'inductees' | 'units'): Promise<number> {
  const { rows } = await sql<{ max: number }>`select coalesce(max(id), 0)::int8 as max from ${sql.table(table)}`.execute(db);
  return Number(rows[0].max) + 1;
}

/** A state's main-axis units in id order (plan order), booths with their electors. */
async function stateUnits(db: Executor, tenantId: string, stateCode: string): Promise<UnitRow[]> {
  const { rows } = await sql<UnitRow>`select u.id, u.parent_id, u.level, u.path::text as path, u.ac_no, u.name, u.name_hi, ps.electors
    from units u left join polling_stations ps on u.level = 'booth' and ps.state_code = u.state_code and ps.era = 2008
      and ps.ac_no = u.ac_no and ps.part_no = u.part_no
    where u.tenant_id = ${tenantId}::uuid and u.state_code = ${stateCode} and u.wing is null
    order by u.id`.execute(db);
  return rows;
}

/** Seats the demo party holds: won in the last election (results), and for the other house a share by hash. */
async function electedSeats(db: Executor, plan: DemoPlan): Promise<{ won: Set<string>; house: 'LS' | 'AE' }> {
  const last = plan.elections[plan.elections.length - 1];
  const rows = await db.selectFrom('results').select(['state_code', 'constituency_no']).where('election_id', '=', last.id)
    .where('party_code', '=', 'DP').where('position', '=', 1).execute();
  return { won: new Set(rows.map((r) => `${r.state_code}:${r.constituency_no}`)), house: last.house };
}

interface Ctx {
  plan: DemoPlan;
  tenantId: string;
  types: Map<string, SlotType[]>;
  profile: Profile;
  w: BulkWriter;
  nextPerson: number;
  nextInductee: number;
  phoneIndex: number;
  result: OrgResult;
}

// ---------- wing units ----------

interface WingUnit { id: number; parent: UnitRow; wing: string; path: string; name: Bilingual }
const WING_NAMES: Record<string, Bilingual> = { youth: ['Youth wing', 'युवा मोर्चा'], women: ["Women's wing", 'महिला मोर्चा'], farmers: ["Farmers' wing", 'किसान मोर्चा'] };

/** Youth and women's wings in every state and about half the districts; a farmers' wing in some states. */
function planWingUnits(plan: DemoPlan, geo: StateGeography, units: UnitRow[], firstId: number): WingUnit[] {
  const out: WingUnit[] = [];
  for (const u of units) {
    if (u.level !== 'state' && u.level !== 'district') continue;
    const h = hashInts(plan.seed, hashText('wing-units'), geo.spec.index, u.id);
    const wings = u.level === 'state' ? ['youth', 'women', ...(h % 3 === 0 ? ['farmers'] : [])] : (h % 100 < 55 ? ['youth', 'women'] : h % 100 < 70 ? ['youth'] : []);
    for (const wing of wings) {
      const id = firstId + out.length;
      const [l, hi] = WING_NAMES[wing];
      out.push({ id, parent: u, wing, path: `${u.path}.${id}`, name: [`${u.name}: ${l}`, `${u.name_hi ?? u.name}: ${hi}`] });
    }
  }
  return out;
}

async function writeWingUnits(w: BulkWriter, tenantId: string, stateCode: string, wings: WingUnit[]): Promise<void> {
  await w.run('units', sql`insert into units (tenant_id, id, parent_id, level, name, name_hi, path, state_code, wing)
    select ${tenantId}::uuid, t.id, t.parent_id, t.level, t.name, t.name_hi, t.path::ltree, ${stateCode}::text, t.wing
    from unnest(${intArray(wings.map((x) => x.id))}::bigint[], ${intArray(wings.map((x) => x.parent.id))}::bigint[],
      ${wings.map((x) => x.parent.level)}::text[], ${wings.map((x) => x.name[0])}::text[], ${wings.map((x) => x.name[1])}::text[],
      ${wings.map((x) => x.path)}::text[], ${wings.map((x) => x.wing)}::text[]) t(id, parent_id, level, name, name_hi, path, wing)`);
  await w.flush();
}

// ---------- rows ----------

/** People and designations of one statement, column by column. */
class Batch {
  p = { id: [] as number[], phone: [] as string[], name: [] as string[], nameHi: [] as string[], gender: [] as string[], age: [] as string[],
    category: [] as string[], epic: [] as (string | null)[], home: [] as number[], path: [] as string[], wings: [] as string[],
    created: [] as number[], phoneAt: [] as (number | null)[], epicAt: [] as (number | null)[], page: [] as (number | null)[],
    vouchedBy: [] as (number | null)[], vouchedAt: [] as (number | null)[] };
  d = { unit: [] as number[], path: [] as string[], level: [] as string[], code: [] as string[], seat: [] as number[], person: [] as number[],
    from: [] as number[], to: [] as (number | null)[], reason: [] as (string | null)[] };
  get people() { return this.p.id.length; }
  get designations() { return this.d.unit.length; }

  designate(unit: { id: number; path: string; level: string }, code: string, seat: number, person: number, from: number, to: number | null = null, reason: string | null = null) {
    const d = this.d;
    d.unit.push(unit.id); d.path.push(unit.path); d.level.push(unit.level); d.code.push(code); d.seat.push(seat); d.person.push(person);
    d.from.push(from); d.to.push(to); d.reason.push(reason);
  }
}

interface PersonDraw {
  female?: boolean;
  reservation: Reservation;
  home: { id: number; path: string; pages: number };
  verified: number;      // chance of being verified
  voucher?: number | null;
  wing?: string;
}

/** Adds one person to the batch; returns their id. */
function addPerson(ctx: Ctx, b: Batch, r: Random, d: PersonDraw): number {
  const id = ctx.nextPerson++;
  const k = ctx.phoneIndex++;
  const female = d.female ?? (d.wing === 'women' || r.next() < 0.34);
  const gender = female ? 'female' : r.next() < 0.003 ? 'other' : 'male';
  let age = AGE_BANDS[weighted(r, AGE_WEIGHTS)] as string;
  if (d.wing === 'youth' && age !== '18-25') age = '26-35';
  const category = CATEGORIES[weighted(r, CATEGORY_WEIGHTS[d.reservation])];
  const hasEpic = r.next() < 0.75;
  const epic = hasEpic ? epicOf(k, d.home.id) : null;
  const [name, nameHi] = workerName(hashInts(ctx.plan.seed, k), female);
  const wings: string[] = [];
  if (d.wing) wings.push(d.wing);
  if (!d.wing && (age === '18-25' || age === '26-35') && r.next() < 0.25) wings.push('youth');
  if (!d.wing && female && r.next() < 0.25) wings.push('women');
  if (r.next() < 0.07) wings.push('farmers');
  if (category === 'SC' && r.next() < 0.15) wings.push('sc');
  if (category === 'ST' && r.next() < 0.2) wings.push('st');
  if (category === 'OBC' && r.next() < 0.08) wings.push('obc');
  const created = r.int(0, 700);
  let phoneAt: number | null = null;
  let epicAt: number | null = null;
  let vouchedAt: number | null = null;
  let voucher: number | null = null;
  if (r.next() < d.verified) {
    phoneAt = created + r.int(0, 30);
    if (hasEpic && r.next() < 0.75) epicAt = created + r.int(1, 90);
    else { vouchedAt = created + r.int(1, 60); voucher = d.voucher ?? null; }
  } else {
    const u = r.next();
    if (u < 0.5) phoneAt = created + r.int(0, 30);        // phone answered, voter not confirmed
    else if (u < 0.6 && hasEpic) epicAt = created + r.int(1, 90); // on the roll, phone never answered
  }
  const p = b.p;
  p.id.push(id); p.phone.push(demoPhone(k)); p.name.push(name); p.nameHi.push(nameHi); p.gender.push(gender); p.age.push(age);
  p.category.push(category); p.epic.push(epic); p.home.push(d.home.id); p.path.push(d.home.path); p.wings.push(wings.join(','));
  p.created.push(created); p.phoneAt.push(phoneAt); p.epicAt.push(epicAt); p.page.push(epicAt !== null ? r.int(1, Math.max(1, d.home.pages)) : null);
  p.vouchedBy.push(vouchedAt !== null ? voucher : null); p.vouchedAt.push(vouchedAt);
  ctx.result.people++;
  return id;
}

/** A copy of a person already in the batch under another number: same EPIC, or same name in the same booth. */
function addDuplicate(ctx: Ctx, b: Batch, r: Random, of: number): void {
  const p = b.p;
  const i = p.id.indexOf(of);
  const id = ctx.nextPerson++;
  const k = ctx.phoneIndex++;
  const sameEpic = p.epic[i] !== null && r.next() < 0.5;
  p.id.push(id); p.phone.push(demoPhone(k)); p.name.push(p.name[i]); p.nameHi.push(p.nameHi[i]); p.gender.push(p.gender[i]); p.age.push(p.age[i]);
  p.category.push(p.category[i]); p.epic.push(sameEpic ? p.epic[i] : null); p.home.push(p.home[i]); p.path.push(p.path[i]); p.wings.push('');
  p.created.push(p.created[i] + r.int(5, 200)); p.phoneAt.push(r.next() < 0.5 ? p.created[i] + 210 : null); p.epicAt.push(null); p.page.push(null);
  p.vouchedBy.push(null); p.vouchedAt.push(null);
  ctx.result.people++;
  ctx.result.duplicates++;
}

/** An EPIC-like voter id, distinct per person: three letters and seven digits. */
function epicOf(k: number, homeUnit: number): string {
  const letter = (n: number) => String.fromCharCode(65 + (n % 26));
  return `${letter(homeUnit)}${letter(homeUnit >>> 5)}${letter(Math.floor(k / 1e7))}${String(k % 1e7).padStart(7, '0')}`;
}

function weighted(r: Random, weights: readonly number[]): number {
  let u = r.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) { u -= weights[i]; if (u < 0) return i; }
  return weights.length - 1;
}

/** One statement: the batch's people, then their designations (the foreign keys see both at its end). */
async function send(ctx: Ctx, b: Batch): Promise<void> {
  if (!b.people && !b.designations) return;
  const { p, d } = b;
  const day = (xs: (number | null)[]) => intArray(xs);
  ctx.result.designations += b.designations;
  await ctx.w.run('designations', sql`with new_people as (
      insert into people (tenant_id, id, phone, name, name_hi, gender, age_band, category, epic, home_unit_id, unit_path, wings,
        phone_verified_at, epic_matched_at, roll_page, vouched_by, vouched_at, created_at, updated_at)
      select ${ctx.tenantId}::uuid, t.id, t.phone, t.name, t.name_hi, t.gender, t.age_band, t.category, t.epic, t.home, t.path::ltree,
        string_to_array(t.wings, ','), ${DAY0}::timestamptz + t.phone_at * interval '1 day', ${DAY0}::timestamptz + t.epic_at * interval '1 day',
        t.page, t.vouched_by, ${DAY0}::timestamptz + t.vouched_at * interval '1 day', ${DAY0}::timestamptz + t.created * interval '1 day',
        ${DAY0}::timestamptz + greatest(t.created, t.phone_at, t.epic_at, t.vouched_at) * interval '1 day'
      from unnest(${intArray(p.id)}::bigint[], ${p.phone}::text[], ${p.name}::text[], ${p.nameHi}::text[], ${p.gender}::text[], ${p.age}::text[],
        ${p.category}::text[], ${p.epic}::text[], ${intArray(p.home)}::bigint[], ${p.path}::text[], ${p.wings}::text[], ${day(p.phoneAt)}::int[],
        ${day(p.epicAt)}::int[], ${intArray(p.page)}::int[], ${intArray(p.vouchedBy)}::bigint[], ${day(p.vouchedAt)}::int[], ${intArray(p.created)}::int[])
        t(id, phone, name, name_hi, gender, age_band, category, epic, home, path, wings, phone_at, epic_at, page, vouched_by, vouched_at, created)
      returning 1
    )
    insert into designations (tenant_id, unit_id, unit_path, level, code, seat, person_id, from_date, to_date, end_reason, created_at)
    select ${ctx.tenantId}::uuid, t.unit_id, t.path::ltree, t.level, t.code, t.seat, t.person, ${DAY0}::date + t.from_day, ${DAY0}::date + t.to_day, t.reason,
      ${DAY0}::timestamptz + t.from_day * interval '1 day'
    from unnest(${intArray(d.unit)}::bigint[], ${d.path}::text[], ${d.level}::text[], ${d.code}::text[], ${intArray(d.seat)}::int[], ${intArray(d.person)}::bigint[],
      ${intArray(d.from)}::int[], ${intArray(d.to)}::int[], ${d.reason}::text[]) t(unit_id, path, level, code, seat, person, from_day, to_day, reason)`,
  { people: b.people });
}

// ---------- a state ----------

interface Seats { won: Set<string>; house: 'LS' | 'AE' }
interface Home { id: number; path: string; pages: number }

/**
 * One state: booths a chunk at a time, then the committees above them, the wings, the representatives
 * and the inductees. Returns a booth of the state (the home of the national office-bearers).
 */
async function writeState(ctx: Ctx, geo: StateGeography, units: UnitRow[], wings: WingUnit[], seats: Seats): Promise<Home> {
  const { plan } = ctx;
  const s = geo.spec.index;
  const booths = units.filter((u) => u.level === 'booth');
  const homes: Home[] = booths.map((u) => ({ id: u.id, path: u.path, pages: Math.ceil((u.electors ?? 0) / ROLL_PAGE_SIZE) }));
  // A unit's booths are contiguous in id order: first booth and count per ancestor, to house its office-bearers.
  const span = new Map<number, [number, number]>();
  booths.forEach((u, i) => {
    for (const a of u.path.split('.')) {
      const id = Number(a);
      const got = span.get(id);
      if (got) got[1]++; else span.set(id, [i, 1]);
    }
  });
  const homeIn = (unitId: number, r: Random): Home => {
    const [first, count] = span.get(unitId) ?? [0, booths.length];
    return homes[first + r.int(0, count - 1)];
  };
  const strength = unitStrengths(plan, geo, units);
  const reservation = (ac: number | null) => (ac ? geo.acs[ac - 1]?.reservation : undefined) ?? 'GEN';

  for (let first = 0; first < booths.length; first += CHUNK_BOOTHS) {
    const b = new Batch();
    for (let i = first; i < Math.min(booths.length, first + CHUNK_BOOTHS); i++) {
      writeBooth(ctx, b, createRandom(hashInts(plan.seed, hashText('org-booth'), s, i)), booths[i], homes[i], strength.get(booths[i].id) ?? 0.5, reservation(booths[i].ac_no));
    }
    await send(ctx, b);
  }

  // Committees above the booth, and the wings' committees.
  const b = new Batch();
  const heads = new Map<number, number>();
  for (const u of units) {
    if (u.level === 'booth') continue;
    const r = createRandom(hashInts(plan.seed, hashText('org-unit'), s, u.id));
    const head = writeCommittee(ctx, b, r, u, strength.get(u.id) ?? 0.5, () => homeIn(u.id, r), reservation(u.ac_no));
    if (head !== null) heads.set(u.id, head);
  }
  for (const wu of wings) {
    const r = createRandom(hashInts(plan.seed, hashText('org-wing'), s, wu.id));
    writeCommittee(ctx, b, r, { ...wu.parent, id: wu.id, path: wu.path }, Math.min(1, (strength.get(wu.parent.id) ?? 0.5) + 0.1),
      () => homeIn(wu.parent.id, r), reservation(wu.parent.ac_no), wu.wing);
  }
  await send(ctx, b);

  await ctx.w.flush(); // representatives and inductees name people of these committees
  await writeRepresentatives(ctx, geo, units, seats, homeIn);
  await writeInductees(ctx, geo, units, heads, homeIn);
  return homes[0];
}

/**
 * How strong the organisation is under each unit, 0..1: a district's level plus its AC's, so
 * neighbouring booths look alike and the map shows strong and weak regions.
 */
function unitStrengths(plan: DemoPlan, geo: StateGeography, units: UnitRow[]): Map<number, number> {
  const s = geo.spec.index;
  const stateLevel = streamOf(plan.seed, 'org-state', s).between(0.3, 0.75);
  const out = new Map<number, number>();
  for (const u of units) {
    const parent = u.parent_id === null ? undefined : out.get(u.parent_id);
    const own = createRandom(hashInts(plan.seed, hashText('org-strength'), s, u.id)).next();
    const value = u.level === 'state' ? stateLevel
      : u.level === 'district' ? clamp(0.5 * stateLevel + own * 0.6 - 0.05)
        : u.level === 'ac' ? clamp(0.75 * (parent ?? 0.5) + 0.25 * own + 0.05)
          : u.level === 'mandal' ? clamp(0.85 * (parent ?? 0.5) + 0.15 * own + 0.02)
            : parent ?? 0.5; // shakti kendras and booths take their mandal's
    out.set(u.id, value);
  }
  return out;
}

function clamp(x: number): number {
  return Math.max(0, Math.min(1, x));
}

/** A booth: its tier (how formed its committee is) from its strength, then people, posts and pages. */
function writeBooth(ctx: Ctx, b: Batch, r: Random, unit: UnitRow, home: Home, strength: number, reservation: Reservation): void {
  const { profile } = ctx;
  const shift = [0.25 + 1.5 * strength, 0.55 + 0.9 * strength, 1, 1.45 - 0.9 * strength, 1.6 - 1.2 * strength];
  const tier = TIERS[weighted(r, profile.weights.map((x, i) => x * shift[i]))];
  const types = ctx.types.get('booth') ?? [];
  const seats = types.filter((t) => !t.perPage && t.isRequired).flatMap((t) => Array.from({ length: t.seats }, (_, i) => ({ code: t.code, seat: i + 1, head: t.isHead })));
  const head = seats.filter((x) => x.head);
  const rest = r.shuffle(seats.filter((x) => !x.head));
  let filled: typeof seats;
  switch (tier) {
    case 'full': filled = [...head, ...rest.slice(0, rest.length - (r.next() < 0.2 ? 1 : 0))]; break;
    case 'formed': filled = [...head, ...rest.slice(0, r.int(5, Math.max(5, rest.length - 1)))]; break;
    case 'partial': filled = r.next() < 0.6 ? [...head, ...rest.slice(0, r.int(0, 4))] : rest.slice(0, r.int(3, 5)); break;
    case 'thin': filled = rest.slice(0, r.int(0, 2)); break;
    default: filled = [];
  }
  const unitRef = { id: unit.id, path: unit.path, level: unit.level };
  const verified = VERIFIED[tier];
  const draw = { reservation, home, verified };
  const from = () => r.int(0, 600);
  let president: number | null = null;
  const members: number[] = [];
  for (const seat of filled) {
    const id = addPerson(ctx, b, r, { ...draw, voucher: president });
    if (seat.head) president = id;
    members.push(id);
    b.designate(unitRef, seat.code, seat.seat, id, from());
  }
  // An earlier booth president, replaced: history for the unit page.
  if (president !== null && r.next() < 0.08) {
    const earlier = addPerson(ctx, b, r, { ...draw, voucher: president });
    const start = r.int(0, 200);
    b.designate(unitRef, head[0].code, 1, earlier, start, start + r.int(60, 300), 'replaced');
  }
  // Panna pramukhs: a share of the roll pages, committee members first.
  const pageType = types.find((t) => t.perPage);
  const [lo, hi] = profile.pages[tier];
  const covered = pageType && home.pages > 0 ? Math.round(home.pages * r.between(lo, hi)) : 0;
  if (pageType && covered > 0) {
    const pages = r.shuffle(Array.from({ length: home.pages }, (_, i) => i + 1)).slice(0, covered).sort((a, c) => a - c);
    let m = 0;
    for (const page of pages) {
      const id = m < members.length && r.next() < 0.9 ? members[m++] : addPerson(ctx, b, r, { ...draw, voucher: president });
      b.designate(unitRef, pageType.code, page, id, from());
    }
  }
  const [elo, ehi] = profile.extra[tier];
  for (let e = r.int(elo, ehi); e > 0; e--) addPerson(ctx, b, r, { ...draw, voucher: president });
  if (b.people > 0 && r.next() < profile.duplicate) {
    const start = b.p.id.length - 1;
    const of = b.p.id[start - r.int(0, Math.min(start, 3))];
    if (b.p.home[b.p.id.indexOf(of)] === home.id) addDuplicate(ctx, b, r, of);
  }
}

/** How likely each required seat of a committee is filled, by level (office-bearers thin out downwards). */
const FILL: Record<string, readonly [head: number, seat: number]> = {
  national: [1, 1], state: [1, 0.95], district: [0.97, 0.85], ac: [0.92, 0.75], mandal: [0.88, 0.68], shakti_kendra: [0.78, 0.55],
};

function writeCommittee(ctx: Ctx, b: Batch, r: Random, unit: { id: number; path: string; level: string }, strength: number, home: () => Home,
  reservation: Reservation, wing?: string): number | null {
  const [pHead, pSeat] = FILL[unit.level] ?? [0.8, 0.6];
  const factor = wing ? 0.7 + 0.4 * strength : 0.6 + 0.6 * strength;
  let head: number | null = null;
  for (const t of ctx.types.get(unit.level) ?? []) {
    if (t.perPage) continue;
    for (let seat = 1; seat <= t.seats; seat++) {
      const p = t.isHead ? Math.min(1, pHead * (0.85 + 0.2 * strength)) : Math.min(1, pSeat * factor * (t.isRequired ? 1 : 0.6));
      if (r.next() >= p) continue;
      const id = addPerson(ctx, b, r, { reservation, home: home(), verified: 0.9, voucher: head, wing });
      if (t.isHead) head = id;
      b.designate(unit, t.code, seat, id, r.int(0, 500));
    }
  }
  return head;
}

async function writeRootCommittee(ctx: Ctx, root: { id: number; path: string; level: string }, home: Home): Promise<void> {
  const b = new Batch();
  const r = createRandom(hashInts(ctx.plan.seed, hashText('org-root')));
  writeCommittee(ctx, b, r, root, 1, () => home, 'GEN');
  await send(ctx, b);
}

// ---------- representatives ----------

async function writeRepresentatives(ctx: Ctx, geo: StateGeography, units: UnitRow[], seats: Seats, homeIn: (unitId: number, r: Random) => Home): Promise<void> {
  const { plan } = ctx;
  const b = new Batch();
  const s = geo.spec.index;
  const state = units.find((u) => u.level === 'state');
  if (!state) return;
  const acUnit = new Map(units.filter((u) => u.level === 'ac').map((u) => [u.ac_no, u]));
  const rows = { person: [] as number[], office: [] as string[], house: [] as (string | null)[], no: [] as (number | null)[], body: [] as (string | null)[],
    unit: [] as number[], path: [] as string[], from: [] as number[] };
  const r = streamOf(plan.seed, 'org-representatives', s);
  const add = (office: string, unit: UnitRow, house: string | null, no: number | null, body: string | null, female?: boolean) => {
    const person = addPerson(ctx, b, r, { reservation: 'GEN', home: homeIn(unit.id, r), verified: 1, female });
    rows.person.push(person); rows.office.push(office); rows.house.push(house); rows.no.push(no); rows.body.push(body);
    rows.unit.push(unit.id); rows.path.push(unit.path); rows.from.push(r.int(0, 200));
  };
  // MPs and MLAs: the seats the party won in the last election of that house; the other house by hash.
  const held = (house: 'LS' | 'AE', no: number) => seats.house === house
    ? seats.won.has(`${geo.spec.code}:${no}`)
    : hashInts(plan.seed, hashText('org-held'), s, house === 'LS' ? 1 : 2, no) % 100 < 40;
  for (const pc of geo.pcs) if (held('LS', pc.no)) add('mp', state, 'LS', pc.no, null);
  for (const ac of geo.acs) {
    const unit = acUnit.get(ac.no);
    if (unit && held('AE', ac.no)) add('mla', unit, 'AE', ac.no, null);
  }
  // Local bodies: a corporation in some districts (mayor and councillors), councils, district panchayats.
  for (const d of units.filter((u) => u.level === 'district')) {
    const town = d.name.replace(/ District$/, '');
    const u = r.next();
    if (u < 0.3) {
      add('mayor', d, null, null, `${town} Municipal Corporation`, r.next() < 0.4);
      for (let ward = 1, n = r.int(2, 5); ward <= n; ward++) add('councillor', d, null, null, `${town} Municipal Corporation, ward ${r.int(1, 80)}`);
    }
    if (r.next() < 0.45) add('municipal_head', d, null, null, `${placeName(hashInts(plan.seed, s, d.id) % 1000)[0]} Municipal Council`);
    if (r.next() < 0.6) add('district_panchayat_chair', d, null, null, `${town} Zila Panchayat`, r.next() < 0.35);
  }
  if (!rows.person.length) return;
  ctx.result.representatives += rows.person.length;
  await send(ctx, b);
  await ctx.w.flush();
  await ctx.w.run('representatives', sql`insert into representatives (tenant_id, person_id, office, state_code, house, constituency_no, body, unit_id, unit_path, from_date)
    select ${ctx.tenantId}::uuid, t.person, t.office, case when t.house is null then null else ${geo.spec.code} end, t.house, t.no, t.body, t.unit, t.path::ltree,
      ${plan.elections[plan.elections.length - 1].pollDate}::date + t.from_day
    from unnest(${intArray(rows.person)}::bigint[], ${rows.office}::text[], ${rows.house}::text[], ${intArray(rows.no)}::int[], ${rows.body}::text[],
      ${intArray(rows.unit)}::bigint[], ${rows.path}::text[], ${intArray(rows.from)}::int[]) t(person, office, house, no, body, unit, path, from_day)`);
}

// ---------- inductees ----------

const STEPS = ['proposed', 'vetted', 'approved', 'designated'] as const;
const OTHER_PARTIES = ["People's Front", 'National Union', 'Regional Samaj', 'Kisan Manch', 'Independent'];
const PREVIOUS_POSTS = ['Block president', 'District secretary', 'Former sarpanch', 'Youth wing convenor', 'Ward councillor', 'Booth agent', null];
const ROLES = ['Mandal general secretary', 'Booth president', 'District secretary', 'Shakti kendra head', 'Youth wing office-bearer'];
const NOTES = ['Met the district president; references checked.', 'Local standing is good; brings a following of ~200 workers.',
  'Pending clearance from the state office.', 'Spoke to the mandal team; no objections.', 'Asked to attend the next training camp.'];

/** A few inductees per district, at every screening step, with their steps and notes in order. */
async function writeInductees(ctx: Ctx, geo: StateGeography, units: UnitRow[], heads: Map<number, number>, homeIn: (unitId: number, r: Random) => Home): Promise<void> {
  const { plan } = ctx;
  const s = geo.spec.index;
  const b = new Batch();
  const i = { id: [] as number[], person: [] as number[], party: [] as string[], posts: [] as (string | null)[], proposer: [] as (number | null)[],
    status: [] as string[], unit: [] as number[], path: [] as string[], role: [] as (string | null)[], created: [] as number[] };
  const e = { inductee: [] as number[], path: [] as string[], kind: [] as string[], status: [] as (string | null)[], note: [] as (string | null)[], at: [] as number[] };
  const byParent = new Map<number, UnitRow[]>();
  for (const u of units) if (u.parent_id !== null) byParent.set(u.parent_id, [...(byParent.get(u.parent_id) ?? []), u]);
  for (const d of units.filter((u) => u.level === 'district')) {
    const r = createRandom(hashInts(plan.seed, hashText('org-inductees'), s, d.id));
    for (let n = r.int(0, 5); n > 0; n--) {
      const acs = byParent.get(d.id) ?? [];
      const unit = r.next() < 0.5 || !acs.length ? d : r.pick(acs);
      const person = addPerson(ctx, b, r, { reservation: 'GEN', home: homeIn(unit.id, r), verified: 0.5 });
      const proposer = heads.get(unit.id) ?? heads.get(d.id) ?? null; // the unit's head proposes, or the district's
      const u = r.next();
      const status = u < 0.1 ? 'rejected' : STEPS[weighted(r, [0.35, 0.25, 0.15, 0.15])];
      const id = ctx.nextInductee++;
      const created = r.int(300, 650);
      i.id.push(id); i.person.push(person); i.party.push(r.pick(OTHER_PARTIES)); i.posts.push(r.pick(PREVIOUS_POSTS)); i.proposer.push(proposer);
      i.status.push(status); i.unit.push(unit.id); i.path.push(unit.path); i.role.push(status === 'designated' || status === 'approved' ? r.pick(ROLES) : null);
      i.created.push(created);
      const reached = status === 'rejected' ? ['proposed', ...STEPS.slice(1, r.int(1, 3)), 'rejected'] : STEPS.slice(0, STEPS.indexOf(status) + 1);
      let at = created;
      for (const step of reached) {
        e.inductee.push(id); e.path.push(unit.path); e.kind.push('step'); e.status.push(step); e.note.push(null); e.at.push(at);
        if (r.next() < 0.4) { e.inductee.push(id); e.path.push(unit.path); e.kind.push('note'); e.status.push(null); e.note.push(r.pick(NOTES)); e.at.push(at + 1); }
        at += r.int(3, 30);
      }
    }
  }
  if (!i.id.length) return;
  ctx.result.inductees += i.id.length;
  await ctx.w.run('inductee_events', sql`with new_people as (
      insert into people (tenant_id, id, phone, name, name_hi, gender, age_band, category, epic, home_unit_id, unit_path, wings,
        phone_verified_at, epic_matched_at, roll_page, created_at)
      select ${ctx.tenantId}::uuid, t.id, t.phone, t.name, t.name_hi, t.gender, t.age_band, t.category, t.epic, t.home, t.path::ltree,
        string_to_array(t.wings, ','), ${DAY0}::timestamptz + t.phone_at * interval '1 day', ${DAY0}::timestamptz + t.epic_at * interval '1 day',
        t.page, ${DAY0}::timestamptz + t.created * interval '1 day'
      from unnest(${intArray(b.p.id)}::bigint[], ${b.p.phone}::text[], ${b.p.name}::text[], ${b.p.nameHi}::text[], ${b.p.gender}::text[], ${b.p.age}::text[],
        ${b.p.category}::text[], ${b.p.epic}::text[], ${intArray(b.p.home)}::bigint[], ${b.p.path}::text[], ${b.p.wings}::text[], ${intArray(b.p.phoneAt)}::int[],
        ${intArray(b.p.epicAt)}::int[], ${intArray(b.p.page)}::int[], ${intArray(b.p.created)}::int[])
        t(id, phone, name, name_hi, gender, age_band, category, epic, home, path, wings, phone_at, epic_at, page, created)
      returning 1
    ), new_inductees as (
      insert into inductees (tenant_id, id, person_id, previous_party, previous_posts, proposer_id, status, unit_id, unit_path, assigned_role, created_at, updated_at)
      select ${ctx.tenantId}::uuid, t.id, t.person, t.party, t.posts, t.proposer, t.status, t.unit, t.path::ltree, t.role,
        ${DAY0}::timestamptz + t.created * interval '1 day', ${DAY0}::timestamptz + t.created * interval '1 day'
      from unnest(${intArray(i.id)}::bigint[], ${intArray(i.person)}::bigint[], ${i.party}::text[], ${i.posts}::text[], ${intArray(i.proposer)}::bigint[],
        ${i.status}::text[], ${intArray(i.unit)}::bigint[], ${i.path}::text[], ${i.role}::text[], ${intArray(i.created)}::int[])
        t(id, person, party, posts, proposer, status, unit, path, role, created)
      returning 1
    )
    insert into inductee_events (tenant_id, inductee_id, unit_path, kind, status, note, at)
    select ${ctx.tenantId}::uuid, t.inductee, t.path::ltree, t.kind, t.status, t.note, ${DAY0}::timestamptz + t.at * interval '1 day'
    from unnest(${intArray(e.inductee)}::bigint[], ${e.path}::text[], ${e.kind}::text[], ${e.status}::text[], ${e.note}::text[], ${intArray(e.at)}::int[])
      t(inductee, path, kind, status, note, at)`, { people: b.people, inductees: i.id.length });
}
