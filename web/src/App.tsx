import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { EmptyState, Loading, PageHeading } from './components/ui.tsx';
import { LoginPage } from './features/login/LoginPage.tsx';
import { changeLocale, currentLocale } from './i18n/index.ts';
import { can, SignedInContext, useSession, useSignedIn } from './session.ts';
import { Layout } from './shell/Layout.tsx';
import { navItem, type NavKey } from './shell/nav.ts';

// Pages load on demand: the first paint on a phone only needs the shell and the sign-in form.
const HomePage = lazy(() => import('./features/home/HomePage.tsx'));
const OrganisationPage = lazy(() => import('./features/organisation/OrganisationPage.tsx'));
const UsersPage = lazy(() => import('./features/admin/UsersPage.tsx'));
const AuditPage = lazy(() => import('./features/admin/AuditPage.tsx'));
const TokensPage = lazy(() => import('./features/admin/TokensPage.tsx'));
const OutreachModule = lazy(() => import('./features/outreach/OutreachModule.tsx'));
const SeatsPage = lazy(() => import('./features/seats/SeatsPage.tsx'));
const ConstituencyPage = lazy(() => import('./features/seats/ConstituencyPage.tsx'));
const ImportsPage = lazy(() => import('./features/imports/ImportsPage.tsx'));
const ScenarioPage = lazy(() => import('./features/scenario/ScenarioPage.tsx'));
const ProgrammesPage = lazy(() => import('./features/programmes/ProgrammesPage.tsx'));
const NotificationsPage = lazy(() => import('./features/programmes/NotificationsPage.tsx'));
const ReviewPage = lazy(() => import('./features/review/ReviewPage.tsx'));
const EventsPage = lazy(() => import('./features/events/EventsPage.tsx'));
const EventPage = lazy(() => import('./features/events/EventPage.tsx'));
const ToursModule = lazy(() => import('./features/tours/ToursModule.tsx'));
const RsvpPage = lazy(() => import('./features/events/RsvpPage.tsx'));

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading testId="not-allowed">{t('common.notAllowedTitle')}</PageHeading>
      <p>{t('common.notAllowedBody')}</p>
    </>
  );
}

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading testId="not-found">{t('common.notFoundTitle')}</PageHeading>
      <p>{t('common.notFoundBody')}</p>
    </>
  );
}

/** Opens a page only for sessions whose permissions show its navigation entry. */
function Guard({ page, children }: { page: NavKey; children: ReactNode }) {
  const session = useSignedIn();
  if (!can(session, ...navItem(page).anyOf)) return <NotAllowed />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Signed-out visitors go to /login and come back to where they were going. */
function RequireSession() {
  const { t } = useTranslation();
  const { data: session, isPending, error, refetch } = useSession();
  const location = useLocation();
  const syncedFor = useRef<string | null>(null);

  // The account's language wins when a session is picked up (page load, another tab's sign-in).
  useEffect(() => {
    if (!session || syncedFor.current === session.user.id) return;
    syncedFor.current = session.user.id;
    if (session.user.locale !== currentLocale()) changeLocale(session.user.locale, true);
  }, [session]);

  if (isPending) return <div className="page-center"><Loading /></div>;
  if (error) {
    return (
      <div className="page-center">
        <EmptyState title={t('common.serverUnreachable')}>
          <button type="button" className="btn" onClick={() => void refetch()}>{t('common.retry')}</button>
        </EmptyState>
      </div>
    );
  }
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <SignedInContext.Provider value={session}><Layout /></SignedInContext.Provider>;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/rsvp/:token" element={<Suspense fallback={<Loading />}><RsvpPage /></Suspense>} />
      <Route element={<RequireSession />}>
        <Route index element={<Guard page="home"><HomePage /></Guard>} />
        <Route path="seats" element={<Guard page="seats"><SeatsPage /></Guard>} />
        <Route path="seats/:stateCode/:house/:no" element={<Guard page="seats"><ConstituencyPage /></Guard>} />
        <Route path="scenario" element={<Guard page="projection"><ScenarioPage /></Guard>} />
        <Route path="projection" element={<Navigate to="/scenario" replace />} />
        {/* The organisation module routes below /organisation itself (tree, units, booths, people, …). */}
        <Route path="organisation/*" element={<Guard page="organisation"><OrganisationPage /></Guard>} />
        <Route path="programmes/*" element={<Guard page="programmes"><ProgrammesPage /></Guard>} />
        <Route path="notifications" element={<NotificationsPage />} />
        {/* Tours route below /tours itself: the plan and calendar, coverage, a tour. */}
        <Route path="tours/*" element={<Guard page="tours"><ToursModule /></Guard>} />
        <Route path="events" element={<Guard page="events"><EventsPage /></Guard>} />
        <Route path="events/:eventId" element={<Guard page="events"><EventPage /></Guard>} />
        <Route path="review" element={<Guard page="review"><ReviewPage /></Guard>} />
        <Route path="outreach/*" element={<Guard page="outreach"><OutreachModule /></Guard>} />
        <Route path="admin/users" element={<Guard page="users"><UsersPage /></Guard>} />
        <Route path="admin/audit" element={<Guard page="audit"><AuditPage /></Guard>} />
        <Route path="admin/tokens" element={<Guard page="tokens"><TokensPage /></Guard>} />
        <Route path="imports" element={<Guard page="imports"><ImportsPage /></Guard>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
