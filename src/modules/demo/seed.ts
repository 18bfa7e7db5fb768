// Writes the demo plan into the database: reference geography and past elections (shared tables),
// the demo tenant and its unit tree. Runs as the database owner, outside row-level security, with the
// same SQL on PGlite and PostgreSQL. Not one transaction: a state's worth of rows at a time keeps memory
// flat, other requests (the sign-in page's progress bar) run in between, and tenants.status says
// 'seeding' until the end, so a cut-off seed is visible and the next run replaces it.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { createWriter, intArray, type BulkWriter } from './bulk.ts';
import { boothName, personName } from './names.ts';
import { boothsBetween, createPlan, planGeography, skVillage, type BoothSpan, type DemoPlan, type ElectionSpec, type StateGeography } from './plan.ts';
import { emptyOrgResult, estimateOrgRows, writeOrganisation, type OrgResult } from './org.ts';
import { emptyProgrammeResult, estimateProgrammeRows, writeProgrammes, type ProgrammeResult } from './programmes.ts';
import { hashInts } from './random.ts';
import { createTenant, ensureClientB, UNIT_LEVELS, writeUnitTree } from './units.ts';
import { partiesIn, planBooths, type StateBooths } from './votes.ts';

export interface SeedOptions {
  scale: 'state' | 'national';
  seed?: number; // default 1
  /** Workers, committees, representatives and inductees (org.ts); default true. */
  organisation?: boolean;
  /** National tasks cascaded to every booth, booth reports, a drive, a recorded review, tours, trainings and a conference (programmes.ts); default: with the organisation, whose strength and people they read. */
  programmes?: boolean;
  /** The day the programmes' dates hang off (YYYY-MM-DD); default today in IST. */
  today?: string;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}
export interface SeedResult {
  tenantId: string; tenantSlug: string; rows: number; seconds: number; counts: Record<string, number>;
  /** What the organisation phase made (people include office-bearers, representatives and inductees). */
  organisation: OrgResult;
  programmes: ProgrammeResult;
}

/** Booths per insert: a round trip amortised over ~20,000 candidates' votes, small enough to stream. */
const CHUNK_BOOTHS = 3_000;

export async function seedDemo(db: Executor, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const plan = createPlan(opts.scale, opts.seed ?? 1);
  const geos = plan.states.map((spec) => planGeography(plan, spec));
  const withProgrammes = opts.programmes ?? opts.organisation !== false;
  const progress = createProgress(opts.onProgress, estimateRows(plan, geos, opts.organisation !== false) + (withProgrammes ? estimateProgrammeRows(geos, plan.scale) : 0));
  const w = createWriter(db, { onRows: progress.add });
  progress.phase('clear');
  await clearScale(db, plan);
  const tenantId = await createTenant(db, w, plan.tenant);
  progress.phase('geography');
  await writeGeography(w, plan, geos);
  progress.phase('booths');
  await writeBooths(w, plan, geos);
  await w.flush();
  // Fresh statistics, so the aggregations below plan for millions of rows rather than none.
  await sql`analyze booth_votes, booth_candidates, booth_turnout, constituencies`.execute(db);
  progress.phase('results');
  for (const [e, election] of plan.elections.entries()) await writeResults(w, plan, geos, e, election);
  progress.phase('units');
  await writeUnitTree(db, w, plan, geos, tenantId);
  if (plan.scale === 'state') await ensureClientB(db, w);
  await w.flush();
  progress.phase('organisation');
  const organisation = opts.organisation === false ? emptyOrgResult() : await writeOrganisation(db, w, plan, geos, tenantId);
  await w.flush();
  progress.phase('programmes');
  const programmes = withProgrammes ? await writeProgrammes(db, plan, geos, tenantId, { today: opts.today, onRows: progress.add }) : emptyProgrammeResult();
  for (const [table, n] of Object.entries(programmes.counts)) w.counts[table] = (w.counts[table] ?? 0) + n;
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.values(w.counts).reduce((a, b) => a + b, 0);
  await finish(db, tenantId, { scale: plan.scale, seed: plan.seed, rows, seconds });
  progress.phase('done');
  return { tenantId, tenantSlug: plan.tenant.slug, rows, seconds, counts: { ...w.counts }, organisation, programmes };
}

