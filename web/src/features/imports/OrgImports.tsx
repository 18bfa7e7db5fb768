// The Imports page's Organisation choice: upload a units, people or designations file (CSV or XLSX),
// watch it go up and then import (polled), read what it created, updated and left unchanged or every
// problem as file:line, field and message; and export each kind in the same formats.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { tDynamic } from '../../i18n/dynamic.ts';
import { ORG_KINDS, orgImportsApi, uploadOrgFile, type OrgImport, type OrgKind } from './org-api.ts';
import { megabytes } from './UploadForm.tsx';

const isActive = (s: OrgImport['status'] | undefined) => s === 'queued' || s === 'running';

export function OrgImports() {
  const [id, setId] = useState<number | null>(null);
  return (
    <div className="imports-top" data-testid="org-imports">
      <OrgUpload onQueued={setId} />
      {id ? <OrgResult key={id} id={id} /> : null}
      <OrgExports />
    </div>
  );
}

function OrgUpload({ onQueued }: { onQueued: (id: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [kind, setKind] = useState<OrgKind>('units');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<(() => void) | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = sent !== null;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setError(null);
    setSent({ sent: 0, total: file.size });
    const up = uploadOrgFile(file, kind, (s, total) => setSent({ sent: s, total }));
    abort.current = up.abort;
    try {
      const { id } = await up.done;
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onQueued(id);
    } catch (err) {
      if (!(err instanceof Error && err.message === 'aborted')) setError(err);
    } finally {
      abort.current = null;
      setSent(null);
    }
  };
  const pct = sent && sent.total ? Math.min(100, Math.round((sent.sent / sent.total) * 100)) : 0;
  return (
    <section className="card imports-upload" aria-labelledby="org-upload-h">
      <h2 id="org-upload-h">{t('orgImports.upload')}</h2>
      <p className="muted small">{t('orgImports.intro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="org-import-form">
        <fieldset className="imports-kinds" disabled={busy}>
          <legend>{t('imports.kind')}</legend>
          {ORG_KINDS.map((k) => (
            <label key={k} className={`imports-kind${kind === k ? ' is-on' : ''}`}>
              <input type="radio" name="org-import-kind" value={k} checked={kind === k} data-testid={`org-import-kind-${k}`} onChange={() => setKind(k)} />
              <span>
                <span className="imports-kind-name">{tDynamic(t, `orgImports.kinds.${k}`, k)}</span>
                <span className="imports-kind-hint">{tDynamic(t, `orgImports.kindHints.${k}`, '')}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field label={t('imports.file')} hint={t('orgImports.fileHint')} className="imports-file">
          {(p) => <input {...p} ref={fileInput} type="file" disabled={busy} data-testid="org-import-file" accept=".csv,.gz,.txt,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <div className="form-actions imports-actions">
          <button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="org-import-submit">{t('imports.submit')}</button>
          {busy ? <button type="button" className="btn" onClick={() => abort.current?.()}>{t('imports.cancel')}</button> : null}
        </div>
      </form>
      {sent ? (
        <div className="imports-progress" aria-live="polite">
          <div className="progress" role="progressbar" aria-label={t('imports.uploadLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <span className="progress-bar" style={{ width: `${pct}%` }} />
          </div>
          <p className="muted small">{t('imports.uploading', { pct, sent: megabytes(sent.sent, fmt), total: megabytes(sent.total, fmt) })}</p>
        </div>
      ) : null}
      <ProblemNotice error={error} testId="org-import-error" />
    </section>
  );
}

function OrgResult({ id }: { id: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['org-import', id],
    queryFn: () => orgImportsApi.get(id),
    refetchInterval: (query) => (isActive(query.state.data?.status) ? 700 : false),
  });
  const status = q.data?.status;
  useEffect(() => {
    if (status === 'done') void qc.invalidateQueries({ queryKey: ['org'] });
  }, [status, qc]);
  return (
    <section className="card imports-result" aria-labelledby="org-result-h" data-testid="org-import-result" data-status={status}>
      <QueryGate query={q}>{() => {
        const imp = q.data!;
        const title = imp.status === 'done' ? t('imports.doneTitle', { file: imp.fileName })
          : imp.status === 'failed' ? t('imports.failedTitle', { file: imp.fileName }) : t('imports.runningTitle', { file: imp.fileName });
        return (
          <>
            <h2 id="org-result-h" className="imports-result-h">
              <span className={`badge imports-status imports-status-${imp.status}`}>{tDynamic(t, `imports.status.${imp.status}`, imp.status)}</span>{' '}
              <span className="break">{title}</span>
            </h2>
            {isActive(imp.status) ? <Running imp={imp} /> : imp.status === 'done' ? <Done imp={imp} /> : <Failed imp={imp} />}
          </>
        );
      }}</QueryGate>
    </section>
  );
}

function Running({ imp }: { imp: OrgImport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = imp.progress ?? { phase: imp.status, done: 0, total: 0 };
  const pct = p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  const text = `${tDynamic(t, `orgImports.phases.${p.phase}`, p.phase)}: ${p.phase === 'writing' ? t('imports.progressCount', { done: fmt.number(p.done), total: fmt.number(p.total) }) : `${pct}%`}`;
  return (
    <div aria-live="polite" data-testid="org-import-progress">
      <div className="progress" role="progressbar" aria-label={t('imports.importLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={text}>
        <span className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="muted small">{text}</p>
    </div>
  );
}

function Done({ imp }: { imp: OrgImport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <dl className="imports-details" data-testid="org-import-summary">
      {imp.counts.flatMap((c) => (['created', 'updated', 'unchanged', 'replaced'] as const).filter((k) => c[k] !== undefined).map((k) => (
        <div key={`${c.kind}-${k}`}><dt>{tDynamic(t, `orgImports.counts.${k}`, k)}</dt><dd data-testid={`org-import-${k}`}>{fmt.number(c[k] ?? 0)}</dd></div>
      )))}
    </dl>
  );
}

function Failed({ imp }: { imp: OrgImport }) {
  const { t } = useTranslation();
  const more = imp.problemCount - imp.problems.length;
  return (
    <div data-testid="org-import-problems">
      <p className="notice notice-error imports-nothing" role="alert"><strong>{t('imports.nothingWrittenLead')}</strong> {t('imports.nothingWritten')}</p>
      {imp.message && !imp.problems.length ? <p className="muted small">{imp.message}</p> : null}
      {imp.problems.length ? (
        <>
          <h3>{t('imports.problemsTitle', { n: imp.problemCount })}</h3>
          <table className="table table-cards imports-problems">
            <thead><tr><th scope="col">{t('imports.where')}</th><th scope="col">{t('imports.field')}</th><th scope="col">{t('imports.problem')}</th></tr></thead>
            <tbody>
              {imp.problems.map((p, i) => (
                <tr key={i} data-testid="org-import-problem">
                  <td data-label={t('imports.where')} className="mono break">{p.file}{p.line !== null ? `:${p.line}` : ''}</td>
                  <td data-label={t('imports.field')} className="mono break">{p.field}</td>
                  <td data-label={t('imports.problem')} className="break">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 ? <p className="muted">{t('imports.moreProblems', { n: more })}</p> : null}
        </>
      ) : null}
    </div>
  );
}

function OrgExports() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="org-export-h" data-testid="org-exports">
      <h2 id="org-export-h">{t('orgImports.export')}</h2>
      <p className="muted small">{t('orgImports.exportHint')}</p>
      <ul className="imports-exports">
        {ORG_KINDS.map((k) => (
          <li key={k}>
            <strong>{tDynamic(t, `orgImports.kinds.${k}`, k)}</strong>{' '}
            <a className="btn btn-small" href={orgImportsApi.exportUrl(k, 'csv')} download data-testid={`org-export-${k}-csv`}>CSV</a>{' '}
            <a className="btn btn-small" href={orgImportsApi.exportUrl(k, 'xlsx')} download data-testid={`org-export-${k}-xlsx`}>XLSX</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
