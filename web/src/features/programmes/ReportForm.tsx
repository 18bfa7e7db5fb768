// The report a unit sends from a phone: a count (or just "done"), a note, photos shrunk on the phone,
// and where it was taken if the user allows it. One request, so a report is never half-sent.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, ProblemNotice, fieldError } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { PROG, progApi, shrinkPhoto, type ReportInput, type TaskDetail } from './api.ts';

export function ReportForm({ task, unitId }: { task: TaskDetail; unitId: number }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<ReportInput['evidence']>([]);
  const [where, setWhere] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [sent, setSent] = useState(false);
  const [fileKey, setFileKey] = useState(0); // a new input after sending: the old one would still name the sent files
  const send = useMutation({
    mutationFn: () => progApi.report(task.id, { unitId, value: value === '' ? null : Number(value), note: note || null, lat: where?.lat ?? null, lng: where?.lng ?? null, evidence: files }),
    onSuccess: () => { setValue(''); setNote(''); setFiles([]); setFileKey((k) => k + 1); setSent(true); void qc.invalidateQueries({ queryKey: [PROG] }); },
  });
  const pick = async (list: FileList | null) => {
    const chosen = [...(list ?? [])].slice(0, 4 - files.length);
    setFiles([...files, ...(await Promise.all(chosen.map(shrinkPhoto)))]);
  };
  const locate = () => {
    setLocating(true);
    navigator.geolocation?.getCurrentPosition((pos) => { setWhere({ lat: pos.coords.latitude, lng: pos.coords.longitude }); setLocating(false); }, () => setLocating(false), { timeout: 10_000 });
  };
  const submit = (e: FormEvent) => { e.preventDefault(); setSent(false); send.mutate(); };
  const label = task.metric === 'reported' ? ((i18n.language === 'hi' && task.unitLabelHi) || task.unitLabel) : null;
  return (
    <section className="card section">
      <h2 className="sub-h">{task.kind === 'drive' ? t('prog.reportDrive') : t('prog.report')}</h2>
      <form className="report-form" onSubmit={submit} data-testid="report-form">
        {task.metric === 'reported' ? (
          <Field label={t('prog.howMany', { what: label })} error={fieldError(send.error, 'value')}>
            {(p) => <input {...p} type="number" min={0} inputMode="numeric" required value={value} onChange={(e) => setValue(e.target.value)} data-testid="report-value" />}
          </Field>) : null}
        <Field label={t('prog.note')} error={fieldError(send.error, 'note')}>
          {(p) => <textarea {...p} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="report-note" />}
        </Field>
        <Field label={task.evidenceRequired ? t('prog.evidenceNeeded') : t('prog.evidence')} hint={t('prog.evidenceHint')} error={fieldError(send.error, 'evidence') ?? fieldError(send.error, 'evidence.0.mime')}>
          {(p) => <input {...p} key={fileKey} type="file" accept="image/*,application/pdf" capture="environment" multiple onChange={(e) => void pick(e.target.files)} data-testid="report-file" />}
        </Field>
        {files.length ? <p className="small" data-testid="report-files">{files.map((f) => f.fileName).join(', ')}</p> : null}
        <div className="input-row">
          <button type="button" className="btn" onClick={locate} disabled={locating} data-testid="report-locate">{where ? t('prog.located') : locating ? t('prog.locating') : t('prog.addLocation')}</button>
        </div>
        <ProblemNotice error={send.error} testId="report-error" />
        {sent ? <p className="notice notice-ok" role="status" data-testid="report-sent">{t('prog.sent')}</p> : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={send.isPending} data-testid="report-send">{send.isPending ? t('prog.sending') : t('prog.send')}</button>
      </form>
    </section>
  );
}

export function ReportsFeed({ taskId, unitId }: { taskId: number; unitId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reports = useQuery({ queryKey: [PROG, 'reports', taskId, unitId], queryFn: () => progApi.reports(taskId, unitId) });
  const items = reports.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="section" data-testid="reports-feed">
      <h2 className="sub-h">{t('prog.latestReports')}</h2>
      <ul className="activity">
        {items.map((r) => (
          <li key={r.id}>
            <span className="activity-what"><strong>{r.unitName}</strong> · {fmt.number(r.value)} · {fmt.dateTime(r.at)}</span>
            {r.note ? <span>{r.note}</span> : null}
            {r.evidence.length ? (
              <span className="evidence-strip">
                {r.evidence.map((e) => e.kind === 'photo'
                  ? <a key={e.id} href={`/api/evidence/${e.id}`} target="_blank" rel="noreferrer"><img src={`/api/evidence/${e.id}`} alt={e.fileName} loading="lazy" /></a>
                  : <a key={e.id} href={`/api/evidence/${e.id}`}>{e.fileName}</a>)}
              </span>) : null}
          </li>))}
      </ul>
    </section>
  );
}
