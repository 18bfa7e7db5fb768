// The upload form: what the file holds, an optional forced format and the options a file without
// election, state or AC columns needs, the file, and a progress bar while its bytes go up.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { tDynamic } from '../../i18n/dynamic.ts';
import { FORMATS, uploadFile, type ImportKind } from './api.ts';

const KINDS: ImportKind[] = ['results', 'booths', 'boundaries'];

export function megabytes(bytes: number, fmt: ReturnType<typeof useFormat>): string {
  return bytes < 1024 * 1024 ? `${fmt.number(Math.ceil(bytes / 1024))} KB` : `${fmt.number(Math.round((bytes / 1024 ** 2) * 10) / 10)} MB`;
}

export function UploadForm({ onQueued }: { onQueued: (id: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [kind, setKind] = useState<ImportKind>('results');
  const [format, setFormat] = useState('');
  const [election, setElection] = useState('');
  const [state, setState] = useState('');
  const [ac, setAc] = useState('');
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
    const up = uploadFile(file, {
      kind, format: format || undefined, election: election.trim() || undefined, state: state.trim() || undefined,
      ac: kind === 'booths' && ac ? Number(ac) : undefined,
    }, (s, total) => setSent({ sent: s, total }));
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
  const electionHint = kind === 'results' ? t('imports.electionHintResults') : kind === 'booths' ? t('imports.electionHintBooths') : null;
  return (
    <section className="card imports-upload" aria-labelledby="imports-upload-h">
      <h2 id="imports-upload-h">{t('imports.upload')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="import-form">
        <fieldset className="imports-kinds" disabled={busy}>
          <legend>{t('imports.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} className={`imports-kind${kind === k ? ' is-on' : ''}`}>
              <input type="radio" name="import-kind" value={k} checked={kind === k} data-testid={`import-kind-${k}`}
                onChange={() => { setKind(k); setFormat(''); }} />
              <span>
                <span className="imports-kind-name">{tDynamic(t, `imports.kinds.${k}`, k)}</span>
                <span className="imports-kind-hint">{tDynamic(t, `imports.kindHints.${k}`, '')}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="form-grid imports-fields">
          <Field label={t('imports.file')} hint={t('imports.fileHint')} className="imports-file">
            {(p) => (
              <input {...p} ref={fileInput} type="file" disabled={busy} data-testid="import-file"
                accept={kind === 'boundaries' ? '.geojson,.topojson,.json,.gz' : '.csv,.gz,.txt'}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            )}
          </Field>
          <Field label={t('imports.format')} error={fieldError(error, 'format')}>
            {(p) => (
              <select {...p} value={format} disabled={busy} onChange={(e) => setFormat(e.target.value)} data-testid="import-format">
                <option value="">{t('imports.formatAuto')}</option>
                {FORMATS[kind].map((f) => <option key={f} value={f}>{tDynamic(t, `imports.formats.${f}`, f)}</option>)}
              </select>
            )}
          </Field>
        </div>
        {kind === 'boundaries' ? null : (
          <details className="imports-more" open={Boolean(election || state || ac) || undefined}>
            <summary>{t('imports.more')}</summary>
            <div className="form-grid">
              <Field label={t('imports.election')} hint={electionHint} error={fieldError(error, 'election')}>
                {(p) => <input {...p} type="text" value={election} disabled={busy} placeholder="LS-2019" onChange={(e) => setElection(e.target.value)} data-testid="import-election" />}
              </Field>
              <Field label={t('imports.state')} hint={t('imports.stateHint')} error={fieldError(error, 'state')}>
                {(p) => <input {...p} type="text" value={state} disabled={busy} onChange={(e) => setState(e.target.value)} data-testid="import-state" />}
              </Field>
              {kind === 'booths' ? (
                <Field label={t('imports.ac')} hint={t('imports.acHint')} error={fieldError(error, 'ac')}>
                  {(p) => <input {...p} type="number" min={1} max={999} inputMode="numeric" value={ac} disabled={busy} onChange={(e) => setAc(e.target.value)} data-testid="import-ac" />}
                </Field>
              ) : null}
            </div>
          </details>
        )}
        <div className="form-actions imports-actions">
          <button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="import-submit">{t('imports.submit')}</button>
          {busy ? <button type="button" className="btn" onClick={() => abort.current?.()} data-testid="import-cancel">{t('imports.cancel')}</button> : null}
        </div>
      </form>
      {sent ? (
        <div className="imports-progress" aria-live="polite" data-testid="upload-progress">
          <div className="progress" role="progressbar" aria-label={t('imports.uploadLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <span className="progress-bar" style={{ width: `${pct}%` }} />
          </div>
          <p className="muted small">{t('imports.uploading', { pct, sent: megabytes(sent.sent, fmt), total: megabytes(sent.total, fmt) })}</p>
        </div>
      ) : null}
      <ProblemNotice error={error} testId="import-error" />
    </section>
  );
}
