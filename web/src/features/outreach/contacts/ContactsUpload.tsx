// Upload a contacts file (CSV or XLSX) and watch it: bytes sent, then reading, checking and writing on
// the server (polled), then what was added and updated, or every problem by line and column.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, ProblemNotice } from '../../../components/ui.tsx';
import { useFormat } from '../../../format.ts';
import { tDynamic } from '../../../i18n/dynamic.ts';
import { CONTACTS, contactsApi } from './api.ts';

export function ContactsUpload() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [id, setId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useQuery({
    queryKey: [CONTACTS, 'import', id], queryFn: () => contactsApi.importStatus(id!), enabled: id !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 700),
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || sent) return;
    setError(null);
    setId(null);
    setSent({ sent: 0, total: file.size });
    try {
      const { id: queued } = await contactsApi.upload(file, (s, total) => setSent({ sent: s, total })).done;
      setId(queued);
      void client.invalidateQueries({ queryKey: [CONTACTS] });
    } catch (err) {
      setError(err);
    } finally {
      setSent(null);
    }
  };
  const j = job.data;
  const pct = (done: number, total: number) => (total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0);
  return (
    <section className="card" data-testid="contacts-upload" aria-labelledby="contacts-upload-title">
      <h2 id="contacts-upload-title">{t('outreachContacts.uploadTitle')}</h2>
      <p className="small muted">{t('outreachContacts.uploadHint')}</p>
      <form onSubmit={onSubmit} className="form-grid">
        <Field label={t('outreachContacts.file')}>
          {(p) => <input {...p} type="file" accept=".csv,.xlsx,.gz" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="contacts-file" />}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={!file || sent !== null} data-testid="contacts-upload-go">{t('outreachContacts.upload')}</button>
      </form>
      {sent ? <progress max={100} value={pct(sent.sent, sent.total)} aria-label={t('outreachContacts.sending')} /> : null}
      {j && (j.status === 'queued' || j.status === 'running') ? (
        <p className="small" role="status" data-testid="contacts-import-progress">
          {tDynamic(t, `outreachContacts.phase.${j.progress?.phase ?? 'queued'}`, j.progress?.phase ?? '')}{' '}
          {j.progress && j.progress.total ? `${fmt.number(j.progress.done)} / ${fmt.number(j.progress.total)}` : ''}
          <progress max={100} value={j.progress ? pct(j.progress.done, j.progress.total) : 0} />
        </p>
      ) : null}
      {j?.status === 'done' && j.summary ? (
        <p role="status" data-testid="contacts-import-done">
          {t('outreachContacts.done', { rows: fmt.number(j.rows), inserted: fmt.number(j.summary.inserted), updated: fmt.number(j.summary.updated) })}
          {j.summary.keptElsewhere ? ` ${t('outreachContacts.keptElsewhere', { count: j.summary.keptElsewhere })}` : ''}
        </p>
      ) : null}
      {j?.status === 'failed' ? (
        <div className="notice notice-error" role="alert" data-testid="contacts-import-failed">
          <p>{j.message}</p>
          <ul className="problems">
            {j.problems.map((p, i) => <li key={i} className="mono small">{`${j.fileName}:${p.line ?? ''}: ${p.field}: ${p.message}`}</li>)}
          </ul>
        </div>
      ) : null}
      <ProblemNotice error={error} />
    </section>
  );
}
