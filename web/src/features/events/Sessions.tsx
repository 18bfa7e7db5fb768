// A training's curriculum: each session with how many completed it, and per invitee a tick for each
// session (a person has completed the training when every session is ticked). Ticking writes at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { EVENTS, eventsApi, type Event, type Invitee } from './api.ts';

export function Sessions({ event }: { event: Event }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const qc = useQueryClient();
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useQuery({ queryKey: [EVENTS, 'invitees', event.id, '', '', cursor], queryFn: () => eventsApi.invitees(event.id, { cursor }) });
  const mark = useMutation({
    mutationFn: (m: { no: number; ids: Invitee['personId'][]; done: boolean }) => eventsApi.complete(event.id, m.no, m.ids, m.done),
    onSuccess: () => qc.invalidateQueries({ queryKey: [EVENTS] }),
  });
  const complete = (i: Invitee) => i.sessionNos.length === event.sessions.length;
  return (
    <section className="stack" data-testid="sessions">
      <ol className="ev-sessions">
        {event.sessions.map((s) => (
          <li key={s.no} data-testid={`session-${s.no}`}>
            <strong>{local(s.title, s.titleHi)}</strong> <span className="muted">{t('events.session.completed', { n: fmt.number(s.completed) })}</span>
            {event.canWrite && page.data?.items.length ? (
              <button type="button" className="btn btn-small" disabled={mark.isPending} data-testid={`session-all-${s.no}`}
                onClick={() => mark.mutate({ no: s.no, ids: page.data!.items.map((i) => i.personId), done: true })}>{t('events.session.markShown')}</button>
            ) : null}
          </li>
        ))}
      </ol>
      <ProblemNotice error={mark.error} />
      <QueryGate query={page}>
        {() => (
          <div className="table-scroll">
            <table className="table table-cards ev-completion" data-testid="completion-table">
              <thead>
                <tr>
                  <th scope="col">{t('events.invitee.name')}</th>
                  {event.sessions.map((s) => <th key={s.no} scope="col" className="num">{t('events.session.no', { no: s.no })}</th>)}
                  <th scope="col">{t('events.session.training')}</th>
                </tr>
              </thead>
              <tbody>
                {page.data!.items.map((i) => (
                  <tr key={i.personId} data-testid={`completion-${i.personId}`}>
                    <th scope="row" data-label={t('events.invitee.name')}>{local(i.name, i.nameHi)}</th>
                    {event.sessions.map((s) => (
                      <td key={s.no} data-label={local(s.title, s.titleHi)} className="num">
                        <input type="checkbox" className="ev-tick" checked={i.sessionNos.includes(s.no)} disabled={!event.canWrite || mark.isPending}
                          aria-label={`${local(i.name, i.nameHi)}: ${local(s.title, s.titleHi)}`} data-testid={`tick-${s.no}`}
                          onChange={(e) => mark.mutate({ no: s.no, ids: [i.personId], done: e.target.checked })} />
                      </td>
                    ))}
                    <td data-label={t('events.session.training')} data-testid="completion-state">{complete(i) ? `✓ ${t('events.session.done')}` : t('events.session.partial', { n: i.sessionNos.length, of: event.sessions.length })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.data!.nextCursor ? <button type="button" className="btn btn-small" onClick={() => setCursor(page.data!.nextCursor)}>{t('events.invitee.next')}</button> : null}
          </div>
        )}
      </QueryGate>
    </section>
  );
}
