// What a committee is, per level: its designation types (seats, one per roll page, required, head)
// and its composition norm (formed at N required seats, minimum women, minimum SC/ST). Both decide
// every unit's figures, so saving either recomputes the whole party's strength: the page says so first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { orgApi, type OrgConfig } from './api.ts';
import { CodeField, itemError, NameFields, RemoveButton, RowProblems, SaveBar, useConfigRows } from './SettingsParts.tsx';

interface TypeRow {
  key: string; level: string; code: string; name: string; nameHi: string; seats: string;
  perPage: boolean; isRequired: boolean; isHead: boolean; sort: number; isNew: boolean;
}
const typeRows = (c: OrgConfig): TypeRow[] => c.designationTypes.map((d) => ({
  key: `${d.level}/${d.code}`, level: d.level, code: d.code, name: d.name, nameHi: d.nameHi ?? '', seats: String(d.seats),
  perPage: d.perPage, isRequired: d.isRequired, isHead: d.isHead, sort: d.sort, isNew: false,
}));
const typeItems = (rows: TypeRow[]): OrgConfig['designationTypes'] => rows.map((r) => ({
  level: r.level, code: r.code.trim(), name: r.name.trim(), nameHi: r.nameHi.trim() || null, seats: Number(r.seats),
  perPage: r.perPage, isRequired: r.isRequired, isHead: r.isHead, sort: r.sort,
}));
let nextKey = 0;

/** A note that stays on screen: these lists decide every unit's strength. */
function RebuildNote() {
  const { t } = useTranslation();
  return <p className="org-warning small" data-testid="cfg-rebuild-note"><strong>{t('org.cfg.rebuildConfirmTitle')}</strong> {t('org.cfg.rebuildNote')}</p>;
}

export function DesignationTypesEditor({ config }: { config: OrgConfig }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const { rows, setRows, setAt: set, save, dirty, err } = useConfigRows(config, typeRows, typeItems, orgApi.saveDesignationTypes);
  // Top-down, as the select lists them: the first level that has designations.
  const [level, setLevel] = useState(() => (config.levels.find((l) => config.designationTypes.some((d) => d.level === l.level)) ?? config.levels[0])?.level ?? '');
  const add = () => setRows((rs) => [...rs, {
    key: `new-${++nextKey}`, level, code: '', name: '', nameHi: '', seats: '1', perPage: false, isRequired: true, isHead: false,
    sort: Math.max(0, ...rs.filter((r) => r.level === level).map((r) => r.sort)) + 1, isNew: true,
  }]);
  const shown = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.level === level);
  return (
    <section className="card" aria-labelledby="cfg-types-h" data-testid="cfg-types">
      <h2 id="cfg-types-h">{t('org.cfg.types')}</h2>
      <p className="muted small">{t('org.cfg.typesIntro')}</p>
      <RebuildNote />
      <Field label={t('org.level')} className="org-filter-one">
        {(p) => (
          <select {...p} value={level} onChange={(e) => setLevel(e.target.value)} data-testid="cfg-types-level">
            {config.levels.map((l) => (
              <option key={l.level} value={l.level}>{local(l.name, l.nameHi)} ({rows.filter((r) => r.level === l.level).length})</option>
            ))}
          </select>
        )}
      </Field>
      {shown.length === 0 ? <p className="muted">{t('org.cfg.noTypes')}</p> : null}
      <ul className="plain-list org-config-rows">
        {shown.map(({ r, i }) => (
          <li key={r.key} className="org-config-row" data-testid={`cfg-type-${r.code || r.key}`}>
            <CodeField value={r.code} isNew={r.isNew} error={itemError(err, i, 'code')} onChange={(v) => set(i, { code: v })} label={t('org.cfg.code')} testId="cfg-type-code" />
            <NameFields name={r.name} nameHi={r.nameHi} err={err} i={i} onChange={(patch) => set(i, patch)} />
            <Field label={t('org.cfg.seats')} error={itemError(err, i, 'seats')} className="org-config-num">
              {(p) => <input {...p} type="number" min={1} max={500} inputMode="numeric" value={r.seats} onChange={(e) => set(i, { seats: e.target.value })} data-testid="cfg-type-seats" />}
            </Field>
            <div className="org-config-foot">
              <div className="org-checks" role="group" aria-label={t('org.cfg.flags')}>
                <Check label={t('org.cfg.perPage')} checked={r.perPage} onChange={(v) => set(i, { perPage: v })} testId="cfg-type-per-page" />
                <Check label={t('org.cfg.required')} checked={r.isRequired} onChange={(v) => set(i, { isRequired: v })} testId="cfg-type-required" />
                <Check label={t('org.cfg.head')} checked={r.isHead} onChange={(v) => set(i, { isHead: v })} testId="cfg-type-head" />
              </div>
              <RemoveButton onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))} label={t('org.cfg.removeNamed', { name: r.name || r.code })} />
            </div>
            <RowProblems err={err} i={i} />
          </li>
        ))}
      </ul>
      <SaveBar name="cfg-types" rebuilds pending={save.isPending} error={err} saved={save.isSuccess} dirty={dirty} onSave={() => save.mutate()}
        onAdd={level ? add : undefined} addLabel={t('org.cfg.addType')} />
    </section>
  );
}

