// The party of a booth file's candidate. Codes and known names fold through party_aliases; names the
// book does not know, and blank parties (public scrapes leave some), are found by the candidate's name
// among the constituency's results of the same election, when those were imported first.
import type { Executor } from '../../db/open.ts';
import { candidateKey, looksLikeCode, type PartyBook } from './parties.ts';
import type { Warnings } from './problems.ts';

export interface BoothParties {
  /** Loads the (election, state)'s constituency candidates once. */
  prepare(electionId: string, stateCode: string): Promise<void>;
  resolve(electionId: string, stateCode: string, seatNo: number | null, candidate: string, partyRaw: string): string | null;
  hasResults(electionId: string, stateCode: string): boolean;
}

export function createBoothParties(db: Executor, book: PartyBook, warnings: Warnings): BoothParties {
  const seats = new Map<string, Map<string, string | null>>(); // election|state|seat → candidate key → party
  const loaded = new Map<string, boolean>();
  const cache = new Map<string, string | null>();
  const fromResults = (e: string, s: string, seat: number | null, candidate: string): string | null | undefined => {
    const cands = seats.get(`${e}|${s}|${seat}`);
    if (!cands) return undefined;
    const key = candidateKey(candidate);
    if (cands.has(key)) return cands.get(key);
    const tokens = tokenKey(candidate);
    for (const [k, party] of cands) if (k.startsWith('~') && k.slice(1) === tokens) return party;
    return undefined;
  };
  return {
    async prepare(e, s) {
      if (loaded.has(`${e}|${s}`)) return;
      const rows = await db.selectFrom('results').select(['constituency_no', 'candidate', 'party_code'])
        .where('election_id', '=', e).where('state_code', '=', s).execute();
      for (const r of rows) {
        const m = seats.get(`${e}|${s}|${r.constituency_no}`) ?? new Map<string, string | null>();
        m.set(candidateKey(r.candidate), r.party_code);
        m.set(`~${tokenKey(r.candidate)}`, r.party_code);
        seats.set(`${e}|${s}|${r.constituency_no}`, m);
      }
      loaded.set(`${e}|${s}`, rows.length > 0);
    },
    hasResults: (e, s) => loaded.get(`${e}|${s}`) ?? false,
    resolve(e, s, seat, candidate, partyRaw) {
      const key = `${e}|${s}|${seat}|${candidate}|${partyRaw}`;
      if (cache.has(key)) return cache.get(key)!;
      let party: string | null;
      if (/^(NOTA|NONE OF THE ABOVE)$/i.test(candidate.trim())) party = 'NOTA';
      else if (partyRaw && book.isKnown(partyRaw)) party = book.fold(partyRaw);
      else party = fromResults(e, s, seat, candidate) ?? (partyRaw && looksLikeCode(partyRaw) ? book.fold(partyRaw) : null);
      if (party === null) warnings.count('candidates whose party was not found (party left blank)', `${candidate}${partyRaw ? ` '${partyRaw}'` : ''}`);
      cache.set(key, party);
      return party;
    },
  };
}

/** Word order differs between scrapes (PATEL KIRITBHAI / KIRITBHAI PATEL). */
function tokenKey(name: string): string {
  return name.toUpperCase().split(/[^\p{L}]+/u).filter((t) => t.length > 1).sort().join(' ');
}