/** Replace, never duplicate: the tenant (its tree cascades) and this scale's states and elections. */
async function clearScale(db: Executor, plan: DemoPlan): Promise<void> {
  await db.deleteFrom('tenants').where('slug', '=', plan.tenant.slug).execute();
  await db.deleteFrom('elections').where('id', 'in', plan.elections.map((e) => e.id)).execute();
  await db.deleteFrom('states').where('code', 'in', plan.states.map((s) => s.code)).where('is_demo', '=', true).execute();
}

async function writeGeography(w: BulkWriter, plan: DemoPlan, geos: StateGeography[]): Promise<void> {
  const { parties, states, elections } = plan;
  // Parties are shared with the other scale: update demo rows in place, never touch a real party.
  await w.run('parties', sql`insert into parties (code, name, name_hi, colour, is_demo)
    select t.*, true from unnest(${parties.map((p) => p.code)}::text[], ${parties.map((p) => p.name)}::text[],
      ${parties.map((p) => p.nameHi)}::text[], ${parties.map((p) => p.colour)}::text[]) t
    on conflict (code) do update set name = excluded.name, name_hi = excluded.name_hi, colour = excluded.colour where parties.is_demo`);
  await w.run('states', sql`insert into states (code, name, name_hi, kind, is_demo)
    select t.*, true from unnest(${states.map((s) => s.code)}::text[], ${states.map((s) => s.name)}::text[],
      ${states.map((s) => s.nameHi)}::text[], ${states.map((s) => s.kind)}::text[]) t`);
  await w.flush();
  await w.run('elections', sql`insert into elections (id, house, state_code, year, poll_date, name, is_demo)
    select t.*, true from unnest(${elections.map((e) => e.id)}::text[], ${elections.map((e) => e.house)}::text[],
      ${elections.map((e) => e.stateCode)}::text[], ${intArray(elections.map((e) => e.year))}::int[],
      ${elections.map((e) => e.pollDate)}::date[], ${elections.map((e) => e.name)}::text[]) t`);
  for (const geo of geos) {
    const seats = [...geo.pcs.map((s) => ({ ...s, house: 'LS' })), ...geo.acs.map((s) => ({ ...s, house: 'AE' }))];
    await w.run('constituencies', sql`insert into constituencies (state_code, house, no, name, name_hi, reservation, pc_no)
      select ${geo.spec.code}, t.* from unnest(${seats.map((s) => s.house)}::text[], ${intArray(seats.map((s) => s.no))}::int[],
        ${seats.map((s) => s.name)}::text[], ${seats.map((s) => s.nameHi)}::text[], ${seats.map((s) => s.reservation)}::text[],
        ${intArray(seats.map((s) => s.pcNo))}::int[]) t`);
  }
  await w.flush(); // polling stations reference their AC
}

/**
 * Booths go in key order (election, state, AC, part), so every insert lands on the rightmost leaf of
 * the primary-key index, PostgreSQL's fast path; that is why elections are the outer loop and a
 * state's votes are recomputed per election (a second or two of arithmetic nationally).
 */
