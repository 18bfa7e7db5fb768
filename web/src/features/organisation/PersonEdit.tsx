// Change a person's record: names in both scripts, a new mobile number, gender, age band, social
// category, voter ID, home unit and wings. Only the fields that changed are sent (PATCH), and the
// API's problems are shown next to the field they name.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { UnitPicker } from '../admin/UnitPicker.tsx';
import { AGE_BANDS, CATEGORIES, GENDERS, orgApi, type AgeBand, type Category, type Gender, type Person, type PersonPatch } from './api.ts';
import { ORG, phoneInputProps, useInvalidateOrg } from './parts.tsx';

interface EditForm {
  name: string; nameHi: string; phone: string; gender: Gender | ''; ageBand: AgeBand | ''; category: Category | '';
  epic: string; homeUnitId: string; wings: string[];
}

const formOf = (p: Person): EditForm => ({
  name: p.name, nameHi: p.nameHi ?? '', phone: '', gender: p.gender ?? '', ageBand: p.ageBand ?? '', category: p.category ?? '',
  epic: p.epic ?? '', homeUnitId: p.homeUnitId == null ? '' : String(p.homeUnitId), wings: [...(p.wings ?? [])],
});

const orNull = (s: string) => s.trim() || null;
/** The server stores EPICs upper case without spaces: compare the same way, so retyping one is no change. */
const epicKey = (s: string | null) => (s ?? '').toUpperCase().replace(/\s+/g, '') || null;
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** What changed, as a PATCH body; empty when nothing did. Cleared optional fields are sent as null. */
export function personPatch(p: Person, f: EditForm): PersonPatch {
  const out: PersonPatch = {};
  if (f.name.trim() !== p.name) out.name = f.name.trim();
  if (orNull(f.nameHi) !== (p.nameHi ?? null)) out.nameHi = orNull(f.nameHi);
  if (f.phone.trim()) out.phone = f.phone.trim();
  if ((f.gender || null) !== (p.gender ?? null)) out.gender = f.gender || null;
  if ((f.ageBand || null) !== (p.ageBand ?? null)) out.ageBand = f.ageBand || null;
  if ((f.category || null) !== (p.category ?? null)) out.category = f.category || null;
  if (epicKey(f.epic) !== epicKey(p.epic)) out.epic = orNull(f.epic);
  if (f.homeUnitId.trim() && f.homeUnitId.trim() !== String(p.homeUnitId ?? '')) out.homeUnitId = f.homeUnitId.trim();
  if (!sameSet(f.wings, p.wings ?? [])) out.wings = f.wings;
  return out;
}

/** The tenant's wings by code, named in the user's language (falls back to the code). */
export function useWingName(): (code: string) => string {
  const local = useLocalName();
  const config = useQuery({ queryKey: [ORG, 'config'], queryFn: orgApi.config, staleTime: 10 * 60_000 });
  return (code) => {
    const w = config.data?.wings.find((x) => x.code === code);
    return w ? local(w.name, w.nameHi) : code;
  };
}

