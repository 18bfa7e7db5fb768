// Plan a tour, or change one: the leader (a registered person, or a name in both scripts), the
// organising unit (who plans and sees it; the tenant's root makes it a central leader's tour), title,
// dates, stay and notes; on change also the status. Problems show under their fields.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api.ts';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { can, useSignedIn } from '../../session.ts';
import { UnitPicker } from '../admin/UnitPicker.tsx';
import { PersonPicker } from '../organisation/Committee.tsx';
import { useDefaultUnit } from '../organisation/PersonChoice.tsx';
import { addDays, indiaDay, TOUR_STATUSES, TOURS, toursApi, type TourDetail, type TourInput, type TourStatus } from './api.ts';

interface Form { leaderName: string; leaderNameHi: string; unitId: string; title: string; startsOn: string; endsOn: string; stay: string; notes: string; status: TourStatus }

const fromTour = (x: TourDetail): Form => ({
  leaderName: x.leaderName, leaderNameHi: x.leaderNameHi ?? '', unitId: String(x.unitId), title: x.title, startsOn: x.startsOn, endsOn: x.endsOn,
  stay: x.stay ?? '', notes: x.notes ?? '', status: x.status,
});

export function toTourInput(f: Form, person: { id: Id } | null): TourInput {
  return {
    ...(person ? { leaderPersonId: person.id } : {}), leaderName: f.leaderName.trim() || null, leaderNameHi: f.leaderNameHi.trim() || null,
    unitId: f.unitId, title: f.title.trim(), startsOn: f.startsOn, endsOn: f.endsOn, status: f.status, stay: f.stay.trim() || null, notes: f.notes.trim() || null,
  };
}

/** Only what changed: a leader name sent unchanged would unlink the registered person. */
function changes(tour: TourDetail, next: TourInput): Partial<TourInput> {
  const before = toTourInput(fromTour(tour), null) as unknown as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(next).filter(([k, v]) => k === 'leaderPersonId' || v !== before[k])) as Partial<TourInput>;
  // An empty change would be refused; sending the title again changes nothing.
  return Object.keys(out).length ? out : { title: next.title };
}

export function TourForm({ tour, onDone }: { tour?: TourDetail; onDone: (t: TourDetail | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unit = useDefaultUnit();
  const today = indiaDay();
  const [f, setF] = useState<Form>(tour ? fromTour(tour) : { leaderName: '', leaderNameHi: '', unitId: unit, title: '', startsOn: today, endsOn: addDays(today, 1), stay: '', notes: '', status: 'planned' });
  const [person, setPerson] = useState<{ id: Id; name: string } | null>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: () => (tour ? toursApi.update(tour.id, changes(tour, toTourInput(f, person))) : toursApi.create(toTourInput(f, person))),
    onSuccess: async (saved) => { await qc.invalidateQueries({ queryKey: [TOURS] }); onDone(saved); },
  });
  const err = save.error;
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  const canPick = can(useSignedIn(), 'org.read');
  return (
    <form className="org-form card org-add-form" onSubmit={submit} data-testid="tour-form" aria-label={tour ? t('tours.edit') : t('tours.add')}>
      <h2 className="org-form-title">{tour ? t('tours.edit') : t('tours.add')}</h2>
      <div className="org-form-grid">
        <Field label={t('tours.leaderName')} hint={t('tours.leaderHint')} error={fieldError(err, 'leaderName')}>
          {(p) => <input {...p} value={f.leaderName} onChange={(e) => set('leaderName', e.target.value)} maxLength={120} autoComplete="off" data-testid="tour-leader" />}
        </Field>
        <Field label={t('tours.leaderNameHi')} error={fieldError(err, 'leaderNameHi')}>
          {(p) => <input {...p} lang="hi" value={f.leaderNameHi} onChange={(e) => set('leaderNameHi', e.target.value)} maxLength={120} autoComplete="off" data-testid="tour-leader-hi" />}
        </Field>
        <Field label={t('tours.tourTitle')} error={fieldError(err, 'title')}>
          {(p) => <input {...p} value={f.title} onChange={(e) => set('title', e.target.value)} maxLength={200} required data-testid="tour-title" />}
        </Field>
        <Field label={t('tours.startsOn')} error={fieldError(err, 'startsOn')}>
          {(p) => <input {...p} type="date" value={f.startsOn} onChange={(e) => set('startsOn', e.target.value)} required data-testid="tour-starts" />}
        </Field>
        <Field label={t('tours.endsOn')} error={fieldError(err, 'endsOn')}>
          {(p) => <input {...p} type="date" value={f.endsOn} onChange={(e) => set('endsOn', e.target.value)} required data-testid="tour-ends" />}
        </Field>
        {tour ? (
          <Field label={t('tours.statusLabel')} error={fieldError(err, 'status')}>
            {(p) => (
              <select {...p} value={f.status} onChange={(e) => set('status', e.target.value as TourStatus)} data-testid="tour-status">
                {TOUR_STATUSES.map((s) => <option key={s} value={s}>{t(`tours.status.${s}`)}</option>)}
              </select>
            )}
          </Field>
        ) : null}
        <Field label={t('tours.stay')} hint={t('tours.stayHint')} error={fieldError(err, 'stay')}>
          {(p) => <input {...p} value={f.stay} onChange={(e) => set('stay', e.target.value)} maxLength={500} data-testid="tour-stay" />}
        </Field>
      </div>
      {canPick ? (
        <fieldset className="org-who"><legend>{t('tours.registeredLeader')}</legend>
          <PersonPicker chosen={person} onChoose={setPerson} />
          {fieldError(err, 'leaderPersonId') ? <span className="field-error">{fieldError(err, 'leaderPersonId')}</span> : null}
        </fieldset>
      ) : null}
      <UnitPicker value={f.unitId} onChange={(v) => set('unitId', v)} error={fieldError(err, 'unitId')} label={t('tours.unit')} testId="tour-unit" />
      <Field label={t('tours.notes')} error={fieldError(err, 'notes')}>
        {(p) => <textarea {...p} value={f.notes} onChange={(e) => set('notes', e.target.value)} maxLength={4000} rows={3} data-testid="tour-notes" />}
      </Field>
      <ProblemNotice error={err} testId="tour-problem" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={save.isPending || !f.unitId} data-testid="tour-submit">
          {save.isPending ? t('tours.saving') : tour ? t('tours.save') : t('tours.submit')}
        </button>
        <button type="button" className="btn org-tap" onClick={() => onDone(null)}>{t('tours.cancel')}</button>
      </div>
    </form>
  );
}
