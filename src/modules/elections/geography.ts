// Geography an import introduces: states, elections, constituencies (with reservation and an AC's PC),
// upserted as the system. A seat that already exists under another name is renamed and reported:
// Andhra Pradesh's PCs were renumbered when Telangana was split off within the same delimitation.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { indexHeader, pick, readCsv } from './csv.ts';
import { candidateKey } from './parties.ts';
import { parseElectionId } from './formats.ts';
import { STATES, stateByCode } from './states.ts';
import type { Warnings } from './problems.ts';

export interface SeatInfo { stateCode: string; house: 'LS' | 'AE'; era: number; no: number; name: string | null; reservation: string | null; pcNo: number | null; year?: number }
export interface ElectionInfo { id: string; house: 'LS' | 'AE'; stateCode: string | null; year: number; era: number }

export async function upsertStates(db: Executor, codes: Iterable<string>): Promise<void> {
  const list = [...new Set(codes)].map((c) => stateByCode(c)!).filter(Boolean);
  if (!list.length) return;
  await sql`insert into states (code, name, kind) select * from unnest(${list.map((s) => s.code)}::text[],
    ${list.map((s) => s.name)}::text[], ${list.map((s) => s.kind)}::text[]) on conflict (code) do nothing`.execute(db);
}

export function electionName(e: ElectionInfo): string {
  return e.house === 'LS' ? `Lok Sabha ${e.year}` : `${stateByCode(e.stateCode ?? '')?.name ?? e.stateCode} Assembly ${e.year}`;
}

/** An election as an id implies it (AE-GJ-2022: Gujarat's assembly, 2022); undefined when malformed. */
export function electionFromId(id: string, stateCode: string | null, era = 2008): ElectionInfo | undefined {
  const p = parseElectionId(id);
  if (!p) return undefined;
  const state = p.house === 'AE' ? stateCode ?? STATES.find((s) => s.abbr.includes(p.abbr ?? ''))?.code ?? null : null;
  return { id, house: p.house, stateCode: state, year: p.year, era };
}

export async function upsertElections(db: Executor, list: ElectionInfo[]): Promise<void> {
  for (const e of list) {
    await sql`insert into elections (id, house, state_code, era, year, name) values (${e.id}, ${e.house}, ${e.stateCode}, ${e.era}, ${e.year}, ${electionName(e)})
      on conflict (id) do update set house = excluded.house, state_code = excluded.state_code, era = excluded.era, year = excluded.year`.execute(db);
  }
}

/** Upserts seats; a blank name keeps the existing one (or 'AC 12' for a new seat the file does not name). */
export async function upsertSeats(db: Executor, seats: SeatInfo[], warnings: Warnings): Promise<void> {
  if (!seats.length) return;
  await warnRenames(db, seats, warnings);
  for (let i = 0; i < seats.length; i += 5_000) {
    const s = seats.slice(i, i + 5_000);
    const t = sql`unnest(${s.map((x) => x.stateCode)}::text[], ${s.map((x) => x.house)}::text[], ${s.map((x) => x.era)}::int[],
      ${s.map((x) => x.no)}::int[], ${s.map((x) => x.name)}::text[], ${s.map((x) => x.reservation)}::text[], ${s.map((x) => x.pcNo)}::int[],
      ${s.map((x) => x.year ?? 9999)}::int[]) t(state_code, house, era, no, name, reservation, pc_no, year)`;
    await sql`insert into constituencies (state_code, house, era, no, name, reservation, pc_no)
      select state_code, house, era, no, coalesce(name, case house when 'LS' then 'PC ' else 'AC ' end || no), coalesce(reservation, 'GEN'), pc_no
      from ${t} on conflict do nothing`.execute(db);
    // A seat's name follows its latest election: Andhra Pradesh's PCs were renumbered in 2014 within the
    // same delimitation, so an older file must not rename a seat a newer one named.
    await sql`update constituencies c set name = case when t.year >= coalesce((select max(e.year) from results r join elections e on e.id = r.election_id
          where r.state_code = c.state_code and r.constituency_no = c.no and e.house = c.house and e.era = c.era), 0) then coalesce(t.name, c.name) else c.name end,
        reservation = coalesce(t.reservation, c.reservation),
        pc_no = coalesce(t.pc_no, c.pc_no)
      from ${t} where (c.state_code, c.house, c.era, c.no) = (t.state_code, t.house, t.era, t.no)
        and (c.name, c.reservation, c.pc_no) is distinct from (coalesce(t.name, c.name), coalesce(t.reservation, c.reservation), coalesce(t.pc_no, c.pc_no))`.execute(db);
  }
}

