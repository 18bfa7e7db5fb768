// Alliances in one state: switch an alliance or a partner off (it then stands on its own), set a
// partner's transfer rate, add a partner, start a new alliance, or go back to the presets.
import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/ui.tsx';
import type { Alliance } from './api.ts';
import { blocResolver } from '../../../../src/modules/projection/blocs.ts';
import { activeAlliances, toAllianceDrafts, type AllianceDraft, type BlocVotes } from './draft.ts';

const transferFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });

export const AllianceEditor = memo(function AllianceEditor({ state, alliances, presets, parties, onChange }: {
  state: string;
  alliances: AllianceDraft[];
  presets: Alliance[];
  /** The state's parties with their baseline vote share, strongest first. */
  parties: BlocVotes[];
  onChange: (alliances: AllianceDraft[]) => void;
}) {
  const { t } = useTranslation();
  const here = alliances.filter((a) => a.state === state);
  const everywhere = alliances.filter((a) => a.state === '*' && a.enabled);
  // Parties standing on their own here: in no alliance of this state, nor pooled by an alliance of every state.
  const resolve = blocResolver(activeAlliances({ alliances }));
  const allied = new Set(here.flatMap((a) => a.members.map((m) => m.party)));
  const free = parties.filter((p) => !allied.has(p.bloc) && resolve(state, p.bloc).bloc === p.bloc && p.points >= 0.5 && p.bloc !== 'IND');

  const edit = (bloc: string, f: (a: AllianceDraft) => AllianceDraft) =>
    onChange(alliances.map((a) => (a.state === state && a.bloc === bloc ? f(a) : a)));
  const editMember = (bloc: string, party: string, patch: Partial<AllianceDraft['members'][number]>) =>
    edit(bloc, (a) => ({ ...a, members: a.members.map((m) => (m.party === party ? { ...m, ...patch } : m)) }));
  const reset = () => onChange([...alliances.filter((a) => a.state !== state), ...toAllianceDrafts(presets.filter((p) => (p.state ?? '*') === state))]);

  return (
    <div className="alliance-editor" data-testid="alliance-editor">
      <h3>{t('scenario.alliances', { state })}</h3>
      {here.length === 0 ? <p className="muted small">{t('scenario.alliancesNone')}</p> : null}
      {here.map((a) => (
        <fieldset key={a.bloc} className={`alliance${a.enabled ? '' : ' is-off'}`} data-testid={`alliance-${a.bloc}`}>
          <legend>
            <label className="check">
              <input type="checkbox" checked={a.enabled} onChange={(e) => edit(a.bloc, (x) => ({ ...x, enabled: e.target.checked }))}
                data-testid={`alliance-toggle-${a.bloc}`} />
              <span>{t('scenario.allianceOn', { bloc: a.bloc })}</span>
            </label>
          </legend>
          <ul className="plain-list alliance-members">
            {a.members.map((m, i) => (
              <li key={m.party}>
                {i === 0 ? (
                  <span className="member-name">{m.party} <span className="muted small">{t('scenario.lead')}</span></span>
                ) : (
                  <>
                    <label className="check member-name">
                      <input type="checkbox" checked={m.enabled} disabled={!a.enabled}
                        onChange={(e) => editMember(a.bloc, m.party, { enabled: e.target.checked })} data-testid={`member-${a.bloc}-${m.party}`} />
                      <span>{m.party}</span>
                    </label>
                    <TransferInput party={m.party} value={m.transfer} disabled={!a.enabled || !m.enabled}
                      onChange={(transfer) => editMember(a.bloc, m.party, { transfer })} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      {here.some((a) => a.members.length > 1) ? <p className="muted small">{t('scenario.transferHint')}</p> : null}
      {everywhere.length ? (
        <p className="muted small">{t('scenario.allianceEverywhere', { list: everywhere.map((a) => `${a.bloc} = ${a.members.map((m) => m.party).join(' + ')}`).join('; ') })}</p>
      ) : null}
      <AddPartner alliances={here} free={free} onAdd={(bloc, party) => edit(bloc, (a) => ({ ...a, members: [...a.members, { party, transfer: 1, transferSd: 0, enabled: true }] }))} />
      <NewAlliance free={free} taken={new Set(here.map((a) => a.bloc))}
        onCreate={(bloc, lead) => onChange([...alliances, { state, bloc, nationalAlliance: bloc, enabled: true, members: [{ party: lead, transfer: 1, transferSd: 0, enabled: true }] }])} />
      <button type="button" className="btn btn-small" onClick={reset} data-testid="alliances-reset">{t('scenario.resetAlliances')}</button>
    </div>
  );
});

function TransferInput({ party, value, disabled, onChange }: { party: string; value: number; disabled: boolean; onChange: (v: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(transferFormat.format(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) { setShown(value); setText(transferFormat.format(value)); }
  return (
    <label className="transfer">
      <span className="muted small">{t('scenario.transferShort')}</span>
      <input type="number" inputMode="decimal" min={0} max={2} step={0.05} value={text} disabled={disabled}
        aria-label={t('scenario.transfer', { party })}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 3) { setShown(v); onChange(v); }
        }}
        data-testid={`transfer-${party}`} />
    </label>
  );
}

function AddPartner({ alliances, free, onAdd }: { alliances: AllianceDraft[]; free: BlocVotes[]; onAdd: (bloc: string, party: string) => void }) {
  const { t } = useTranslation();
  const [bloc, setBloc] = useState('');
  const [party, setParty] = useState('');
  if (!alliances.length || !free.length) return null;
  const to = alliances.some((a) => a.bloc === bloc) ? bloc : alliances[0].bloc;
  const who = free.some((p) => p.bloc === party) ? party : free[0].bloc;
  const submit = (e: FormEvent) => { e.preventDefault(); onAdd(to, who); setParty(''); };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('scenario.addPartner')}>
      <Field label={t('scenario.addPartnerParty')}>
        {(p) => <select {...p} value={who} onChange={(e) => setParty(e.target.value)} data-testid="add-partner-party">{free.map((x) => <option key={x.bloc} value={x.bloc}>{`${x.bloc} · ${x.points.toFixed(1)}%`}</option>)}</select>}
      </Field>
      <Field label={t('scenario.addPartnerTo')}>
        {(p) => <select {...p} value={to} onChange={(e) => setBloc(e.target.value)}>{alliances.map((a) => <option key={a.bloc} value={a.bloc}>{a.bloc}</option>)}</select>}
      </Field>
      <button type="submit" className="btn btn-small" data-testid="add-partner">{t('scenario.add')}</button>
    </form>
  );
}

function NewAlliance({ free, taken, onCreate }: { free: BlocVotes[]; taken: Set<string>; onCreate: (bloc: string, lead: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [lead, setLead] = useState('');
  if (!free.length) return null;
  const who = free.some((p) => p.bloc === lead) ? lead : free[0].bloc;
  const clean = name.trim().toUpperCase().replace(/\s+/g, '-');
  const submit = (e: FormEvent) => { e.preventDefault(); if (!clean || taken.has(clean)) return; onCreate(clean, who); setName(''); };
  return (
    <details className="new-alliance">
      <summary>{t('scenario.newAlliance')}</summary>
      <form className="inline-form" onSubmit={submit}>
        <Field label={t('scenario.newAllianceName')}>
          {(p) => <input {...p} type="text" maxLength={20} value={name} onChange={(e) => setName(e.target.value)} autoCapitalize="characters" data-testid="new-alliance-name" />}
        </Field>
        <Field label={t('scenario.newAllianceLead')}>
          {(p) => <select {...p} value={who} onChange={(e) => setLead(e.target.value)}>{free.map((x) => <option key={x.bloc} value={x.bloc}>{x.bloc}</option>)}</select>}
        </Field>
        <button type="submit" className="btn btn-small" disabled={!clean || taken.has(clean)}>{t('scenario.create')}</button>
      </form>
    </details>
  );
}
