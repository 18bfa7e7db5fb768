// Calls needing an organiser: who (name, masked number), where, what the agent noted; a manager
// writes what was done and the call leaves the list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, ProblemNotice, QueryGate, fieldError } from '../../../components/ui.tsx';
import { useFormat } from '../../../format.ts';
import { useLocalName } from '../../../i18n/index.ts';
import { DASH, dashApi, type TodoItem } from './api.ts';

/** How many the list shows at first; the oldest wait behind "show more". */
const PAGE = 5;

export function TodoList({ campaignId }: { campaignId?: number }) {
  const { t } = useTranslation();
  const todo = useQuery({ queryKey: [DASH, 'todo', campaignId ?? null], queryFn: () => dashApi.todo(campaignId) });
  const [shown, setShown] = useState(PAGE);
  const items = todo.data?.items ?? [];
  return (
    <section className="card section dash-todo" data-testid="dash-todo">
      <h2>{t('outreachDash.todo.title')}{todo.data ? <span className="muted"> · {todo.data.truncated ? `${items.length}+` : items.length}</span> : null}</h2>
      <p className="muted">{t('outreachDash.todo.intro')}</p>
      <QueryGate query={todo}>
        {() => items.length === 0
          ? <p className="empty-line" data-testid="dash-todo-none">{t('outreachDash.todo.none')}</p>
          : (
            <>
              <ul className="plain-list dash-todo-list">
                {items.slice(0, shown).map((x) => <TodoRow key={x.callId} item={x} showCampaign={campaignId === undefined} />)}
              </ul>
              {items.length > shown ? (
                <button type="button" className="btn btn-small" onClick={() => setShown(shown + 4 * PAGE)} data-testid="dash-todo-more">
                  {t('outreachDash.todo.more', { n: items.length - shown })}
                </button>
              ) : null}
            </>
          )}
      </QueryGate>
    </section>
  );
}

function TodoRow({ item: x, showCampaign }: { item: TodoItem; showCampaign: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: () => dashApi.resolve(x.callId, text.trim()),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [DASH, 'todo'] }),
  });
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <li className="dash-todo-item" data-testid="dash-todo-item">
      <div className="dash-todo-head">
        <strong>{x.name ?? t('outreachDash.todo.noName')}</strong>
        {x.phone ? <span className="muted dash-phone">{x.phone}</span> : null}
        <time className="muted" dateTime={x.at}>{fmt.dateTime(x.at)}</time>
      </div>
      <div className="detail">
        {[showCampaign ? x.campaign : null, x.acNo ? t('outreachDash.acLabel', { no: x.acNo, name: x.acName ? local(x.acName, x.acNameHi) : '' }) : null,
          x.agent ? t('outreachDash.todo.by', { agent: x.agent }) : null].filter(Boolean).join(' · ')}
      </div>
      {x.note ? <p className="dash-note">{x.note}</p> : null}
      {open ? (
        <form className="stack" onSubmit={submit}>
          <Field label={t('outreachDash.todo.resolution')} error={fieldError(save.error, 'resolution')}>
            {(p) => <textarea {...p} rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} data-testid="dash-todo-text" />}
          </Field>
          <ProblemNotice error={save.error} />
          <div className="dash-actions">
            <button type="submit" className="btn btn-primary btn-small" disabled={!text.trim() || save.isPending} data-testid="dash-todo-save">{t('outreachDash.todo.save')}</button>
            <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>{t('outreachDash.cancel')}</button>
          </div>
        </form>
      ) : (
        <div><button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="dash-todo-resolve">{t('outreachDash.todo.resolve')}</button></div>
      )}
    </li>
  );
}
