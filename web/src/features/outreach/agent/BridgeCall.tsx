// Click-to-call through the centre's telephony provider: it rings the agent's phone, then the
// contact's, and joins them, so the number stays hidden. Offered only when the server has a provider;
// the call's progress comes from the provider's webhook, polled here every two seconds.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '../../../components/ui.tsx';
import { tDynamic } from '../../../i18n/dynamic.ts';
import { AGENT, agentApi, type ClaimedContact } from './api.ts';

const ENDED = new Set(['completed', 'busy', 'no_answer', 'failed']);

export function BridgeCall({ contact }: { contact: ClaimedContact }) {
  const { t } = useTranslation();
  const telephony = useQuery({ queryKey: [AGENT, 'telephony'], queryFn: agentApi.telephony, staleTime: 5 * 60_000 });
  const start = useMutation({ mutationFn: () => agentApi.bridge(contact.campaignId, contact.contactId) });
  const id = start.data?.id;
  const status = useQuery({
    queryKey: [AGENT, 'bridge', id], queryFn: () => agentApi.bridgeStatus(id!), enabled: id !== undefined,
    refetchInterval: (q) => (q.state.data && ENDED.has(q.state.data.status) ? false : 2000),
  });
  if (!telephony.data?.bridging) return null;
  const now = status.data?.status ?? start.data?.status;
  const busy = start.isPending || (now !== undefined && !ENDED.has(now));
  return (
    <div className="agent-bridge" data-testid="agent-bridge">
      <button type="button" className="btn btn-primary agent-dial" disabled={busy} onClick={() => start.mutate()} data-testid="agent-bridge-call">
        {t('agent.bridgeCall')}
      </button>
      {now ? <p className="small" role="status" data-testid="agent-bridge-status">{tDynamic(t, `agent.bridgeStatus.${now}`, now)}</p> : null}
      {start.error ? <ProblemNotice error={start.error} /> : null}
    </div>
  );
}
