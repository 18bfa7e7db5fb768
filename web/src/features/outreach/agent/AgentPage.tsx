// (to be built) — a heading for now, so the navigation works.
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/ui.tsx';

export default function AgentPage() {
  const { t } = useTranslation();
  return <PageHeading testId="outreach">{t('nav.outreach')}</PageHeading>;
}
