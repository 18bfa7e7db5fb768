// The dashboard's results by seat class: the campaign's calls by AC, grouped by the class of each AC
// for a party in an assembly election (the seats page's classes: held, stronghold, battleground, never
// won, lost close). Battleground sentiment is what the war room wants back from the call centre.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { findSeats } from '../elections/seats.service.ts';
import type { DashboardQuery } from './dashboard.schemas.ts';

const ORDER = ['battleground', 'lost-close', 'held', 'stronghold', 'never-won', 'unclassified', 'other'];
interface AcCount { stateCode: string | null; acNo: number | null; calls: number; answered: number; sentimentAnswered: number; sentimentYes: number }

/**
 * Defaults, as the seats pages pick them where the address does not say: the election is the newest
 * assembly election of the state most of the campaign's calls went to; the party is the one the
 * campaign's own seat filter names (a tenant has no "our party" setting yet). Without one, the reason
 * says what is missing and the page asks for it.
 */
export async function seatClassesFor(tx: Tx, campaignId: number, byAc: AcCount[], q: DashboardQuery) {
  const none = (reason: string, seatElection: string | null = null) => ({ seatClasses: null, seatClassesReason: reason, seatElection });
  const state = byAc.filter((r) => r.stateCode).reduce<Map<string, number>>((m, r) => m.set(r.stateCode!, (m.get(r.stateCode!) ?? 0) + r.calls), new Map());
  const topState = [...state.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (!q.election && !topState) return none('no_state');
  const { rows: el } = q.election
    ? await sql<{ id: string; name: string; house: string }>`select id, name, house from elections where id = ${q.election}`.execute(tx)
    : await sql<{ id: string; name: string; house: string }>`select id, name, house from elections where house = 'AE' and state_code = ${topState}
        order by year desc, id desc limit 1`.execute(tx);
  if (!el[0]) return none('no_election');
  if (el[0].house !== 'AE') return none('not_assembly', el[0].id);
  const { rows: k } = await sql<{ party: string | null }>`select target #>> '{seats,party}' as party from campaigns where id = ${campaignId}`.execute(tx);
  const party = q.party ?? k[0]?.party ?? null;
  if (!party) return none('no_party', el[0].id);
  let found;
  try {
    // Reference data, read as the system (like the campaign's own seat filter in campaigns.ts).
    found = await findSeats(tx, null, { election: el[0].id, party, strongholdRuns: 3, battlegroundPct: 5, closeVotes: 5000 });
  } catch (e) {
    if (e instanceof NotFound) return none('no_election');
    throw e;
  }
  const classesOf = new Map(found.items.map((s) => [`${s.state}:${s.constituencyNo}`, s.classes as string[]]));
  const groups = new Map<string, { seats: Set<string>; calls: number; answered: number; sentimentAnswered: number; sentimentYes: number }>();
  for (const r of byAc) {
    const key = `${r.stateCode}:${r.acNo}`;
    const cls = classesOf.get(key);
    for (const c of cls === undefined ? ['other'] : cls.length ? cls : ['unclassified']) {
      const g = groups.get(c) ?? { seats: new Set<string>(), calls: 0, answered: 0, sentimentAnswered: 0, sentimentYes: 0 };
      if (cls !== undefined) g.seats.add(key);
      g.calls += r.calls; g.answered += r.answered; g.sentimentAnswered += r.sentimentAnswered; g.sentimentYes += r.sentimentYes;
      groups.set(c, g);
    }
  }
  const items = [...groups.entries()].sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0])).map(([seatClass, g]) => ({
    seatClass, seats: g.seats.size, calls: g.calls, answered: g.answered, sentimentAnswered: g.sentimentAnswered, sentimentYes: g.sentimentYes,
    share: g.sentimentAnswered ? g.sentimentYes / g.sentimentAnswered : null,
  }));
  return { seatClasses: { election: el[0].id, electionName: el[0].name, party: found.party, items }, seatClassesReason: null, seatElection: el[0].id };
}
