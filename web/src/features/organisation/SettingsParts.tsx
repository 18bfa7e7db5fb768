// Pieces the organisation settings lists share: the API's problems for one row or one field of a
// list (`items.3.name`), and the save bar that, for lists which decide strength, asks first.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api.ts';
import { Field, ProblemNotice } from '../../components/ui.tsx';
import type { OrgConfig } from './api.ts';
import { ORG, useInvalidateOrg } from './parts.tsx';

/** The API's message for one field of row `i` of the list sent as `items`. */
export function itemError(err: unknown, i: number, key: string): string | undefined {
  return err instanceof ApiProblem ? err.errors.find((e) => e.field === `items.${i}.${key}`)?.message : undefined;
}

/** Messages about row `i` as a whole (a code listed twice). */
export function RowProblems({ err, i }: { err: unknown; i: number }) {
  const msgs = err instanceof ApiProblem ? err.errors.filter((e) => e.field === `items.${i}`).map((e) => e.message) : [];
  return msgs.length ? <p className="field-error">{msgs.join('; ')}</p> : null;
}

/** After a save: the configuration the API answered is the new truth; everything derived from it reloads. */
export function useConfigSaved(): (saved: OrgConfig) => Promise<void> {
  const qc = useQueryClient();
  const invalidate = useInvalidateOrg();
  return async (saved) => {
    qc.setQueryData([ORG, 'config'], saved);
    await invalidate();
  };
}

/**
 * One settings list's editing state: its rows from the config, the save (which reloads the rows from
 * what the server kept), whether anything changed, and a row patcher by position.
 */
export function useConfigRows<R, I>(config: OrgConfig, toRows: (c: OrgConfig) => R[], toItems: (rows: R[]) => I, send: (items: I) => Promise<OrgConfig>) {
  const onSaved = useConfigSaved();
  const [rows, setRows] = useState(() => toRows(config));
  const save = useMutation({
    mutationFn: () => send(toItems(rows)),
    onSuccess: async (saved: OrgConfig) => { setRows(toRows(saved)); await onSaved(saved); },
  });
  const setAt = (i: number, patch: Partial<R>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const dirty = JSON.stringify(toItems(rows)) !== JSON.stringify(toItems(toRows(config)));
  return { rows, setRows, setAt, save, dirty, err: save.error };
}

/**
 * Save, the error, and the "saved" notice. With `rebuilds`, the first press shows what saving does to
 * the whole party's strength and asks again.
 */
export function SaveBar({ name, rebuilds, pending, error, saved, onSave, onAdd, addLabel, dirty }: {
  name: string; rebuilds?: boolean; pending: boolean; error: unknown; saved: boolean; dirty: boolean;
  onSave: () => void; onAdd?: () => void; addLabel?: string;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const save = () => { setConfirming(false); onSave(); };
  return (
    <div className="stack">
      <ProblemNotice error={error} testId={`${name}-problem`} />
      {saved && !dirty ? <p className="notice notice-ok" role="status" data-testid={`${name}-saved`}>{t('org.cfg.saved')}</p> : null}
      {confirming ? (
        <div className="org-warning" role="alertdialog" aria-labelledby={`${name}-confirm-text`} data-testid={`${name}-confirm`}>
          <p id={`${name}-confirm-text`}><strong>{t('org.cfg.rebuildConfirmTitle')}</strong> {t('org.cfg.rebuildConfirm')}</p>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={save} disabled={pending} data-testid={`${name}-confirm-save`}>{t('org.cfg.rebuildSave')}</button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>{t('org.cancel')}</button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="btn btn-primary" disabled={pending || !dirty} onClick={() => (rebuilds ? setConfirming(true) : save())} data-testid={`${name}-save`}>
            {pending ? (rebuilds ? t('org.cfg.rebuilding') : t('org.saving')) : t('org.cfg.save')}
          </button>
          {onAdd ? <button type="button" className="btn" onClick={onAdd} data-testid={`${name}-add`}>{addLabel}</button> : null}
        </div>
      )}
    </div>
  );
}

/** A code is the key other records use: typed once for a new entry, shown (not edited) afterwards. */
export function CodeField({ value, isNew, error, onChange, label, testId }: {
  value: string; isNew: boolean; error?: string; onChange: (v: string) => void; label: string; testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label} hint={isNew ? t('org.cfg.codeHint') : undefined} error={error} className="org-config-code">
      {(p) => (isNew
        ? <input {...p} value={value} onChange={(e) => onChange(e.target.value.toLowerCase())} maxLength={40} autoComplete="off" autoCapitalize="none" spellCheck={false} data-testid={testId} />
        : <input {...p} value={value} readOnly data-testid={testId} />)}
    </Field>
  );
}

export function NameFields({ name, nameHi, err, i, onChange }: {
  name: string; nameHi: string; err: unknown; i: number; onChange: (patch: { name?: string; nameHi?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('org.cfg.nameEn')} error={itemError(err, i, 'name')}>
        {(p) => <input {...p} value={name} onChange={(e) => onChange({ name: e.target.value })} maxLength={120} autoComplete="off" data-testid="cfg-name" />}
      </Field>
      <Field label={t('org.cfg.nameHi')} error={itemError(err, i, 'nameHi')}>
        {(p) => <input {...p} lang="hi" value={nameHi} onChange={(e) => onChange({ nameHi: e.target.value })} maxLength={120} autoComplete="off" data-testid="cfg-name-hi" />}
      </Field>
    </>
  );
}

export function RemoveButton({ onClick, label }: { onClick: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="org-config-remove">
      <button type="button" className="btn btn-small btn-danger" onClick={onClick} aria-label={label} data-testid="cfg-remove">{t('org.cfg.remove')}</button>
    </div>
  );
}
