import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Home } from '../../api.ts';
import { Loading, PageHeading, QueryGate, StatTile } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { eventLabel } from '../../i18n/dynamic.ts';
import { useLocalName } from '../../i18n/index.ts';

// ECharts is the largest library here; it loads after the numbers are on screen.
const SeatsChart = lazy(() => import('./SeatsChart.tsx'));

function Counts({ home }: { home: Home }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const g = home.geography;
  return (
    <>
      <section aria-labelledby="geo-h" className="section">
        <h2 id="geo-h">{t('home.geography')}</h2>
        <div className="tiles">
          <StatTile label={t('home.states')} value={fmt.number(g.states)} testId="stat-states" />
          <StatTile label={t('home.pcs')} value={fmt.number(g.pcs)} testId="stat-pcs" />
          <StatTile label={t('home.acs')} value={fmt.number(g.acs)} testId="stat-acs" />
          <StatTile label={t('home.booths')} value={fmt.number(g.booths)} testId="stat-booths" />
        </div>
      </section>
      <section aria-labelledby="units-h" className="section">
        <h2 id="units-h">{t('home.organisation')}</h2>
        <div className="tiles">
          {home.units.map((u) => (
            <StatTile key={u.level} label={local(u.name, u.nameHi)} value={fmt.number(u.count)} testId={`stat-units-${u.level}`} />
          ))}
          <StatTile label={t('home.users')} value={fmt.number(home.users)} testId="stat-users" />
        </div>
        {home.units.length === 0 ? <p className="muted">{t('home.noUnits')}</p> : null}
      </section>
    </>
  );
}

function Recent({ home }: { home: Home }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby="recent-h" className="section">
      <h2 id="recent-h">{t('home.recent')}</h2>
      {home.recent.length === 0 ? (
        <p className="muted">{t('home.noRecent')}</p>
      ) : (
        <ol className="activity" data-testid="recent-activity">
          {home.recent.map((r, i) => (
            <li key={`${r.at}-${i}`}>
              <time dateTime={r.at}>{fmt.dateTime(r.at)}</time>
              <span className="activity-what">{eventLabel(t, r.type)}</span>
              <span className="muted">{r.actorLabel}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function HomeBody({ home }: { home: Home }) {
  const { t } = useTranslation();
  const local = useLocalName();
  return (
    <>
      <div className="home-meta">
        <p className="lead" data-testid="home-tenant">
          {local(home.tenant.name, home.tenant.nameHi)}
          {home.tenant.isDemo ? <span className="badge badge-demo">{t('header.demo')}</span> : null}
        </p>
        <p className="muted" data-testid="home-scope">
          <span>{t('home.scope')}: </span>
          {home.scope.length
            ? home.scope.map((s) => local(s.name, s.nameHi)).join(', ')
            : t('home.scopeNone')}
        </p>
        {home.tenant.isDemo ? <p className="notice">{t('home.demoNotice')}</p> : null}
      </div>
      <Counts home={home} />
      <section aria-labelledby="elections-h" className="section">
        <h2 id="elections-h">{t('home.elections')}</h2>
        {home.elections.length === 0 ? (
          <p className="muted">{t('home.noElections')}</p>
        ) : (
          <Suspense fallback={<Loading label={t('home.chartLoading')} />}>
            <div className="charts">
              {home.elections.map((e) => <SeatsChart key={e.id} election={e} />)}
            </div>
          </Suspense>
        )}
      </section>
      <Recent home={home} />
    </>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const home = useQuery({ queryKey: ['home'], queryFn: api.home });
  return (
    <>
      <PageHeading testId="home">{t('home.title')}</PageHeading>
      <QueryGate query={home}>{() => <HomeBody home={home.data!} />}</QueryGate>
    </>
  );
}
