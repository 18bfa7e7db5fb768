// Likely duplicates (same EPIC, same name at the same booth, or a number that is another's old number),
// and merging a pair: the two records side by side, the one to keep chosen explicitly, a plain
// statement of what happens, then the merge. History is kept on the server.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { orgApi, type Duplicate, type PersonSummary } from './api.ts';
import { ORG, paths, useDesignationName, useInvalidateOrg, VerifiedBadge } from './parts.tsx';

const pairKey = (d: Duplicate) => `${d.a.id}-${d.b.id}`;
const PAGE = 50;

export default function DuplicatesPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const dups = useQuery({ queryKey: [ORG, 'duplicates'], queryFn: () => orgApi.duplicates() });
  const [open, setOpen] = useState<string | null>(null);
  const [merged, setMerged] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <PageHeading testId="org-duplicates">{t('org.dupTitle')}</PageHeading>
      <p className="muted">{t('org.dupIntro')}</p>
      {merged ? <p className="notice notice-ok" role="status" data-testid="merge-done">{merged}</p> : null}
      <QueryGate query={dups}>
        {() => dups.data!.length === 0 ? <p className="empty-line" data-testid="dup-none">{t('org.dupNone')}</p> : (
          <>
          <p className="result-count" data-testid="dup-count">{t('org.dupCount', { count: dups.data!.length, n: dups.data!.length })}</p>
          <ul className="org-rows" data-testid="dup-list">
            {dups.data!.slice(0, shown).map((d) => (
              <li key={pairKey(d)} className="org-row org-dup" data-testid={`dup-${pairKey(d)}`}>
                <div className="org-row-main">
                  <span className="org-row-name">{local(d.a.name, d.a.nameHi)}</span>
                  <span aria-hidden="true">⇄</span>
                  <span className="org-row-name">{local(d.b.name, d.b.nameHi)}</span>
                  <span className="badge">{t(`org.dupReason.${d.reason}`)}</span>
                  {d.a.homeUnitName ? <span className="muted small">{d.a.homeUnitName}</span> : null}
                </div>
                {open === pairKey(d) ? (
                  <MergePanel d={d} onClose={() => setOpen(null)} onMerged={(msg) => { setOpen(null); setMerged(msg); }} />
                ) : (
                  <button type="button" className="btn btn-small" onClick={() => { setOpen(pairKey(d)); setMerged(null); }} data-testid="dup-review">
                    {t('org.dupReview')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {dups.data!.length > shown ? (
            <button type="button" className="btn" onClick={() => setShown((n) => n + PAGE)} data-testid="dup-more">{t('org.loadMore', { shown })}</button>
          ) : null}
          </>
        )}
      </QueryGate>
    </>
  );
}

function MergePanel({ d, onClose, onMerged }: { d: Duplicate; onClose: () => void; onMerged: (msg: string) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const invalidate = useInvalidateOrg();
  const qc = useQueryClient();
  // Keep the verified one, else the one with more designations, else the first.
  const suggested = d.b.isVerified && !d.a.isVerified ? d.b.id
    : !d.b.isVerified && d.a.isVerified ? d.a.id
      : d.b.designations.length > d.a.designations.length ? d.b.id : d.a.id;
  const [keep, setKeep] = useState<Id>(suggested);
  const kept = String(keep) === String(d.a.id) ? d.a : d.b;
  const gone = kept === d.a ? d.b : d.a;
  const label = (p: PersonSummary) => `${local(p.name, p.nameHi)} (${p.phoneMasked})`;
  const merge = useMutation({
    mutationFn: () => orgApi.merge(kept.id, gone.id),
    onSuccess: async () => {
      onMerged(t('org.mergeDone', { gone: local(gone.name, gone.nameHi), kept: local(kept.name, kept.nameHi) }));
      // The merged record leaves every pair at once; the list is then asked for again.
      const goneId = String(gone.id);
      qc.setQueryData<Duplicate[]>([ORG, 'duplicates'], (old) => old?.filter((x) => String(x.a.id) !== goneId && String(x.b.id) !== goneId));
      await invalidate();
    },
  });
  return (
    <div className="org-merge" data-testid="merge-panel">
      <fieldset className="org-merge-sides">
        <legend>{t('org.mergeChoose')}</legend>
        {[d.a, d.b].map((p, i) => (
          <Side key={String(p.id)} p={p} side={i === 0 ? 'a' : 'b'} keep={String(keep) === String(p.id)} onKeep={() => setKeep(p.id)} />
        ))}
      </fieldset>
      <p className="notice" data-testid="merge-explain">
        {t('org.mergeExplain', { gone: label(gone), kept: label(kept), phone: gone.phoneMasked })}
      </p>
      <ProblemNotice error={merge.error} />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={merge.isPending} onClick={() => merge.mutate()} data-testid="merge-confirm">
          {t('org.mergeConfirm', { kept: label(kept) })}
        </button>
        <button type="button" className="btn" onClick={onClose}>{t('org.cancel')}</button>
      </div>
    </div>
  );
}

function Side({ p, side, keep, onKeep }: { p: PersonSummary; side: 'a' | 'b'; keep: boolean; onKeep: () => void }) {
  const { t } = useTranslation();
  const dname = useDesignationName();
  return (
    <label className={`org-merge-side${keep ? ' is-kept' : ' is-gone'}`} data-testid={`merge-side-${side}`}>
      <span className="org-merge-pick">
        <input type="radio" name="merge-keep" checked={keep} onChange={onKeep} data-testid={`merge-keep-${side}`} />
        <strong>{keep ? t('org.mergeKeep') : t('org.mergeGone')}</strong>
      </span>
      <dl className="org-dl">
        <dt>{t('org.person.name')}</dt><dd>{p.name}</dd>
        <dt>{t('org.person.nameHi')}</dt><dd lang="hi">{p.nameHi ?? '—'}</dd>
        <dt>{t('org.person.phone')}</dt><dd className="nowrap">{p.phoneMasked}</dd>
        <dt>{t('org.person.home')}</dt><dd>{p.homeUnitName ?? '—'}</dd>
        <dt>{t('org.verification')}</dt><dd><VerifiedBadge verified={p.isVerified} /></dd>
        <dt>{t('org.designations')}</dt><dd>{p.designations.length ? p.designations.map((x) => `${dname(x.code)} · ${x.unitName}`).join('; ') : '—'}</dd>
      </dl>
      <Link to={paths.person(p.id)} className="small">{t('org.openPerson')}</Link>
    </label>
  );
}
