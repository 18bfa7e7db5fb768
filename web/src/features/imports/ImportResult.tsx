// One import: its progress while it waits or runs (polled), then what it imported — elections, seats,
// winners, links to the seats — or, when the file was refused, every problem as file:line, field and
// message, with the plain statement that nothing was written.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { tDynamic } from '../../i18n/dynamic.ts';
import { importsApi, type ImportDetail } from './api.ts';

const isActive = (s: ImportDetail['status'] | undefined) => s === 'queued' || s === 'running';

export function ImportResult({ id }: { id: number }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['import', id],
    queryFn: () => importsApi.get(id),
    refetchInterval: (query) => (isActive(query.state.data?.status) ? 700 : false),
  });
  const status = q.data?.status;
  const was = useRef<typeof status | 'unseen'>('unseen');
  useEffect(() => {
    // Once it has ended (or is first seen ended), lists and pages that show elections read them again.
    if (status && !isActive(status) && (was.current === 'unseen' || isActive(was.current))) {
      void qc.invalidateQueries({ queryKey: ['imports'] });
      void qc.invalidateQueries({ queryKey: ['elections'] });
      void qc.invalidateQueries({ queryKey: ['home'] });
    }
    was.current = status;
  }, [status, qc]);
  return (
    <section className="card imports-result" aria-labelledby="import-result-h" data-testid="import-result" data-status={status}>
      <QueryGate query={q}>{() => <Outcome imp={q.data!} />}</QueryGate>
    </section>
  );
}

function Outcome({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const ended = !isActive(imp.status);
  useEffect(() => { if (ended) heading.current?.focus(); }, [ended]);
  const title = imp.status === 'done' ? t('imports.doneTitle', { file: imp.fileName })
    : imp.status === 'failed' ? t('imports.failedTitle', { file: imp.fileName })
      : t('imports.runningTitle', { file: imp.fileName });
  return (
    <>
      <h2 id="import-result-h" ref={heading} tabIndex={-1} className="imports-result-h">
        <span className={`badge imports-status imports-status-${imp.status}`} data-testid="import-status">{tDynamic(t, `imports.status.${imp.status}`, imp.status)}</span>{' '}
        <span className="break">{title}</span>
      </h2>
      {isActive(imp.status) ? <Running imp={imp} /> : imp.status === 'done' ? <Done imp={imp} /> : <Failed imp={imp} />}
    </>
  );
}

function Running({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = imp.progress ?? { phase: imp.status, done: 0, total: 0 };
  const pct = p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  const counted = p.phase === 'writing';
  const text = `${tDynamic(t, `imports.phases.${p.phase}`, p.phase)}: ${counted ? t('imports.progressCount', { done: fmt.number(p.done), total: fmt.number(p.total) }) : `${pct}%`}`;
  return (
    <div aria-live="polite" data-testid="import-progress">
      <div className="progress" role="progressbar" aria-label={t('imports.importLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={text}>
        <span className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="muted small">{text}</p>
      <p className="muted small">{t('imports.leaveHint')}</p>
    </div>
  );
}

function Done({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const details = Object.entries(imp.details);
  return (
    <div data-testid="import-summary">
      <p>{imp.kind === 'boundaries'
        ? t('imports.doneBodyBoundaries', { format: tDynamic(t, `imports.formats.${imp.format}`, imp.format) })
        : t('imports.doneBody', { rows: fmt.number(imp.rows), format: tDynamic(t, `imports.formats.${imp.format}`, imp.format) })}</p>
      {imp.elections.length ? (
        <ul className="imports-elections">
          {imp.elections.map((e) => (
            <li key={e.id} data-testid={`import-election-${e.id}`}>
              <p className="imports-election-head">
                <strong>{e.id}</strong>
                {e.seats !== null ? <span>{t(imp.kind === 'booths' ? 'imports.acsCount' : 'imports.seatsCount', { n: fmt.number(e.seats) })}</span> : null}
              </p>
              {e.winners.length ? (
                <p className="imports-winners">
                  <span className="muted">{imp.kind === 'booths' ? t('imports.boothsLed') : t('imports.winners')}</span>{' '}
                  {e.winners.map((w) => <span key={w.party} className="imports-winner"><strong>{w.party}</strong> {fmt.number(w.seats)}</span>)}
                </p>
              ) : null}
              <Link to={`/seats?election=${encodeURIComponent(e.id)}`} data-testid={`import-open-seats-${e.id}`}>{t('imports.openSeats', { election: e.id })}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {details.length ? (
        <dl className="imports-details">
          {details.map(([k, v]) => (
            <div key={k}><dt>{tDynamic(t, `imports.details.${k}`, k)}</dt><dd>{fmt.number(v)}</dd></div>
          ))}
        </dl>
      ) : null}
      {imp.kind === 'boundaries' ? <p><Link to="/seats?tab=map" data-testid="import-open-map">{t('imports.openMap')}</Link></p> : null}
      <Warnings warnings={imp.warnings} />
    </div>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <details className="imports-warnings" open={warnings.length <= 5 || undefined} data-testid="import-warnings">
      <summary>{t('imports.warnings', { n: warnings.length })}</summary>
      <p className="muted small">{t('imports.warningsHint')}</p>
      <ul>{warnings.map((w, i) => <li key={i} className="break">{w}</li>)}</ul>
    </details>
  );
}

function Failed({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const more = imp.problemCount - imp.problems.length;
  return (
    <div data-testid="import-problems">
      <p className="notice notice-error imports-nothing" role="alert">
        <strong>{t('imports.nothingWrittenLead')}</strong> {t('imports.nothingWritten')}
      </p>
      {imp.message && !imp.problems.length ? <p className="muted small">{imp.message}</p> : null}
      {imp.problems.length ? (
        <>
          <h3>{t('imports.problemsTitle', { n: imp.problemCount })}</h3>
          <table className="table table-cards imports-problems">
            <thead>
              <tr><th scope="col">{t('imports.where')}</th><th scope="col">{t('imports.field')}</th><th scope="col">{t('imports.problem')}</th></tr>
            </thead>
            <tbody>
              {imp.problems.map((p, i) => (
                <tr key={i} data-testid="import-problem">
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