function Check({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId: string }) {
  return (
    <label className="org-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

interface NormRow { level: string; name: string; nameHi: string | null; minFormed: string; minWomen: string; minScSt: string }
const NORM_FIELDS = ['minFormed', 'minWomen', 'minScSt'] as const;
const normRows = (c: OrgConfig): NormRow[] => c.levels.map((l) => {
  const n = c.norms.find((x) => x.level === l.level);
  return { level: l.level, name: l.name, nameHi: l.nameHi, minFormed: n ? String(n.minFormed) : '', minWomen: n ? String(n.minWomen) : '', minScSt: n ? String(n.minScSt) : '' };
});
/** A level with all three empty has no norm; an empty one beside filled ones is 0. */
const hasNorm = (r: NormRow) => NORM_FIELDS.some((k) => r[k].trim() !== '');
const normItems = (rows: NormRow[]): OrgConfig['norms'] => rows.filter(hasNorm).map((r) => ({
  level: r.level, minFormed: Number(r.minFormed) || 0, minWomen: Number(r.minWomen) || 0, minScSt: Number(r.minScSt) || 0,
}));

export function NormsEditor({ config }: { config: OrgConfig }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const { rows, setRows, save, dirty, err } = useConfigRows(config, normRows, normItems, orgApi.saveNorms);
  const set = (level: string, patch: Partial<NormRow>) => setRows((rs) => rs.map((r) => (r.level === level ? { ...r, ...patch } : r)));
  // The API names a norm by its place in the list sent, which leaves out levels without one.
  const sentIndex = new Map(rows.filter(hasNorm).map((r, k) => [r.level, k]));
  const labels = { minFormed: t('org.cfg.minFormed'), minWomen: t('org.cfg.minWomen'), minScSt: t('org.cfg.minScSt') };
  return (
    <section className="card" aria-labelledby="cfg-norms-h" data-testid="cfg-norms">
      <h2 id="cfg-norms-h">{t('org.cfg.norms')}</h2>
      <p className="muted small">{t('org.cfg.normsIntro')}</p>
      <RebuildNote />
      <ul className="plain-list org-config-rows">
        {rows.map((r) => {
          const i = sentIndex.get(r.level) ?? -1;
          return (
            <li key={r.level} className="org-config-row org-norm-row" data-testid={`cfg-norm-${r.level}`}>
              <fieldset className="org-norm-fields">
                <legend>{local(r.name, r.nameHi)}</legend>
                {NORM_FIELDS.map((k) => (
                  <Field key={k} label={labels[k]} error={itemError(err, i, k)} className="org-config-num">
                    {(p) => <input {...p} type="number" min={0} max={500} inputMode="numeric" value={r[k]} onChange={(e) => set(r.level, { [k]: e.target.value })} data-testid={`cfg-norm-${k}`} />}
                  </Field>
                ))}
              </fieldset>
              {i >= 0 ? <RowProblems err={err} i={i} /> : null}
            </li>
          );
        })}
      </ul>
      <p className="muted small">{t('org.cfg.normsEmpty')}</p>
      <SaveBar name="cfg-norms" rebuilds pending={save.isPending} error={err} saved={save.isSuccess} dirty={dirty} onSave={() => save.mutate()} />
    </section>
  );
}
