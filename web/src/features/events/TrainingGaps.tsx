// Posts that require a training course, and who holds such a post in the actor's unit without having
// completed a training of it: a count per unit below, and the first names. With org.configure (on the
// whole party) a post can be made to require a course, or no longer.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { orgApi } from '../organisation/api.ts';
import { useDefaultUnit } from '../organisation/PersonChoice.tsx';
import { EVENTS, eventsApi } from './api.ts';

type Requirement = Awaited<ReturnType<typeof eventsApi.requirements>>[number];

function Gap({ r, unitId }: { r: Requirement; unitId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const gaps = useQuery({ queryKey: [EVENTS, 'gaps', unitId, r.level, r.code], queryFn: () => eventsApi.gaps({ unitId, level: r.level, code: r.code }) });
  return (
    <li className="card ev-gap" data-testid={`gap-${r.level}-${r.code}`}>
      <QueryGate query={gaps}>
        {() => (
          <details>
            <summary>
              <strong>{local(r.name, r.nameHi)}</strong> · <code>{r.course}</code>:{' '}
              <span data-testid="gap-count">{t('events.gaps.lacking', { n: fmt.number(gaps.data!.lacking), of: fmt.number(gaps.data!.holders) })}</span>
            </summary>
            <table className="table table-compact">
              <thead><tr><th scope="col">{t('events.gaps.unit')}</th><th scope="col" className="num">{t('events.gaps.holders')}</th><th scope="col" className="num">{t('events.gaps.lackingHead')}</th></tr></thead>
              <tbody>{gaps.data!.byUnit.map((u) => <tr key={u.unitId}><th scope="row">{local(u.name, u.nameHi)}</th><td className="num">{fmt.number(u.holders)}</td><td className="num">{fmt.number(u.lacking)}</td></tr>)}</tbody>
            </table>
            <p className="muted">{gaps.data!.items.slice(0, 50).map((i) => `${local(i.name, i.nameHi)} (${i.unitName})`).join(', ')}{gaps.data!.lacking > 50 ? ' …' : ''}</p>
          </details>
        )}
      </QueryGate>
    </li>
  );
}

function RequireForm() {
  const { t } = useTranslation();
  const local = useLocalName();
  const qc = useQueryClient();
  const config = useQuery({ queryKey: ['org', 'config'], queryFn: () => orgApi.config(), staleTime: 300_000 }).data;
  const [f, setF] = useState({ post: '', course: '' });
  const save = useMutation({
    mutationFn: () => { const [level, code] = f.post.split('/'); return eventsApi.setRequirement({ level, code, course: f.course.trim() || null }); },
    onSuccess: () => qc.invalidateQueries({ queryKey: [EVENTS] }),
  });
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <form className="org-form ev-require" onSubmit={submit} data-testid="require-form">
      <div className="org-form-grid">
        <Field label={t('events.gaps.post')} error={fieldError(save.error, 'code')}>
          {(p) => (
            <select {...p} value={f.post} onChange={(e) => setF({ ...f, post: e.target.value })} data-testid="require-post">
              <option value="">—</option>
              {(config?.designationTypes ?? []).map((d) => <option key={`${d.level}/${d.code}`} value={`${d.level}/${d.code}`}>{d.level} · {local(d.name, d.nameHi)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('events.field.courseCode')} hint={t('events.gaps.courseHint')} error={fieldError(save.error, 'course')}>
          {(p) => <input {...p} value={f.course} onChange={(e) => setF({ ...f, course: e.target.value.toLowerCase() })} autoCapitalize="none" data-testid="require-course" />}
        </Field>
      </div>
      <ProblemNotice error={save.error} />
      <div className="form-actions"><button type="submit" className="btn" disabled={!f.post || save.isPending} data-testid="require-submit">{t('events.gaps.save')}</button></div>
    </form>
  );
}

export function TrainingGaps() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const unitId = useDefaultUnit();
  const reqs = useQuery({ queryKey: [EVENTS, 'requirements'], queryFn: () => eventsApi.requirements() });
  return (
    <section className="ev-gaps" data-testid="training-gaps">
      <h2>{t('events.gaps.title')}</h2>
      <QueryGate query={reqs}>
        {() => (reqs.data!.length === 0 ? <p className="muted">{t('events.gaps.none')}</p> : (
          <ul className="ev-gap-list">{reqs.data!.map((r) => <Gap key={`${r.level}/${r.code}`} r={r} unitId={unitId} />)}</ul>
        ))}
      </QueryGate>
      {can(session, 'org.configure') ? <RequireForm /> : null}
    </section>
  );
}
