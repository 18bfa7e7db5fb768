import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { api, rememberCsrfToken, type Session } from '../../api.ts';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { tDynamic } from '../../i18n/dynamic.ts';
import { changeLocale, takeChoiceBeforeSignIn } from '../../i18n/index.ts';
import { storeSession, useSession } from '../../session.ts';
import { PublicHeader } from '../../shell/PublicHeader.tsx';

/** While the server seeds demo data in the background it answers /api/status with progress. */
function DemoProgress() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const status = useQuery({
    queryKey: ['status'],
    queryFn: api.status,
    refetchInterval: (q) => (q.state.data?.demo?.seeding ? 2000 : false),
    retry: true,
    retryDelay: 2000, // the server may still be starting
  });
  const demo = status.data?.demo;
  if (!demo?.seeding) return null;
  const pct = demo.total > 0 ? Math.min(100, Math.round((demo.done / demo.total) * 100)) : 0;
  const phase = demo.phase ? tDynamic(t, `login.phases.${demo.phase}`, demo.phase) : t('login.phaseStarting');
  const text = t('login.seedingProgress', { phase, done: fmt.number(demo.done), total: fmt.number(demo.total) });
  return (
    <section className="seeding" data-testid="demo-progress" aria-live="polite">
      <h2>{t('login.seeding')}</h2>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('login.seeding')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
      >
        <span className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="muted">{text}</p>
      <p className="muted small">{t('login.seedingHint')}</p>
    </section>
  );
}

function Version() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: ['status'], queryFn: api.status, enabled: false });
  return status.data ? <p className="login-version muted">{t('login.version', { version: status.data.version })}</p> : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const location = useLocation();
  const { data: session } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: async (): Promise<Session> => {
      let s = await api.login(email.trim(), password);
      rememberCsrfToken(s.csrfToken);
      // A language picked on this page before signing in becomes the account's language.
      const chosen = takeChoiceBeforeSignIn();
      if (chosen && chosen !== s.user.locale) {
        try { s = await api.updateMe({ locale: chosen }); } catch { /* keep the account's */ }
      }
      return s;
    },
    onSuccess: (s) => {
      changeLocale(s.user.locale, true);
      storeSession(qc, s);
    },
  });

  const from = (location.state as { from?: string } | null)?.from;
  if (session) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!login.isPending) login.mutate();
  };

  return (
    <div className="login-page">
      <PublicHeader />
      <main id="main" className="login-main">
        <div className="login-card">
          <h1 data-testid="heading-login">{t('login.title')}</h1>
          <p className="muted">{t('app.tagline')}</p>
          <DemoProgress />
          <form className="stack" onSubmit={onSubmit} data-testid="login-form" noValidate>
            <Field label={t('login.email')} error={fieldError(login.error, 'email')}>
              {(p) => (
                <input {...p} type="email" name="email" autoComplete="username" inputMode="email" required
                  value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />
              )}
            </Field>
            <Field label={t('login.password')} error={fieldError(login.error, 'password')}>
              {(p) => (
                <input {...p} type="password" name="password" autoComplete="current-password" required
                  value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
              )}
            </Field>
            <ProblemNotice error={login.error} testId="login-error" lead401={t('login.failed')} />
            <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending} data-testid="login-submit">
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
          <Version />
        </div>
      </main>
    </div>
  );
}
