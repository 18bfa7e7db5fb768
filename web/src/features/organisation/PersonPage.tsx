// One person: identity, masked phone (unmasked on request when the role allows it; the server audits
// every unmasking), verification state with its actions, designations past and present, merges.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Field, fieldError, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { orgApi, type Person } from './api.ts';
import { ORG, paths, useDesignationName, useInvalidateOrg, VerifiedBadge } from './parts.tsx';
import { PersonEditForm, useWingName } from './PersonEdit.tsx';

export default function PersonPage() {
  const { personId = '' } = useParams();
  const { t } = useTranslation();
  const local = useLocalName();
  const person = useQuery({ queryKey: [ORG, 'person', personId], queryFn: () => orgApi.person(personId) });
  return (
    <>
      <PageHeading testId="org-person">{person.data ? local(person.data.name, person.data.nameHi) : t('org.person.title')}</PageHeading>
      <p className="small"><Link to="/organisation/people">{t('org.backToSearch')}</Link></p>
      <QueryGate query={person}>{() => <PersonBody p={person.data!} />}</QueryGate>
    </>
  );
}

function PersonBody({ p }: { p: Person }) {
  const { t } = useTranslation();
  const dname = useDesignationName();
  const fmt = useFormat();
  const local = useLocalName();
  const session = useSignedIn();
  const canUnmask = p.canUnmask ?? can(session, 'personal.unmask');
  const canWrite = can(session, 'org.write');
  const unmask = useMutation({ mutationFn: () => orgApi.unmask(p.id) });
  const wingName = useWingName();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  // A merged record is kept for history only: the kept person is the one to change.
  const canEdit = canWrite && p.mergedInto == null;
  const dash = (v: string | null | undefined) => v || '—';
  const v = p.verification ?? { phoneVerifiedAt: null, epicMatchedAt: null, vouchedBy: null, vouchedAt: null };
  return (
    <div className="org-unit-grid">
      <section className="card" aria-labelledby="p-id-h">
        <div className="org-card-head">
          <h2 id="p-id-h">{t('org.person.identity')} <VerifiedBadge verified={p.isVerified} /></h2>
          {canEdit && !editing ? (
            <button type="button" className="btn btn-small" onClick={() => { setSaved(false); setEditing(true); }} data-testid="person-edit">{t('org.edit.open')}</button>
          ) : null}
        </div>
        {p.mergedInto != null ? <p className="notice small">{t('org.edit.merged')}</p> : null}
        {saved ? <p className="notice notice-ok" role="status" data-testid="person-saved">{t('org.edit.saved')}</p> : null}
        {editing ? <PersonEditForm p={p} onDone={(ok) => { setEditing(false); setSaved(ok); }} /> : (
          <dl className="org-dl" data-testid="person-facts">
            <dt>{t('org.person.name')}</dt><dd>{p.name}</dd>
            <dt>{t('org.person.nameHi')}</dt><dd lang="hi" data-testid="person-name-hi-shown">{dash(p.nameHi)}</dd>
            <dt>{t('org.person.phone')}</dt>
            <dd>
              <span data-testid="person-phone-shown" className="nowrap">{unmask.data ? unmask.data.phone : p.phoneMasked}</span>{' '}
              {canUnmask && !unmask.data ? (
                <button type="button" className="btn btn-small" onClick={() => unmask.mutate()} disabled={unmask.isPending} data-testid="unmask">
                  {t('org.unmask')}
                </button>
              ) : null}
              {unmask.data ? <span className="muted small"> {t('org.unmaskedNote')}</span> : null}
              <ProblemNotice error={unmask.error} />
            </dd>
            {(unmask.data?.otherPhones ?? p.otherPhonesMasked ?? []).length ? (
              <><dt>{t('org.person.otherPhones')}</dt><dd>{(unmask.data?.otherPhones ?? p.otherPhonesMasked).join(', ')}</dd></>
            ) : null}
            <dt>{t('org.person.gender')}</dt><dd data-testid="person-gender">{p.gender ? t(`org.gender.${p.gender}`) : '—'}</dd>
            <dt>{t('org.person.category')}</dt><dd data-testid="person-category">{p.category ? t(`org.category.${p.category}`) : '—'}</dd>
            <dt>{t('org.person.ageBand')}</dt><dd data-testid="person-age">{dash(p.ageBand)}</dd>
            <dt>{t('org.person.epic')}</dt><dd data-testid="person-epic">{dash(p.epic)}{p.rollPage != null ? ` · ${t('org.pageN', { page: p.rollPage })}` : ''}</dd>
            <dt>{t('org.person.home')}</dt><dd data-testid="person-home">{p.homeUnitId != null ? <Link to={paths.booth(p.homeUnitId)}>{dash(p.homeUnitName)}</Link> : '—'}</dd>
            {p.wings?.length ? <><dt>{t('org.wings')}</dt><dd data-testid="person-wings">{p.wings.map(wingName).join(', ')}</dd></> : null}
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="p-ver-h" data-testid="person-verification">
        <h2 id="p-ver-h">{t('org.verification')}</h2>
        <ul className="org-norms plain-list">
          <li className={v.phoneVerifiedAt ? 'org-norm-ok' : 'org-norm-bad'}><span aria-hidden="true">{v.phoneVerifiedAt ? '✓' : '✗'}</span>
            {v.phoneVerifiedAt ? t('org.ver.phoneAt', { at: fmt.date(v.phoneVerifiedAt) }) : t('org.ver.phoneNo')}</li>
          <li className={v.epicMatchedAt ? 'org-norm-ok' : 'org-norm-bad'}><span aria-hidden="true">{v.epicMatchedAt ? '✓' : '✗'}</span>
            {v.epicMatchedAt ? t('org.ver.epicAt', { at: fmt.date(v.epicMatchedAt) }) : t('org.ver.epicNo')}</li>
          <li className={v.vouchedAt ? 'org-norm-ok' : 'org-norm-bad'}><span aria-hidden="true">{v.vouchedAt ? '✓' : '✗'}</span>
            {v.vouchedAt ? t('org.ver.vouchedAt', { at: fmt.date(v.vouchedAt), by: v.vouchedBy != null ? String(v.vouchedBy) : '—' }) : t('org.ver.vouchedNo')}</li>
        </ul>
        <p className="muted small">{t('org.ver.rule')}</p>
        {canEdit ? <VerifyActions p={p} /> : null}
      </section>

      <section className="card" aria-labelledby="p-des-h">
        <h2 id="p-des-h">{t('org.designations')}</h2>
        {p.designationHistory?.length ? (
          <div className="table-scroll">
            <table className="table table-compact table-cards" data-testid="person-designations">
              <thead><tr><th scope="col">{t('org.seat')}</th><th scope="col">{t('org.unit')}</th><th scope="col">{t('org.from')}</th><th scope="col">{t('org.to')}</th></tr></thead>
              <tbody>
                {p.designationHistory.map((d, i) => (
                  <tr key={String(d.designationId ?? i)}>
                    <td data-label={t('org.seat')}>{d.name ? local(d.name, d.nameHi) : dname(d.code)}{d.seat && d.seat > 1 ? ` ${d.seat}` : ''}</td>
                    <td data-label={t('org.unit')}><Link to={paths.unit(d.unitId)}>{d.unitName}</Link></td>
                    <td data-label={t('org.from')}>{fmt.date(d.fromDate)}</td>
                    <td data-label={t('org.to')}>{d.toDate ? `${fmt.date(d.toDate)}${d.endReason ? ` (${d.endReason})` : ''}` : t('org.current')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : p.designations?.length ? (
          <ul className="plain-list">{p.designations.map((d, i) => <li key={i}>{dname(d.code)} · <Link to={paths.unit(d.unitId)}>{d.unitName}</Link></li>)}</ul>
        ) : <p className="muted">{t('org.noDesignations')}</p>}
      </section>

      <section className="card" aria-labelledby="p-merge-h">
        <h2 id="p-merge-h">{t('org.merges')}</h2>
        {p.merges?.length ? (
          <ul className="plain-list" data-testid="person-merges">
            {p.merges.map((m, i) => (
              <li key={i}>{t('org.mergedLine', { name: `${m.name}${m.phoneMasked ? ` (${m.phoneMasked})` : ''}`, at: fmt.dateTime(m.at) })}</li>
            ))}
          </ul>
        ) : <p className="muted">{t('org.noMerges')}</p>}
        {p.offices?.length ? (
          <>
            <h3 className="sub-h">{t('org.tab.representatives')}</h3>
            <ul className="plain-list">{p.offices.map((o) => <li key={o.id}>{t(`org.office.${o.office}`)} {o.body ?? o.constituencyName ?? ''}</li>)}</ul>
          </>
        ) : null}
        {p.inductee ? <p>{t('org.inducteeFrom', { party: p.inductee.previousParty, status: t(`org.status.${p.inductee.status}`) })}</p> : null}
      </section>
    </div>
  );
}

function VerifyActions({ p }: { p: Person }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const [page, setPage] = useState('');
  const verify = useMutation({
    mutationFn: (body: Parameters<typeof orgApi.verify>[1]) => orgApi.verify(p.id, body),
    onSuccess: () => invalidate(),
  });
  const v = p.verification ?? { phoneVerifiedAt: null, epicMatchedAt: null, vouchedAt: null };
  return (
    <div className="stack">
      <div className="form-actions">
        {!v.phoneVerifiedAt ? <button type="button" className="btn btn-small" disabled={verify.isPending} onClick={() => verify.mutate({ phone: true })} data-testid="verify-phone">{t('org.ver.markPhone')}</button> : null}
        {!v.vouchedAt ? <button type="button" className="btn btn-small" disabled={verify.isPending} onClick={() => verify.mutate({ vouch: true })} data-testid="verify-vouch">{t('org.ver.vouch')}</button> : null}
      </div>
      {!v.epicMatchedAt ? (
        <form className="input-row org-epic" onSubmit={(e) => { e.preventDefault(); const n = Number(page); if (n > 0) verify.mutate({ epic: { rollPage: n } }); }}>
          <Field label={t('org.ver.rollPage')} hint={p.epic ? undefined : t('org.ver.needsEpic')}
            error={fieldError(verify.error, 'epic') ?? fieldError(verify.error, 'rollPage')}>
            {(f) => <input {...f} type="number" min={1} value={page} onChange={(e) => setPage(e.target.value)} data-testid="verify-roll-page" />}
          </Field>
          <button type="submit" className="btn btn-small" disabled={verify.isPending || !(Number(page) > 0)} data-testid="verify-epic">{t('org.ver.matchEpic')}</button>
        </form>
      ) : null}
      <ProblemNotice error={verify.error} />
    </div>
  );
}
