// Party aliases and successions, edited as data: a table each, a form to add or change one, a button
// to remove one. Both are shared by every workspace, as the results are.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { importsApi, type Alias, type Succession } from './api.ts';

/** Aliases shown before "show all": the list runs to dozens, the filter finds the rest. */
const FIRST = 10;

export function PartyData() {
  const { t } = useTranslation();
  return (
    <section className="section imports-party-data" aria-labelledby="party-data-h">
      <h2 id="party-data-h">{t('imports.partyData')}</h2>
      <p className="muted">{t('imports.partyDataIntro')}</p>
      <div className="imports-party-grid">
        <Aliases />
        <Successions />
      </div>
    </section>
  );
}

function Aliases() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['party-aliases'], queryFn: importsApi.aliases });
  const [alias, setAlias] = useState('');
  const [party, setParty] = useState('');
  const [note, setNote] = useState('');
  const [filter, setFilter] = useState('');
  const [all, setAll] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['party-aliases'] });
  const save = useMutation({
    mutationFn: () => importsApi.putAlias(alias.trim(), party.trim(), note.trim() || undefined),
    onSuccess: () => { setAlias(''); setParty(''); setNote(''); refresh(); },
  });
  const remove = useMutation({ mutationFn: (a: string) => importsApi.removeAlias(a), onSuccess: refresh });
  const onSubmit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  const err = save.error;
  const f = filter.trim().toUpperCase();
  const shown = (items: Alias[]) => (f ? items.filter((a) => a.alias.toUpperCase().includes(f) || a.party.includes(f)) : items);
  return (
    <div className="card" data-testid="aliases">
      <h3>{t('imports.aliases')}</h3>
      <form className="form-grid imports-party-form" onSubmit={onSubmit} noValidate data-testid="alias-form" aria-label={t('imports.addAlias')}>
        <Field label={t('imports.alias')} error={fieldError(err, 'alias')}>
          {(p) => <input {...p} type="text" required maxLength={120} value={alias} onChange={(e) => setAlias(e.target.value)} data-testid="alias-alias" />}
        </Field>
        <Field label={t('imports.party')} error={fieldError(err, 'party')}>
          {(p) => <input {...p} type="text" required maxLength={24} value={party} autoCapitalize="characters" onChange={(e) => setParty(e.target.value)} data-testid="alias-party" />}
        </Field>
        <Field label={t('imports.note')}>
          {(p) => <input {...p} type="text" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="alias-note" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending || !alias.trim() || !party.trim()} data-testid="alias-submit">{t('imports.save')}</button>
        </div>
      </form>
      <ProblemNotice error={err ?? remove.error} />
      <QueryGate query={q}>{() => {
        const items = shown(q.data!.items);
        return (
          <>
            <div className="imports-filter">
              <Field label={t('imports.filter')}>
                {(p) => <input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="alias-filter" />}
              </Field>
              <p className="muted small" aria-live="polite">{t('imports.showing', { shown: items.length, n: q.data!.items.length })}</p>
            </div>
            {items.length ? (
              <>
                <table className="table table-compact imports-party-table" data-testid="alias-table">
                  <thead><tr><th scope="col">{t('imports.alias')}</th><th scope="col">{t('imports.party')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr></thead>
                  <tbody>
                    {(all || f ? items : items.slice(0, FIRST)).map((a) => (
                      <tr key={a.alias} data-testid="alias-row">
                        <th scope="row" className="break">{a.alias}{a.note ? <span className="cell-note">{a.note}</span> : null}</th>
                        <td className="mono">{a.party}</td>
                        <td className="imports-row-action">
                          <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} aria-label={t('imports.removeAliasNamed', { alias: a.alias })}
                            onClick={() => { if (window.confirm(t('imports.removeConfirm', { what: `${a.alias} → ${a.party}` }))) remove.mutate(a.alias); }}>
                            {t('imports.remove')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {!f && items.length > FIRST ? (
                  <button type="button" className="btn btn-small imports-show-all" aria-expanded={all} onClick={() => setAll((v) => !v)} data-testid="alias-show-all">
                    {all ? t('imports.showFewer') : t('imports.showAll', { n: items.length })}
                  </button>
                ) : null}
              </>
            ) : <p className="muted">{t('imports.noAliases')}</p>}
          </>
        );
      }}</QueryGate>
    </div>
  );
}

function Successions() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['party-successions'], queryFn: importsApi.successions });
  const [form, setForm] = useState({ from: '', to: '', weight: '', year: String(new Date().getFullYear()), state: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const refresh = () => void qc.invalidateQueries({ queryKey: ['party-successions'] });
  const save = useMutation({
    mutationFn: () => importsApi.putSuccession({ from: form.from.trim(), to: form.to.trim(), weight: Number(form.weight), year: Number(form.year), ...(form.state.trim() ? { state: form.state.trim() } : {}) }),
    onSuccess: () => { setForm((f) => ({ ...f, to: '', weight: '' })); refresh(); },
  });
  const remove = useMutation({ mutationFn: (s: Succession) => importsApi.removeSuccession(s), onSuccess: refresh });
  const onSubmit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  const err = save.error;
  return (
    <div className="card" data-testid="successions">
      <h3>{t('imports.successions')}</h3>
      <form className="form-grid imports-party-form" onSubmit={onSubmit} noValidate data-testid="succession-form" aria-label={t('imports.addSuccession')}>
        <Field label={t('imports.from')} error={fieldError(err, 'from')}>
          {(p) => <input {...p} type="text" required maxLength={24} value={form.from} onChange={set('from')} data-testid="succession-from" />}
        </Field>
        <Field label={t('imports.to')} error={fieldError(err, 'to')}>
          {(p) => <input {...p} type="text" required maxLength={24} value={form.to} onChange={set('to')} data-testid="succession-to" />}
        </Field>
        <Field label={t('imports.weight')} hint={t('imports.weightHint')} error={fieldError(err, 'weight')}>
          {(p) => <input {...p} type="number" required min={0.01} max={1} step={0.01} inputMode="decimal" value={form.weight} onChange={set('weight')} data-testid="succession-weight" />}
        </Field>
        <Field label={t('imports.year')} hint={t('imports.yearHint')} error={fieldError(err, 'year')}>
          {(p) => <input {...p} type="number" required min={1950} max={2100} inputMode="numeric" value={form.year} onChange={set('year')} data-testid="succession-year" />}
        </Field>
        <Field label={t('imports.state')} hint={t('imports.stateAllHint')} error={fieldError(err, 'state')}>
          {(p) => <input {...p} type="text" maxLength={60} value={form.state} onChange={set('state')} data-testid="succession-state" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending || !form.from.trim() || !form.to.trim() || !form.weight} data-testid="succession-submit">{t('imports.save')}</button>
        </div>
      </form>
      <ProblemNotice error={err ?? remove.error} />
      <QueryGate query={q}>{() => (q.data!.items.length ? (
        <table className="table table-compact imports-party-table" data-testid="succession-table">
          <thead><tr><th scope="col">{t('imports.from')} → {t('imports.to')}</th><th scope="col" className="num">{t('imports.weight')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr></thead>
          <tbody>
            {q.data!.items.map((s) => (
              <tr key={`${s.from}>${s.to}@${s.year}/${s.state ?? ''}`} data-testid="succession-row">
                <th scope="row">
                  <span className="mono">{s.from} → {s.to}</span>
                  <span className="cell-note">{t('imports.successionWhen', { year: s.year, state: s.state ?? t('imports.stateAll') })}{s.note ? ` · ${s.note}` : ''}</span>
                </th>
                <td className="num">{fmt.number(s.weight)}</td>
                <td className="imports-row-action">
                  <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending}
                    aria-label={t('imports.removeSuccessionNamed', { from: s.from, to: s.to, year: s.year })}
                    onClick={() => { if (window.confirm(t('imports.removeConfirm', { what: `${s.from} → ${s.to} (${s.year})` }))) remove.mutate(s); }}>
                    {t('imports.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted" data-testid="successions-none">{t('imports.noSuccessions')}</p>)}</QueryGate>
    </div>
  );
}
