import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { changeLocale, currentLocale } from '../i18n/index.ts';
import { storeSession, useSession } from '../session.ts';

/** One button that switches to the other language; remembered on this device and, when signed in, on the account. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: session } = useSession();
  const now = currentLocale();
  const next = now === 'en' ? 'hi' : 'en';

  const onClick = () => {
    changeLocale(next, !!session);
    if (session) {
      api.updateMe({ locale: next }).then((s) => storeSession(qc, s)).catch(() => {
        // The choice still holds on this device; the account keeps its old language.
      });
    }
  };

  return (
    <button
      type="button"
      className={`btn btn-lang${className ? ` ${className}` : ''}`}
      data-testid="lang-switch"
      data-lang={now}
      onClick={onClick}
      aria-label={t('lang.switchLabel')}
      title={t('lang.switchLabel')}
    >
      <span lang={next}>{next === 'hi' ? 'हिंदी' : 'EN'}</span>
    </button>
  );
}
