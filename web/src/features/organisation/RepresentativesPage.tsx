// Elected representatives (MPs, MLAs, mayors, municipal heads, district panchayat chairs, councillors)
// in the actor's scope, filtered by office: a simple table that becomes cards on a phone. With org.write:
// record a new office, end a term, or remove a record made in error.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Field, PageHeading, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { OFFICES, orgApi, type Office, type Representative } from './api.ts';
import { ORG, paths } from './parts.tsx';
import { RepresentativeActions, RepresentativeForm } from './RepresentativeForm.tsx';

export default function RepresentativesPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const office = (OFFICES as string[]).includes(params.get('office') ?? '') ? (params.get('office') as Office) : undefined;
  const reps = useQuery({ queryKey: [ORG, 'representatives', office ?? ''], queryFn: () => orgApi.representatives({ office }) });
  const canWrite = can(useSignedIn(), 'org.write');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Representative | null>(null);
  const nameOf = (r: Representative) => (r.name ? local(r.name, r.nameHi) : `#${r.personId}`);
  return (
    <>
      <PageHeading testId="org-representatives">{t('org.tab.representatives')}</PageHeading>
      <p className="muted">{t('org.repsIntro')}</p>
      {added ? <p className="notice notice-ok" role="status" data-testid="rep-added">{t('org.rep.added', { name: nameOf(added), office: t(`org.office.${added.office}`) })}</p> : null}
      {canWrite && !adding ? (
        <div className="org-add-bar"><button type="button" className="btn btn-primary org-tap" onClick={() => { setAdding(true); setAdded(null); }} data-testid="rep-add">{t('org.rep.add')}</button></div>
      ) : null}
      {adding ? <RepresentativeForm onDone={(r) => { setAdding(false); setAdded(r); }} /> : null}
      <div className="filters org-filters">
        <Field label={t('org.office.label')}>
          {(p) => (
            <select {...p} value={office ?? ''} onChange={(e) => setParams(e.target.value ? { office: e.target.value } : {}, { replace: true })} data-testid="reps-office">
              <option value="">{t('org.office.all')}</option>
              {OFFICES.map((o) => <option key={o} value={o}>{t(`org.office.${o}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <QueryGate query={reps}>
        {() => reps.data!.length === 0 ? <p className="empty-line">{t('org.repsNone')}</p> : (
          <>
            <p className="result-count">{t('org.countN', { n: fmt.number(reps.data!.length) })}</p>
            <div className="table-scroll">
              <table className="table table-cards" data-testid="reps-table">
                <thead>
                  <tr>
                    <th scope="col">{t('org.person.name')}</th><th scope="col">{t('org.office.label')}</th>
                    <th scope="col">{t('org.seatOrBody')}</th><th scope="col">{t('org.unit')}</th><th scope="col">{t('org.from')}</th>
                    {canWrite ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {reps.data!.map((r) => (
                    <tr key={r.id} data-testid={`rep-${r.id}`}>
                      <th scope="row" data-label={t('org.person.name')}><Link to={paths.person(r.personId)}>{nameOf(r)}</Link></th>
                      <td data-label={t('org.office.label')}>{t(`org.office.${r.office}`)}</td>
                      <td data-label={t('org.seatOrBody')}>
                        {r.body ?? [r.stateCode, r.house, r.constituencyNo, r.constituencyName].filter((x) => x != null && x !== '').join(' · ')}
                      </td>
                      <td data-label={t('org.unit')}>{r.unitName ?? '—'}</td>
                      <td data-label={t('org.from')} data-testid="rep-dates">{fmt.date(r.fromDate)}{r.toDate ? ` – ${fmt.date(r.toDate)}` : ''}</td>
                      {canWrite ? <td data-label=""><RepresentativeActions r={r} name={nameOf(r)} /></td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryGate>
    </>
  );
}
