// Shares set by hand for the units directly below: a state knows its districts better than a booth
// count does. Units left as they were share the rest by the task's rule; the server re-splits below.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { PROG, progApi, type TaskDetail } from './api.ts';

export function SharesEditor({ task, onSaved }: { task: TaskDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Record<number, string>>({});
  const whole = task.progress?.target ?? 0;
  const sum = task.children.reduce((a, c) => a + (draft[c.unitId] !== undefined ? Number(draft[c.unitId]) || 0 : (c.target ?? 0)), 0);
  const save = useMutation({
    mutationFn: () => progApi.shares(task.id, task.progress!.unitId, Object.entries(draft).map(([unitId, v]) => ({ unitId, target: Number(v) || 0 }))),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: [PROG] }); onSaved(); },
  });
  return (
    <div className="stack" data-testid="shares-editor">
      <p className={sum === whole ? 'muted' : 'notice'}>{t('prog.sharesSum', { sum: fmt.number(sum), whole: fmt.number(whole) })}</p>
      <div className="table-scroll">
        <table className="table">
          <thead><tr><th>{t('prog.unit')}</th><th>{t('prog.target')}</th></tr></thead>
          <tbody>
            {task.children.map((c) => (
              <tr key={c.unitId}>
                <td>{local(c.name, c.nameHi)}</td>
                <td><input type="number" min={0} inputMode="numeric" aria-label={t('prog.shareOf', { unit: local(c.name, c.nameHi) })}
                  value={draft[c.unitId] ?? String(c.target ?? 0)} onChange={(e) => setDraft({ ...draft, [c.unitId]: e.target.value })} data-testid={`share-${c.unitId}`} /></td>
              </tr>))}
          </tbody>
        </table>
      </div>
      <ProblemNotice error={save.error} testId="shares-error" />
      <div className="form-actions"><button type="button" className="btn btn-primary" disabled={Object.keys(draft).length === 0 || save.isPending} onClick={() => save.mutate()} data-testid="shares-save">{t('prog.sharesSave')}</button></div>
    </div>
  );
}
