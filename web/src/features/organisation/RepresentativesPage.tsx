// Elected representatives (MPs, MLAs, mayors, municipal heads, district panchayat chairs, councillors)
// in the actor's scope, filtered by office: a simple table that becomes cards on a phone.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Field, PageHeading, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { OFFICES, orgApi, type Office } from './api.ts';
import { ORG, paths } from './parts.tsx';

export default function RepresentativesPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const office = (OFFICES as string[]).includes(params.get('office') ?? '') ? (params.get('office') as Office) : undefined;
  const reps = useQuery({ queryKey: [ORG, 'representatives', office ?? ''], queryFn: () => orgApi.representatives({ office }) });
  return (
    <>
      <PageHeading testId="org-representatives">{t('org.tab.representatives')}</PageHeading>
      <p className="muted">{t('org.repsIntro')}</p>
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
                  </tr>
                </thead>
                <tbody>
                  {reps.data!.map((r) => (
                    <tr key={r.id}>
                      <th scope="row" data-label={t('org.person.name')}><Link to={paths.person(r.personId)}>{r.name ? local(r.name, r.nameHi) : `#${r.personId}`}</Link></th>
                      <td data-label={t('org.office.label')}>{t(`org.office.${r.office}`)}</td>
                      <td data-label={t('org.seatOrBody')}>
                        {r.body ?? [r.stateCode, r.house, r.constituencyNo, r.constituencyName].filter((x) => x != null && x !== '').join(' · ')}
                      </td>
                      <td data-label={t('org.unit')}>{r.unitName ?? '—'}</td>
                      <td data-label={t('org.from')}>{fmt.date(r.fromDate)}{r.toDate ? ` – ${fmt.date(r.toDate)}` : ''}</td>
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
