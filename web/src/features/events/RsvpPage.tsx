// An invitee's own page, opened from the SMS link without signing in: the event, and yes / no / maybe.
// Big buttons and little else: it is read on cheap phones, mostly in Hindi.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { request } from '../../api.ts';
import { Loading, ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { PublicHeader } from '../../shell/PublicHeader.tsx';

type Answer = 'yes' | 'no' | 'maybe';
interface Invitation {
  title: string; titleHi: string | null; startsAt: string; endsAt: string; place: string | null; status: 'planned' | 'cancelled' | 'done';
  name: string; nameHi: string | null; rsvp: Answer | null; open: boolean;
}
const ANSWERS: Answer[] = ['yes', 'maybe', 'no'];

export default function RsvpPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const qc = useQueryClient();
  const { token = '' } = useParams();
  const path = `/api/rsvp/${encodeURIComponent(token)}`;
  const inv = useQuery({ queryKey: ['rsvp', token], queryFn: () => request<Invitation>('GET', path), retry: false });
  const answer = useMutation({
    mutationFn: (rsvp: Answer) => request<Invitation>('POST', path, { rsvp }),
    onSuccess: (data) => qc.setQueryData(['rsvp', token], data),
  });
  const d = inv.data;
  return (
    <div className="login-page">
      <PublicHeader />
      <main id="main" className="login-main">
        <div className="login-card rsvp-card" data-testid="rsvp-page">
          {inv.isPending ? <Loading /> : null}
          <ProblemNotice error={inv.error} testId="rsvp-error" />
          {d ? (<>
            <p className="muted">{t('rsvp.greeting', { name: local(d.name, d.nameHi) })}</p>
            <h1 data-testid="rsvp-title">{local(d.title, d.titleHi)}</h1>
            <p>{fmt.dateTime(d.startsAt)}{d.place ? ` · ${d.place}` : ''}</p>
            {d.open ? (<>
              <p><strong>{t('rsvp.question')}</strong></p>
              <div className="rsvp-answers">
                {ANSWERS.map((a) => (
                  <button key={a} type="button" className={`btn btn-block ${d.rsvp === a ? 'btn-primary' : ''}`} aria-pressed={d.rsvp === a}
                    disabled={answer.isPending} onClick={() => answer.mutate(a)} data-testid={`rsvp-${a}`}>{t(`rsvp.answer.${a}`)}</button>
                ))}
              </div>
            </>) : <p className="notice" data-testid="rsvp-closed">{t(d.status === 'cancelled' ? 'rsvp.cancelled' : 'rsvp.closed')}</p>}
            {d.rsvp ? <p className="notice notice-ok" role="status" data-testid="rsvp-done">{t('rsvp.thanks', { answer: t(`rsvp.answer.${d.rsvp}`) })}</p> : null}
            <ProblemNotice error={answer.error} testId="rsvp-answer-error" />
          </>) : null}
        </div>
      </main>
    </div>
  );
}
