// The organisation's configuration (org.configure on the whole tenant): its levels and wings with
// their names in both scripts, the designation types of each level and the composition norms. Each
// list is saved whole; the API refuses (409) to drop an entry still in use.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState, Field, PageHeading, QueryGate } from '../../components/ui.tsx';
import { can, useSignedIn } from '../../session.ts';
import { orgApi, type OrgConfig } from './api.ts';
import { ORG } from './parts.tsx';
import { DesignationTypesEditor, NormsEditor } from './SettingsCommittees.tsx';
import { CodeField, itemError, NameFields, RemoveButton, RowProblems, SaveBar, useConfigRows } from './SettingsParts.tsx';

export default function SettingsPage() {
  const { t } = useTranslation();
  const allowed = can(useSignedIn(), 'org.configure');
  const config = useQuery({ queryKey: [ORG, 'config'], queryFn: orgApi.config, enabled: allowed });
  if (!allowed) {
    return <EmptyState title={t('common.notAllowedTitle')} testId="org-settings-denied"><p>{t('org.cfg.denied')}</p></EmptyState>;
  }
  return (
    <>
      <PageHeading testId="org-settings">{t('org.cfg.title')}</PageHeading>
      <p className="muted">{t('org.cfg.intro')}</p>
      <QueryGate query={config}>
        {() => (
          <div className="stack org-settings">
            <LevelsEditor config={config.data!} />
            <WingsEditor config={config.data!} />
            {/* Both list every level: a saved change of levels starts them afresh. */}
            <DesignationTypesEditor key={levelsKey(config.data!)} config={config.data!} />
            <NormsEditor key={levelsKey(config.data!)} config={config.data!} />
          </div>
        )}
      </QueryGate>
    </>
  );
}

const levelsKey = (c: OrgConfig) => JSON.stringify(c.levels);
let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

interface LevelRow { key: string; level: string; depth: string; name: string; nameHi: string; isNew: boolean }
const levelRows = (c: OrgConfig): LevelRow[] => c.levels.map((l) => ({ key: l.level, level: l.level, depth: String(l.depth), name: l.name, nameHi: l.nameHi ?? '', isNew: false }));
const levelItems = (rows: LevelRow[]): OrgConfig['levels'] => rows.map((r) => ({ level: r.level.trim(), depth: Number(r.depth), name: r.name.trim(), nameHi: r.nameHi.trim() || null }));

function LevelsEditor({ config }: { config: OrgConfig }) {
  const { t } = useTranslation();
  const { rows, setRows, setAt: set, save, dirty, err } = useConfigRows(config, levelRows, levelItems, orgApi.saveLevels);
  const add = () => setRows((rs) => [...rs, { key: newKey(), level: '', depth: String(Math.max(-1, ...rs.map((r) => Number(r.depth) || 0)) + 1), name: '', nameHi: '', isNew: true }]);
  return (
    <section className="card" aria-labelledby="cfg-levels-h" data-testid="cfg-levels">
      <h2 id="cfg-levels-h">{t('org.cfg.levels')}</h2>
      <p className="muted small">{t('org.cfg.levelsIntro')}</p>
      <ul className="plain-list org-config-rows">
        {rows.map((r, i) => (
          <li key={r.key} className="org-config-row" data-testid={`cfg-level-${r.level || i}`}>
            <CodeField value={r.level} isNew={r.isNew} error={itemError(err, i, 'level')} onChange={(v) => set(i, { level: v })} label={t('org.cfg.code')} testId="cfg-level-code" />
            <Field label={t('org.cfg.depth')} error={itemError(err, i, 'depth')} className="org-config-num">
              {(p) => <input {...p} type="number" min={0} max={30} inputMode="numeric" value={r.depth} onChange={(e) => set(i, { depth: e.target.value })} />}
            </Field>
            <NameFields name={r.name} nameHi={r.nameHi} err={err} i={i} onChange={(patch) => set(i, patch)} />
            <RemoveButton onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))} label={t('org.cfg.removeNamed', { name: r.name || r.level })} />
            <RowProblems err={err} i={i} />
          </li>
        ))}
      </ul>
      <SaveBar name="cfg-levels" pending={save.isPending} error={err} saved={save.isSuccess} dirty={dirty} onSave={() => save.mutate()} onAdd={add} addLabel={t('org.cfg.addLevel')} />
    </section>
  );
}

interface WingRow { key: string; code: string; name: string; nameHi: string; isNew: boolean }
const wingRows = (c: OrgConfig): WingRow[] => c.wings.map((w) => ({ key: w.code, code: w.code, name: w.name, nameHi: w.nameHi ?? '', isNew: false }));
const wingItems = (rows: WingRow[]): OrgConfig['wings'] => rows.map((r) => ({ code: r.code.trim(), name: r.name.trim(), nameHi: r.nameHi.trim() || null }));

function WingsEditor({ config }: { config: OrgConfig }) {
  const { t } = useTranslation();
  const { rows, setRows, setAt: set, save, dirty, err } = useConfigRows(config, wingRows, wingItems, orgApi.saveWings);
  return (
    <section className="card" aria-labelledby="cfg-wings-h" data-testid="cfg-wings">
      <h2 id="cfg-wings-h">{t('org.wings')}</h2>
      <p className="muted small">{t('org.cfg.wingsIntro')}</p>
      {rows.length === 0 ? <p className="muted">{t('org.cfg.noWings')}</p> : null}
      <ul className="plain-list org-config-rows">
        {rows.map((r, i) => (
          <li key={r.key} className="org-config-row" data-testid={`cfg-wing-${r.code || i}`}>
            <CodeField value={r.code} isNew={r.isNew} error={itemError(err, i, 'code')} onChange={(v) => set(i, { code: v })} label={t('org.cfg.code')} testId="cfg-wing-code" />
            <NameFields name={r.name} nameHi={r.nameHi} err={err} i={i} onChange={(patch) => set(i, patch)} />
            <RemoveButton onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))} label={t('org.cfg.removeNamed', { name: r.name || r.code })} />
            <RowProblems err={err} i={i} />
          </li>
        ))}
      </ul>
      <SaveBar name="cfg-wings" pending={save.isPending} error={err} saved={save.isSuccess} dirty={dirty} onSave={() => save.mutate()}
        onAdd={() => setRows((rs) => [...rs, { key: newKey(), code: '', name: '', nameHi: '', isNew: true }])} addLabel={t('org.cfg.addWing')} />
    </section>
  );
}
