// The call-centre manager's start page: their campaigns with how far each has got, start / pause /
// end, a link to each live dashboard, and the to-do list of calls needing an organiser.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeading, ProblemNotice, QueryGate } from '../../../components/ui.tsx';
import { useFormat } from '../../../format.ts';
import { DASH, dashApi, dashKey, type Campaign, type CampaignStatus } from './api.ts';
import { TodoList } from './TodoList.tsx';
import './dashboard.css';

export default function CampaignsPage() {
  const { t } = useTranslation();
  const campaigns = useQuery({ queryKey: [DASH, 'campaigns'], queryFn: dashApi.campaigns });
  return (
    <>
      <PageHeading testId="outreach" actions={<>
        <Link className="btn" to="/outreach/contacts" data-testid="dash-contacts">{t('outreachContacts.title')}</Link>
        <Link className="btn" to="/outreach/call" data-testid="dash-take-calls">{t('outreachDash.takeCalls')}</Link>
      </>}>
        {t('outreachDash.title')}
      </PageHeading>
      <p className="muted">{t('outreachDash.intro')}</p>
      <QueryGate query={campaigns}>
        {() => campaigns.data!.items.length === 0
          ? <p className="empty-line" data-testid="dash-no-campaigns">{t('outreachDash.noCampaigns')}</p>
          : <div className="dash-campaigns" data-testid="dash-campaigns">{campaigns.data!.items.map((c) => <CampaignCard key={c.id} c={c} />)}</div>}
      </QueryGate>
      <TodoList />
    </>
  );
}

const NEXT: Record<string, CampaignStatus[]> = { draft: ['active'], active: ['paused', 'ended'], paused: ['active', 'ended'], ended: [] };

function CampaignCard({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const status = useMutation({
    mutationFn: (s: CampaignStatus) => dashApi.setStatus(c.id, s),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [DASH] }),
  });
  const change = (s: CampaignStatus) => {
    if (s === 'ended' && !window.confirm(t('outreachDash.confirmEnd', { name: c.name }))) return;
    status.mutate(s);
  };
  const pct = c.contacts ? Math.round((c.done / c.contacts) * 100) : 0;
  return (
    <article className="card dash-campaign" data-testid="dash-campaign">
      <div className="dash-campaign-head">
        <h2><Link to={`/outreach/campaigns/${c.id}`} data-testid="dash-open">{c.name}</Link></h2>
        <span className={`badge dash-status-${c.status}`} data-testid="dash-status">{t(dashKey('status', c.status))}</span>
      </div>
      <p className="detail">{c.centre} · {t('outreachDash.hoursRange', { from: c.callingFrom, to: c.callingTo })}</p>
      <div className="dash-progress" role="img" aria-label={t('outreachDash.progressLabel', { pct })}><span style={{ width: `${pct}%` }} /></div>
      <p className="dash-counts">
        <span>{t('outreachDash.contactsN', { n: fmt.number(c.contacts) })}</span>
        <span>{t('outreachDash.readyN', { n: fmt.number(c.ready) })}</span>
        <span>{t('outreachDash.doneN', { n: fmt.number(c.done) })}</span>
      </p>
      <ProblemNotice error={status.error} />
      <div className="dash-actions">
        <Link className="btn btn-primary btn-small" to={`/outreach/campaigns/${c.id}`}>{t('outreachDash.openDashboard')}</Link>
        {(NEXT[c.status] ?? []).map((s) => (
          <button key={s} type="button" className={`btn btn-small${s === 'ended' ? ' btn-danger' : ''}`} disabled={status.isPending}
            onClick={() => change(s)} data-testid={`dash-set-${s}`}>{t(dashKey('action', s))}</button>
        ))}
      </div>
    </article>
  );
}
