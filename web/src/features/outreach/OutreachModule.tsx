// Call centres (outreach): one navigation entry. An agent lands on the calling screen; a manager on
// the campaigns, each with its live dashboard. The agent screen and the dashboard load on demand, so a
// caller's cheap phone never downloads the charts.
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Loading } from '../../components/ui.tsx';
import { can, useSignedIn } from '../../session.ts';

const AgentPage = lazy(() => import('./agent/AgentPage.tsx'));
const CampaignsPage = lazy(() => import('./dashboard/CampaignsPage.tsx'));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx'));
const ContactsPage = lazy(() => import('./contacts/ContactsPage.tsx'));

export default function OutreachModule() {
  const manager = can(useSignedIn(), 'outreach.manage');
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={manager ? <CampaignsPage /> : <Navigate to="call" replace />} />
        <Route path="call" element={<AgentPage />} />
        <Route path="contacts" element={manager ? <ContactsPage /> : <Navigate to="/outreach/call" replace />} />
        <Route path="campaigns/:campaignId" element={manager ? <DashboardPage /> : <Navigate to="/outreach/call" replace />} />
      </Routes>
    </Suspense>
  );
}
