// Imports: upload a results, booth or boundary file; watch it upload, then import; read its summary
// or its problems; see recent imports; edit party aliases and successions. The import shown is in the
// address (?import=ID), so a reload or a shared link comes back to it.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../components/ui.tsx';
import { can, useSignedIn } from '../../session.ts';
import { OrgImports } from './OrgImports.tsx';
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
  // Two choices: election data (elections.import) and the organisation's bulk files (org.import).
  const session = useSignedIn();
  const mayElections = can(session, 'elections.import');
  const mayOrg = can(session, 'org.import');
  const section = !mayElections || (mayOrg && params.get('section') === 'org') ? 'org' : 'elections';
  const choose = (s: string) => setParams((p) => { p.set('section', s); p.delete('import'); return p; });
  const choice = mayElections && mayOrg ? (
    <div className="segmented imports-sections" role="group" aria-label={t('orgImports.sections')}>
      <button type="button" className={`btn${section === 'elections' ? ' is-on' : ''}`} aria-pressed={section === 'elections'} onClick={() => choose('elections')} data-testid="imports-section-elections">{t('orgImports.electionsSection')}</button>
      <button type="button" className={`btn${section === 'org' ? ' is-on' : ''}`} aria-pressed={section === 'org'} onClick={() => choose('org')} data-testid="imports-section-org">{t('orgImports.orgSection')}</button>
    </div>
  ) : null;
  if (section === 'org') {
    return (
      <div className="imports-page" data-testid="imports-page">
        <PageHeading testId="imports">{t('imports.title')}</PageHeading>
        {choice}
        <OrgImports />
      </div>
    );
  }
  return (
    <div className="imports-page" data-testid="imports-page">
      <PageHeading testId="imports">{t('imports.title')}</PageHeading>
      {choice}
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
