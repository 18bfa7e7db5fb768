// Small building blocks shared by every page. Plain elements, classes from styles.css.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api.ts';

let navigatedInApp = false;
/** Called by the shell on every route change after the first page: headings then take focus. */
export function markNavigated(): void { navigatedInApp = true; }

/** The page's h1. After in-app navigation it takes focus, so screen readers announce the page. */
export function PageHeading({ testId, children, actions }: { testId: string; children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (navigatedInApp) ref.current?.focus();
    if (typeof children === 'string') document.title = `${children} · ${t('app.name')}`;
  }, [children, t]);
  return (
    <div className="page-head">
      <h1 ref={ref} tabIndex={-1} data-testid={`heading-${testId}`}>{children}</h1>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

/** The problem the API reported, or a plain message for network failures. */
export function ProblemNotice({ error, testId, lead401 }: { error: unknown; testId?: string; lead401?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiProblem)) {
    return <p className="notice notice-error" role="alert" data-testid={testId}>{t('common.unexpectedError')}</p>;
  }
  if (error.status === 0) {
    return <p className="notice notice-error" role="alert" data-testid={testId}>{t('common.networkError')}</p>;
  }
  // The server's detail is in English; a translated lead says the gist in the user's language.
  return (
    <p className="notice notice-error" role="alert" data-testid={testId}>
      <strong>{error.status === 401 && lead401 ? lead401 : problemLead(t, error.status)}</strong> <span className="problem-detail">{error.detail || error.title}</span>
    </p>
  );
}

function problemLead(t: TFunction, status: number): string {
  switch (status) {
    case 400: case 422: return t('problems.s400');
    case 401: return t('problems.s401');
    case 403: return t('problems.s403');
    case 404: return t('problems.s404');
    case 409: return t('problems.s409');
    case 429: return t('problems.s429');
    default: return status >= 500 ? t('problems.s5xx') : t('problems.other');
  }
}

const isClientError = (e: unknown) => e instanceof ApiProblem && e.status >= 400 && e.status < 500;

export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiProblem ? error.fieldMessage(field) : undefined;
}

interface InputProps { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }

/** A labelled form control with an optional hint and the API's message for this field. */
export function Field({ label, hint, error, children, className }: {
  label: ReactNode; hint?: ReactNode; error?: string; className?: string;
  children: (props: InputProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true as const } : {}) })}
      {hint ? <span className="field-hint" id={hintId}>{hint}</span> : null}
      {error ? <span className="field-error" id={errId}>{error}</span> : null}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <p className="loading" role="status"><span className="spinner" aria-hidden="true" />{label ?? t('common.loading')}</p>;
}

export function EmptyState({ title, children, testId }: { title: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <section className="empty" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function StatTile({ label, value, testId }: { label: ReactNode; value: ReactNode; testId?: string }) {
  return (
    <div className="tile" data-testid={testId}>
      <span className="tile-value">{value}</span>
      <span className="tile-label">{label}</span>
    </div>
  );
}

/** Loading, error and retry for one query, so pages only write the happy path. */
export function QueryGate({ query, children }: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error) {
    return (
      <div className="stack">
        <ProblemNotice error={query.error} />
        {/* Trying again only helps when the server or the network failed, not when the request is wrong. */}
        {isClientError(query.error) ? null : (
          <div><button type="button" className="btn" onClick={() => void query.refetch()}>{t('common.retry')}</button></div>
        )}
      </div>
    );
  }
  if (query.isPending) return <Loading />;
  return <>{children()}</>;
}
