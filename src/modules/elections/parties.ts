// Party codes as the sources write them, folded into ours through party_aliases (editable data).
// The source's own code stays in results.party_raw; booth files that spell parties out or leave them
// blank are matched to the constituency's candidates instead.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';

export interface PartyBook {
  /** The code a source's party text folds to ('' → null). */
  fold(raw: string): string | null;
  /** Whether a code or full name is known (a code in parties, an alias, or a party's name). */
  isKnown(raw: string): boolean;
}

export async function loadPartyBook(db: Executor): Promise<PartyBook> {
  const aliases = await db.selectFrom('party_aliases').select(['alias', 'party_code']).execute();
  const parties = await db.selectFrom('parties').select(['code', 'name']).where('is_demo', '=', false).execute();
  const byText = new Map<string, string>();
  for (const p of parties) { byText.set(p.name.toUpperCase(), p.code); byText.set(p.code.toUpperCase(), p.code); }
  for (const a of aliases) byText.set(a.alias.toUpperCase(), a.party_code);
  return {
    fold(raw) {
      const t = raw.trim().replace(/\s+/g, ' ');
      if (!t) return null;
      return byText.get(t.toUpperCase()) ?? t;
    },
    isKnown: (raw) => byText.has(raw.trim().replace(/\s+/g, ' ').toUpperCase()),
  };
}

/** A text looks like a party code (BJP, JD(U), AAAP) rather than a spelt-out name. */
export function looksLikeCode(text: string): boolean {
  return text.length <= 14 && !/\s/.test(text.trim());
}

/** Adds the codes an import uses that parties lacks, named by their code until someone names them. */
export async function upsertParties(db: Executor, codes: Iterable<string>): Promise<void> {
  const list = [...new Set(codes)].filter(Boolean);
  if (!list.length) return;
  await sql`insert into parties (code, name) select c, c from unnest(${list}::text[]) c on conflict (code) do nothing`.execute(db);
}

/** Names compared the way two scrapes of one ballot differ: case, dots, spaces. */
export function candidateKey(name: string): string {
  return name.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
