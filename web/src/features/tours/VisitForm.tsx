// Record a visit of a tour, or file and change its ground report — phone first: big targets, one
// column at 360 px. The seat may be left out: the visited unit's assembly seat is taken.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { UnitPicker } from '../admin/UnitPicker.tsx';
import { useDefaultUnit } from '../organisation/PersonChoice.tsx';
import { indiaDay, TOURS, toursApi, type GroundReport, type TourDetail, type Visit, type VisitInput } from './api.ts';
import { GroundReportFields, MeetingsFields, type MeetingRow, type ReportForm } from './VisitParts.tsx';

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
const emptyReport: ReportForm = { on: false, mood: 3, issues: '', organisationNotes: '', oppositionActivity: '', followUps: '' };
const reportOf = (g: GroundReport | null): ReportForm => (g ? {
  on: true, mood: g.mood, issues: g.issues.join('\n'), organisationNotes: g.organisationNotes, oppositionActivity: g.oppositionActivity, followUps: g.followUps.join('\n'),
} : emptyReport);

interface Form { unitId: string; visitOn: string; stateCode: string; house: 'AE' | 'LS'; constituencyNo: string }

export function toVisitInput(f: Form, meetings: MeetingRow[], r: ReportForm): VisitInput {
  const seat = f.stateCode.trim() && f.constituencyNo ? { stateCode: f.stateCode.trim().toUpperCase(), house: f.house, constituencyNo: Number(f.constituencyNo) } : {};
  return {
    unitId: f.unitId, visitOn: f.visitOn, ...seat,
    meetings: meetings.map((m) => ({ kind: m.kind, attendance: m.attendance === '' ? null : Number(m.attendance), note: m.note.trim() || null })),
    groundReport: r.on ? { mood: r.mood, issues: lines(r.issues), organisationNotes: r.organisationNotes.trim(), oppositionActivity: r.oppositionActivity.trim(), followUps: lines(r.followUps) } : null,
  };
}

export function VisitForm({ tour, visit, onDone }: { tour: TourDetail; visit?: Visit; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unit = useDefaultUnit();
  const today = indiaDay();
  const firstDay = today >= tour.startsOn && today <= tour.endsOn ? today : tour.startsOn;
  const [f, setF] = useState<Form>(visit
    ? { unitId: String(visit.unitId), visitOn: visit.visitOn, stateCode: visit.seat?.stateCode ?? '', house: visit.seat?.house ?? 'AE', constituencyNo: visit.seat ? String(visit.seat.constituencyNo) : '' }
    : { unitId: unit, visitOn: firstDay, stateCode: '', house: 'AE', constituencyNo: '' });
  const [meetings, setMeetings] = useState<MeetingRow[]>((visit?.meetings ?? []).map((m) => ({ kind: m.kind, attendance: m.attendance == null ? '' : String(m.attendance), note: m.note ?? '' })));
  const [report, setReport] = useState<ReportForm>(visit ? reportOf(visit.groundReport) : emptyReport);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: () => {
      const body = toVisitInput(f, meetings, report);
      if (!visit) return toursApi.addVisit(tour.id, body);
      // A change keeps the seat unless it was edited (an unchanged seat sent back would be checked again, harmlessly).
      return toursApi.updateVisit(visit.id, { ...body, ...(String(visit.unitId) === f.unitId && { unitId: undefined }) });
    },
    onSuccess: async () => { await qc.invalidateQueries({ queryKey: [TOURS] }); onDone(); },
  });
  const err = save.error;
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <form className="org-form card org-add-form" onSubmit={submit} data-testid="visit-form" aria-label={visit ? t('tours.visit.edit') : t('tours.visit.add')}>
      <h2 className="org-form-title">{visit ? t('tours.visit.edit') : t('tours.visit.add')}</h2>
      <UnitPicker value={f.unitId} onChange={(v) => set('unitId', v)} error={fieldError(err, 'unitId')} label={t('tours.visit.unit')} testId="visit-unit" />
      <div className="org-form-grid">
        <Field label={t('tours.visit.on')} error={fieldError(err, 'visitOn')}>
          {(p) => <input {...p} type="date" min={tour.startsOn} max={tour.endsOn} value={f.visitOn} onChange={(e) => set('visitOn', e.target.value)} required data-testid="visit-on" />}
        </Field>
        <Field label={t('tours.visit.stateCode')} hint={t('tours.visit.seatHint')} error={fieldError(err, 'stateCode')}>
          {(p) => <input {...p} value={f.stateCode} onChange={(e) => set('stateCode', e.target.value.toUpperCase())} maxLength={3} autoCapitalize="characters" autoComplete="off" data-testid="visit-state" />}
        </Field>
        <Field label={t('tours.visit.house')} error={fieldError(err, 'house')}>
          {(p) => (
            <select {...p} value={f.house} onChange={(e) => set('house', e.target.value as 'AE' | 'LS')} data-testid="visit-house">
              <option value="AE">{t('tours.visit.houseAE')}</option><option value="LS">{t('tours.visit.houseLS')}</option>
            </select>
          )}
        </Field>
        <Field label={t('tours.visit.seatNo')} error={fieldError(err, 'constituencyNo')}>
          {(p) => <input {...p} type="number" min={1} max={999} inputMode="numeric" value={f.constituencyNo} onChange={(e) => set('constituencyNo', e.target.value)} data-testid="visit-seat" />}
        </Field>
      </div>
      <MeetingsFields rows={meetings} onChange={setMeetings} error={err} />
      <GroundReportFields report={report} onChange={setReport} error={err} />
      <ProblemNotice error={err} testId="visit-problem" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={save.isPending || !f.unitId} data-testid="visit-submit">
          {save.isPending ? t('tours.saving') : t('tours.visit.submit')}
        </button>
        <button type="button" className="btn org-tap" onClick={onDone}>{t('tours.cancel')}</button>
      </div>
    </form>
  );
}