export function PersonEditForm({ p, onDone }: { p: Person; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const qc = useQueryClient();
  const invalidate = useInvalidateOrg();
  const group = useId();
  const config = useQuery({ queryKey: [ORG, 'config'], queryFn: orgApi.config, staleTime: 10 * 60_000 });
  const [form, setForm] = useState<EditForm>(() => formOf(p));
  const set = <K extends keyof EditForm>(k: K, v: EditForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const patch = personPatch(p, form);
  const dirty = Object.keys(patch).length > 0;
  const save = useMutation({
    mutationFn: () => orgApi.updatePerson(p.id, patch),
    onSuccess: async (saved) => {
      qc.setQueryData([ORG, 'person', String(p.id)], saved);
      await invalidate();
      onDone(true);
    },
  });
  const err = save.error;
  const submit = (e: FormEvent) => { e.preventDefault(); if (dirty) save.mutate(); };
  const toggleWing = (code: string) => set('wings', form.wings.includes(code) ? form.wings.filter((w) => w !== code) : [...form.wings, code]);

  return (
    <form className="org-form" onSubmit={submit} data-testid="person-edit-form" aria-label={t('org.edit.title')}>
      <div className="org-form-grid">
        <Field label={t('org.person.name')} error={fieldError(err, 'name')}>
          {(f) => <input {...f} value={form.name} onChange={(e) => set('name', e.target.value)} required maxLength={120} autoComplete="off" data-testid="edit-name" />}
        </Field>
        <Field label={t('org.person.nameHi')} error={fieldError(err, 'nameHi')}>
          {(f) => <input {...f} lang="hi" value={form.nameHi} onChange={(e) => set('nameHi', e.target.value)} maxLength={120} autoComplete="off" data-testid="edit-name-hi" />}
        </Field>
        <Field label={t('org.edit.newPhone')} hint={t('org.edit.newPhoneHint', { phone: p.phoneMasked })} error={fieldError(err, 'phone')}>
          {(f) => <input {...f} {...phoneInputProps} value={form.phone} onChange={(e) => set('phone', e.target.value)} data-testid="edit-phone" />}
        </Field>
        <Field label={t('org.person.ageBand')} error={fieldError(err, 'ageBand')}>
          {(f) => (
            <select {...f} value={form.ageBand} onChange={(e) => set('ageBand', e.target.value as AgeBand | '')} data-testid="edit-age">
              <option value="">{t('org.notRecorded')}</option>
              {AGE_BANDS.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('org.person.category')} error={fieldError(err, 'category')}>
          {(f) => (
            <select {...f} value={form.category} onChange={(e) => set('category', e.target.value as Category | '')} data-testid="edit-category">
              <option value="">{t('org.notRecorded')}</option>
              {CATEGORIES.map((c) => <option key={c} value={c}>{t(`org.category.${c}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('org.person.epic')} hint={t('org.edit.epicHint')} error={fieldError(err, 'epic')}>
          {(f) => <input {...f} value={form.epic} onChange={(e) => set('epic', e.target.value)} maxLength={24} autoComplete="off" autoCapitalize="characters" data-testid="edit-epic" />}
        </Field>
      </div>
      <fieldset className="org-choice">
        <legend>{t('org.person.gender')}</legend>
        {(['', ...GENDERS] as const).map((g) => (
          <label key={g || 'none'} className={form.gender === g ? 'on' : ''}>
            <input type="radio" name={`${group}-gender`} value={g} checked={form.gender === g} onChange={() => set('gender', g)} data-testid={`edit-gender-${g || 'none'}`} />
            {g ? t(`org.gender.${g}`) : t('org.notRecorded')}
          </label>
        ))}
      </fieldset>
      {fieldError(err, 'gender') ? <p className="field-error">{fieldError(err, 'gender')}</p> : null}
      <UnitPicker value={form.homeUnitId} onChange={(v) => set('homeUnitId', v)} error={fieldError(err, 'homeUnitId')}
        label={t('org.edit.homeUnit')} testId="edit-home" />
      <fieldset className="org-checks" data-testid="edit-wings">
        <legend>{t('org.wings')}</legend>
        {config.data?.wings.length ? config.data.wings.map((w) => (
          <label key={w.code} className="org-check">
            <input type="checkbox" checked={form.wings.includes(w.code)} onChange={() => toggleWing(w.code)} data-testid={`edit-wing-${w.code}`} />
            {local(w.name, w.nameHi)}
          </label>
        )) : <span className="muted small">{t('org.edit.noWings')}</span>}
        {fieldError(err, 'wings') ? <span className="field-error">{fieldError(err, 'wings')}</span> : null}
      </fieldset>
      {epicKey(form.epic) !== epicKey(p.epic) && p.verification?.epicMatchedAt ? (
        <p className="notice small">{t('org.edit.epicResets')}</p>
      ) : null}
      <ProblemNotice error={err} testId="person-edit-problem" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={!dirty || save.isPending} data-testid="edit-save">
          {save.isPending ? t('org.saving') : t('org.edit.save')}
        </button>
        <button type="button" className="btn org-tap" onClick={() => onDone(false)} data-testid="edit-cancel">{t('org.cancel')}</button>
      </div>
      {!dirty ? <p className="muted small">{t('org.edit.nothingYet')}</p> : null}
    </form>
  );
}
