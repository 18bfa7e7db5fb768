// The organisation module: one navigation entry, tabs inside it, and its own routes below
// /organisation (the tree, a unit's committee, the phone-first booth page, people, duplicates,
// representatives, inductees, weak booths in winnable seats, and the settings for org.configure).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { Loading } from '../../components/ui.tsx';
import { can, useSignedIn } from '../../session.ts';
import TreePage from './TreePage.tsx';

const UnitPage = lazy(() => import('./UnitPage.tsx'));
const BoothPage = lazy(() => import('./BoothPage.tsx'));
const PeoplePage = lazy(() => import('./PeoplePage.tsx'));
const PersonPage = lazy(() => import('./PersonPage.tsx'));
const DuplicatesPage = lazy(() => import('./DuplicatesPage.tsx'));
const RepresentativesPage = lazy(() => import('./RepresentativesPage.tsx'));
const InducteesPage = lazy(() => import('./InducteesPage.tsx'));
const WeakBoothsPage = lazy(() => import('./WeakBoothsPage.tsx'));
const SettingsPage = lazy(() => import('./SettingsPage.tsx'));

type TabKey = 'tree' | 'people' | 'duplicates' | 'representatives' | 'inductees' | 'weak' | 'settings';

function OrgTabs() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { pathname } = useLocation();
  const write = can(session, 'org.write');
  const tabs: { key: TabKey; to: string; show: boolean; active: boolean }[] = [
    { key: 'tree', to: '/organisation', show: true, active: !/^\/organisation\/(people|duplicates|representatives|inductees|weak-booths|settings)/.test(pathname) },
    { key: 'people', to: '/organisation/people', show: can(session, 'org.read'), active: pathname.startsWith('/organisation/people') },
    { key: 'duplicates', to: '/organisation/duplicates', show: write, active: pathname.startsWith('/organisation/duplicates') },
    { key: 'representatives', to: '/organisation/representatives', show: can(session, 'org.read'), active: pathname.startsWith('/organisation/representatives') },
    { key: 'inductees', to: '/organisation/inductees', show: can(session, 'org.read'), active: pathname.startsWith('/organisation/inductees') },
    { key: 'weak', to: '/organisation/weak-booths', show: can(session, 'org.read') && can(session, 'elections.read'), active: pathname.startsWith('/organisation/weak-booths') },
    { key: 'settings', to: '/organisation/settings', show: can(session, 'org.configure'), active: pathname.startsWith('/organisation/settings') },
  ];
  return (
    <nav className="org-tabs" aria-label={t('org.tabsLabel')}>
      <ul>
        {tabs.filter((x) => x.show).map((x) => (
          <li key={x.key}>
            <Link to={x.to} className="org-tab" aria-current={x.active ? 'page' : undefined} data-testid={`org-tab-${x.key}`}>
              {t(`org.tab.${x.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export default function OrganisationPage() {
  return (
    <div className="org-module">
      <OrgTabs />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<TreePage />} />
          <Route path="units/:unitId" element={<UnitPage />} />
          <Route path="booths/:unitId" element={<BoothPage />} />
          <Route path="people" element={<PeoplePage />} />
          <Route path="people/:personId" element={<PersonPage />} />
          <Route path="duplicates" element={<DuplicatesPage />} />
          <Route path="representatives" element={<RepresentativesPage />} />
          <Route path="inductees" element={<InducteesPage />} />
          <Route path="weak-booths" element={<WeakBoothsPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path=":unitId" element={<TreePage />} />
        </Routes>
      </Suspense>
    </div>
  );
}
