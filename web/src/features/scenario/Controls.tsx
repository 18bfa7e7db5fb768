// The builder's inputs: baseline, model and target; national swing sliders per major bloc; a state's
// own swings. Sliders are <input type="range"> with labels, usable by keyboard (arrows, Home, End).
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Election } from '../../api.ts';
import { Field } from '../../components/ui.tsx';
import type { Model } from './api.ts';
import { blocColour, signed } from './colours.ts';
import { majority, MODELS, SWING_LIMIT, type Draft, type Target } from './draft.ts';

const pointFormat = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const points = (n: number) => signed(n, (x) => pointFormat.format(x));

/**
 * A swing slider. `onMove` gets the input event's time, so the page can measure slider → paint. Letting go
 * of the pointer ends a drag at once; arrow keys end one when the key has rested (the page's idle timer).
 */
export function SwingSlider({ label, ariaLabel, value, onMove, onRelease, testId, colour }: {
  label: string; ariaLabel: string; value: number; colour: string; testId: string;
  onMove: (value: number, at: number) => void; onRelease: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="swing-row">
      <label htmlFor={id} className="swing-label">
        <span className="swatch" style={{ background: colour }} aria-hidden="true" />
        <span className="break">{label}</span>
      </label>
      <input
        id={id} type="range" min={-SWING_LIMIT} max={SWING_LIMIT} step={0.5} value={value}
        aria-label={ariaLabel} aria-valuetext={t('scenario.pointsValue', { value: points(value) })}
        onChange={(e) => onMove(Number(e.target.value), e.nativeEvent.timeStamp)}
        onPointerUp={onRelease} onBlur={onRelease}
        data-testid={testId}
      />
      <output htmlFor={id} className={`swing-value${value > 0 ? ' up' : value < 0 ? ' down' : ''}`} data-testid={`${testId}-value`}>{points(value)}</output>
    </div>
  );
}

export const Settings = memo(function Settings({ draft, elections, states, totalSeats, targetOptions, update, onElection }: {
  draft: Draft;
  elections: Election[];
  states: { name: string; seats: number }[];
  totalSeats: number;
  targetOptions: string[];
  update: (patch: Partial<Draft>) => void;
  onElection: (id: string) => void;
}) {
  const { t } = useTranslation();
  const target = draft.target;
  const setTarget = (patch: Partial<Target>) => update({ target: { ...target, ...patch } });
  const seatsIn = (state: string | null) => (state ? states.find((s) => s.name === state)?.seats ?? totalSeats : totalSeats);
  const multiState = states.length > 1;
  return (
    <section className="card scenario-settings" aria-labelledby="scenario-settings-h">
      <h2 id="scenario-settings-h" className="visually-hidden">{t('scenario.settings')}</h2>
      <div className="scenario-grid">
        <Field label={t('scenario.election')}>
          {(p) => (
            <select {...p} value={draft.election} onChange={(e) => onElection(e.target.value)} data-testid="scenario-election">
              {elections.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('scenario.model')} hint={t('scenario.modelHint')}>
          {(p) => (
            <select {...p} value={draft.model} onChange={(e) => update({ model: e.target.value as Model })} data-testid="scenario-model">
              {MODELS.map((m) => <option key={m} value={m}>{t(`scenario.models.${m}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="scenario-target">
        <legend>{t('scenario.target')}</legend>
        <div className="scenario-grid">
          <Field label={t('scenario.targetBloc')}>
            {(p) => (
              <select {...p} value={target.bloc} onChange={(e) => setTarget({ bloc: e.target.value })} data-testid="scenario-target-bloc">
                {targetOptions.includes(target.bloc) ? null : <option value={target.bloc}>{target.bloc}</option>}
                {targetOptions.map((b) => <option key={b} value={b}>{b}</option>)}
              </select>
            )}
          </Field>
          {multiState ? (
            <Field label={t('scenario.targetWhere')}>
              {(p) => (
                <select {...p} value={target.state ?? ''} data-testid="scenario-target-state"
                  onChange={(e) => { const state = e.target.value || null; setTarget({ state, seats: majority(seatsIn(state)) }); }}>
                  <option value="">{t('scenario.targetNational', { seats: totalSeats })}</option>
                  {states.map((s) => <option key={s.name} value={s.name}>{t('scenario.targetState', { state: s.name, seats: s.seats })}</option>)}
                </select>
              )}
            </Field>
          ) : null}
          <Field label={t('scenario.targetSeats')} hint={t('scenario.targetMajority', { seats: majority(seatsIn(target.state)) })}>
            {(p) => (
              <input {...p} type="number" inputMode="numeric" min={1} max={seatsIn(target.state)} step={1} value={target.seats}
                onChange={(e) => { const n = Math.round(Number(e.target.value)); if (n >= 1 && n <= seatsIn(target.state)) setTarget({ seats: n }); }}
                data-testid="scenario-target-seats" />
            )}
          </Field>
        </div>
      </fieldset>
    </section>
  );
});

export const NationalSwings = memo(function NationalSwings({ blocs, draft, colours, onMove, onRelease }: {
  blocs: string[]; draft: Draft; colours: ReadonlyMap<string, string>;
  onMove: (bloc: string, value: number, at: number) => void; onRelease: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card scenario-swings" aria-labelledby="national-h">
      <h2 id="national-h">{t('scenario.national')}</h2>
      <p className="muted small">{t('scenario.nationalHint')}</p>
      {blocs.map((b) => (
        <SwingSlider key={b} label={b} ariaLabel={t('scenario.swingAria', { bloc: b })} value={draft.national[b] ?? 0}
          colour={blocColour(b, colours)} testId={`swing-national-${b}`} onMove={(v, at) => onMove(b, v, at)} onRelease={onRelease} />
      ))}
    </section>
  );
});

export const StateSwings = memo(function StateSwings({ state, blocs, draft, colours, onMove, onRelease }: {
  state: string; blocs: string[]; draft: Draft; colours: ReadonlyMap<string, string>;
  onMove: (bloc: string, value: number, at: number) => void; onRelease: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="state-swings">
      <h3>{t('scenario.stateSwings', { state })}</h3>
      {blocs.map((b) => (
        <SwingSlider key={b} label={b} ariaLabel={t('scenario.stateSwingAria', { bloc: b, state })} value={draft.states[state]?.[b] ?? 0}
          colour={blocColour(b, colours)} testId={`swing-state-${b}`} onMove={(v, at) => onMove(b, v, at)} onRelease={onRelease} />
      ))}
    </div>
  );
});
