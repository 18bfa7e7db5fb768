// One tap per outcome; a call-back asks when (one tap again for the usual times), "needs an organiser"
// asks for a note. Keys are shown where there is a keyboard.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, type Outcome } from './api.ts';
import { callbackChoices, DEFAULT_CALLBACK, type CallbackChoice } from './times.ts';

/** Letters for a desktop keyboard: none is N (next contact) or a digit (survey options). */
export const OUTCOME_KEYS: Record<Outcome, string> = {
  answered: 'a', busy: 'b', no_answer: 'u', switched_off: 's', wrong_number: 'w', call_back: 'c', do_not_call: 'd', needs_organiser: 'o',
};

export type Panel = 'call_back' | 'needs_organiser' | null;

const istTime = (lng: string) => new Intl.DateTimeFormat(lng === 'hi' ? 'hi-IN' : 'en-IN',
  { timeZone: 'Asia/Kolkata', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function Outcomes({ panel, setPanel, disabled, showKeys, onOutcome }: {
  panel: Panel; setPanel: (p: Panel) => void; disabled: boolean; showKeys: boolean;
  onOutcome: (outcome: Outcome, extra?: { callbackAt?: string; note?: string }) => void;
}) {
  const { t } = useTranslation();
  if (panel === 'call_back') return <CallbackPanel disabled={disabled} onCancel={() => setPanel(null)} onSave={(at, note) => onOutcome('call_back', { callbackAt: at, note })} />;
  if (panel === 'needs_organiser') return <OrganiserPanel disabled={disabled} onCancel={() => setPanel(null)} onSave={(note) => onOutcome('needs_organiser', { note })} />;
  return (
    <section className="agent-outcomes" aria-labelledby="agent-outcomes-h" data-testid="agent-outcomes">
      <h2 id="agent-outcomes-h" className="sub-h">{t('agent.outcomeHeading')}</h2>
      <div className="agent-outcome-grid">
        {OUTCOMES.map((o) => (
          <button key={o} type="button" className={`btn agent-outcome agent-outcome-${o}`} disabled={disabled} data-testid={`agent-outcome-${o}`}
            aria-keyshortcuts={OUTCOME_KEYS[o].toUpperCase()}
            onClick={() => (o === 'call_back' || o === 'needs_organiser' ? setPanel(o) : onOutcome(o))}>
            <span>{t(`agent.outcome.${o}`)}</span>
            {showKeys ? <kbd className="agent-kbd" aria-hidden="true">{OUTCOME_KEYS[o].toUpperCase()}</kbd> : null}
          </button>))}
      </div>
    </section>
  );
}

function CallbackPanel({ disabled, onCancel, onSave }: { disabled: boolean; onCancel: () => void; onSave: (at: string, note: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const [choices] = useState(() => callbackChoices(new Date()));
  const [choice, setChoice] = useState<CallbackChoice | 'other'>(DEFAULT_CALLBACK);
  const [other, setOther] = useState('');
  const [note, setNote] = useState('');
  const fmt = istTime(i18n.language);
  const at = choice === 'other' ? (other ? new Date(other).toISOString() : null) : choices.find((c) => c.id === choice)!.at;
  const late = at !== null && Date.parse(at) <= Date.now();
  return (
    <section className="card agent-panel" data-testid="agent-callback-panel" aria-labelledby="agent-callback-h">
      <h2 id="agent-callback-h" className="sub-h">{t('agent.callbackWhen')}</h2>
      <div className="agent-options">
        {choices.map((c) => (
          <button key={c.id} type="button" className="btn agent-option" aria-pressed={choice === c.id} onClick={() => setChoice(c.id)} data-testid={`agent-callback-${c.id}`}>
            <span>{t(`agent.callbackChoice.${c.id}`)}</span><span className="small muted">{fmt.format(new Date(c.at))}</span>
          </button>))}
        <button type="button" className="btn agent-option" aria-pressed={choice === 'other'} onClick={() => setChoice('other')} data-testid="agent-callback-other">
          <span>{t('agent.callbackChoice.other')}</span>
        </button>
      </div>
      {choice === 'other' ? (
        <label className="field">
          <span>{t('agent.callbackAt')}</span>
          <input type="datetime-local" value={other} onChange={(e) => setOther(e.target.value)} data-testid="agent-callback-at" />
        </label>) : null}
      <label className="field">
        <span>{t('agent.noteOptional')}</span>
        <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="agent-callback-note" />
      </label>
      {late ? <p className="field-error">{t('agent.callbackPast')}</p> : null}
      <div className="agent-panel-actions">
        <button type="button" className="btn btn-primary" disabled={disabled || !at || late} onClick={() => at && onSave(at, note.trim() || undefined)} data-testid="agent-callback-save">{t('agent.callbackSave')}</button>
        <button type="button" className="btn" onClick={onCancel} data-testid="agent-panel-cancel">{t('agent.cancel')}</button>
      </div>
    </section>
  );
}

function OrganiserPanel({ disabled, onCancel, onSave }: { disabled: boolean; onCancel: () => void; onSave: (note: string) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <section className="card agent-panel" data-testid="agent-organiser-panel" aria-labelledby="agent-organiser-h">
      <h2 id="agent-organiser-h" className="sub-h">{t('agent.organiserWhy')}</h2>
      <label className="field">
        <span>{t('agent.organiserNote')}</span>
        <textarea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus data-testid="agent-organiser-note" />
      </label>
      <div className="agent-panel-actions">
        <button type="button" className="btn btn-primary" disabled={disabled || !note.trim()} onClick={() => onSave(note.trim())} data-testid="agent-organiser-save">{t('agent.organiserSave')}</button>
        <button type="button" className="btn" onClick={onCancel} data-testid="agent-panel-cancel">{t('agent.cancel')}</button>
      </div>
    </section>
  );
}
