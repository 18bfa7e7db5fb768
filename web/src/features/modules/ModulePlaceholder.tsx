// Modules that have not arrived yet say what they will do, and that they are not built. No fake data.
import { useTranslation } from 'react-i18next';
import { EmptyState, PageHeading } from '../../components/ui.tsx';

export type PlannedModule = 'seats' | 'projection' | 'programmes' | 'review' | 'outreach';

export default function ModulePlaceholder({ module }: { module: PlannedModule }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading testId={module}>{t(`nav.${module}`)}</PageHeading>
      <EmptyState title={t('modules.notBuilt')} testId={`module-empty-${module}`}>
        <p>{t(`modules.${module}`)}</p>
        <p className="muted">{t('modules.notBuiltBody')}</p>
      </EmptyState>
    </>
  );
}
