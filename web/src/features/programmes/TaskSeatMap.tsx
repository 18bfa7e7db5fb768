// The task page's map: every assembly seat the reader can see, coloured by the task's attainment
// there, on the seat map the seats page draws (SeatMapFrame). One state at a time shows its real
// boundaries when they were imported, and says so when they were not; all states at once are hexagons.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { layerSeats, SeatMapFrame, type LayerSeat } from '../seats/SeatMapFrame.tsx';
import type { TaskDetail, TaskSeat } from './api.ts';
import { useTaskSeatLayer } from './taskSeatLayer.ts';

export default function TaskSeatMap({ task, seats, state, onState }: {
  task: TaskDetail;
  seats: TaskSeat[];
  /** The state shown; null: every state of the task's seats. */
  state: string | null;
  onState: (state: string | null) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const states = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of seats) if (!m.has(s.stateCode)) m.set(s.stateCode, s.stateName ? local(s.stateName, s.stateNameHi) : s.stateCode);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [seats, local]);
  // One state only: that state. A state asked for that is not among the seats: all of them.
  const shownState = states.length === 1 ? states[0][0] : states.some(([code]) => code === state) ? state : null;
  const shown = useMemo(() => (shownState ? seats.filter((s) => s.stateCode === shownState) : seats), [seats, shownState]);
  const layer = useTaskSeatLayer(task, shown);
  const { drawn, legend } = useMemo(() => layerSeats(
    shown.map((s): LayerSeat => ({
      state: s.stateCode, stateName: s.stateName ? local(s.stateName, s.stateNameHi) : s.stateCode, constituencyNo: s.constituencyNo,
      name: local(s.name, s.nameHi), href: `/programmes/tasks/${task.id}?unit=${s.unitId}`,
    })),
    layer,
    (s) => t('seats.map.seatLabel', { name: s.name, no: s.constituencyNo, state: s.stateName }),
  ), [shown, layer, task.id, local, t]);
  const stateName = states.find(([code]) => code === shownState)?.[1] ?? '';

  return (
    <div data-testid="task-map">
      <SeatMapFrame
        seats={drawn} legend={legend} legendTitle={layer.legendTitle} house="AE" stateCode={shownState} withBoundaries={shownState !== null}
        noBoundaries={shownState ? t('prog.map.noBoundaries', { state: stateName }) : t('prog.map.pickState')}
        controls={states.length > 1 ? (
          <Field label={t('prog.map.state')} className="map-colour">
            {(p) => (
              <select {...p} value={shownState ?? ''} onChange={(e) => onState(e.target.value || null)} data-testid="task-map-state">
                <option value="">{t('prog.map.allStates', { n: states.length })}</option>
                {states.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
              </select>
            )}
          </Field>
        ) : <h3 className="map-state" data-testid="task-map-state-name">{stateName}</h3>}
      />
    </div>
  );
}
