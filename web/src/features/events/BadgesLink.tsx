// "Print badges": every registered delegate's badge as one PDF (GET /api/events/:id/badges.pdf), in the
// page's language, opened in a new tab to print. For those who register and check in (canWrite). With
// nobody registered yet the button stays disabled and says why, rather than opening a tab with an error.
import { useTranslation } from 'react-i18next';
import { eventsApi, type Event } from './api.ts';

export function BadgesLink({ event }: { event: Event }) {
  const { t, i18n } = useTranslation();
  if (!event.canWrite || event.status === 'cancelled') return null;
  if (event.counts.registered > 0) {
    return <a className="btn" href={eventsApi.badgesUrl(event.id, i18n.language)} target="_blank" rel="noopener" data-testid="event-badges">{t('events.badges.print')}</a>;
  }
  return (
    <span className="ev-badges-off">
      <button type="button" className="btn" disabled aria-describedby="ev-badges-why" data-testid="event-badges">{t('events.badges.print')}</button>
      <span id="ev-badges-why" className="muted small">{t('events.badges.noneYet')}</span>
    </span>
  );
}
