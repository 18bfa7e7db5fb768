import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiToken, type CreatedToken } from '../../api.ts';
import { Field, fieldError, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { dayEnd, useFormat } from '../../format.ts';

function NewTokenNotice({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // Clipboard needs https or localhost; otherwise select it for Ctrl+C.
      input.current?.select();
      setCopied('select');
    }
  };
  return (
    <section className="card notice-ok token-once" aria-labelledby="token-once-h" data-testid="token-created">
      <h2 id="token-once-h">{t('tokens.createdTitle', { name: token.name })}</h2>
      <p>{t('tokens.createdBody')}</p>
      <div className="input-row">
        <label htmlFor="token-value" className="visually-hidden">{t('tokens.tokenLabel')}</label>
        <input id="token-value" ref={input} type="text" readOnly value={token.token} className="mono" data-testid="token-value"
          onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn btn-primary" onClick={() => void copy()} data-testid="token-copy">{t('common.copy')}</button>
      </div>
      <p role="status" className="small">{copied === 'yes' ? t('common.copied') : copied === 'select' ? t('tokens.copyManually') : ''}</p>
      <button type="button" className="btn" onClick={onDone}>{t('tokens.done')}</button>
    </section>
  );
}

function status(tk: ApiToken): 'revoked' | 'expired' | 'active' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && Date.parse(tk.expiresAt) < Date.now()) return 'expired';
  return 'active';
}

function TokenTable({ items }: { items: ApiToken[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const revoke = useMutation({
    mutationFn: api.revokeToken,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
  if (items.length === 0) return <p className="muted" data-testid="tokens-empty">{t('tokens.none')}</p>;
  return (
    <>
      <ProblemNotice error={revoke.error} />
      <table className="table table-cards" data-testid="tokens-table">
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('tokens.status')}</th>
            <th scope="col">{t('tokens.created')}</th>
            <th scope="col">{t('tokens.expires')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((tk) => {
            const st = status(tk);
            return (
              <tr key={tk.id} data-testid={`token-${tk.id}`}>
                <th scope="row" data-label={t('tokens.name')} className="break">{tk.name}</th>
                <td data-label={t('tokens.status')}><span className={`badge badge-${st}`}>{t(`tokens.${st}`)}</span></td>
                <td data-label={t('tokens.created')}>{fmt.dateTime(tk.createdAt)}</td>
                <td data-label={t('tokens.expires')}>{tk.expiresAt ? fmt.date(tk.expiresAt) : t('tokens.never')}</td>
                <td data-label={t('tokens.lastUsed')}>{tk.lastUsedAt ? fmt.dateTime(tk.lastUsedAt) : t('tokens.neverUsed')}</td>
                <td data-label="">
                  {st === 'revoked' ? null : (
                    <button type="button" className="btn btn-small btn-danger" disabled={revoke.isPending} data-testid={`revoke-token-${tk.id}`}
                      aria-label={t('tokens.revokeNamed', { name: tk.name })}
                      onClick={() => { if (window.confirm(t('tokens.revokeConfirm', { name: tk.name }))) revoke.mutate(tk.id); }}>
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export default function TokensPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: api.tokens });
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useMutation({
    mutationFn: () => api.createToken({ name: name.trim(), ...(expires ? { expiresAt: dayEnd(expires) } : {}) }),
    onSuccess: (tk) => { setCreated(tk); setName(''); setExpires(''); void qc.invalidateQueries({ queryKey: ['tokens'] }); },
  });
  const onSubmit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  const err = create.error;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeading testId="tokens">{t('nav.tokens')}</PageHeading>
      <p className="muted">{t('tokens.intro')}</p>
      {created ? <NewTokenNotice token={created} onDone={() => setCreated(null)} /> : null}
      <section className="card section" aria-labelledby="new-token-h">
        <h2 id="new-token-h">{t('tokens.create')}</h2>
        <form className="form-grid" onSubmit={onSubmit} data-testid="token-form" noValidate>
          <Field label={t('tokens.name')} hint={t('tokens.nameHint')} error={fieldError(err, 'name')}>
            {(p) => <input {...p} type="text" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" />}
          </Field>
          <Field label={t('tokens.expires')} hint={t('tokens.expiresHint')} error={fieldError(err, 'expiresAt')}>
            {(p) => <input {...p} type="date" min={today} value={expires} onChange={(e) => setExpires(e.target.value)} data-testid="token-expires" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()} data-testid="token-submit">{t('tokens.createSubmit')}</button>
          </div>
        </form>
        <ProblemNotice error={err} />
      </section>
      <section className="section" aria-labelledby="tokens-h">
        <h2 id="tokens-h">{t('tokens.list')}</h2>
        <QueryGate query={tokens}>{() => <TokenTable items={tokens.data!.items} />}</QueryGate>
      </section>
    </>
  );
}
