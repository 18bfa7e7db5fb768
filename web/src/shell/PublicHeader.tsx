// The top bar of the pages shown to someone not signed in (sign-in, an invitee's RSVP link).
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicHeader() {
  const { t } = useTranslation();
  return (
    <header className="login-top">
      <span className="brand brand-dark">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <path d="M7 22V10l4.5 8L16 10l4.5 8L25 10v12" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinejoin="round" strokeLinecap="round" />
        </svg>
        {t('app.name')}
      </span>
      <LanguageSwitch />
    </header>
  );
}
