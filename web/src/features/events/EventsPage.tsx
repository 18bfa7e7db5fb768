// Events, trainings and conferences in the actor's scope: filter by kind and upcoming, open one, or
// (with programmes.write) create one with its invitation rules. A table that becomes cards on a phone.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Field, PageHeading, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { EVENTS, eventPath, eventsApi, KINDS, type EventKind } from './api.ts';
import { EventForm } from './EventForm.tsx';
import { TrainingGaps } from './TrainingGaps.tsx';
import './events.css';

export default function EventsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = (KINDS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as EventKind) : undefined;
  const upcoming = params.get('upcoming') !== 'false';
  const list = useQuery({ queryKey: [EVENTS, 'list', kind ?? '', upcoming], queryFn: () => eventsApi.list({ kind, upcoming }) });
  const canWrite = can(useSignedIn(), 'programmes.write');
  const [adding, setAdding] = useState(false);
  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k); else next.set(k, v);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeading testId="events">{t('events.page.title')}</PageHeading>
      <p className="muted">{t('events.page.intro')}</p>
      {canWrite && !adding ? (
        <div className="org-add-bar"><button type="button" className="btn btn-primary org-tap" onClick={() => setAdding(true)} data-testid="event-add">{t('events.page.add')}</button></div>
      ) : null}
      {adding ? <EventForm onDone={(e) => { setAdding(false); if (e) navigate(eventPath(e.id)); }} /> : null}
      <div className="filters">
        <Field label={t('events.kind.label')}>
          {(p) => (
            <select {...p} value={kind ?? ''} onChange={(e) => setParam('kind', e.target.value || null)} data-testid="events-kind">
              <option value="">{t('events.kind.all')}</option>
              {KINDS.map((k) => <option key={k} value={k}>{t(`events.kind.${k}`)}</option>)}
            </select>
          )}
        </Field>
        <label className="ev-check">
          <input type="checkbox" checked={upcoming} onChange={(e) => setParam('upcoming', e.target.checked ? null : 'false')} data-testid="events-upcoming" />
          {t('events.page.upcoming')}
        </label>
      </div>
      <QueryGate query={list}>
        {() => list.data!.length === 0 ? <p className="empty-line" data-testid="events-none">{t('events.page.none')}</p> : (
          <div className="table-scroll">
            <table className="table table-cards" data-testid="events-table">
              <thead>
                <tr>
                  <th scope="col">{t('events.field.title')}</th><th scope="col">{t('events.kind.label')}</th><th scope="col">{t('events.field.when')}</th>
                  <th scope="col">{t('events.field.unit')}</th><th scope="col" className="num">{t('events.count.invited')}</th>
                  <th scope="col" className="num">{t('events.count.yes')}</th><th scope="col" className="num">{t('events.count.checkedIn')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data!.map((e) => (
                  <tr key={e.id} data-testid={`event-row-${e.id}`}>
                    <th scope="row" data-label={t('events.field.title')}><span><Link to={eventPath(e.id)}>{local(e.title, e.titleHi)}</Link>{e.status !== 'planned' ? <span className="code-muted">{t(`events.status.${e.status}`)}</span> : null}</span></th>
                    <td data-label={t('events.kind.label')}><span className={`ev-kind ev-kind-${e.kind}`}>{t(`events.kind.${e.kind}`)}</span></td>
                    <td data-label={t('events.field.when')}><span>{fmt.dateTime(e.startsAt)}{e.place ? <span className="code-muted">{e.place}</span> : null}</span></td>
                    <td data-label={t('events.field.unit')}>{e.unitName}</td>
                    <td data-label={t('events.count.invited')} className="num">{fmt.number(e.counts.invited)}</td>
                    <td data-label={t('events.count.yes')} className="num">{fmt.number(e.counts.yes)}</td>
                    <td data-label={t('events.count.checkedIn')} className="num">{fmt.number(e.counts.checkedIn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryGate>
      <TrainingGaps />
    </>
  );
}
