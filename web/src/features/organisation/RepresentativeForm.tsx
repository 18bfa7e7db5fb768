// Record an elected office: an MP or MLA names the seat (state and constituency number; the house
// follows from the office), a mayor, municipal head, district panchayat chair or councillor names the
// body. The holder is someone registered or a new person created by phone in the same request.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api.ts';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { UnitPicker } from '../admin/UnitPicker.tsx';
import { OFFICES, orgApi, type Office, type Representative, type RepresentativeInput } from './api.ts';
import { useInvalidateOrg } from './parts.tsx';
import { emptyWho, useDefaultUnit, whoBody, whoReady, WhoFields, type Who } from './PersonChoice.tsx';

const hasSeat = (o: Office) => o === 'mp' || o === 'mla';

interface RepForm { office: Office; stateCode: string; constituencyNo: string; body: string; unitId: string; fromDate: string }

export function toRepresentativeInput(f: RepForm, who: Who): RepresentativeInput {
  const seat = hasSeat(f.office)
    ? { stateCode: f.stateCode.trim().toUpperCase(), house: f.office === 'mp' ? 'LS' as const : 'AE' as const, constituencyNo: Number(f.constituencyNo) || null }
    : { body: f.body.trim() || null };
  return { office: f.office, unitId: f.unitId, ...seat, ...(f.fromDate ? { fromDate: f.fromDate } : {}), ...whoBody(who, f.unitId) };
}

export function RepresentativeForm({ onDone }: { onDone: (added: Representative | null) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const unit = useDefaultUnit();
  const [f, setF] = useState<RepForm>({ office: 'mla', stateCode: '', constituencyNo: '', body: '', unitId: unit, fromDate: '' });
  const [who, setWho] = useState<Who>(emptyWho);
  const set = <K extends keyof RepForm>(k: K, v: RepForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const add = useMutation({
    mutationFn: () => orgApi.createRepresentative(toRepresentativeInput(f, who)),
    onSuccess: async (r) => { await invalidate(); onDone(r); },
  });
  const err = add.error;
  const submit = (e: FormEvent) => { e.preventDefault(); add.mutate(); };
  const seat = hasSeat(f.office);

  return (
    <form className="org-form card org-add-form" onSubmit={submit} data-testid="rep-form" aria-label={t('org.rep.add')}>
      <h2 className="org-form-title">{t('org.rep.add')}</h2>
      <div className="org-form-grid">
        <Field label={t('org.office.label')} error={fieldError(err, 'office')}>
          {(p) => (
            <select {...p} value={f.office} onChange={(e) => set('office', e.target.value as Office)} data-testid="rep-office">
              {OFFICES.map((o) => <option key={o} value={o}>{t(`org.office.${o}`)}</option>)}
            </select>
          )}
        </Field>
        {seat ? (
          <>
            <Field label={t('org.rep.stateCode')} hint={t('org.rep.stateCodeHint')} error={fieldError(err, 'stateCode')}>
              {(p) => <input {...p} value={f.stateCode} onChange={(e) => set('stateCode', e.target.value.toUpperCase())} maxLength={5} autoComplete="off" autoCapitalize="characters" data-testid="rep-state" />}
            </Field>
            <Field label={f.office === 'mp' ? t('org.rep.pcNo') : t('org.rep.acNo')} error={fieldError(err, 'constituencyNo') ?? fieldError(err, 'house')}>
              {(p) => <input {...p} type="number" min={1} max={999} inputMode="numeric" value={f.constituencyNo} onChange={(e) => set('constituencyNo', e.target.value)} data-testid="rep-constituency" />}
            </Field>
          </>
        ) : (
          <Field label={t('org.rep.body')} hint={t('org.rep.bodyHint')} error={fieldError(err, 'body')}>
            {(p) => <input {...p} value={f.body} onChange={(e) => set('body', e.target.value)} maxLength={200} autoComplete="off" data-testid="rep-body" />}
          </Field>
        )}
        <Field label={t('org.rep.fromDate')} error={fieldError(err, 'fromDate')}>
          {(p) => <input {...p} type="date" value={f.fromDate} onChange={(e) => set('fromDate', e.target.value)} data-testid="rep-from" />}
        </Field>
      </div>
      <UnitPicker value={f.unitId} onChange={(v) => set('unitId', v)} error={fieldError(err, 'unitId') ?? fieldError(err, 'homeUnitId')}
        label={t('org.rep.unit')} testId="rep-unit" />
      <WhoFields who={who} onChange={setWho} error={err} legend={t('org.rep.holder')} />
      <ProblemNotice error={err} testId="rep-problem" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={add.isPending || !whoReady(who) || !f.unitId} data-testid="rep-submit">
          {add.isPending ? t('org.saving') : t('org.rep.submit')}
        </button>
        <button type="button" className="btn org-tap" onClick={() => onDone(null)}>{t('org.cancel')}</button>
      </div>
    </form>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

/** End a term (the record stays, with its end date) or remove a record made in error. */
export function RepresentativeActions({ r, name }: { r: Representative; name: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const [open, setOpen] = useState<'end' | 'remove' | null>(null);
  const [toDate, setToDate] = useState(today);
  const end = useMutation({
    mutationFn: () => orgApi.updateRepresentative(r.id as Id, { toDate }),
    onSuccess: async () => { setOpen(null); await invalidate(); },
  });
  const remove = useMutation({
    mutationFn: () => orgApi.removeRepresentative(r.id as Id),
    onSuccess: () => invalidate(),
  });
  const office = t(`org.office.${r.office}`);
  if (open === 'end') {
    return (
      <form className="org-form" onSubmit={(e) => { e.preventDefault(); end.mutate(); }} data-testid="rep-end-form">
        <Field label={t('org.rep.endOn', { name, office })} error={fieldError(end.error, 'toDate')}>
          {(p) => <input {...p} type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} required data-testid="rep-end-date" />}
        </Field>
        <ProblemNotice error={end.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-small btn-primary" disabled={end.isPending || !toDate} data-testid="rep-end-submit">{t('org.rep.endSubmit')}</button>
          <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>{t('org.cancel')}</button>
        </div>
      </form>
    );
  }
  if (open === 'remove') {
    return (
      <div className="org-form" data-testid="rep-remove-confirm">
        <p>{t('org.rep.removeConfirm', { name, office })}</p>
        <ProblemNotice error={remove.error} />
        <div className="form-actions">
          <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} onClick={() => remove.mutate()} data-testid="rep-remove-submit">{t('org.rep.removeSubmit')}</button>
          <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>{t('org.cancel')}</button>
        </div>
      </div>
    );
  }
  return (
    <div className="org-slot-actions">
      {!r.toDate ? <button type="button" className="btn btn-small" onClick={() => setOpen('end')} data-testid="rep-end">{t('org.rep.end')}</button> : null}
      <button type="button" className="btn btn-small btn-danger" onClick={() => setOpen('remove')} data-testid="rep-remove">{t('org.rep.remove')}</button>
    </div>
  );
}
