// Recent imports, newest first: this workspace's uploads within the user's scope and the operator's
// command-line imports. Choosing one shows it above.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { tDynamic } from '../../i18n/dynamic.ts';
import { importsApi, type ImportItem } from './api.ts';

export function RecentImports({ selected, onSelect }: { selected: number | null; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['imports'],
    queryFn: importsApi.list,
    // While something is on its way, the list follows it too.
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.status === 'queued' || i.status === 'running') ? 2000 : false),
  });
  return (
    <section className="section" aria-labelledby="imports-recent-h">
      <h2 id="imports-recent-h">{t('imports.recent')}</h2>
      <QueryGate query={q}>{() => (q.data!.items.length
        ? <ImportTable items={q.data!.items} selected={selected} onSelect={onSelect} />
        : <p className="muted" data-testid="imports-none">{t('imports.none')}</p>)}
      </QueryGate>
    </section>
  );
}

function ImportTable({ items, selected, onSelect }: { items: ImportItem[]; selected: number | null; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="table-scroll">
      <table className="table table-cards imports-table" data-testid="imports-table">
        <thead>
          <tr>
            <th scope="col">{t('imports.fileCol')}</th>
            <th scope="col">{t('imports.kindCol')}</th>
            <th scope="col">{t('imports.statusCol')}</th>
            <th scope="col">{t('imports.elections')}</th>
            <th scope="col" className="num">{t('imports.rows')}</th>
            <th scope="col">{t('imports.when')}</th>
            <th scope="col">{t('imports.by')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid={`import-row-${i.id}`} className={selected === i.id ? 'is-selected' : undefined} aria-current={selected === i.id || undefined}>
              <th scope="row" data-label={t('imports.fileCol')} className="break">
                <button type="button" className="linklike" onClick={() => onSelect(i.id)} aria-label={t('imports.showNamed', { file: i.fileName })}>{i.fileName}</button>
              </th>
              <td data-label={t('imports.kindCol')}>{tDynamic(t, `imports.kinds.${i.kind}`, i.kind)}</td>
              <td data-label={t('imports.statusCol')}>
                <span className="imports-status-cell">
                  <span className={`badge imports-status imports-status-${i.status}`}>{tDynamic(t, `imports.status.${i.status}`, i.status)}</span>
                  {i.warningCount ? <span className="muted small">{t('imports.warningsShort', { n: fmt.number(i.warningCount) })}</span> : null}
                  {i.problemCount ? <span className="muted small">{t('imports.problemsShort', { n: fmt.number(i.problemCount) })}</span> : null}
                </span>
              </td>
              <td data-label={t('imports.elections')} className="break">{i.electionIds.join(', ') || '—'}</td>
              <td data-label={t('imports.rows')} className="num">{i.status === 'done' ? fmt.number(i.rows) : '—'}</td>
              <td data-label={t('imports.when')}>{fmt.dateTime(i.startedAt)}</td>
              <td data-label={t('imports.by')} className="break">{i.importedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