async function writeBooths(w: BulkWriter, plan: DemoPlan, geos: StateGeography[]): Promise<void> {
  for (const [e, election] of plan.elections.entries()) {
    for (const geo of geos) {
      const booths = planBooths(plan, geo);
      // Every AC of the state has the state's parties as its candidates, seq in party order.
      await w.run('booth_candidates', sql`insert into booth_candidates (election_id, state_code, ac_no, seq, party_code)
        select ${election.id}, ${geo.spec.code}, a.no, p.seq, p.code
        from unnest(${intArray(geo.acs.map((a) => a.no))}::int[]) a(no) cross join unnest(${booths.parties}::text[]) with ordinality p(code, seq)`);
      await w.flush(); // a booth's votes need its AC's candidates
      for (let first = 0; first < geo.boothCount; first += CHUNK_BOOTHS) {
        const chunk = { first, end: Math.min(geo.boothCount, first + CHUNK_BOOTHS) };
        const span = boothsBetween(geo, chunk.first, chunk.end);
        if (e === 0) await writePollingStations(w, plan, geo, booths, span, chunk);
        await writeBoothVotes(w, geo, booths, span, chunk, e, election);
      }
    }
  }
}

interface Chunk { first: number; end: number }

async function writePollingStations(w: BulkWriter, plan: DemoPlan, geo: StateGeography, booths: StateBooths, span: BoothSpan, c: Chunk): Promise<void> {
  const names = Array.from(span.sk, (s, i) =>
    boothName(hashInts(plan.seed, geo.spec.index, s), skVillage(plan, geo.spec, s), c.first + i - geo.skFirstBooth[s] + 1));
  await w.run('polling_stations', sql`insert into polling_stations (state_code, ac_no, part_no, name, name_hi, electors)
    select ${geo.spec.code}, t.* from unnest(${intArray(span.acNo)}::int[], ${intArray(span.partNo)}::int[], ${names.map((n) => n[0])}::text[],
      ${names.map((n) => n[1])}::text[], ${intArray(booths.electors.subarray(c.first, c.end))}::int[]) t`);
}

async function writeBoothVotes(w: BulkWriter, geo: StateGeography, booths: StateBooths, span: BoothSpan, c: Chunk,
  e: number, election: ElectionSpec): Promise<void> {
  const data = booths.elections[e];
  const k = booths.parties.length;
  const [ac, part] = [intArray(span.acNo), intArray(span.partNo)];
  // One row per booth: its votes by party (seq) as an int[], from one flat votes array (booth-major).
  const votes: string[] = [];
  for (let b = c.first; b < c.end; b += 1) votes.push(`"{${data.votes.subarray(b * k, (b + 1) * k).join(',')}}"`);
  await w.run('booth_votes', sql`insert into booth_votes (election_id, state_code, ac_no, part_no, votes)
    select ${election.id}, ${geo.spec.code}, t.ac_no, t.part_no, t.votes::int[]
    from unnest(${ac}::int[], ${part}::int[], ${`{${votes.join(',')}}`}::text[]) t(ac_no, part_no, votes)`);
  await w.run('booth_turnout', sql`insert into booth_turnout (election_id, state_code, ac_no, part_no, electors, voters)
    select ${election.id}, ${geo.spec.code}, t.* from unnest(${ac}::int[], ${part}::int[],
      ${intArray(data.electors.subarray(c.first, c.end))}::int[], ${intArray(data.voters.subarray(c.first, c.end))}::int[]) t`);
}

/**
 * Constituency results and turnout summed from the booths in SQL, so they reconcile by construction.
 * An assembly election's seats are ACs; a Lok Sabha election's are PCs (the sum over their ACs).
 * Positions rank the candidates by votes; NOTA has none and comes last.
 */
