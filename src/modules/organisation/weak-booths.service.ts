// "Weak booths in winnable seats": the organisation joined with the elections module's seat classes.
// A seat is winnable when the party lost it by under maxMargin votes (class lost-close); a booth in it
// is weak when its committee is not formed, or its grade is at or below the grade asked for.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Actor, Tx } from '../../db/scope.ts';
import { requirePermission, requireUnits } from '../access/access.ts';
import { findSeats } from '../elections/seats.service.ts';
import type { WeakBooth, WeakBooths, WeakBoothsQuery } from './strength.schemas.ts';
import { GRADES, SHARDS } from './strength.ts';

const MAX_ROWS = 20_000;

/** Seats of an election as (state, AC) pairs: an assembly seat is its AC; a Lok Sabha seat its ACs. */
async function acsOf(tx: Tx, house: string, seats: { state: string; constituencyNo: number; marginVotes: number | null }[]) {
  if (seats.length === 0) return [];
  if (house === 'AE') return seats.map((s) => ({ state: s.state, ac: s.constituencyNo, no: s.constituencyNo, margin: s.marginVotes }));
  const acs = await tx.selectFrom('constituencies').select(['state_code', 'no', 'pc_no']).where('house', '=', 'AE').where('era', '=', 2008)
    .where((eb) => eb.or(seats.map((s) => eb.and([eb('state_code', '=', s.state), eb('pc_no', '=', s.constituencyNo)])))).execute();
  return acs.map((a) => {
    const seat = seats.find((s) => s.state === a.state_code && s.constituencyNo === a.pc_no)!;
    return { state: a.state_code, ac: a.no, no: a.pc_no!, margin: seat.marginVotes };
  });
}

export async function findWeakBooths(tx: Tx, actor: Actor, q: WeakBoothsQuery): Promise<WeakBooths> {
  requirePermission(actor, 'org.read');
  const under = q.unitId ? (await requireUnits(tx, actor, 'org.read', [q.unitId]))[0].path : null;
  const seats = await findSeats(tx, actor, { election: q.election, party: q.party, lostByUnder: q.maxMargin,
    strongholdRuns: 3, battlegroundPct: 5, closeVotes: q.maxMargin });
  const acs = await acsOf(tx, seats.election.house, seats.items);
  const base = { election: seats.election.id, party: seats.party, maxMargin: q.maxMargin, seats: seats.items.length };
  if (acs.length === 0) return { ...base, items: [], truncated: false };
  const worst = q.grade ? GRADES.slice(GRADES.indexOf(q.grade)) : [];
  const rows = (await sql<{ id: number; name: string; name_hi: string | null; state_code: string; ac_no: number; part_no: number | null;
    ac_name: string | null; grade: WeakBooth['grade']; formed: boolean; vacancies: number; workers: number; verified: number; seat_no: number }>`
    with s(state_code, ac_no, seat_no) as (select * from unnest(${acs.map((a) => a.state)}::text[], ${acs.map((a) => a.ac)}::int[], ${acs.map((a) => a.no)}::int[]))
    select u.id, u.name, u.name_hi, u.state_code, u.ac_no, u.part_no, c.name as ac_name, o.grade,
      coalesce(o.booths_formed, 0) = 1 as formed, greatest(coalesce(o.slots, 0) - coalesce(o.filled, 0), 0) as vacancies,
      coalesce(o.workers, 0) as workers, coalesce(o.verified, 0) as verified, s.seat_no
    from s
    join units u on u.state_code = s.state_code and u.ac_no = s.ac_no and u.tenant_id = ${actor.tenantId} and u.level = 'booth' and u.wing is null
    left join unit_own_strength o on o.tenant_id = u.tenant_id and o.unit_id = u.id
    left join constituencies c on c.state_code = u.state_code and c.house = 'AE' and c.era = 2008 and c.no = u.ac_no
    where (coalesce(o.booths_formed, 0) = 0 ${worst.length ? sql`or o.grade = any(${worst}::text[])` : sql``})
      ${under ? sql`and u.path <@ ${under}::ltree` : sql``}
    order by u.state_code, u.ac_no, u.part_no nulls last, u.id
    limit ${MAX_ROWS + 1}`.execute(tx)).rows;
  const margin = new Map(acs.map((a) => [`${a.state}:${a.no}`, a.margin]));
  const items = rows.slice(0, MAX_ROWS).map((r) => ({
    unitId: r.id, name: r.name, nameHi: r.name_hi, stateCode: r.state_code, acNo: r.ac_no, acName: r.ac_name, partNo: r.part_no,
    grade: r.grade, formed: r.formed, vacancies: Number(r.vacancies), workers: r.workers, verified: r.verified,
    marginVotes: margin.get(`${r.state_code}:${r.seat_no}`) ?? null,
  }));
  return { ...base, items, truncated: rows.length > MAX_ROWS };
}

