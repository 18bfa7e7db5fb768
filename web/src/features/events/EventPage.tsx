// One event: what, when, where, who organises it and the counts at a glance; then tabs for the
// invitees (RSVP, registration and the delegate's QR credential), counts by state and wing (a chart
// and a table), the check-in desk, and a training's sessions with completion marking.
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Loading, PageHeading, QueryGate, StatTile } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { EVENTS, eventsApi, type Event } from './api.ts';
import { BadgesLink } from './BadgesLink.tsx';
import { RsvpLinks } from './RsvpLinks.tsx';
import { CheckinDesk } from './CheckinDesk.tsx';
import { Invitees } from './Invitees.tsx';
import { Sessions } from './Sessions.tsx';
import './events.css';

// ECharts loads only when the counts tab opens: a phone at the desk never pulls it.
const Breakdown = lazy(() => import('./Breakdown.tsx'));
type Tab = 'invitees' | 'counts' | 'desk' | 'sessions';

function Summary({ e }: { e: Event }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <p className="ev-meta" data-testid="event-meta">
        <span className={`ev-kind ev-kind-${e.kind}`}>{t(`events.kind.${e.kind}`)}</span>
        <span>{fmt.dateTime(e.startsAt)} – {fmt.dateTime(e.endsAt)}</span>
        {e.place ? <span>{e.place}</span> : null}
        <span>{t('events.field.organiser')}: {e.unitName}</span>
        {e.status !== 'planned' ? <strong>{t(`events.status.${e.status}`)}</strong> : null}
        {e.courseCode ? <span>{t('events.field.courseCode')}: <code>{e.courseCode}</code></span> : null}
      </p>
      <div className="tiles ev-tiles">
        <StatTile label={t('events.count.invited')} value={fmt.number(e.counts.invited)} testId="event-invited" />
        <StatTile label={t('events.count.yes')} value={fmt.number(e.counts.yes)} testId="event-yes" />
        <StatTile label={t('events.count.registered')} value={fmt.number(e.counts.registered)} testId="event-registered" />
        <StatTile label={t('events.count.checkedIn')} value={fmt.number(e.counts.checkedIn)} testId="event-checked-in" />
      </div>
    </>
  );
}

export default function EventPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const { eventId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const event = useQuery({ queryKey: [EVENTS, 'one', eventId], queryFn: () => eventsApi.get(eventId) });
  const tabs: Tab[] = ['invitees', 'counts', ...(event.data?.canWrite ? ['desk' as const] : []), ...(event.data?.sessions.length ? ['sessions' as const] : [])];
  const tab = (tabs as string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'invitees';
  return (
    <QueryGate query={event}>
      {() => {
        const e = event.data!;
        return (
          <>
            <p className="ev-back"><Link to="/events">← {t('events.page.title')}</Link></p>
            <PageHeading testId="event" actions={<BadgesLink event={e} />}>{local(e.title, e.titleHi)}</PageHeading>
            <Summary e={e} />
            <RsvpLinks event={e} />
            <div className="tabs ev-tabs" role="tablist">
              {tabs.map((k) => (
                <button key={k} type="button" role="tab" aria-selected={tab === k} className={`tab${tab === k ? ' tab-active' : ''}`}
                  onClick={() => setParams(k === 'invitees' ? {} : { tab: k }, { replace: true })} data-testid={`event-tab-${k}`}>
                  {t(`events.tab.${k}`)}
                </button>
              ))}
            </div>
            {tab === 'invitees' ? <Invitees event={e} /> : null}
            {tab === 'counts' ? <Suspense fallback={<Loading />}><Breakdown eventId={e.id} /></Suspense> : null}
            {tab === 'desk' ? <CheckinDesk event={e} /> : null}
            {tab === 'sessions' ? <Sessions event={e} /> : null}
          </>
        );
      }}
    </QueryGate>
  );
}
