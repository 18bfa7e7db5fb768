// Party names, Hindi names, colours and seat counts per election, from the home summary (which the
// app has usually fetched already). The seats API carries only party codes.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type PartyResult } from '../../api.ts';
import { can, useSignedIn } from '../../session.ts';
import { partyColour } from './colours.ts';

export interface PartyInfo {
  /** The parties table's colours, by code. */
  colours: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, { name: string; nameHi: string | null }>;
  /** An election's parties, most seats first; empty when the home summary does not cover it. */
  inElection: (electionId: string) => PartyResult[];
  colour: (code: string | null | undefined) => string;
  /** True while the home summary may still arrive. */
  pending: boolean;
}

export function usePartyInfo(): PartyInfo {
  const session = useSignedIn();
  const allowed = can(session, 'tenant.view');
  const home = useQuery({ queryKey: ['home'], queryFn: api.home, enabled: allowed, staleTime: 5 * 60_000 });
  return useMemo(() => {
    const colours = new Map<string, string>();
    const names = new Map<string, { name: string; nameHi: string | null }>();
    const byElection = new Map<string, PartyResult[]>();
    for (const e of home.data?.elections ?? []) {
      byElection.set(String(e.id), [...e.parties].sort((a, b) => b.seats - a.seats || b.votes - a.votes));
      for (const p of e.parties) {
        if (p.colour && !colours.has(p.code)) colours.set(p.code, p.colour);
        if (!names.has(p.code)) names.set(p.code, { name: p.name, nameHi: p.nameHi });
      }
    }
    return {
      colours, names,
      inElection: (id: string) => byElection.get(id) ?? [],
      colour: (code: string | null | undefined) => partyColour(code, colours),
      pending: allowed && home.isPending,
    };
  }, [home.data, home.isPending, allowed]);
}
