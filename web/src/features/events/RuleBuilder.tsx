// The invitation rules of an event, built as a list: elected offices (all mayors and municipal heads),
// one designation (every booth president of a state), delegates (the office-bearers of every unit of a
// level, wing units too) or named people. A preview counts who the rules would invite, deduplicated.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldError, Field, ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { OFFICES, orgApi, type Office } from '../organisation/api.ts';
import { eventsApi, type InviteRule } from './api.ts';

type Kind = InviteRule['kind'];
const RULE_KINDS: Kind[] = ['office', 'designation', 'delegates', 'people'];

function blank(kind: Kind): InviteRule {
  switch (kind) {
    case 'office': return { kind, offices: ['mayor', 'municipal_head'] };
    case 'designation': return { kind, level: 'booth', code: 'booth_president' };
    case 'delegates': return { kind, level: 'state', codes: ['president'], includeWings: true };
    case 'people': return { kind, personIds: [] };
  }
}

function useConfig() {
  return useQuery({ queryKey: ['org', 'config'], queryFn: () => orgApi.config(), staleTime: 300_000 });
}

type Props<R> = { rule: R; at: string; onChange: (r: InviteRule) => void; error: unknown };
type OfficeRule = Extract<InviteRule, { kind: 'office' }>;
type DesignationRule = Extract<InviteRule, { kind: 'designation' }>;
type DelegatesRule = Extract<InviteRule, { kind: 'delegates' }>;

/** The tenant's levels and the designation types of a level, from the organisation's configuration. */
function useLevels() {
  const config = useConfig().data;
  return { levels: config?.levels ?? [], types: (level: string) => (config?.designationTypes ?? []).filter((d) => d.level === level) };
}

function OfficeFields({ rule, at, onChange, error }: Props<OfficeRule>) {
  const { t } = useTranslation();
  const toggle = (o: Office, on: boolean) => onChange({ ...rule, offices: on ? [...rule.offices, o] : rule.offices.filter((x) => x !== o) });
  return (
    <fieldset className="ev-checks"><legend>{t('events.rule.offices')}</legend>
      {OFFICES.map((o) => (
        <label key={o} className="ev-check"><input type="checkbox" checked={rule.offices.includes(o)} onChange={(e) => toggle(o, e.target.checked)} data-testid={`rule-office-${o}`} />{t(`org.office.${o}`)}</label>
      ))}
      {fieldError(error, `${at}.offices`) ? <span className="field-error">{fieldError(error, `${at}.offices`)}</span> : null}
    </fieldset>
  );
}

function PeopleFields({ rule, at, onChange, error }: Props<Extract<InviteRule, { kind: 'people' }>>) {
  const { t } = useTranslation();
  return (
    <Field label={t('events.rule.personIds')} hint={t('events.rule.personIdsHint')} error={fieldError(error, `${at}.personIds`)}>
      {(p) => <input {...p} inputMode="numeric" value={rule.personIds.join(', ')} data-testid="rule-people"
        onChange={(e) => onChange({ ...rule, personIds: e.target.value.split(/[\s,]+/).filter(Boolean).map(Number).filter((n) => n > 0) })} />}
    </Field>
  );
}

/** A level picker; a new level picks that level's first post, so the rule stays valid. */
function LevelField({ rule, at, onChange, error }: Props<DesignationRule | DelegatesRule>) {
  const { t } = useTranslation();
  const local = useLocalName();
  const { levels, types } = useLevels();
  const pick = (level: string) => onChange(rule.kind === 'designation'
    ? { ...rule, level, code: types(level)[0]?.code ?? '' }
    : { ...rule, level, codes: types(level).slice(0, 1).map((d) => d.code) });
  return (
    <Field label={t('events.rule.level')} error={fieldError(error, `${at}.level`)}>
      {(p) => (
        <select {...p} value={rule.level} data-testid="rule-level" onChange={(e) => pick(e.target.value)}>
          {levels.map((l) => <option key={l.level} value={l.level}>{local(l.name, l.nameHi)}</option>)}
        </select>
      )}
    </Field>
  );
}

function DesignationFields(props: Props<DesignationRule>) {
  const { t } = useTranslation();
  const local = useLocalName();
  const { types } = useLevels();
  const { rule, at, onChange, error } = props;
  return (
    <div className="org-form-grid">
      <LevelField {...props} />
      <Field label={t('events.rule.code')} error={fieldError(error, `${at}.code`)}>
        {(p) => (
          <select {...p} value={rule.code} onChange={(e) => onChange({ ...rule, code: e.target.value })} data-testid="rule-code">
            {types(rule.level).map((d) => <option key={d.code} value={d.code}>{local(d.name, d.nameHi)}</option>)}
          </select>
        )}
      </Field>
      <WithinField {...props} />
    </div>
  );
}

