// Saved scenarios: save the one on screen (as new, or over the one loaded), list, load, delete.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { savedKey, scenarioApi, type SavedScenario, type ScenarioWrite } from './api.ts';

export const SavedScenarios = memo(function SavedScenarios({ items, canWrite, current, loadedId, onLoad, onSaved }: {
  items: SavedScenario[];
  canWrite: boolean;
  /** The scenario on screen, as it would be saved. */
  current: () => Omit<ScenarioWrite, 'name'>;
  loadedId: number | null;
  onLoad: (s: SavedScenario) => void;
  onSaved: (s: SavedScenario) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const loaded = items.find((s) => s.id === loadedId) ?? null;
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const done = (s: SavedScenario) => { void qc.invalidateQueries({ queryKey: savedKey }); setNote(t('scenario.savedOk', { name: s.name })); onSaved(s); };
  const create = useMutation({ mutationFn: (n: string) => scenarioApi.create({ ...current(), name: n }), onSuccess: (s) => { setName(''); done(s); } });
  const update = useMutation({ mutationFn: (s: SavedScenario) => scenarioApi.update(s.id, { ...current(), name: s.name }), onSuccess: done });
  const remove = useMutation({
    mutationFn: (id: number) => scenarioApi.remove(id),
    onSuccess: () => { setConfirming(null); void qc.invalidateQueries({ queryKey: savedKey }); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); if (name.trim()) create.mutate(name.trim()); };

  return (
    <section className="card section scenario-saved" aria-labelledby="saved-h" data-testid="scenario-saved">
      <h2 id="saved-h">{t('scenario.saved')}</h2>
      {canWrite ? (
        <form className="inline-form" onSubmit={submit} data-testid="save-form">
          <Field label={t('scenario.saveName')} error={fieldError(create.error, 'name')}>
            {(p) => <input {...p} type="text" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} data-testid="save-name" />}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending} data-testid="save-new">{t('scenario.save')}</button>
          {loaded ? (
            <button type="button" className="btn" onClick={() => update.mutate(loaded)} disabled={update.isPending} data-testid="save-changes">
              {t('scenario.saveChanges', { name: loaded.name })}
            </button>
          ) : null}
        </form>
      ) : null}
      <ProblemNotice error={create.error ?? update.error ?? remove.error} />
      {note ? <p className="notice notice-ok" role="status" data-testid="save-note">{note}</p> : null}
      {items.length === 0 ? <p className="muted" data-testid="saved-none">{t('scenario.noSaved')}</p> : (
        <ul className="plain-list saved-list" data-testid="saved-list">
          {items.map((s) => (
            <li key={s.id} className={s.id === loadedId ? 'is-loaded' : ''} data-testid={`saved-${s.name}`}>
              <div className="saved-main">
                <strong className="break">{s.name}</strong>
                <span className="muted small">{s.election} · {t('scenario.savedBy', { who: s.createdBy ?? '—', when: fmt.dateTime(s.updatedAt) })}</span>
              </div>
              <div className="saved-actions">
                <button type="button" className="btn btn-small" onClick={() => { onLoad(s); setNote(t('scenario.loaded', { name: s.name })); }}
                  aria-label={t('scenario.loadNamed', { name: s.name })} data-testid="saved-load">{t('scenario.load')}</button>
                {canWrite ? (confirming === s.id ? (
                  <>
                    <button type="button" className="btn btn-small btn-danger" onClick={() => remove.mutate(s.id)} data-testid="saved-confirm-delete">{t('scenario.confirm')}</button>
                    <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>{t('scenario.cancel')}</button>
                  </>
                ) : (
                  <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirming(s.id)}
                    aria-label={t('scenario.deleteNamed', { name: s.name })} data-testid="saved-delete">{t('scenario.delete')}</button>
                )) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