async function warnRenames(db: Executor, seats: SeatInfo[], warnings: Warnings): Promise<void> {
  const named = seats.filter((s) => s.name);
  const existing = await sql<{ state_code: string; house: string; era: number; no: number; name: string }>`
    select c.state_code, c.house, c.era, c.no, c.name from constituencies c
    join unnest(${named.map((x) => x.stateCode)}::text[], ${named.map((x) => x.house)}::text[], ${named.map((x) => x.era)}::int[], ${named.map((x) => x.no)}::int[])
      t(state_code, house, era, no) using (state_code, house, era, no)`.execute(db);
  const byKey = new Map(existing.rows.map((r) => [`${r.state_code}/${r.house}/${r.era}/${r.no}`, r.name]));
  for (const s of named) {
    const old = byKey.get(`${s.stateCode}/${s.house}/${s.era}/${s.no}`);
    if (old && !/^(AC|PC) \d+$/.test(old) && !similar(old, s.name!)) {
      warnings.add(`${s.stateCode} ${s.house === 'LS' ? 'PC' : 'AC'} ${s.no} (${s.era}) is '${old}' in the database and '${s.name}' in this file: ` +
        'one number, two seats (a renumbering within the delimitation); the name of the latest election is kept');
    }
  }
}

/** Spelling variants of one name (FEROZPUR / FIROZPUR, GAYA / GAYA (SC)) by shared letter pairs. */
function similar(a: string, b: string): boolean {
  const pairs = (t: string) => { const k = candidateKey(t.replace(/\((SC|ST)\)/gi, '')); return new Set(Array.from({ length: Math.max(0, k.length - 1) }, (_, i) => k.slice(i, i + 2))); };
  const [x, y] = [pairs(a), pairs(b)];
  const shared = [...x].filter((p) => y.has(p)).length;
  return (2 * shared) / Math.max(1, x.size + y.size) >= 0.6;
}

export interface AcPcEntry { acName: string; acReservation: string | null; pcNo: number }

/** The AC → PC table (datameet's 2008 constituencies: ST_CODE, PC_CODE, AC_CODE, AC_NAME, AC_TYPE). */
export async function loadAcPc(file: string): Promise<Map<string, AcPcEntry>> {
  const map = new Map<string, AcPcEntry>();
  let header: Map<string, number> | undefined;
  for await (const batch of readCsv(file)) {
    for (const r of batch) {
      if (!header) { header = indexHeader(r.fields); continue; }
      const [st, pc, ac] = [pick(r.fields, header, 'st_code', 'state_code'), Number(pick(r.fields, header, 'pc_code', 'pc_no')), Number(pick(r.fields, header, 'ac_code', 'ac_no'))];
      const type = pick(r.fields, header, 'ac_type').toUpperCase();
      if (st && pc > 0 && ac > 0) map.set(`${st}/${ac}`, { acName: titleCase(pick(r.fields, header, 'ac_name')), acReservation: type === 'SC' || type === 'ST' ? type : 'GEN', pcNo: pc });
    }
  }
  if (!header?.has('ac_code') && !header?.has('ac_no')) throw new Error(`${file}: not an AC → PC table (expected ST_CODE, PC_CODE, AC_CODE, AC_NAME)`);
  return map;
}

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s(.-])\p{L}/gu, (m) => m.toUpperCase());
}
