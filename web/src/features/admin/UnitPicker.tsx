// Pick a unit by typing its id or by browsing the tree in place.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id } from '../../api.ts';
import { Field } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { UnitBrowser } from '../organisation/UnitBrowser.tsx';

/** `label` and `testId` let other forms (the organisation's) reuse it; the defaults are the grant form's. */
export function UnitPicker({ value, onChange, error, label, testId = 'grant-unit' }: {
  value: string; onChange: (id: string) => void; error?: string; label?: string; testId?: string;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const [browsing, setBrowsing] = useState(false);
  const [at, setAt] = useState<Id | null>(null);
  // A value given from the start (a person's home unit) is named at once.
  const [checked, setChecked] = useState<string>(value);
  const lookup = useQuery({
    queryKey: ['units', checked],
    queryFn: () => api.unit(checked),
    enabled: checked !== '',
    retry: false,
  });
  const named = checked === value && lookup.data ? local(lookup.data.name, lookup.data.nameHi) : null;

  return (
    <div className="unit-picker">
      <Field
        label={label ?? t('users.unit')}
        hint={named ? t('users.unitIs', { name: named }) : checked === value && lookup.error ? t('users.unitUnknown') : t('users.unitHint')}
        error={error}
      >
        {(p) => (
          <div className="input-row">
            <input {...p} type="text" inputMode="numeric" value={value} autoComplete="off" data-testid={testId}
              onChange={(e) => onChange(e.target.value.trim())}
              onBlur={() => setChecked(value)} />
            <button type="button" className="btn" aria-expanded={browsing} onClick={() => setBrowsing((b) => !b)} data-testid={`${testId}-browse`}>
              {browsing ? t('users.closeBrowser') : t('users.browse')}
            </button>
          </div>
        )}
      </Field>
      {browsing ? (
        <div className="picker-panel" data-testid={testId === 'grant-unit' ? 'unit-picker' : `${testId}-picker`}>
          <UnitBrowser
            unitId={at}
            onOpen={setAt}
            level={3}
            onChoose={(u) => { onChange(String(u.id)); setChecked(String(u.id)); setBrowsing(false); }}
          />
        </div>
      ) : null}
    </div>
  );
}
