// A task's layer of the seat map: each assembly seat coloured by the task's attainment there (for a
// drive, the share of its booths that reported), with target and actual in the seat's label. The same
// SeatLayer shape the organisation module gives the seats page, drawn by the same map.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { HEAT_BINS } from '../organisation/parts.tsx';
import type { SeatLayer } from '../organisation/seatLayer.ts';
import type { TaskDetail, TaskSeat } from './api.ts';

/** Attainment bins: 0–25, 25–50, 50–75, 75–100 % and the target met. */
export const ATTAINMENT_STEPS = [0, 0.25, 0.5, 0.75, 1];
export const attainmentBin = (a: number) => ATTAINMENT_STEPS.reduce((b, from, i) => (a >= from ? i : b), 0);

export function useTaskSeatLayer(task: Pick<TaskDetail, 'metric' | 'assigneeLevel' | 'unitLabel' | 'unitLabelHi'>, seats: TaskSeat[]): SeatLayer {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  return useMemo(() => {
    const bySeat = new Map(seats.map((s) => [`${s.stateCode}:${s.constituencyNo}`, s]));
    const pct = (n: number) => fmt.percent(Math.round(n * 100));
    const legend = ATTAINMENT_STEPS.map((from, i) => ({
      id: `a${i}`, colour: HEAT_BINS[i].colour,
      label: i + 1 < ATTAINMENT_STEPS.length ? `${fmt.number(from * 100)}–${pct(ATTAINMENT_STEPS[i + 1])}` : t('prog.map.met', { pct: pct(from) }),
    }));
    const completion = task.metric === 'completion';
    const what = task.metric === 'reported' ? ((i18n.language === 'hi' && task.unitLabelHi) || task.unitLabel || '') : t(`prog.unitOf.${task.metric as 'completion'}`);
    return {
      label: t('prog.map.byAttainment'),
      legendTitle: completion ? (task.assigneeLevel === 'booth' ? t('prog.map.legendBooths') : t('prog.map.legendUnits')) : t('prog.map.legendAttainment'),
      legend,
      noneLabel: t('prog.map.none'),
      classify: (seat) => {
        const s = bySeat.get(`${seat.state}:${seat.constituencyNo}`);
        // Nothing asked of the seat (no booths under it), or its figures out of reach: no colour.
        if (!s || !s.target || s.attainment === null || s.actual === null) return null;
        const figures = { actual: fmt.number(s.actual), target: fmt.number(s.target), pct: fmt.percent(Math.round(s.attainment * 1000) / 10) };
        return {
          id: `a${attainmentBin(s.attainment)}`,
          line: completion ? t('prog.map.lineReported', figures) : t('prog.map.line', { ...figures, what }),
        };
      },
    };
  }, [seats, task.metric, task.assigneeLevel, task.unitLabel, task.unitLabelHi, t, i18n.language, fmt]);
}