/**
 * The organisation layer of the seat map: per seat of the election, the booths of the party's AC units
 * there (their subtree sums, so no booth is scanned) and the seat's class for the party.
 */
export async function findSeatStrength(tx: Tx, actor: Actor, q: { election: string; party: string; state?: string }) {
  requirePermission(actor, 'org.read');
  const seats = await findSeats(tx, actor, { election: q.election, party: q.party, state: q.state, strongholdRuns: 3, battlegroundPct: 5, closeVotes: 5000 });
  const acs = await acsOf(tx, seats.election.house, seats.items);
  if (acs.length === 0) return { items: [] };
  const rows = (await sql<{ state_code: string; seat_no: number; booths: number; formed: number; a: number; b: number; c: number; d: number }>`
    with s(state_code, ac_no, seat_no) as (select * from unnest(${acs.map((a) => a.state)}::text[], ${acs.map((a) => a.ac)}::int[], ${acs.map((a) => a.no)}::int[]))
    select s.state_code, s.seat_no, coalesce(sum(x.booths), 0)::int as booths, coalesce(sum(x.booths_formed), 0)::int as formed,
      coalesce(sum(x.grade_a), 0)::int as a, coalesce(sum(x.grade_b), 0)::int as b, coalesce(sum(x.grade_c), 0)::int as c, coalesce(sum(x.grade_d), 0)::int as d
    from s
    join units u on u.tenant_id = ${actor.tenantId} and u.state_code = s.state_code and u.ac_no = s.ac_no and u.level = 'ac' and u.wing is null
    join unit_strength x on x.tenant_id = u.tenant_id and x.unit_id = u.id and x.shard < ${SHARDS}
    group by s.state_code, s.seat_no`.execute(tx)).rows;
  const bySeat = new Map(rows.map((r) => [`${r.state_code}:${r.seat_no}`, r]));
  return {
    items: seats.items.map((s) => {
      const r = bySeat.get(`${s.state}:${s.constituencyNo}`);
      return {
        stateCode: s.state, constituencyNo: s.constituencyNo, constituency: s.constituency, classes: s.classes, partyLead: s.partyLead,
        booths: r?.booths ?? 0, boothsFormed: r?.formed ?? 0, weakBooths: (r?.booths ?? 0) - (r?.formed ?? 0),
        grades: { A: r?.a ?? 0, B: r?.b ?? 0, C: r?.c ?? 0, D: r?.d ?? 0 },
      };
    }),
  };
}

const COLUMNS: { header: string; value: (b: WeakBooth) => string | number | null; width?: number }[] = [
  { header: 'State', value: (b) => b.stateCode }, { header: 'AC', value: (b) => b.acNo }, { header: 'AC name', value: (b) => b.acName, width: 20 },
  { header: 'Part', value: (b) => b.partNo }, { header: 'Booth', value: (b) => b.name, width: 26 }, { header: 'Booth (Hindi)', value: (b) => b.nameHi, width: 26 },
  { header: 'Grade', value: (b) => b.grade }, { header: 'Committee formed', value: (b) => (b.formed ? 'yes' : 'no') },
  { header: 'Vacancies', value: (b) => b.vacancies }, { header: 'Workers', value: (b) => b.workers }, { header: 'Verified', value: (b) => b.verified },
  { header: 'Seat lost by (votes)', value: (b) => b.marginVotes }, { header: 'Unit id', value: (b) => b.unitId },
];

export function weakBoothsCsv(r: WeakBooths): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s; // no formulas from names
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [COLUMNS.map((c) => c.header).join(','), ...r.items.map((b) => COLUMNS.map((c) => cell(c.value(b))).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`; // BOM so Excel reads Devanagari names as UTF-8
}

export async function weakBoothsXlsx(r: WeakBooths): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Warroom';
  const sheet = book.addWorksheet(`Weak booths ${r.election}`.slice(0, 31));
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width ?? 12 }));
  for (const b of r.items) sheet.addRow(COLUMNS.map((c) => c.value(b)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
