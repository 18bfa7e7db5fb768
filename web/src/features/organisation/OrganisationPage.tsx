import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { PageHeading } from '../../components/ui.tsx';
import { UnitBrowser } from './UnitBrowser.tsx';

const hrefFor = (id: Id | null) => (id == null ? '/organisation' : `/organisation/${encodeURIComponent(String(id))}`);

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { unitId } = useParams();
  return (
    <>
      <PageHeading testId="organisation">{t('nav.organisation')}</PageHeading>
      <p className="muted">{t('org.intro')}</p>
      <p className="notice" data-testid="org-coming">{t('org.comingNote')}</p>
      <UnitBrowser unitId={unitId ?? null} hrefFor={hrefFor} />
    </>
  );
}
