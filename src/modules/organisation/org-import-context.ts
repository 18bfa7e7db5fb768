// What the three organisation importers share: the tenant's configuration, the actor's import scope,
// and unit references as files write them ('GJ-AC-12' a unit key, '#123' a unit id, 'S06/12/101' a
// booth by state, AC and part), resolved in batches through row-level security (a unit the actor
// cannot see is simply not found).
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { can } from '../access/access.ts';

export const IMPORT_PERMISSION = 'org.import';

export interface UnitRef {
  id: number; path: string; level: string; parentId: number | null; wing: string | null; name: string; nameHi: string | null;
  stateCode: string | null; acNo: number | null; partNo: number | null; extKey: string | null; isNew: boolean;
}

export interface Progress { phase: string; done: number; total: number }

export interface Ctx {
  tx: Tx;
  tenantId: string;
  actor?: Actor;
  levels: Map<string, number>;
  wings: Set<string>;
  /** Designation types by `level:code`. */
  types: Map<string, { seats: number; perPage: boolean }>;
  /** The upload's own units by key (and '#id' for the existing ones), once the units file is checked. */
  fileUnits: Map<string, UnitRef>;
  /** Phones (E.164) of the upload's people file. */
  filePeople: Set<string>;
  /** Resolved references; null when no unit answers to it. */
  cache: Map<string, UnitRef | null>;
  /** Units whose strength the import changes. */
  touched: Set<number>;
  progress(p: Progress): void;
}

export const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}$/;
const GEO_RE = /^([A-Za-z0-9]{1,4})\/(\d{1,4})\/(\d{1,5})$/;
const CHUNK = 10_000;

export async function loadContext(tx: Tx, tenantId: string, actor: Actor | undefined, progress: Ctx['progress']): Promise<Ctx> {
  const [levels, wings, types] = await Promise.all([
    tx.selectFrom('unit_levels').select(['level', 'depth']).where('tenant_id', '=', tenantId).execute(),
    tx.selectFrom('wings').select('code').where('tenant_id', '=', tenantId).execute(),
    tx.selectFrom('designation_types').select(['level', 'code', 'seats', 'per_page']).where('tenant_id', '=', tenantId).execute(),
  ]);
  return {
    tx, tenantId, actor, progress,
    levels: new Map(levels.map((l) => [l.level, l.depth])),
    wings: new Set(wings.map((w) => w.code)),
    types: new Map(types.map((t) => [`${t.level}:${t.code}`, { seats: t.seats, perPage: t.per_page }])),
    fileUnits: new Map(), filePeople: new Set(), cache: new Map(), touched: new Set(),
  };
}

/** May the actor import at this unit path? The system (CLI) may import anywhere in the tenant. */
export function canImport(ctx: Ctx, path: string): boolean {
  return !ctx.actor || can(ctx.actor, IMPORT_PERMISSION, path);
}

type UnitRow = {
  id: number; path: string; level: string; parent_id: number | null; wing: string | null; name: string; name_hi: string | null;
  state_code: string | null; ac_no: number | null; part_no: number | null; ext_key: string | null;
};
const COLUMNS = sql`u.id, u.path::text as path, u.level, u.parent_id, u.wing, u.name, u.name_hi, u.state_code, u.ac_no, u.part_no, u.ext_key`;

function toRef(r: UnitRow): UnitRef {
  return {
    id: Number(r.id), path: r.path, level: r.level, parentId: r.parent_id === null ? null : Number(r.parent_id), wing: r.wing, name: r.name,
    nameHi: r.name_hi, stateCode: r.state_code, acNo: r.ac_no, partNo: r.part_no, extKey: r.ext_key, isNew: false,
  };
}

/** Looks up every reference not seen before, a few queries per ten thousand. Keys of the upload's units win. */
export async function resolveUnits(ctx: Ctx, refs: Iterable<string>): Promise<void> {
  const ids: number[] = [];
  const keys: string[] = [];
  for (const ref of new Set(refs)) {
    if (!ref || ctx.cache.has(ref) || ctx.fileUnits.has(ref)) continue;
    const byId = /^#(\d{1,15})$/.exec(ref);
    if (byId) ids.push(Number(byId[1]));
    else if (KEY_RE.test(ref)) keys.push(ref);
    else ctx.cache.set(ref, null);
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = (await sql<UnitRow>`select ${COLUMNS} from units u where u.tenant_id = ${ctx.tenantId} and u.id = any(${part}::bigint[])`.execute(ctx.tx)).rows;
    for (const r of rows) ctx.cache.set(`#${r.id}`, toRef(r));
    for (const id of part) if (!ctx.cache.has(`#${id}`)) ctx.cache.set(`#${id}`, null);
  }
  const geo: string[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const rows = (await sql<UnitRow>`select ${COLUMNS} from units u where u.tenant_id = ${ctx.tenantId} and u.ext_key = any(${part}::text[])`.execute(ctx.tx)).rows;
    for (const r of rows) ctx.cache.set(r.ext_key!, toRef(r));
    for (const k of part) if (!ctx.cache.has(k)) { if (GEO_RE.test(k)) geo.push(k); else ctx.cache.set(k, null); }
  }
  await resolveGeo(ctx, geo);
}

/** 'S06/12/101': the main-axis unit nearest the root carrying that state, AC and part (the booth, not its roll pages). */
async function resolveGeo(ctx: Ctx, refs: string[]): Promise<void> {
  for (let i = 0; i < refs.length; i += CHUNK) {
    const part = refs.slice(i, i + CHUNK).map((r) => GEO_RE.exec(r)!);
    const rows = (await sql<UnitRow & { ref: string }>`
      select distinct on (g.ref) g.ref, ${COLUMNS}
      from unnest(${part.map((m) => m[0])}::text[], ${part.map((m) => m[1].toUpperCase())}::text[], ${part.map((m) => Number(m[2]))}::int[], ${part.map((m) => Number(m[3]))}::int[]) as g(ref, s, a, p)
      join units u on u.tenant_id = ${ctx.tenantId} and u.state_code = g.s and u.ac_no = g.a and u.part_no = g.p and u.wing is null
      order by g.ref, nlevel(u.path), u.id`.execute(ctx.tx)).rows;
    for (const r of rows) ctx.cache.set(r.ref, toRef(r));
    for (const m of part) if (!ctx.cache.has(m[0])) ctx.cache.set(m[0], null);
  }
}

/** A resolved reference: the upload's own unit first, then the database. */
export function unitOf(ctx: Ctx, ref: string): UnitRef | null {
  return ctx.fileUnits.get(ref) ?? ctx.cache.get(ref) ?? null;
}

/** 'YYYY-MM-DD', 'DD-MM-YYYY' or 'DD/MM/YYYY' as an ISO date; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : ['', '', ''];
  if (!m) {
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
    if (!m) return undefined;
    [d, mo, y] = [m[1], m[2], m[3]];
  }
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Splits an array into chunks for `insert … select from unnest(…)`: a few thousand rows a statement. */
export function* chunks<T>(items: T[], size = 5_000): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
