// The user's notifications, newest first, in their language; opening one marks it read.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeading, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { progApi, type Notification } from './api.ts';

export default function NotificationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['notifications'], queryFn: progApi.notifications });
  const readAll = useMutation({ mutationFn: progApi.readAll, onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }) });
  return (
    <>
      <PageHeading testId="notifications" actions={<button type="button" className="btn" onClick={() => readAll.mutate()} data-testid="notif-read-all">{t('notif.readAll')}</button>}>
        {t('notif.title')}
      </PageHeading>
      <QueryGate query={list}>
        {() => (list.data!.items.length === 0 ? <p className="empty-line">{t('notif.none')}</p> : (
          <ul className="notif-list" data-testid="notif-list">{list.data!.items.map((n) => <Item key={n.id} n={n} />)}</ul>))}
      </QueryGate>
    </>
  );
}

function Item({ n }: { n: Notification }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const hi = i18n.language === 'hi';
  const title = (hi && n.params.titleHi) || n.params.title || '';
  const unit = (hi && n.params.unitNameHi) || n.params.unitName || '';
  const open = async () => {
    if (!n.readAt) { await progApi.readNotification(n.id); void qc.invalidateQueries({ queryKey: ['notifications'] }); }
    if (n.link) navigate(n.link);
  };
  return (
    <li className={`card task-card${n.readAt ? '' : ' notif-unread'}`}>
      <button type="button" className="linklike" onClick={() => void open()} data-testid={`notif-${n.id}`}>
        <strong>{t(`notif.kind.${n.kind.replace('.', '_') as 'task_assigned'}`, { title, unit, count: n.params.count ?? 0, due: n.params.dueOn ? fmt.date(n.params.dueOn) : '' })}</strong>
      </button>
      <span className="muted small">{fmt.dateTime(n.createdAt)}</span>
    </li>
  );
}