async function writeResults(w: BulkWriter, plan: DemoPlan, geos: StateGeography[], e: number, election: ElectionSpec): Promise<void> {
  const cand = candidates(plan, geos, e, election);
  await w.run('results', sql`insert into results (election_id, state_code, constituency_no, seq, candidate, party_code, votes, position)
    with seat_votes as (
      select br.state_code, case when el.house = 'LS' then c.pc_no else c.no end as no, br.party_code, sum(br.votes)::int as votes
      from booth_results br
      join elections el on el.id = br.election_id
      join constituencies c on c.state_code = br.state_code and c.house = 'AE' and c.era = el.era and c.no = br.ac_no
      where br.election_id = ${election.id}
      group by 1, 2, 3
    ), ranked as (
      select s.*, row_number() over (partition by state_code, no, party_code = 'NOTA' order by votes desc, party_code) as rank
      from seat_votes s
    )
    select ${election.id}, r.state_code, r.no, row_number() over (partition by r.state_code, r.no order by r.party_code = 'NOTA', r.rank),
      coalesce(n.candidate, 'None of the Above'), r.party_code, r.votes, case when r.party_code = 'NOTA' then null else r.rank end
    from ranked r
    left join unnest(${cand.state}::text[], ${intArray(cand.no)}::int[], ${cand.party}::text[], ${cand.name}::text[])
      n(state_code, no, party_code, candidate) using (state_code, no, party_code)`);
  await w.run('constituency_turnout', sql`insert into constituency_turnout (election_id, state_code, constituency_no, electors, valid_votes)
    select bt.election_id, bt.state_code, case when el.house = 'LS' then c.pc_no else c.no end, sum(bt.electors), sum(bt.voters)
    from booth_turnout bt
    join elections el on el.id = bt.election_id
    join constituencies c on c.state_code = bt.state_code and c.house = 'AE' and c.era = el.era and c.no = bt.ac_no
    where bt.election_id = ${election.id}
    group by 1, 2, 3`);
  await w.flush();
}

/** One fictional candidate per seat and party (NOTA excepted), named from a hash so reruns agree. */
function candidates(plan: DemoPlan, geos: StateGeography[], e: number, election: ElectionSpec) {
  const out = { state: [] as string[], no: [] as number[], party: [] as string[], name: [] as string[] };
  for (const geo of geos) {
    const parties = partiesIn(plan, geo.spec.index).filter((p) => p !== 'NOTA');
    for (const seat of election.house === 'LS' ? geo.pcs : geo.acs) {
      parties.forEach((party, p) => {
        out.state.push(geo.spec.code); out.no.push(seat.no); out.party.push(party);
        out.name.push(personName(hashInts(plan.seed, e, geo.spec.index, seat.no, p)));
      });
    }
  }
  return out;
}

async function finish(db: Executor, tenantId: string, detail: Record<string, unknown>): Promise<void> {
  await db.insertInto('audit_events').values({
    tenant_id: tenantId, actor_user_id: null, actor_label: 'system:seed-demo', type: 'seed.demo', entity: 'tenants',
    row_ids: [tenantId], unit_path: null, detail: JSON.stringify(detail), ip: null, user_agent: null,
  }).execute();
  await db.updateTable('tenants').set({ status: 'ready' }).where('id', '=', tenantId).execute();
}

/** Rows the seed will write, known before it starts (the geography is cheap), for a progress bar. */
function estimateRows(plan: DemoPlan, geos: StateGeography[], withOrganisation: boolean): number {
  const elections = plan.elections.length;
  let rows = plan.parties.length + plan.states.length + elections + UNIT_LEVELS.length + 1;
  for (const geo of geos) {
    const k = partiesIn(plan, geo.spec.index).length;
    const seats = plan.elections[0].house === 'LS' ? geo.pcs.length : geo.acs.length;
    const units = 1 + geo.districts.length + geo.acs.length + geo.mandalAc.length + geo.skFirstBooth.length - 1 + geo.boothCount;
    rows += geo.pcs.length + geo.acs.length + geo.boothCount * (1 + elections * 2) + geo.acs.length * elections * k + seats * elections * (k + 1) + units;
  }
  return rows + (withOrganisation ? estimateOrgRows(plan, geos) : 0);
}

function createProgress(report: SeedOptions['onProgress'], total: number) {
  let done = 0;
  let phase = 'start';
  return {
    phase(name: string) {
      phase = name;
      if (name === 'done') done = total;
      report?.({ phase, done, total });
    },
    add(rows: number) {
      done = Math.min(total, done + rows);
      report?.({ phase, done, total });
    },
  };
}
