// The tour plan: upcoming tours grouped by leader, or a month calendar (a list by day on a phone).
// With programmes.write, plan a new tour here; it opens on its own page to add visits.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeading, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { addDays, indiaDay, TOURS, toursApi, type Tour } from './api.ts';
import { TourCalendar } from './TourCalendar.tsx';
import { TourForm } from './TourForm.tsx';

/** How far ahead the plan looks. */
const PLAN_DAYS = 90;

export default function ToursPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'plan';
  const canWrite = can(useSignedIn(), 'programmes.write');
  const [adding, setAdding] = useState(false);
  const setView = (v: 'plan' | 'calendar') => setParams(v === 'plan' ? {} : { view: v }, { replace: true });
  return (
    <>
      <PageHeading testId="tours">{t('tours.title')}</PageHeading>
      <p className="muted">{t('tours.intro')}</p>
      {canWrite && !adding ? (
        <div className="org-add-bar"><button type="button" className="btn btn-primary org-tap" onClick={() => setAdding(true)} data-testid="tour-add">{t('tours.add')}</button></div>
      ) : null}
      {adding ? <TourForm onDone={(tour) => { setAdding(false); if (tour) navigate(`/tours/${tour.id}`); }} /> : null}
      <div className="org-segmented tours-view" role="radiogroup" aria-label={t('tours.viewLabel')}>
        {(['plan', 'calendar'] as const).map((v) => (
          <label key={v} className={view === v ? 'on' : ''}>
            <input type="radio" name="tours-view" value={v} checked={view === v} onChange={() => setView(v)} data-testid={`tours-view-${v}`} />
            {t(`tours.view.${v}`)}
          </label>
        ))}
      </div>
      {view === 'plan' ? <PlanList /> : <TourCalendar />}
    </>
  );
}

function PlanList() {
  const { t } = useTranslation();
  const today = indiaDay();
  const q = { from: today, to: addDays(today, PLAN_DAYS) };
  const tours = useQuery({ queryKey: [TOURS, 'list', q], queryFn: () => toursApi.list(q) });
  return (
    <QueryGate query={tours}>
      {() => {
        const items = tours.data!.items.filter((x) => x.status !== 'cancelled');
        if (items.length === 0) return <p className="empty-line" data-testid="tours-none">{t('tours.none', { days: PLAN_DAYS })}</p>;
        const byLeader = new Map<string, Tour[]>();
        for (const x of items) byLeader.set(x.leaderName, [...(byLeader.get(x.leaderName) ?? []), x]);
        return (
          <div className="tours-plan" data-testid="tours-plan">
            {[...byLeader.entries()].map(([leader, list]) => <LeaderTours key={leader} tours={list} />)}
          </div>
        );
      }}
    </QueryGate>
  );
}

function LeaderTours({ tours }: { tours: Tour[] }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const days = tours.reduce((n, x) => n + dayCount(x), 0);
  return (
    <section className="card tours-leader" data-testid="tours-leader">
      <h2 className="tours-leader-name">{local(tours[0].leaderName, tours[0].leaderNameHi)}
        <span className="muted"> · {t('tours.toursDays', { tours: tours.length, days })}</span></h2>
      <ul className="plain-list">{tours.map((x) => <li key={x.id}><TourLine tour={x} /></li>)}</ul>
    </section>
  );
}

export const dayCount = (x: Pick<Tour, 'startsOn' | 'endsOn'>) => Math.round((Date.parse(x.endsOn) - Date.parse(x.startsOn)) / 86_400_000) + 1;

/** One tour in a list: title, dates, organising unit, status and visits. */
export function TourLine({ tour: x }: { tour: Tour }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  return (
    <div className="tour-line" data-testid={`tour-${x.id}`}>
      <Link to={`/tours/${x.id}`} className="tour-line-title">{x.title}</Link>
      <span className="tour-line-dates">{fmt.date(x.startsOn)}{x.endsOn !== x.startsOn ? ` – ${fmt.date(x.endsOn)}` : ''}</span>
      <span className="tour-line-meta">
        {x.isCentral ? <span className="badge badge-central">{t('tours.central')}</span> : null}
        <span className={`badge tour-status-${x.status}`}>{t(`tours.status.${x.status}`)}</span>
        {x.unitName ? <span className="muted">{local(x.unitName, x.unitNameHi)}</span> : null}
        <span className="muted">{t('tours.visitsN', { count: x.visitCount })}</span>
      </span>
    </div>
  );
}
