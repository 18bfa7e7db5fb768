// Propose an inductee from another party: the person (registered, or new by phone), the party they
// come from and the posts they held there, who proposes them, the unit that screens them, and a
// first note. The API creates the person, the proposal and its first step in one transaction.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api.ts';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { UnitPicker } from '../admin/UnitPicker.tsx';
import { orgApi, type InducteeDetail, type InducteeInput } from './api.ts';
import { PersonPicker } from './Committee.tsx';
import { useInvalidateOrg } from './parts.tsx';
import { emptyWho, useDefaultUnit, whoBody, whoReady, WhoFields, type Who } from './PersonChoice.tsx';

interface Form { previousParty: string; previousPosts: string; unitId: string; note: string }

export function toInducteeInput(f: Form, who: Who, proposer: { id: Id } | null): InducteeInput {
  return {
    previousParty: f.previousParty.trim(), unitId: f.unitId,
    ...(f.previousPosts.trim() ? { previousPosts: f.previousPosts.trim() } : {}),
    ...(proposer ? { proposerId: proposer.id } : {}),
    ...(f.note.trim() ? { note: f.note.trim() } : {}),
    ...whoBody(who, f.unitId),
  };
}

export function InducteeForm({ onDone }: { onDone: (added: InducteeDetail | null) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const unit = useDefaultUnit();
  const [f, setF] = useState<Form>({ previousParty: '', previousPosts: '', unitId: unit, note: '' });
  const [who, setWho] = useState<Who>(emptyWho);
  const [proposer, setProposer] = useState<{ id: Id; name: string } | null>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const add = useMutation({
    mutationFn: () => orgApi.createInductee(toInducteeInput(f, who, proposer)),
    onSuccess: async (i) => { await invalidate(); onDone(i); },
  });
  const err = add.error;
  const submit = (e: FormEvent) => { e.preventDefault(); add.mutate(); };

  return (
    <form className="org-form card org-add-form" onSubmit={submit} data-testid="inductee-form" aria-label={t('org.ind.add')}>
      <h2 className="org-form-title">{t('org.ind.add')}</h2>
      <WhoFields who={who} onChange={setWho} error={err} legend={t('org.ind.who')} />
      <div className="org-form-grid">
        <Field label={t('org.ind.previousParty')} error={fieldError(err, 'previousParty')}>
          {(p) => <input {...p} value={f.previousParty} onChange={(e) => set('previousParty', e.target.value)} required maxLength={120} autoComplete="off" data-testid="ind-party" />}
        </Field>
        <Field label={t('org.ind.previousPosts')} hint={t('org.ind.previousPostsHint')} error={fieldError(err, 'previousPosts')}>
          {(p) => <textarea {...p} value={f.previousPosts} onChange={(e) => set('previousPosts', e.target.value)} maxLength={1000} rows={2} data-testid="ind-posts" />}
        </Field>
      </div>
      <fieldset className="org-who" data-testid="ind-proposer">
        <legend>{t('org.ind.proposer')}</legend>
        <PersonPicker chosen={proposer} onChoose={setProposer} />
        {fieldError(err, 'proposerId') ? <span className="field-error">{fieldError(err, 'proposerId')}</span> : null}
      </fieldset>
      <UnitPicker value={f.unitId} onChange={(v) => set('unitId', v)} error={fieldError(err, 'unitId') ?? fieldError(err, 'homeUnitId')}
        label={t('org.ind.unit')} testId="ind-unit" />
      <Field label={t('org.ind.firstNote')} error={fieldError(err, 'note')}>
        {(p) => <textarea {...p} value={f.note} onChange={(e) => set('note', e.target.value)} maxLength={2000} rows={2} data-testid="ind-note" />}
      </Field>
      <ProblemNotice error={err} testId="ind-problem" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={add.isPending || !whoReady(who) || !f.previousParty.trim() || !f.unitId} data-testid="ind-submit">
          {add.isPending ? t('org.saving') : t('org.ind.submit')}
        </button>
        <button type="button" className="btn org-tap" onClick={() => onDone(null)}>{t('org.cancel')}</button>
      </div>
    </form>
  );
}
