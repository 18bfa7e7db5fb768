// Worker search: by name in either script or by phone number in any format, within the actor's scope.
// The text is in the address, so a search can be shared and survives going back from a person.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Field, Loading, PageHeading, ProblemNotice } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { orgApi } from './api.ts';
import { useDebounced } from './Committee.tsx';
import { ORG, paths, useDesignationName, VerifiedBadge } from './parts.tsx';

export default function PeoplePage() {
  const { t } = useTranslation();
  const dname = useDesignationName();
  const local = useLocalName();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const unitId = params.get('unitId') || undefined;
  const verifiedParam = params.get('verified');
  const verified = verifiedParam === 'true' ? true : verifiedParam === 'false' ? false : undefined;
  const q = useDebounced(text.trim(), 300);
  useEffect(() => {
    const next = new URLSearchParams(params);
    if (q) next.set('q', q); else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [q]); // eslint-disable-line react-hooks/exhaustive-deps
  const enabled = q.length >= 2 || !!unitId;
  const people = useInfiniteQuery({
    queryKey: [ORG, 'people', 'search', q, unitId ?? '', String(verified)],
    queryFn: ({ pageParam }) => orgApi.people({ q: q || undefined, unitId, verified, cursor: pageParam, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    placeholderData: keepPreviousData,
  });
  const items = people.data?.pages.flatMap((p) => p.items) ?? [];
  const setVerified = (v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set('verified', v); else next.delete('verified');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeading testId="org-people">{t('org.peopleTitle')}</PageHeading>
      <p className="muted">{t('org.peopleIntro')}</p>
      <form className="org-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('org.searchPeople')} hint={t('org.searchHint')}>
          {(p) => <input {...p} type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" data-testid="people-search" />}
        </Field>
        <Field label={t('org.verification')}>
          {(p) => (
            <select {...p} value={verifiedParam ?? ''} onChange={(e) => setVerified(e.target.value)} data-testid="people-verified">
              <option value="">{t('org.everyone')}</option>
              <option value="true">{t('org.verifiedOnly')}</option>
              <option value="false">{t('org.unverifiedOnly')}</option>
            </select>
          )}
        </Field>
      </form>
      {unitId ? <p className="small">{t('org.inUnit', { id: unitId })} <Link to="/organisation/people">{t('org.clear')}</Link></p> : null}
      {!enabled ? <p className="muted">{t('org.typeToSearch')}</p> : null}
      {enabled && people.isPending ? <Loading /> : null}
      <ProblemNotice error={people.error} />
      {enabled && people.data ? (
        items.length === 0 ? <p className="empty-line" data-testid="people-none">{t('org.noPeople')}</p> : (
          <ul className="org-rows org-people-list" data-testid="people-results" aria-busy={people.isFetching}>
            {items.map((p) => (
              <li key={p.id} className="org-row org-person-row" data-testid={`person-${p.id}`}>
                <div className="org-row-main">
                  <Link to={paths.person(p.id)} className="org-row-name">{local(p.name, p.nameHi)}</Link>
                  {p.nameHi && local(p.name, p.nameHi) !== p.nameHi ? <span lang="hi" className="muted">{p.nameHi}</span> : null}
                  {p.nameHi && local(p.name, p.nameHi) === p.nameHi ? <span className="muted">{p.name}</span> : null}
                  <VerifiedBadge verified={p.isVerified} />
                </div>
                <div className="org-row-figures small">
                  <span className="nowrap">{p.phoneMasked}</span>
                  {p.homeUnitName ? <span>{p.homeUnitName}</span> : null}
                  {p.designations.length ? <span>{p.designations.map((d) => `${dname(d.code)} · ${d.unitName}`).join('; ')}</span> : null}
                </div>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {people.hasNextPage ? (
        <button type="button" className="btn" onClick={() => void people.fetchNextPage()} disabled={people.isFetchingNextPage}>
          {t('org.loadMore', { shown: items.length })}
        </button>
      ) : null}
    </>
  );
}
