// One tour: who, when, where they stayed, and its visits with the meetings held and the ground report.
// Writers of the tour's unit change or remove it; writers of a visited unit (a district, a booth)
// add visits there and file their ground reports from a phone.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { TOURS, toursApi, type TourDetail } from './api.ts';
import { dayCount } from './ToursPage.tsx';
import { TourForm } from './TourForm.tsx';
import { VisitCard } from './VisitCard.tsx';
import { VisitForm } from './VisitForm.tsx';

export default function TourPage() {
  const { tourId = '' } = useParams();
  const tour = useQuery({ queryKey: [TOURS, 'tour', tourId], queryFn: () => toursApi.get(tourId) });
  return <QueryGate query={tour}>{() => <TourBody tour={tour.data!} />}</QueryGate>;
}

function TourBody({ tour }: { tour: TourDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const [mode, setMode] = useState<'view' | 'edit' | 'visit' | 'remove'>('view');
  return (
    <>
      <PageHeading testId="tour">{tour.title}</PageHeading>
      <dl className="tour-facts card" data-testid="tour-facts">
        <div><dt>{t('tours.leader')}</dt><dd>{local(tour.leaderName, tour.leaderNameHi)}{tour.isCentral ? <span className="badge badge-central">{t('tours.central')}</span> : null}</dd></div>
        <div><dt>{t('tours.dates')}</dt><dd>{fmt.date(tour.startsOn)}{tour.endsOn !== tour.startsOn ? ` – ${fmt.date(tour.endsOn)}` : ''} · {t('tours.daysN', { count: dayCount(tour) })}</dd></div>
        <div><dt>{t('tours.statusLabel')}</dt><dd><span className={`badge tour-status-${tour.status}`}>{t(`tours.status.${tour.status}`)}</span></dd></div>
        <div><dt>{t('tours.unit')}</dt><dd>{tour.unitName ? local(tour.unitName, tour.unitNameHi) : '—'}</dd></div>
        {tour.stay ? <div><dt>{t('tours.stay')}</dt><dd>{tour.stay}</dd></div> : null}
        {tour.notes ? <div className="tour-notes"><dt>{t('tours.notes')}</dt><dd>{tour.notes}</dd></div> : null}
      </dl>
      {mode === 'view' ? (
        <div className="org-add-bar tour-actions">
          {tour.canAddVisit ? <button type="button" className="btn btn-primary org-tap" onClick={() => setMode('visit')} data-testid="visit-add">{t('tours.visit.add')}</button> : null}
          {tour.canWrite ? <button type="button" className="btn org-tap" onClick={() => setMode('edit')} data-testid="tour-edit">{t('tours.edit')}</button> : null}
          {tour.canWrite ? <button type="button" className="btn btn-danger org-tap" onClick={() => setMode('remove')} data-testid="tour-remove">{t('tours.remove')}</button> : null}
        </div>
      ) : null}
      {mode === 'edit' ? <TourForm tour={tour} onDone={() => setMode('view')} /> : null}
      {mode === 'visit' ? <VisitForm tour={tour} onDone={() => setMode('view')} /> : null}
      {mode === 'remove' ? <RemoveTour tour={tour} onCancel={() => setMode('view')} /> : null}
      <h2 className="tours-section">{t('tours.visitsTitle')} <span className="muted">({fmt.number(tour.visits.length)})</span></h2>
      {tour.visits.length === 0 ? <p className="empty-line">{t('tours.noVisits')}</p> : (
        <ol className="plain-list tour-visits" data-testid="tour-visits">
          {tour.visits.map((v) => <li key={v.id}><VisitCard tour={tour} visit={v} /></li>)}
        </ol>
      )}
    </>
  );
}

function RemoveTour({ tour, onCancel }: { tour: TourDetail; onCancel: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => toursApi.remove(tour.id),
    onSuccess: async () => { await qc.invalidateQueries({ queryKey: [TOURS] }); navigate('/tours'); },
  });
  return (
    <div className="org-form card" data-testid="tour-remove-confirm">
      <p>{t('tours.removeConfirm', { title: tour.title, count: tour.visits.length })}</p>
      <ProblemNotice error={remove.error} />
      <div className="form-actions">
        <button type="button" className="btn btn-danger org-tap" disabled={remove.isPending} onClick={() => remove.mutate()} data-testid="tour-remove-submit">{t('tours.remove')}</button>
        <button type="button" className="btn org-tap" onClick={onCancel}>{t('tours.cancel')}</button>
      </div>
    </div>
  );
}
