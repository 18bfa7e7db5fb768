// Tours (pravas): one navigation entry with two tabs — the plan (a list by leader, or a month
// calendar that becomes a list by day on a phone) and coverage of seats — and a page per tour.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { Loading } from '../../components/ui.tsx';
import { can, useSignedIn } from '../../session.ts';
import ToursPage from './ToursPage.tsx';
import './tours.css';

const TourPage = lazy(() => import('./TourPage.tsx'));
const CoveragePage = lazy(() => import('./CoveragePage.tsx'));

function TourTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const coverage = pathname.startsWith('/tours/coverage');
  const tabs = [
    { key: 'plan' as const, to: '/tours', show: true, active: !coverage },
    { key: 'coverage' as const, to: '/tours/coverage', show: can(useSignedIn(), 'elections.read'), active: coverage },
  ];
  return (
    <nav className="org-tabs" aria-label={t('tours.tabsLabel')}>
      <ul>
        {tabs.filter((x) => x.show).map((x) => (
          <li key={x.key}>
            <Link to={x.to} className="org-tab" aria-current={x.active ? 'page' : undefined} data-testid={`tours-tab-${x.key}`}>{t(`tours.tab.${x.key}`)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export default function ToursModule() {
  return (
    <div className="tours-module">
      <TourTabs />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<ToursPage />} />
          <Route path="coverage" element={<CoveragePage />} />
          <Route path=":tourId" element={<TourPage />} />
        </Routes>
      </Suspense>
    </div>
  );
}
