// The organisation layer of the seat map: each seat coloured by the share of its booths with a committee
// formed (GET /api/org/seat-strength), with booths, formed and weak booths in the seat's label. The seats
// page asks for it only on the map tab and only when the session may read the organisation.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Seat } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { orgApi, type SeatStrength } from './api.ts';
import { HEAT_BINS } from './parts.tsx';

// Few seats have most booths formed yet: the steps are finer at the low end than the tree's completeness scale.
const SEAT_STEPS = [0, 0.1, 0.2, 0.3, 0.5];
const seatBin = (v: number) => SEAT_STEPS.reduce((b, from, i) => (v >= from ? i : b), 0);

/** A categorical colouring the seat map can draw: fixed legend entries, and one entry (or none) per seat. */
export interface SeatLayer {
  label: string;
  legendTitle: string;
  legend: { id: string; colour: string; label: string }[];
  noneLabel: string;
  classify: (seat: Pick<Seat, 'state' | 'constituencyNo'>) => { id: string; line: string } | null;
}

export function useOrgSeatLayer(election: string, party: string, state: string | null, enabled: boolean): SeatLayer | undefined {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['org', 'seat-strength', election, party, state ?? ''],
    queryFn: () => orgApi.seatStrength({ election, party, state }),
    enabled,
    staleTime: 60_000,
  });
  return useMemo(() => {
    if (!q.data) return undefined;
    const bySeat = new Map<string, SeatStrength>(q.data.map((s) => [`${s.stateCode}:${s.constituencyNo}`, s]));
    const legend = SEAT_STEPS.map((from, i) => ({
      id: `o${i}`, colour: HEAT_BINS[i].colour,
      label: i + 1 < SEAT_STEPS.length ? `${Math.round(from * 100)}–${Math.round(SEAT_STEPS[i + 1] * 100)}%` : `≥ ${Math.round(from * 100)}%`,
    }));
    return {
      label: t('org.map.byOrg'),
      legendTitle: t('org.map.legend'),
      legend,
      noneLabel: t('org.map.none'),
      classify: (seat) => {
        const s = bySeat.get(`${seat.state}:${seat.constituencyNo}`);
        if (!s || s.booths === 0) return null;
        return {
          id: `o${seatBin(s.boothsFormed / s.booths)}`,
          line: t('org.map.line', { booths: fmt.number(s.booths), formed: fmt.number(s.boothsFormed), weak: fmt.number(s.weakBooths) }),
        };
      },
    };
  }, [q.data, t, fmt]);
}
