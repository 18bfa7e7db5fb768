// The seats map's "win probability" colouring: each seat's chance for a party (pooled with its allies
// in that state) under the scenario last built on this device for the election, or the default one
// (no swing, the preset alliances). Runs in the projection worker, behind any live work.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blocResolver } from '../../../../src/modules/projection/blocs.ts';
import { useFormat } from '../../format.ts';
import { can, useSignedIn } from '../../session.ts';
import type { SeatValue } from '../seats/SeatMap.tsx';
import { baselineKey, scenarioApi, type Alliance, type BaselineOut, type Projection } from './api.ts';
import { activeAlliances, defaultDraft, FULL_SIMS, storedDraft, toScenario } from './draft.ts';
import { projectionEngine } from './engine.ts';

interface Run { election: string; projection: Projection; alliances: Alliance[]; fromDraft: boolean }

/** Win probability per seat key (`stateCode|number`) for a party; null where neither it nor an ally stood. */
export function seatWinProbabilities(baseline: BaselineOut, run: Run, party: string): Map<string, number | null> {
  const resolve = blocResolver(run.alliances);
  const out = new Map<string, number | null>();
  run.projection.seats.forEach((s, i) => {
    const seat = baseline.seats[i];
    const bloc = resolve(s.state, party).bloc;
    const entry = s.blocs.find((b) => b.bloc === bloc);
    out.set(`${seat.stateCode ?? seat.state}|${s.number}`, entry ? entry.win : (seat.votes[party] ?? 0) > 0 ? 0 : null);
  });
  return out;
}

export function useWinProbability(election: string, party: string, enabled: boolean): { value?: SeatValue; note?: string } {
  const { t } = useTranslation();
  const fmt = useFormat();
  const allowed = enabled && can(useSignedIn(), 'projection.run');
  const baseline = useQuery({ queryKey: baselineKey(election), queryFn: () => scenarioApi.baseline(election), staleTime: Infinity, enabled: allowed, retry: false });
  const [run, setRun] = useState<Run | null>(null);

  useEffect(() => {
    const b = baseline.data;
    if (!allowed || !b) return;
    const stored = storedDraft(election);
    const draft = stored ?? defaultDraft(b);
    const engine = projectionEngine();
    engine.setBaseline(election, b);
    void engine.run('map', { key: election, scenario: { ...toScenario(draft, FULL_SIMS), targets: [] }, simulations: FULL_SIMS, wantSeats: true })
      .then((r) => { if (r) setRun({ election, projection: r.projection, alliances: activeAlliances(draft), fromDraft: stored !== null }); }, () => setRun(null));
  }, [allowed, baseline.data, election]);

  return useMemo(() => {
    if (!run || run.election !== election || !baseline.data) return {};
    const chances = seatWinProbabilities(baseline.data, run, party);
    const n = fmt.number(run.projection.simulations);
    return {
      value: {
        label: t('scenario.map.winProbability', { party }), min: 0, max: 1,
        get: (seat) => chances.get(`${seat.state}|${seat.constituencyNo}`) ?? null,
        format: (x) => fmt.percent(Math.round(x * 1000) / 10),
      },
      note: run.fromDraft ? t('scenario.map.fromScenario', { n }) : t('scenario.map.fromDefault', { n }),
    };
  }, [run, election, baseline.data, party, t, fmt]);
}
