// "Send RSVP links": every invitee who has not answered gets an SMS (through the outbox) with a link to
// answer for themselves; the organiser sees how many were queued. Asks first: it sends real messages.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../api.ts';
import { ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { EVENTS, type Event } from './api.ts';

export function RsvpLinks({ event }: { event: Event }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const unanswered = event.counts.invited - event.counts.yes - event.counts.no - event.counts.maybe;
  const send = useMutation({
    mutationFn: () => request<{ queued: number }>('POST', `/api/events/${encodeURIComponent(String(event.id))}/rsvp-links`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [EVENTS] }),
  });
  if (!event.canWrite || event.status !== 'planned' || unanswered <= 0) return null;
  const ask = () => { if (window.confirm(t('events.rsvpLinks.confirm', { count: unanswered, n: fmt.number(unanswered) }))) send.mutate(); };
  return (
    <div className="ev-rsvp-links">
      <button type="button" className="btn" onClick={ask} disabled={send.isPending} data-testid="event-rsvp-links">
        {t('events.rsvpLinks.send', { n: fmt.number(unanswered) })}
      </button>
      {send.data ? <span className="muted" role="status" data-testid="event-rsvp-links-done">{t('events.rsvpLinks.queued', { n: fmt.number(send.data.queued) })}</span> : null}
      <ProblemNotice error={send.error} testId="event-rsvp-links-error" />
    </div>
  );
}
