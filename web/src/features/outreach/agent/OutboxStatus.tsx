// What the phone holds back: outcomes waiting for the connection, those just sent, and any the server
// refused when they went late (shown until the agent has read them).
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.ts';
import type { Pending, Refused } from './outbox.ts';

export function OutboxStatus({ online, pending, refused, lastSent, onSendNow, onDismiss }: {
  online: boolean; pending: Pending[]; refused: Refused[]; lastSent: { count: number; at: string } | null;
  onSendNow: () => void; onDismiss: (key: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="agent-outbox" aria-live="polite">
      {!online ? <p className="notice agent-offline" data-testid="agent-offline">{t('agent.offline')}</p> : null}
      {pending.length ? (
        <div className="notice agent-pending" data-testid="agent-outbox-pending" data-count={pending.length}>
          <span>{t('agent.waiting', { count: pending.length })}</span>
          {online ? <button type="button" className="btn btn-small" onClick={onSendNow} data-testid="agent-send-now">{t('agent.sendNow')}</button> : null}
        </div>
      ) : lastSent ? (
        <p className="notice notice-ok" data-testid="agent-outbox-sent" data-count={lastSent.count}>{t('agent.sentLater', { count: lastSent.count, time: fmt.dateTime(lastSent.at) })}</p>
      ) : null}
      {refused.map((r) => (
        <div key={r.body.idempotencyKey} className="notice notice-error" role="alert" data-testid="agent-outbox-refused">
          <p>{t('agent.refusedLate', { outcome: t(`agent.outcome.${r.body.outcome}`), detail: r.detail })}</p>
          {r.errors.length ? <ul className="small">{r.errors.map((e) => <li key={e.field}>{e.field}: {e.message}</li>)}</ul> : null}
          <button type="button" className="btn btn-small" onClick={() => onDismiss(r.body.idempotencyKey)}>{t('agent.dismiss')}</button>
        </div>))}
    </div>
  );
}
