// Imports: upload a results, booth or boundary file; watch it upload, then import; read its summary
// or its problems; see recent imports; edit party aliases and successions. The import shown is in the
// address (?import=ID), so a reload or a shared link comes back to it.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../components/ui.tsx';
import { ImportResult } from './ImportResult.tsx';
import { PartyData } from './PartyData.tsx';
import { RecentImports } from './RecentImports.tsx';
import { UploadForm } from './UploadForm.tsx';
import './imports.css';

export default function ImportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('import')) || null;
  const qc = useQueryClient();
  const select = (id: number) => setParams((p) => { p.set('import', String(id)); return p; });
  const queued = (id: number) => { select(id); void qc.invalidateQueries({ queryKey: ['imports'] }); };
  return (
    <div className="imports-page" data-testid="imports-page">
      <PageHeading testId="imports">{t('imports.title')}</PageHeading>
      <p className="imports-intro">{t('imports.intro')}</p>
      <p className="notice imports-shared" data-testid="imports-shared">
        <strong>{t('imports.sharedTitle')}</strong> {t('imports.shared')}
      </p>
      <div className="imports-top">
        <UploadForm onQueued={queued} />
        {selected ? <ImportResult key={selected} id={selected} /> : null}
      </div>
      <RecentImports selected={selected} onSelect={select} />
      <PartyData />
    </div>
  );
}
