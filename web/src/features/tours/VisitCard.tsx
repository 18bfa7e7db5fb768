// One visit as a card: date, unit and seat, meetings with attendance, and the ground report; its
// writers (the tour's unit or the visited unit) edit it, file the report, or remove it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { TOURS, toursApi, type TourDetail, type Visit } from './api.ts';
import { VisitForm } from './VisitForm.tsx';

export function VisitCard({ tour, visit: v }: { tour: TourDetail; visit: Visit }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({ mutationFn: () => toursApi.removeVisit(v.id), onSuccess: () => qc.invalidateQueries({ queryKey: [TOURS] }) });
  if (editing) return <VisitForm tour={tour} visit={v} onDone={() => setEditing(false)} />;
  const g = v.groundReport;
  return (
    <article className="card tour-visit" data-testid={`visit-${v.id}`}>
      <h3 className="tour-visit-head">
        <span>{fmt.date(v.visitOn)}</span>
        <span>{v.unitName ? local(v.unitName, v.unitNameHi) : `#${v.unitId}`}</span>
        {v.seat ? <span className="muted">{v.seat.stateCode} · {v.seat.house} {v.seat.constituencyNo}{v.seat.name ? ` ${v.seat.name}` : ''}</span> : null}
      </h3>
      {v.meetings.length ? (
        <ul className="plain-list tour-meeting-list">
          {v.meetings.map((m, i) => <li key={i}>{t(`tours.meeting.${m.kind}`)}{m.attendance != null ? ` · ${t('tours.meeting.people', { n: fmt.number(m.attendance) })}` : ''}{m.note ? ` · ${m.note}` : ''}</li>)}
        </ul>
      ) : null}
      {g ? (
        <dl className="tour-report-view" data-testid="visit-report-view">
          <div><dt>{t('tours.report.mood')}</dt><dd><span className={`tour-mood-badge mood-${g.mood}`}>{g.mood}/5</span> {t(`tours.report.mood${g.mood}`)}</dd></div>
          {g.issues.length ? <div><dt>{t('tours.report.issues')}</dt><dd><ul>{g.issues.map((x, i) => <li key={i}>{x}</li>)}</ul></dd></div> : null}
          {g.organisationNotes ? <div><dt>{t('tours.report.organisation')}</dt><dd>{g.organisationNotes}</dd></div> : null}
          {g.oppositionActivity ? <div><dt>{t('tours.report.opposition')}</dt><dd>{g.oppositionActivity}</dd></div> : null}
          {g.followUps.length ? <div><dt>{t('tours.report.followUps')}</dt><dd><ul>{g.followUps.map((x, i) => <li key={i}>{x}</li>)}</ul></dd></div> : null}
        </dl>
      ) : <p className="muted">{t('tours.report.none')}</p>}
      {v.canWrite ? (
        <div className="org-slot-actions">
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)} data-testid={`visit-${v.id}-edit`}>{g ? t('tours.visit.edit') : t('tours.report.fileNow')}</button>
          <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} onClick={() => { if (window.confirm(t('tours.visit.removeConfirm'))) remove.mutate(); }} data-testid={`visit-${v.id}-remove`}>{t('tours.visit.remove')}</button>
        </div>
      ) : null}
      <ProblemNotice error={remove.error} />
    </article>
  );
}
