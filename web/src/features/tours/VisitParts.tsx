// The repeating parts of the visit form: meetings held (kind, attendance, a note) and the structured
// ground report (mood 1–5, issues, organisation, opposition, follow-ups; lists one per line).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError } from '../../components/ui.tsx';
import { MEETING_KINDS, type MeetingKind, type Mood } from './api.ts';

export interface MeetingRow { kind: MeetingKind; attendance: string; note: string }
export interface ReportForm { on: boolean; mood: Mood; issues: string; organisationNotes: string; oppositionActivity: string; followUps: string }

export function MeetingsFields({ rows, onChange, error }: { rows: MeetingRow[]; onChange: (r: MeetingRow[]) => void; error: unknown }) {
  const { t } = useTranslation();
  const put = (i: number, patch: Partial<MeetingRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="tour-meetings" data-testid="visit-meetings">
      <legend>{t('tours.meeting.title')}</legend>
      {rows.map((r, i) => (
        <div key={i} className="tour-meeting-row" data-testid={`meeting-${i}`}>
          <Field label={t('tours.meeting.kind')} error={fieldError(error, `meetings.${i}.kind`)}>
            {(p) => (
              <select {...p} value={r.kind} onChange={(e) => put(i, { kind: e.target.value as MeetingKind })} data-testid={`meeting-${i}-kind`}>
                {MEETING_KINDS.map((k) => <option key={k} value={k}>{t(`tours.meeting.${k}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('tours.meeting.attendance')} error={fieldError(error, `meetings.${i}.attendance`)}>
            {(p) => <input {...p} type="number" min={0} inputMode="numeric" value={r.attendance} onChange={(e) => put(i, { attendance: e.target.value })} data-testid={`meeting-${i}-attendance`} />}
          </Field>
          <Field label={t('tours.meeting.note')}>
            {(p) => <input {...p} value={r.note} onChange={(e) => put(i, { note: e.target.value })} maxLength={500} />}
          </Field>
          <button type="button" className="btn btn-small tour-meeting-remove" onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t('tours.meeting.remove')}</button>
        </div>
      ))}
      <button type="button" className="btn org-tap" onClick={() => onChange([...rows, { kind: 'workers', attendance: '', note: '' }])} data-testid="meeting-add">{t('tours.meeting.add')}</button>
    </fieldset>
  );
}

export function GroundReportFields({ report: r, onChange, error }: { report: ReportForm; onChange: (r: ReportForm) => void; error: unknown }) {
  const { t } = useTranslation();
  const group = useId();
  const set = <K extends keyof ReportForm>(k: K, v: ReportForm[K]) => onChange({ ...r, [k]: v });
  return (
    <fieldset className="tour-report" data-testid="visit-report">
      <legend>{t('tours.report.title')}</legend>
      <label className="check"><input type="checkbox" checked={r.on} onChange={(e) => set('on', e.target.checked)} data-testid="report-on" /> {t('tours.report.file')}</label>
      {r.on ? (
        <>
          <div className="org-segmented tour-mood" role="radiogroup" aria-label={t('tours.report.mood')}>
            {([1, 2, 3, 4, 5] as const).map((m) => (
              <label key={m} className={r.mood === m ? 'on' : ''} title={t(`tours.report.mood${m}`)}>
                <input type="radio" name={`${group}-mood`} value={m} checked={r.mood === m} onChange={() => set('mood', m)} data-testid={`report-mood-${m}`} />
                {m}
              </label>
            ))}
          </div>
          <p className="muted tour-mood-label" data-testid="report-mood-label">{t('tours.report.mood')}: {t(`tours.report.mood${r.mood}`)}</p>
          {fieldError(error, 'mood') ? <span className="field-error">{fieldError(error, 'mood')}</span> : null}
          <Field label={t('tours.report.issues')} hint={t('tours.report.perLine')} error={fieldError(error, 'issues')}>
            {(p) => <textarea {...p} rows={3} value={r.issues} onChange={(e) => set('issues', e.target.value)} data-testid="report-issues" />}
          </Field>
          <Field label={t('tours.report.organisation')} error={fieldError(error, 'organisationNotes')}>
            {(p) => <textarea {...p} rows={3} value={r.organisationNotes} onChange={(e) => set('organisationNotes', e.target.value)} maxLength={4000} data-testid="report-org" />}
          </Field>
          <Field label={t('tours.report.opposition')} error={fieldError(error, 'oppositionActivity')}>
            {(p) => <textarea {...p} rows={3} value={r.oppositionActivity} onChange={(e) => set('oppositionActivity', e.target.value)} maxLength={4000} data-testid="report-opposition" />}
          </Field>
          <Field label={t('tours.report.followUps')} hint={t('tours.report.perLine')} error={fieldError(error, 'followUps')}>
            {(p) => <textarea {...p} rows={3} value={r.followUps} onChange={(e) => set('followUps', e.target.value)} data-testid="report-followups" />}
          </Field>
        </>
      ) : null}
    </fieldset>
  );
}
