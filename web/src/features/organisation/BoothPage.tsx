// The booth page, phone-first: one request (GET /api/org/booths/:id), no charts, big tap targets.
// The booth president sees the vacancies first, fills a seat or adds a worker in a few taps, and sees
// which roll pages still need a head (panna pramukh).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { orgApi, type Booth } from './api.ts';
import { emptyPerson, NormChecks, PageHeads, PersonFields, SlotList, toPersonInput, type PersonForm, type SetField } from './Committee.tsx';
import { GradeLetter, ORG, paths, useInvalidateOrg, Verified, VerifiedBadge } from './parts.tsx';
import { History } from './UnitPage.tsx';

export default function BoothPage() {
  const { unitId = '' } = useParams();
  const { t } = useTranslation();
  const local = useLocalName();
  const booth = useQuery({ queryKey: [ORG, 'booth', unitId], queryFn: () => orgApi.booth(unitId) });
  const name = booth.data ? local(booth.data.unit.name, booth.data.unit.nameHi) : '';
  return (
    <div className="org-booth">
      <PageHeading testId="org-booth">{name || t('org.boothPage')}</PageHeading>
      <QueryGate query={booth}>{() => <BoothBody b={booth.data!} unitId={unitId} />}</QueryGate>
    </div>
  );
}

function BoothBody({ b, unitId }: { b: Booth; unitId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const session = useSignedIn();
  const canWrite = can(session, 'org.write');
  const s = b.strength;
  const c = b.committee;
  const pages = c.slots.filter((x) => x.perPage);
  const covered = pages.filter((x) => x.holder).length;
  return (
    <div className="stack">
      <p className="org-booth-meta muted">
        {b.unit.partNo != null ? <span>{t('org.partNo', { no: b.unit.partNo })}</span> : null}
        <Link to={paths.tree()}>{t('org.openTree')}</Link>
      </p>
      <ul className="org-booth-facts plain-list" data-testid="booth-facts">
        <li className="org-booth-fact"><GradeLetter grade={s.grade} /><span>{c.norm.formed ? t('org.formed') : t('org.notFormed')}</span></li>
        <li className={`org-booth-fact${c.vacancies > 0 ? ' org-fact-bad' : ''}`} data-testid="booth-vacancies" data-count={c.vacancies}>
          <strong>{fmt.number(c.vacancies)}</strong><span>{t('org.vacanciesLabel', { count: c.vacancies })}</span>
        </li>
        <li className="org-booth-fact"><strong>{fmt.number(b.workers.count)}</strong><span>{t('org.workers')}</span></li>
        <li className="org-booth-fact"><strong>{fmt.number(covered)}/{fmt.number(pages.length)}</strong><span>{t('org.pagesShort')}</span></li>
      </ul>
      <p className="small"><Verified verified={b.workers.verified} unverified={b.workers.count - b.workers.verified} testId="booth-verified" /></p>

      <section aria-labelledby="b-committee-h">
        <h2 id="b-committee-h">{t('org.committeeSlots')}</h2>
        <NormChecks c={c} />
        <SlotList c={c} unitId={unitId} homeUnitId={unitId} canWrite={canWrite} phone />
      </section>

      <section aria-labelledby="b-pages-h">
        <h2 id="b-pages-h">{t('org.pageHeads')}</h2>
        <PageHeads c={c} unitId={unitId} homeUnitId={unitId} canWrite={canWrite} />
      </section>

      <section aria-labelledby="b-workers-h">
        <h2 id="b-workers-h">{t('org.workers')}</h2>
        {canWrite ? <AddWorker unitId={unitId} /> : null}
        {b.workers.items.length === 0 ? <p className="muted">{t('org.noWorkers')}</p> : (
          <ul className="plain-list org-people org-people-phone" data-testid="booth-workers">
            {b.workers.items.map((p) => (
              <li key={p.id}>
                <Link to={paths.person(p.id)} className="org-person-link">{local(p.name, p.nameHi)}</Link>
                <VerifiedBadge verified={p.isVerified} />
                <span className="muted small nowrap">{p.phoneMasked}</span>
              </li>
            ))}
          </ul>
        )}
        {b.workers.count > b.workers.items.length ? (
          <p><Link to={`/organisation/people?unitId=${encodeURIComponent(unitId)}`}>{t('org.allWorkersN', { n: fmt.number(b.workers.count) })}</Link></p>
        ) : null}
      </section>

      <details className="card org-booth-history">
        <summary>{t('org.history')}</summary>
        <History c={c} />
      </details>
    </div>
  );
}

function AddWorker({ unitId }: { unitId: Id }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<PersonForm>(emptyPerson);
  const [done, setDone] = useState<string | null>(null);
  const group = useId();
  const set: SetField = (k, v) => setForm((f) => ({ ...f, [k]: v }));
  const add = useMutation({
    mutationFn: () => orgApi.createPerson(toPersonInput(form, unitId)),
    onSuccess: async () => { setDone(form.name.trim()); setForm(emptyPerson); setOpen(false); await invalidate(); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); add.mutate(); };
  if (!open) {
    return (
      <>
        {done ? <p className="notice notice-ok" role="status" data-testid="worker-added">{t('org.workerAdded', { name: done })}</p> : null}
        <button type="button" className="btn btn-primary org-tap org-tap-wide" onClick={() => { setOpen(true); setDone(null); }} data-testid="add-worker">
          {t('org.addWorker')}
        </button>
      </>
    );
  }
  return (
    <form className="org-form card" onSubmit={submit} data-testid="worker-form" aria-label={t('org.addWorker')}>
      <PersonFields form={form} set={set} error={add.error} group={group} />
      <ProblemNotice error={add.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={add.isPending} data-testid="worker-submit">{add.isPending ? t('org.saving') : t('org.addWorkerSubmit')}</button>
        <button type="button" className="btn org-tap" onClick={() => setOpen(false)}>{t('org.cancel')}</button>
      </div>
    </form>
  );
}
