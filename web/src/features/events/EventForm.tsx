// A new event: kind, titles in both scripts, start and end, place, organising unit, and for a
// training its course and sessions; the invitation rules with a preview count. Every problem the API
// names a field of is shown under that field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { UnitPicker } from '../admin/UnitPicker.tsx';
import { useDefaultUnit } from '../organisation/PersonChoice.tsx';
import { EVENTS, eventsApi, KINDS, type Event, type EventInput, type EventKind, type InviteRule } from './api.ts';
import { RuleBuilder } from './RuleBuilder.tsx';

interface Form { kind: EventKind; title: string; titleHi: string; startsAt: string; endsAt: string; place: string; unitId: string; courseCode: string; sessions: string }

/** A datetime-local value (the user's own clock) as an instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : '');

export function toEventInput(f: Form, rules: InviteRule[]): EventInput {
  const training = f.kind === 'training';
  return {
    kind: f.kind, title: f.title.trim(), titleHi: f.titleHi.trim() || null, startsAt: instant(f.startsAt), endsAt: instant(f.endsAt || f.startsAt),
    place: f.place.trim() || null, unitId: f.unitId, courseCode: training ? f.courseCode.trim() || null : null, rules,
    sessions: training ? f.sessions.split('\n').map((s) => s.trim()).filter(Boolean).map((title) => ({ title })) : [],
  };
}

export function EventForm({ onDone }: { onDone: (created: Event | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unit = useDefaultUnit();
  const [f, setF] = useState<Form>({ kind: 'meeting', title: '', titleHi: '', startsAt: '', endsAt: '', place: '', unitId: unit, courseCode: '', sessions: '' });
  const [rules, setRules] = useState<InviteRule[]>([]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const create = useMutation({
    mutationFn: () => eventsApi.create(toEventInput(f, rules)),
    onSuccess: async (e) => { await qc.invalidateQueries({ queryKey: [EVENTS] }); onDone(e); },
  });
  const err = create.error;
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  const text = (k: 'title' | 'titleHi' | 'place', testId: string, max: number) => (
    <Field label={t(`events.field.${k}`)} error={fieldError(err, k)}>
      {(p) => <input {...p} value={f[k]} onChange={(e) => set(k, e.target.value)} maxLength={max} autoComplete="off" data-testid={testId} lang={k === 'titleHi' ? 'hi' : undefined} />}
    </Field>
  );

  return (
    <form className="org-form card ev-form" onSubmit={submit} data-testid="event-form" aria-label={t('events.page.add')}>
      <h2 className="org-form-title">{t('events.page.add')}</h2>
      <div className="org-form-grid">
        <Field label={t('events.kind.label')} error={fieldError(err, 'kind')}>
          {(p) => (
            <select {...p} value={f.kind} onChange={(e) => set('kind', e.target.value as EventKind)} data-testid="event-kind">
              {KINDS.map((k) => <option key={k} value={k}>{t(`events.kind.${k}`)}</option>)}
            </select>
          )}
        </Field>
        {text('title', 'event-title', 200)}
        {text('titleHi', 'event-title-hi', 200)}
        <Field label={t('events.field.startsAt')} error={fieldError(err, 'startsAt')}>
          {(p) => <input {...p} type="datetime-local" value={f.startsAt} onChange={(e) => set('startsAt', e.target.value)} required data-testid="event-starts" />}
        </Field>
        <Field label={t('events.field.endsAt')} error={fieldError(err, 'endsAt')}>
          {(p) => <input {...p} type="datetime-local" value={f.endsAt} onChange={(e) => set('endsAt', e.target.value)} data-testid="event-ends" />}
        </Field>
        {text('place', 'event-place', 300)}
      </div>
      <UnitPicker value={f.unitId} onChange={(v) => set('unitId', v)} error={fieldError(err, 'unitId')} label={t('events.field.organiser')} testId="event-unit" />
      {f.kind === 'training' ? (
        <div className="org-form-grid">
          <Field label={t('events.field.courseCode')} hint={t('events.field.courseHint')} error={fieldError(err, 'courseCode')}>
            {(p) => <input {...p} value={f.courseCode} onChange={(e) => set('courseCode', e.target.value.toLowerCase())} autoCapitalize="none" data-testid="event-course" />}
          </Field>
          <Field label={t('events.field.sessions')} hint={t('events.field.sessionsHint')} error={fieldError(err, 'sessions')}>
            {(p) => <textarea {...p} rows={4} value={f.sessions} onChange={(e) => set('sessions', e.target.value)} data-testid="event-sessions" />}
          </Field>
        </div>
      ) : null}
      <RuleBuilder rules={rules} onChange={setRules} unitId={f.unitId} error={err} />
      <ProblemNotice error={err} testId="event-problem" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={create.isPending || !f.title.trim() || !f.startsAt || !f.unitId} data-testid="event-submit">
          {create.isPending ? t('events.page.saving') : t('events.page.create')}
        </button>
        <button type="button" className="btn org-tap" onClick={() => onDone(null)}>{t('events.page.cancel')}</button>
      </div>
    </form>
  );
}
