// "Who": a new person typed in (created by phone in the same request) or someone registered, found by
// name or phone — the choice the committee's fill form offers, shared by the representative and
// inductee forms.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api.ts';
import { fieldError } from '../../components/ui.tsx';
import { useSignedIn } from '../../session.ts';
import type { PersonInput } from './api.ts';
import { emptyPerson, PersonFields, PersonPicker, toPersonInput, type PersonForm, type SetField } from './Committee.tsx';

export interface Who { mode: 'new' | 'existing'; chosen: { id: Id; name: string } | null; form: PersonForm }
export const emptyWho: Who = { mode: 'new', chosen: null, form: emptyPerson };

/** The request's person part: `personId` for someone registered, `person` for a new one living in `homeUnitId`. */
export function whoBody(who: Who, homeUnitId: Id): { personId: Id } | { person: PersonInput } {
  return who.mode === 'existing' ? { personId: who.chosen!.id } : { person: toPersonInput(who.form, homeUnitId) };
}
export const whoReady = (who: Who) => (who.mode === 'existing' ? who.chosen !== null : who.form.name.trim() !== '' && who.form.phone.trim() !== '');
export const whoName = (who: Who) => (who.mode === 'existing' ? who.chosen?.name ?? '' : who.form.name.trim());

export function WhoFields({ who, onChange, error, legend }: { who: Who; onChange: (w: Who) => void; error: unknown; legend: string }) {
  const { t } = useTranslation();
  const group = useId();
  const set: SetField = (k, v) => onChange({ ...who, form: { ...who.form, [k]: v } });
  const pickError = fieldError(error, 'personId');
  return (
    <fieldset className="org-who" data-testid="who">
      <legend>{legend}</legend>
      <div className="org-segmented" role="radiogroup" aria-label={legend}>
        {(['new', 'existing'] as const).map((m) => (
          <label key={m} className={who.mode === m ? 'on' : ''}>
            <input type="radio" name={`${group}-mode`} value={m} checked={who.mode === m} onChange={() => onChange({ ...who, mode: m })} data-testid={`who-mode-${m}`} />
            {m === 'new' ? t('org.newPerson') : t('org.existingPerson')}
          </label>
        ))}
      </div>
      {who.mode === 'new' ? (
        <PersonFields form={who.form} set={set} error={error} group={group} />
      ) : (
        <>
          <PersonPicker chosen={who.chosen} onChoose={(c) => onChange({ ...who, chosen: c })} />
          {pickError ? <span className="field-error">{pickError}</span> : null}
        </>
      )}
    </fieldset>
  );
}

/** Where a new record goes unless the user picks another unit: the first unit the user holds a role on. */
export function useDefaultUnit(): string {
  const session = useSignedIn();
  const first = session.grants[0];
  return first ? String(first.unitId) : '';
}
