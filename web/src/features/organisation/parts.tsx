// Small pieces the organisation pages share: strength as colour (grade mix, completeness heat), verified
// and unverified counts side by side, grade letters, the module's query keys and paths.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { GRADE_COLOURS } from '../seats/colours.ts';
import { useLocalName } from '../../i18n/index.ts';
import { GRADES, orgApi, type Grade, type Strength } from './api.ts';

export { GRADE_COLOURS };

/** Every organisation query starts with this key, so one invalidation refreshes the module after a write. */
export const ORG = 'org';
export function useInvalidateOrg(): () => Promise<void> {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [ORG] });
}

const enc = (v: Id) => encodeURIComponent(String(v));
export const paths = {
  tree: (id?: Id | null, search = '') => `/organisation${id == null ? '' : `/${enc(id)}`}${search}`,
  unit: (id: Id) => `/organisation/units/${enc(id)}`,
  booth: (id: Id) => `/organisation/booths/${enc(id)}`,
  person: (id: Id) => `/organisation/people/${enc(id)}`,
  /** Where a unit's own page is: the phone-first page for a booth, the committee page otherwise. */
  unitPage: (id: Id, level: string) => (level === 'booth' ? paths.booth(id) : paths.unit(id)),
};

/** Completeness of required seats (0..1), from the figures rather than the API's rounding. */
export const completeness = (s: Pick<Strength, 'slots' | 'filled'>): number | null => (s.slots > 0 ? s.filled / s.slots : null);

// Completeness as a heat colour, from empty (red) to complete (green); colour-blind safe enough with the
// number always printed beside it.
export const HEAT_BINS: { from: number; colour: string }[] = [
  { from: 0, colour: '#c0392b' },
  { from: 0.25, colour: '#e67e22' },
  { from: 0.5, colour: '#f1c40f' },
  { from: 0.75, colour: '#8bc34a' },
  { from: 0.9, colour: '#1b7a3e' },
];
export const NO_DATA = '#c3cad2';
export function heatBin(v: number | null): number {
  if (v == null) return -1;
  let i = 0;
  for (let k = 0; k < HEAT_BINS.length; k++) if (v >= HEAT_BINS[k].from) i = k;
  return i;
}
export const heatColour = (v: number | null) => (heatBin(v) < 0 ? NO_DATA : HEAT_BINS[heatBin(v)].colour);

export function GradeLetter({ grade }: { grade: Grade | null | undefined }) {
  const { t } = useTranslation();
  if (!grade) return <span className="grade-letter grade-none" title={t('org.noGrade')}>–</span>;
  return (
    <span className={`grade-letter org-grade-${grade}`} style={{ background: GRADE_COLOURS[grade] }} title={t('org.gradeNamed', { grade })}>
      {grade}
    </span>
  );
}

/** Booth grades as one stacked bar, proportional to the booths in each grade. */
export function GradeBar({ grades, booths }: { grades: Record<Grade, number>; booths: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const total = GRADES.reduce((n, g) => n + (grades?.[g] ?? 0), 0);
  const label = GRADES.map((g) => `${g} ${fmt.number(grades?.[g] ?? 0)}`).join(', ');
  return (
    <span className="org-gradebar" role="img" aria-label={t('org.gradeMix', { list: label, booths: fmt.number(booths) })} title={label}>
      {total === 0 ? <span className="org-gradebar-empty" /> : GRADES.map((g) => (grades?.[g] ? (
        <span key={g} style={{ width: `${(grades[g] / total) * 100}%`, background: GRADE_COLOURS[g] }} />
      ) : null))}
    </span>
  );
}

/** A share as a bar filled in its heat colour, with the percentage. */
export function HeatBar({ value, label }: { value: number | null; label?: string }) {
  const fmt = useFormat();
  const pct = value == null ? null : Math.round(value * 1000) / 10;
  return (
    <span className="org-heat" title={label}>
      <span className="org-heat-track" aria-hidden="true">
        <span style={{ width: `${pct ?? 0}%`, background: heatColour(value) }} />
      </span>
      <span className="org-heat-num">{fmt.percent(pct)}</span>
    </span>
  );
}

/** "12 verified · 3 unverified": never one number that mixes the two. */
export function Verified({ verified, unverified, testId }: { verified: number; unverified: number; testId?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <span className="org-verified" data-testid={testId}>
      <span className="org-ok">{t('org.verifiedN', { n: fmt.number(verified) })}</span>
      <span className="org-sep" aria-hidden="true">·</span>
      <span className="org-warn">{t('org.unverifiedN', { n: fmt.number(unverified) })}</span>
    </span>
  );
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation();
  return verified
    ? <span className="badge org-badge-ok">{t('org.verified')}</span>
    : <span className="badge org-badge-warn">{t('org.unverified')}</span>;
}

export function Legend({ title, items }: { title: ReactNode; items: { colour: string; label: ReactNode }[] }) {
  return (
    <div className="org-legend" data-testid="org-legend">
      <span className="org-legend-title">{title}</span>
      <ul className="plain-list">
        {items.map((i, k) => (
          <li key={k}><span className="swatch swatch-lg" style={{ background: i.colour }} aria-hidden="true" />{i.label}</li>
        ))}
      </ul>
    </div>
  );
}

/** Phone entry: digits, spaces and a plus sign; the server normalises to E.164. */
export const phoneInputProps = { type: 'tel', inputMode: 'tel' as const, autoComplete: 'off' };

/** A designation code ("booth_president") as its name in the user's language, from the tenant's configuration. */
export function useDesignationName(): (code: string) => string {
  const local = useLocalName();
  const config = useQuery({ queryKey: [ORG, 'config'], queryFn: orgApi.config, staleTime: 10 * 60_000 });
  return (code) => {
    const d = config.data?.designationTypes.find((x) => x.code === code);
    return d ? local(d.name, d.nameHi) : code.replace(/_/g, ' ');
  };
}
