// Booth totals against constituency results of the same election, per seat the import touched (a PC
// for a Lok Sabha poll, an AC for an assembly one). Postal ballots are counted at the constituency, not
// at booths, so booth totals are normally slightly lower; anything else is a gap in the booth data.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';

export interface TouchedSeats { electionId: string; stateCode: string; house: 'LS' | 'AE'; era: number; acs: Set<number> }

interface Gap { seat: number; name: string | null; booth: number; official: number; acs_with_booths: number; acs: number }

/** Postal ballots are at most a few per cent of a constituency's votes. */
const POSTAL_SHARE = 0.03;

export async function reconcileBooths(db: Executor, touched: TouchedSeats[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of touched) {
    const official = await db.selectFrom('results').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('election_id', '=', t.electionId).where('state_code', '=', t.stateCode).executeTakeFirst();
    if (!Number(official?.n)) { out.push(`${t.electionId} ${t.stateCode}: no constituency results imported, so booths were not reconciled`); continue; }
    const gaps = await seatGaps(db, t);
    let postal = 0;
    for (const g of gaps) {
      const what = `${t.electionId} ${t.stateCode} ${t.house === 'LS' ? 'PC' : 'AC'} ${g.seat}${g.name ? ` ${g.name}` : ''}`;
      const diff = g.official - g.booth;
      if (g.acs_with_booths < g.acs) out.push(`${what}: booths for ${g.acs_with_booths} of its ${g.acs} ACs so far (${fmt(g.booth)} of ${fmt(g.official)} votes)`);
      else if (diff >= 0 && diff <= g.official * POSTAL_SHARE) postal += 1;
      else out.push(`${what}: booths add up to ${fmt(g.booth)} votes, the constituency result to ${fmt(g.official)} (${diff > 0 ? '' : '+'}${fmt(-diff)}, ${((-diff / Math.max(1, g.official)) * 100).toFixed(1)}%)`);
    }
    if (postal) out.push(`${t.electionId} ${t.stateCode}: ${postal} seat(s) reconcile, booths 0–${POSTAL_SHARE * 100}% below the constituency result (postal ballots)`);
  }
  return out;
}

/**
 * Sums per AC first (an index range on booth_votes' key), then per seat in JS: a single join left to
 * the planner chose a nested loop over millions of booth rows on PGlite, whose statistics lag.
 */
async function seatGaps(db: Executor, t: TouchedSeats): Promise<Gap[]> {
  const acs = await db.selectFrom('constituencies').select(['no', 'pc_no']).where('state_code', '=', t.stateCode)
    .where('house', '=', 'AE').where('era', '=', t.era).execute();
  const seatOf = new Map(acs.map((a) => [a.no, t.house === 'LS' ? a.pc_no : a.no]));
  const seats = new Set([...t.acs].map((ac) => seatOf.get(ac)).filter((s): s is number => s != null));
  const seatAcs = [...seatOf].filter(([, seat]) => seat != null && seats.has(seat)).map(([ac]) => ac);
  const booth = await sql<{ ac_no: number; votes: number }>`select b.ac_no, sum(x)::float8 as votes from booth_votes b cross join lateral unnest(b.votes) x
    where b.election_id = ${t.electionId} and b.state_code = ${t.stateCode} and b.ac_no = any(${`{${seatAcs.join(',')}}`}::int[]) and x is not null
    group by b.ac_no`.execute(db);
  const official = await sql<{ seat: number; votes: number; name: string | null }>`select r.constituency_no as seat, sum(r.votes)::float8 as votes, max(k.name) as name
    from results r left join constituencies k on k.state_code = r.state_code and k.house = ${t.house} and k.era = ${t.era} and k.no = r.constituency_no
    where r.election_id = ${t.electionId} and r.state_code = ${t.stateCode} and r.constituency_no = any(${`{${[...seats].join(',')}}`}::int[])
    group by r.constituency_no order by 1`.execute(db);
  return official.rows.map((o) => {
    const mine = booth.rows.filter((b) => seatOf.get(b.ac_no) === o.seat);
    return { seat: o.seat, name: o.name, official: o.votes, booth: mine.reduce((a, b) => a + b.votes, 0), acs_with_booths: mine.length,
      acs: [...seatOf.values()].filter((s) => s === o.seat).length };
  });
}

function fmt(n: number): string { return Math.round(n).toLocaleString('en'); }
