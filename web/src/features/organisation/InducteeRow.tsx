// One inductee in the list: who, from which party, where in the screening; one button for the next step
// (designation asks for the role given), rejection before designation, and the follow-up: every step
// and note in order, and a note to add.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { Field, fieldError, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { INDUCTEE_FLOW, orgApi, type Inductee, type InducteeDetail, type InducteeStatus } from './api.ts';
import { ORG, paths, useInvalidateOrg } from './parts.tsx';

export function InducteeRow({ i }: { i: Inductee }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const canWrite = can(useSignedIn(), 'org.write');
  const [open, setOpen] = useState(false);
  const at = INDUCTEE_FLOW.indexOf(i.status);
  const next = at >= 0 && at < INDUCTEE_FLOW.length - 1 ? INDUCTEE_FLOW[at + 1] : null;
  const moving = canWrite && i.status !== 'designated' && i.status !== 'rejected';
  return (
    <li className={`org-row org-status-${i.status}`} data-testid={`inductee-${i.id}`} data-status={i.status}>
      <div className="org-row-main">
        <Link to={paths.person(i.personId as Id)} className="org-row-name">{i.name ? local(i.name, i.nameHi) : `#${i.personId}`}</Link>
        <span className={`badge org-status-badge org-status-${i.status}`} data-testid="inductee-status-badge">{t(`org.status.${i.status}`)}</span>
      </div>
      <div className="org-row-figures small">
        <span>{t('org.fromParty', { party: i.previousParty })}{i.previousPosts ? ` · ${i.previousPosts}` : ''}</span>
        {i.proposerName ? <span>{t('org.proposedBy', { name: i.proposerName })}</span> : null}
        {i.unitName ? <span>{i.unitName}</span> : null}
        {i.assignedRole ? <span>{t('org.assignedRole', { role: i.assignedRole })}</span> : null}
      </div>
      {moving ? <StepForm i={i} next={next} /> : null}
      <div className="org-row-more">
        <button type="button" className="linklike small" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="inductee-follow-up">
          {open ? t('org.ind.hideFollowUp') : t('org.ind.followUp')}
        </button>
      </div>
      {open ? <FollowUp id={i.id} canWrite={canWrite} /> : null}
    </li>
  );
}

function StepForm({ i, next }: { i: Inductee; next: InducteeStatus | null }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const [note, setNote] = useState('');
  const [role, setRole] = useState('');
  const step = useMutation({
    mutationFn: (status: InducteeStatus) => orgApi.inducteeStep(i.id, {
      status, ...(note.trim() ? { note: note.trim() } : {}), ...(status === 'designated' && role.trim() ? { assignedRole: role.trim() } : {}),
    }),
    onSuccess: async () => { setNote(''); setRole(''); await invalidate(); },
  });
  return (
    <div className="org-steps">
      {next === 'designated' ? (
        <Field label={t('org.ind.role')} error={fieldError(step.error, 'assignedRole')} className="org-step-role">
          {(p) => <input {...p} value={role} onChange={(e) => setRole(e.target.value)} maxLength={200} data-testid="inductee-role" />}
        </Field>
      ) : null}
      <input type="text" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('org.noteOptional')} aria-label={t('org.noteOptional')} maxLength={2000} data-testid="inductee-step-note" />
      {next ? (
        <button type="button" className="btn btn-small btn-primary" disabled={step.isPending || (next === 'designated' && !role.trim())}
          onClick={() => step.mutate(next)} data-testid="inductee-next">
          {t('org.moveTo', { status: t(`org.status.${next}`) })}
        </button>
      ) : null}
      <button type="button" className="btn btn-small btn-danger" disabled={step.isPending} onClick={() => step.mutate('rejected')} data-testid="inductee-reject">{t('org.reject')}</button>
      {fieldError(step.error, 'assignedRole') ? null : <ProblemNotice error={step.error} />}
    </div>
  );
}

function FollowUp({ id, canWrite }: { id: Id; canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const detail = useQuery({ queryKey: [ORG, 'inductee', String(id)], queryFn: () => orgApi.inductee(id) });
  return (
    <div className="org-follow-up" data-testid="inductee-events">
      <QueryGate query={detail}>
        {() => (
          <ol className="plain-list org-events">
            {detail.data!.events.map((e) => (
              <li key={e.id} className={`org-event org-event-${e.kind}`} data-kind={e.kind}>
                <span className="muted small nowrap">{fmt.dateTime(e.at)}{e.by ? ` · ${e.by}` : ''}</span>
                <span>
                  {e.kind === 'step' && e.status ? <strong>{t('org.ind.movedTo', { status: t(`org.status.${e.status}`) })}</strong> : null}
                  {e.kind === 'step' && e.status && e.note ? ' — ' : null}
                  {e.note ? <span className="org-event-note">{e.note}</span> : null}
                </span>
              </li>
            ))}
          </ol>
        )}
      </QueryGate>
      {canWrite ? <NoteForm id={id} /> : null}
    </div>
  );
}

function NoteForm({ id }: { id: Id }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const invalidate = useInvalidateOrg();
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () => orgApi.addInducteeNote(id, note.trim()),
    onSuccess: async (d: InducteeDetail) => { setNote(''); qc.setQueryData([ORG, 'inductee', String(id)], d); await invalidate(); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); if (note.trim()) add.mutate(); };
  return (
    <form className="org-note-form" onSubmit={submit} data-testid="inductee-note-form">
      <Field label={t('org.ind.addNote')} error={fieldError(add.error, 'note')}>
        {(p) => <textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} data-testid="inductee-note" />}
      </Field>
      {fieldError(add.error, 'note') ? null : <ProblemNotice error={add.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={add.isPending || !note.trim()} data-testid="inductee-note-submit">
          {add.isPending ? t('org.saving') : t('org.ind.saveNote')}
        </button>
      </div>
    </form>
  );
}
