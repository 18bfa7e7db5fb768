// A unit's page: its committee slots and who fills them, vacancies and norm checks, its workers
// (verified apart from unverified), and the history of who held which seat.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { PageHeading, ProblemNotice, QueryGate, Loading } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { orgApi } from './api.ts';
import { NormChecks, PageHeads, SlotList } from './Committee.tsx';
import { ORG, paths, Verified, VerifiedBadge } from './parts.tsx';
import { Breadcrumbs } from './TreePage.tsx';

export default function UnitPage() {
  const { unitId = '' } = useParams();
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const session = useSignedIn();
  const canWrite = can(session, 'org.write');
  const unit = useQuery({ queryKey: [ORG, 'unit', unitId], queryFn: () => api.unit(unitId) });
  const committee = useQuery({ queryKey: [ORG, 'committee', unitId], queryFn: () => orgApi.committee(unitId) });
  const workers = useQuery({ queryKey: [ORG, 'people', 'unit', unitId], queryFn: () => orgApi.people({ unitId, limit: 50 }) });
  const strength = useQuery({ queryKey: [ORG, 'strength', unitId], queryFn: () => orgApi.strength(unitId) });
  if (unit.data?.level === 'booth') return <Navigate to={paths.booth(unitId)} replace />;
  const name = unit.data ? local(unit.data.name, unit.data.nameHi) : '';

  return (
    <>
      <PageHeading testId="org-unit">{name ? t('org.committeeOf', { name }) : t('org.committee')}</PageHeading>
      <QueryGate query={unit}>
        {() => (
          <div className="stack">
            <Breadcrumbs unit={unit.data!} current={t('org.committee')} />
            <p className="org-unit-head">
              <span className="badge">{local(unit.data!.levelName, unit.data!.levelNameHi)}</span>
              <Link className="btn btn-small" to={paths.tree(unitId)}>{t('org.openTree')}</Link>
            </p>
            <div className="org-unit-grid">
              <section className="card" aria-labelledby="committee-h">
                <h2 id="committee-h">{t('org.committeeSlots')}</h2>
                <QueryGate query={committee}>
                  {() => (
                    <>
                      <NormChecks c={committee.data!} />
                      <SlotList c={committee.data!} unitId={unitId} homeUnitId={unitId} canWrite={canWrite} />
                      {committee.data!.slots.some((s) => s.perPage) ? (
                        <>
                          <h3 className="sub-h">{t('org.pageHeads')}</h3>
                          <PageHeads c={committee.data!} unitId={unitId} homeUnitId={unitId} canWrite={canWrite} />
                        </>
                      ) : null}
                    </>
                  )}
                </QueryGate>
              </section>
              <div className="stack">
                <section className="card" aria-labelledby="workers-h">
                  <h2 id="workers-h">{t('org.workers')}</h2>
                  {strength.data ? (
                    <p>{t('org.workersN', { n: fmt.number(strength.data.workers) })} <Verified verified={strength.data.verified} unverified={strength.data.unverified} /></p>
                  ) : null}
                  {workers.isPending ? <Loading /> : null}
                  <ProblemNotice error={workers.error} />
                  {workers.data ? (
                    workers.data.items.length === 0 ? <p className="muted">{t('org.noWorkers')}</p> : (
                      <ul className="plain-list org-people" data-testid="unit-workers">
                        {workers.data.items.map((p) => (
                          <li key={p.id}>
                            <Link to={paths.person(p.id)}>{local(p.name, p.nameHi)}</Link>
                            <VerifiedBadge verified={p.isVerified} />
                            <span className="muted small">{p.phoneMasked}</span>
                          </li>
                        ))}
                      </ul>
                    )
                  ) : null}
                  <p><Link to={`/organisation/people?unitId=${encodeURIComponent(unitId)}`}>{t('org.allWorkers')}</Link></p>
                </section>
                <section className="card" aria-labelledby="history-h">
                  <h2 id="history-h">{t('org.history')}</h2>
                  {committee.data ? <History c={committee.data} /> : null}
                </section>
              </div>
            </div>
          </div>
        )}
      </QueryGate>
    </>
  );
}

export function History({ c }: { c: import('./api.ts').Committee }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const names = new Map(c.slots.map((s) => [s.code, local(s.name, s.nameHi)]));
  if (!c.history.length) return <p className="muted">{t('org.noHistory')}</p>;
  return (
    <div className="table-scroll">
      <table className="table table-compact table-cards" data-testid="org-history">
        <thead>
          <tr><th scope="col">{t('org.seat')}</th><th scope="col">{t('org.person.name')}</th><th scope="col">{t('org.from')}</th><th scope="col">{t('org.to')}</th><th scope="col">{t('org.endReason')}</th></tr>
        </thead>
        <tbody>
          {c.history.map((h) => (
            <tr key={h.designationId}>
              <td data-label={t('org.seat')}>{names.get(h.code) ?? h.code}{h.seat > 1 ? ` ${h.seat}` : ''}</td>
              <td data-label={t('org.person.name')}><Link to={paths.person(h.personId)}>{local(h.name, h.nameHi)}</Link></td>
              <td data-label={t('org.from')}>{fmt.date(h.fromDate)}</td>
              <td data-label={t('org.to')}>{h.toDate ? fmt.date(h.toDate) : t('org.current')}</td>
              <td data-label={t('org.endReason')}>{h.endReason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
