// The invitees of an event, 50 at a time, searchable by name and filtered by answer. With
// programmes.write each row takes the RSVP, registers the delegate (who then has a credential, shown as
// a QR code to print or show on a phone) and marks attendance by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { orgApi, type OrgConfig } from '../organisation/api.ts';
import { EVENTS, eventsApi, type Event, type Invitee, type Registration, type Rsvp } from './api.ts';

type Wing = OrgConfig['wings'][number];

const ANSWERS: Rsvp[] = ['yes', 'maybe', 'no'];

function Credential({ event, reg, onClose }: { event: Event; reg: Registration; onClose: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  return (
    <div className="ev-credential card" data-testid="credential">
      <h3>{t('events.invitee.credentialFor', { name: local(reg.name, reg.nameHi) })}</h3>
      <p className="muted">{local(event.title, event.titleHi)}</p>
      <img src={eventsApi.credentialUrl(event.id, reg.personId)} alt={t('events.invitee.qrAlt')} width={220} height={220} data-testid="credential-qr" />
      <p><code className="ev-token" data-testid="credential-token">{reg.token}</code></p>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={() => window.print()}>{t('events.invitee.print')}</button>
        <button type="button" className="btn btn-small" onClick={onClose}>{t('events.invitee.close')}</button>
      </div>
    </div>
  );
}

function Row({ event, i, wings, onRegistered }: { event: Event; i: Invitee; wings: Wing[]; onRegistered: (r: Registration) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: [EVENTS] });
  const rsvp = useMutation({ mutationFn: (a: Rsvp) => eventsApi.rsvp(event.id, i.personId, a), onSuccess: done });
  const register = useMutation({ mutationFn: () => eventsApi.register(event.id, i.personId), onSuccess: async (r) => { await done(); onRegistered(r); } });
  const attend = useMutation({ mutationFn: () => eventsApi.checkInPerson(event.id, i.personId), onSuccess: done });
  const where = [i.unitName, i.stateName && i.stateName !== i.unitName ? i.stateName : null].filter(Boolean).join(' · ');
  const wing = wings.find((w) => w.code === i.wing);
  return (
    <tr data-testid={`invitee-${i.personId}`}>
      {/* One child per cell: on a phone the cell is a two-column grid (label, value). */}
      <th scope="row" data-label={t('events.invitee.name')}><span>{local(i.name, i.nameHi)}<span className="code-muted">{t(`events.reason.${i.reason.split(':')[0]}`, { defaultValue: i.reason })}</span></span></th>
      <td data-label={t('events.invitee.where')}><span>{where || '—'}{wing ? <span className="code-muted">{local(wing.name, wing.nameHi)}</span> : null}</span></td>
      <td data-label={t('events.invitee.rsvp')}>
        {event.canWrite ? (
          <span className="ev-answers" role="group" aria-label={t('events.invitee.rsvp')}>
            {ANSWERS.map((a) => (
              <button key={a} type="button" className="btn btn-small" aria-pressed={i.rsvp === a} disabled={rsvp.isPending}
                onClick={() => rsvp.mutate(a)} data-testid={`rsvp-${a}`}>{t(`events.rsvp.${a}`)}</button>
            ))}
          </span>
        ) : (i.rsvp ? t(`events.rsvp.${i.rsvp}`) : '—')}
      </td>
      <td data-label={t('events.invitee.status')} data-testid="invitee-status">
        {i.checkedInAt ? t('events.invitee.checkedInAt', { time: fmt.dateTime(i.checkedInAt) }) : i.registeredAt ? t('events.invitee.registered') : '—'}
      </td>
      {event.canWrite ? (
        <td data-label="">
          <span className="org-slot-actions">
            <button type="button" className="btn btn-small" disabled={register.isPending} onClick={() => register.mutate()} data-testid="invitee-register">
              {i.registeredAt ? t('events.invitee.showPass') : t('events.invitee.register')}
            </button>
            {!i.checkedInAt ? <button type="button" className="btn btn-small" disabled={attend.isPending} onClick={() => attend.mutate()} data-testid="invitee-attend">{t('events.invitee.attend')}</button> : null}
          </span>
          <ProblemNotice error={rsvp.error ?? register.error ?? attend.error} />
        </td>
      ) : null}
    </tr>
  );
}

export function Invitees({ event }: { event: Event }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [answer, setAnswer] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const [pass, setPass] = useState<Registration | null>(null);
  const page = useQuery({ queryKey: [EVENTS, 'invitees', event.id, q, answer, cursor], queryFn: () => eventsApi.invitees(event.id, { q, rsvp: answer, cursor }) });
  // Wing names for the codes the rows carry; the list still shows without them.
  const wings = useQuery({ queryKey: ['org', 'config'], queryFn: () => orgApi.config(), staleTime: 300_000 }).data?.wings ?? [];
  return (
    <section className="stack" data-testid="invitees">
      {pass ? <Credential event={event} reg={pass} onClose={() => setPass(null)} /> : null}
      <div className="filters">
        <Field label={t('events.invitee.search')}>
          {(p) => <input {...p} type="search" value={q} onChange={(e) => { setQ(e.target.value); setCursor(null); }} data-testid="invitees-search" />}
        </Field>
        <Field label={t('events.invitee.rsvp')}>
          {(p) => (
            <select {...p} value={answer} onChange={(e) => { setAnswer(e.target.value); setCursor(null); }} data-testid="invitees-rsvp">
              <option value="">{t('events.rsvp.all')}</option>
              {([...ANSWERS, 'none'] as const).map((a) => <option key={a} value={a}>{t(`events.rsvp.${a}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <QueryGate query={page}>
        {() => (
          <>
            <p className="result-count" data-testid="invitees-total">{t('events.invitee.total', { n: fmt.number(page.data!.total) })}</p>
            {page.data!.items.length === 0 ? <p className="empty-line">{t('events.invitee.none')}</p> : (
              <div className="table-scroll">
                <table className="table table-cards ev-invitees">
                  <thead>
                    <tr>
                      <th scope="col">{t('events.invitee.name')}</th><th scope="col">{t('events.invitee.where')}</th>
                      <th scope="col">{t('events.invitee.rsvp')}</th><th scope="col">{t('events.invitee.status')}</th>
                      {event.canWrite ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
                    </tr>
                  </thead>
                  <tbody>{page.data!.items.map((i) => <Row key={i.personId} event={event} i={i} wings={wings} onRegistered={setPass} />)}</tbody>
                </table>
              </div>
            )}
            <div className="form-actions">
              {cursor ? <button type="button" className="btn btn-small" onClick={() => setCursor(null)}>{t('events.invitee.first')}</button> : null}
              {page.data!.nextCursor ? <button type="button" className="btn btn-small" onClick={() => setCursor(page.data!.nextCursor)} data-testid="invitees-next">{t('events.invitee.next')}</button> : null}
            </div>
          </>
        )}
      </QueryGate>
    </section>
  );
}
