// The bell in the header: unread notifications (tasks given to the user's units, escalations), polled
// once a minute while the page is open; the count is what a booth president checks first.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { progApi } from '../features/programmes/api.ts';

export function NotificationBell() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['notifications'], queryFn: progApi.notifications, refetchInterval: 60_000, refetchOnWindowFocus: true });
  const unread = q.data?.unread ?? 0;
  return (
    <Link to="/notifications" className="btn btn-lang" aria-label={t('notif.bell', { count: unread })} data-testid="notif-bell">
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" /></svg>
      {unread > 0 ? <span className="bell-count" data-testid="notif-count">{unread > 99 ? '99+' : unread}</span> : null}
    </Link>
  );
}
