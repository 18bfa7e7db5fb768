// The contact being called: who, where, which attempt, the number (masked unless the agent may see
// it) and how long the contact stays held for this agent.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimedContact } from './api.ts';
import { leaseLeft } from './times.ts';

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

const LANGUAGE_NAMES: Record<string, { en: string; hi: string }> = {
  hi: { en: 'Hindi', hi: 'हिन्दी' }, en: { en: 'English', hi: 'अंग्रेज़ी' }, bn: { en: 'Bengali', hi: 'बांग्ला' },
  mr: { en: 'Marathi', hi: 'मराठी' }, gu: { en: 'Gujarati', hi: 'गुजराती' }, ta: { en: 'Tamil', hi: 'तमिल' },
  te: { en: 'Telugu', hi: 'तेलुगु' }, kn: { en: 'Kannada', hi: 'कन्नड़' }, ml: { en: 'Malayalam', hi: 'मलयालम' },
  pa: { en: 'Punjabi', hi: 'पंजाबी' }, or: { en: 'Odia', hi: 'ओड़िया' }, ur: { en: 'Urdu', hi: 'उर्दू' },
};
export const languageName = (code: string, ui: string) => LANGUAGE_NAMES[code]?.[ui === 'hi' ? 'hi' : 'en'] ?? code;

export function ContactCard({ contact, campaignName, maxAttempts, onLeave }: {
  contact: ClaimedContact; campaignName: string | null; maxAttempts: number | null; onLeave: () => void;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const left = leaseLeft(contact.leaseUntil, now);
  return (
    <section className="card agent-contact" data-testid="agent-contact" aria-labelledby="agent-contact-name">
      <div className="agent-contact-head">
        <h2 id="agent-contact-name" className="agent-contact-name" data-testid="agent-contact-name">{contact.name ?? t('agent.noName')}</h2>
        {contact.isCallback ? <span className="badge agent-badge-callback" data-testid="agent-callback-badge">{t('agent.callbackBadge')}</span> : null}
      </div>
      {campaignName ? <p className="small muted agent-campaign">{campaignName}</p> : null}
      <dl className="agent-facts">
        <div><dt>{t('agent.language')}</dt><dd data-testid="agent-contact-language">{languageName(contact.language, i18n.language)}</dd></div>
        <div><dt>{t('agent.seat')}</dt><dd>{contact.acNo ? t('agent.acNo', { state: contact.stateCode ?? '', no: contact.acNo }) : '—'}</dd></div>
        <div><dt>{t('agent.attempt')}</dt><dd data-testid="agent-contact-attempt">{maxAttempts ? t('agent.attemptOf', { n: contact.attempts + 1, max: maxAttempts }) : contact.attempts + 1}</dd></div>
      </dl>
      <div className="agent-phone">
        <span className="agent-phone-number mono" data-testid="agent-phone">{contact.phone}</span>
        {contact.phoneMasked ? (
          <p className="small agent-phone-hidden" data-testid="agent-phone-hidden">{t('agent.numberHidden')}</p>
        ) : (
          <a className="btn btn-primary agent-dial" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} data-testid="agent-dial">{t('agent.dial')}</a>
        )}
        {/* Click-to-call through the centre's bridge goes here (a later piece of issue 6). */}
        <div className="agent-dialer-slot" data-testid="agent-dialer-slot" />
      </div>
      <p className={`small agent-lease${left ? '' : ' agent-lease-over'}`} data-testid="agent-lease" role={left ? undefined : 'alert'}>
        {left ? t('agent.leaseLeft', { time: left }) : t('agent.leaseOver')}
      </p>
      <button type="button" className="linklike small" onClick={onLeave} data-testid="agent-leave">{t('agent.leave')}</button>
    </section>
  );
}