function DelegatesFields(props: Props<DelegatesRule>) {
  const { t } = useTranslation();
  const local = useLocalName();
  const { types } = useLevels();
  const { rule, at, onChange, error } = props;
  const toggle = (code: string, on: boolean) => onChange({ ...rule, codes: on ? [...rule.codes, code] : rule.codes.filter((c) => c !== code) });
  return (
    <div className="stack">
      <div className="org-form-grid">
        <LevelField {...props} />
        <Field label={t('events.rule.perUnit')} hint={t('events.rule.perUnitHint')} error={fieldError(error, `${at}.perUnit`)}>
          {(p) => <input {...p} type="number" min={1} max={100} inputMode="numeric" value={rule.perUnit ?? ''} data-testid="rule-per-unit"
            onChange={(e) => onChange({ ...rule, perUnit: e.target.value ? Number(e.target.value) : undefined })} />}
        </Field>
        <WithinField {...props} />
      </div>
      <fieldset className="ev-checks"><legend>{t('events.rule.codes')}</legend>
        {types(rule.level).map((d) => (
          <label key={d.code} className="ev-check"><input type="checkbox" checked={rule.codes.includes(d.code)} onChange={(e) => toggle(d.code, e.target.checked)} data-testid={`rule-codes-${d.code}`} />{local(d.name, d.nameHi)}</label>
        ))}
      </fieldset>
      <label className="ev-check"><input type="checkbox" checked={rule.includeWings !== false} onChange={(e) => onChange({ ...rule, includeWings: e.target.checked })} data-testid="rule-wings" />{t('events.rule.includeWings')}</label>
    </div>
  );
}

function RuleFields({ rule, ...rest }: Props<InviteRule>) {
  switch (rule.kind) {
    case 'office': return <OfficeFields rule={rule} {...rest} />;
    case 'people': return <PeopleFields rule={rule} {...rest} />;
    case 'designation': return <DesignationFields rule={rule} {...rest} />;
    case 'delegates': return <DelegatesFields rule={rule} {...rest} />;
  }
}

function WithinField({ rule, at, onChange, error }: { rule: Extract<InviteRule, { withinUnitId?: unknown }>; at: string; onChange: (r: InviteRule) => void; error: unknown }) {
  const { t } = useTranslation();
  return (
    <Field label={t('events.rule.within')} hint={t('events.rule.withinHint')} error={fieldError(error, `${at}.withinUnitId`)}>
      {(p) => <input {...p} inputMode="numeric" value={rule.withinUnitId ?? ''} data-testid="rule-within"
        onChange={(e) => onChange({ ...rule, withinUnitId: e.target.value ? Number(e.target.value) : undefined } as InviteRule)} />}
    </Field>
  );
}

export function RuleBuilder({ rules, onChange, unitId, error }: { rules: InviteRule[]; onChange: (r: InviteRule[]) => void; unitId: string; error: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const preview = useMutation({ mutationFn: () => eventsApi.preview(unitId, rules) });
  const set = (i: number, r: InviteRule) => { onChange(rules.map((x, k) => (k === i ? r : x))); preview.reset(); };
  return (
    <fieldset className="ev-rules" data-testid="rule-builder">
      <legend>{t('events.rule.title')}</legend>
      {rules.length === 0 ? <p className="muted">{t('events.rule.none')}</p> : null}
      {rules.map((r, i) => (
        <div key={i} className="ev-rule card" data-testid={`rule-${i}`}>
          <div className="ev-rule-head">
            <strong>{t(`events.rule.kind.${r.kind}`)}</strong>
            {preview.data ? <span className="muted" data-testid={`rule-count-${i}`}>{t('events.rule.finds', { n: fmt.number(preview.data.perRule[i]) })}</span> : null}
            <button type="button" className="btn btn-small" onClick={() => { onChange(rules.filter((_, k) => k !== i)); preview.reset(); }}>{t('events.rule.remove')}</button>
          </div>
          <RuleFields rule={r} at={`rules.${i}`} onChange={(x) => set(i, x)} error={error ?? preview.error} />
        </div>
      ))}
      <div className="ev-rule-add">
        {RULE_KINDS.map((k) => (
          <button key={k} type="button" className="btn btn-small" onClick={() => { onChange([...rules, blank(k)]); preview.reset(); }} data-testid={`rule-add-${k}`}>+ {t(`events.rule.kind.${k}`)}</button>
        ))}
      </div>
      {rules.length ? (
        <div className="ev-preview">
          <button type="button" className="btn" disabled={!unitId || preview.isPending} onClick={() => preview.mutate()} data-testid="rule-preview">{t('events.rule.preview')}</button>
          {preview.data ? <strong role="status" data-testid="rule-preview-total">{t('events.rule.total', { n: fmt.number(preview.data.total) })}</strong> : null}
          <ProblemNotice error={preview.error} />
        </div>
      ) : null}
    </fieldset>
  );
}
