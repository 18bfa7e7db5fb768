// The demo tenants and their unit trees: national → state → district → AC → mandal → shakti kendra
// → booth, one booth unit per polling station. Ids are assigned here, not by the sequence, so a
// unit's path ('1.2.15') is known before its row exists and a million units go in as plain inserts.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { intArray, type BulkWriter } from './bulk.ts';
import { boothsBetween, skVillage, type DemoPlan, type StateGeography, type TenantSpec } from './plan.ts';

export const UNIT_LEVELS = [
  ['national', 'National', 'राष्ट्रीय'], ['state', 'State', 'प्रदेश'], ['district', 'District', 'ज़िला'],
  ['ac', 'Assembly', 'विधानसभा'], ['mandal', 'Mandal', 'मंडल'], ['shakti_kendra', 'Shakti kendra', 'शक्ति केंद्र'],
  ['booth', 'Booth', 'बूथ'], ['panna', 'Roll page', 'पन्ना'],
] as const;
type Level = (typeof UNIT_LEVELS)[number][0];

export const CLIENT_B: TenantSpec = { slug: 'demo-client-b', name: 'Demo Client B (consultancy)', nameHi: 'डेमो क्लाइंट बी (परामर्श)' };

const CHUNK = 10_000;

/** Creates the tenant (status 'seeding') with its level names; returns its id. */
export async function createTenant(db: Executor, w: BulkWriter, spec: TenantSpec): Promise<string> {
  const { id } = await db.insertInto('tenants').values({ slug: spec.slug, name: spec.name, name_hi: spec.nameHi, is_demo: true, status: 'seeding' })
    .returning('id').executeTakeFirstOrThrow();
  await w.run('unit_levels', sql`insert into unit_levels (tenant_id, level, depth, name, name_hi)
    select ${id}::uuid, t.level, t.depth - 1, t.name, t.name_hi
    from unnest(${UNIT_LEVELS.map((l) => l[0])}::text[], ${UNIT_LEVELS.map((l) => l[1])}::text[], ${UNIT_LEVELS.map((l) => l[2])}::text[])
      with ordinality t(level, name, name_hi, depth)`);
  await w.flush();
  return id;
}

/** Writes the whole tree of the plan's tenant; levels are flushed in order so parents exist first. */
export async function writeUnitTree(db: Executor, w: BulkWriter, plan: DemoPlan, geos: StateGeography[], tenantId: string): Promise<void> {
  const rootId = (await nextUnitId(db));
  const root = new UnitBatch(w, tenantId, 'national', null);
  await root.add(rootId, null, [plan.tenant.name, plan.tenant.nameHi], String(rootId), null, null);
  await root.end();
  let next = rootId + 1;
  for (const geo of geos) next = await writeStateUnits(db, w, plan, geo, tenantId, { id: rootId, path: String(rootId), next });
  await syncSequence(db);
}

/** The consultancy's second client, for the tenant switcher: just a national and a state unit. */
export async function ensureClientB(db: Executor, w: BulkWriter): Promise<void> {
  const exists = await db.selectFrom('tenants').select('id').where('slug', '=', CLIENT_B.slug).executeTakeFirst();
  if (exists) return;
  const tenantId = await createTenant(db, w, CLIENT_B);
  const rootId = await nextUnitId(db);
  const root = new UnitBatch(w, tenantId, 'national', null);
  await root.add(rootId, null, [CLIENT_B.name, CLIENT_B.nameHi], String(rootId), null, null);
  await root.end();
  const state = new UnitBatch(w, tenantId, 'state', 'D01');
  await state.add(rootId + 1, rootId, ['Demo State', 'डेमो राज्य'], `${rootId}.${rootId + 1}`, null, null);
  await state.end();
  await syncSequence(db);
  await db.updateTable('tenants').set({ status: 'ready' }).where('id', '=', tenantId).execute();
}

interface Root { id: number; path: string; next: number }

/** One state's units, level by level; returns the next free id. */
async function writeStateUnits(db: Executor, w: BulkWriter, plan: DemoPlan, geo: StateGeography, tenantId: string, root: Root): Promise<number> {
  const { spec } = geo;
  const stateId = root.next;
  const ids = { district: stateId + 1, ac: stateId + 1 + geo.districts.length };
  const mandalBase = ids.ac + geo.acs.length;
  const skBase = mandalBase + geo.mandalAc.length;
  const boothBase = skBase + geo.skFirstBooth.length - 1;
  const statePath = `${root.path}.${stateId}`;
  const state = new UnitBatch(w, tenantId, 'state', spec.code);
  await state.add(stateId, root.id, [spec.name, spec.nameHi], statePath, null, null);
  await state.end();

  const districtPaths = await addLevel(w, tenantId, 'district', spec.code, geo.districts.map((d, i) => ({
    id: ids.district + i, parent: stateId, parentPath: statePath, ac: null,
    name: [`${d.name[0]} District`, `${d.name[1]} ज़िला`] as const,
  })));
  const acDistrict = geo.acs.map((_, a) => geo.districts.findIndex((d) => a >= d.firstAc && a < d.firstAc + d.acCount));
  const acPaths = await addLevel(w, tenantId, 'ac', spec.code, geo.acs.map((ac, a) => ({
    id: ids.ac + a, parent: ids.district + acDistrict[a], parentPath: districtPaths[acDistrict[a]], ac: ac.no,
    name: [`${ac.name} Assembly`, `${ac.nameHi} विधानसभा`] as const,
  })));
  const mandalPaths = await addLevel(w, tenantId, 'mandal', spec.code, Array.from(geo.mandalAc, (a, m) => {
    const [l, h] = skVillage(plan, spec, geo.mandalFirstSk[m]); // a mandal is named after its first village
    return { id: mandalBase + m, parent: ids.ac + a, parentPath: acPaths[a], ac: a + 1, name: [`${l} Mandal`, `${h} मंडल`] as const };
  }));
  let mandal = 0; // shakti kendras come in mandal order, so one forward walk finds each one's mandal
  const skMandal = (s: number) => { while (geo.mandalFirstSk[mandal + 1] <= s) mandal++; return mandal; };
  const skPaths = await addLevel(w, tenantId, 'shakti_kendra', spec.code, Array.from({ length: geo.skFirstBooth.length - 1 }, (_, s) => {
    const m = skMandal(s);
    const [l, h] = skVillage(plan, spec, s);
    return { id: skBase + s, parent: mandalBase + m, parentPath: mandalPaths[m], ac: geo.mandalAc[m] + 1, name: [`${l} Shakti Kendra`, `${h} शक्ति केंद्र`] as const };
  }));
  // Statistics before the booths: the parent check of every booth row is a cached plan, and one made
  // while the table looked empty scans it whole (on PGlite's single session the state-scale demo's
  // units took 90 s instead of 3).
  if (geo.spec.index === 0) await sql`analyze units`.execute(db);
  await writeBoothUnits(w, plan, geo, tenantId, { skBase, boothBase, skPaths });
  return boothBase + geo.boothCount;
}

interface Row { id: number; parent: number; parentPath: string; ac: number | null; name: readonly [string, string] }

/** Inserts one level of a state (small: districts to shakti kendras) and returns the rows' paths. */
async function addLevel(w: BulkWriter, tenantId: string, level: Level, stateCode: string, rows: Row[]): Promise<string[]> {
  const batch = new UnitBatch(w, tenantId, level, stateCode);
  const paths = rows.map((r) => `${r.parentPath}.${r.id}`);
  for (const [i, r] of rows.entries()) await batch.add(r.id, r.parent, r.name, paths[i], r.ac, null);
  await batch.end();
  return paths;
}

async function writeBoothUnits(w: BulkWriter, plan: DemoPlan, geo: StateGeography, tenantId: string,
  at: { skBase: number; boothBase: number; skPaths: string[] }): Promise<void> {
  const batch = new UnitBatch(w, tenantId, 'booth', geo.spec.code);
  for (let first = 0; first < geo.boothCount; first += CHUNK) {
    const span = boothsBetween(geo, first, Math.min(geo.boothCount, first + CHUNK));
    for (let i = 0; i < span.sk.length; i++) {
      const id = at.boothBase + first + i;
      const [l, h] = skVillage(plan, geo.spec, span.sk[i]);
      await batch.add(id, at.skBase + span.sk[i], [`Booth ${span.partNo[i]}, ${l}`, `बूथ ${span.partNo[i]}, ${h}`],
        `${at.skPaths[span.sk[i]]}.${id}`, span.acNo[i], span.partNo[i]);
    }
  }
  await batch.end();
}

/** Collects rows of one level and inserts them CHUNK at a time; end() is the barrier before children. */
class UnitBatch {
  private rows = { id: [] as number[], parent: [] as (number | null)[], name: [] as string[], nameHi: [] as string[], path: [] as string[], ac: [] as (number | null)[], part: [] as (number | null)[] };
  constructor(private readonly w: BulkWriter, private readonly tenantId: string, private readonly level: Level, private readonly stateCode: string | null) {}

  async add(id: number, parent: number | null, name: readonly [string, string], path: string, ac: number | null, part: number | null): Promise<void> {
    const r = this.rows;
    r.id.push(id); r.parent.push(parent); r.name.push(name[0]); r.nameHi.push(name[1]); r.path.push(path); r.ac.push(ac); r.part.push(part);
    if (r.id.length >= CHUNK) await this.send();
  }

  async end(): Promise<void> {
    if (this.rows.id.length) await this.send();
    await this.w.flush();
  }

  private async send(): Promise<void> {
    const r = this.rows;
    this.rows = { id: [], parent: [], name: [], nameHi: [], path: [], ac: [], part: [] };
    await this.w.run('units', sql`insert into units (tenant_id, id, parent_id, level, name, name_hi, path, state_code, ac_no, part_no)
      select ${this.tenantId}::uuid, t.id, t.parent_id, ${this.level}, t.name, t.name_hi, t.path::ltree, ${this.stateCode}::text, t.ac_no, t.part_no
      from unnest(${intArray(r.id)}::bigint[], ${intArray(r.parent)}::bigint[], ${r.name}::text[], ${r.nameHi}::text[],
        ${r.path}::text[], ${intArray(r.ac)}::int[], ${intArray(r.part)}::int[]) t(id, parent_id, name, name_hi, path, ac_no, part_no)`);
  }
}

async function nextUnitId(db: Executor): Promise<number> {
  const row = await sql<{ max: number }>`select coalesce(max(id), 0)::int8 as max from units`.execute(db);
  return Number(row.rows[0].max) + 1;
}

/** Explicit ids leave the identity sequence behind; move it past them so later inserts do not collide. */
async function syncSequence(db: Executor): Promise<void> {
  await sql`select setval(pg_get_serial_sequence('units', 'id'), (select max(id) from units))`.execute(db);
}
