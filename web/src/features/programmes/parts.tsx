// Small pieces the programme and review pages share: an attainment bar and figures in words.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import type { Progress, TaskSummary } from './api.ts';

/** Red under half, amber under 90 %, green from there: the same bands on every page. */
export function band(a: number | null): 'low' | 'mid' | 'high' | 'none' {
  if (a === null) return 'none';
  return a < 0.5 ? 'low' : a < 0.9 ? 'mid' : 'high';
}

export function AttainmentBar({ attainment, label }: { attainment: number | null; label?: string }) {
  const fmt = useFormat();
  const pct = attainment === null ? 0 : Math.min(100, Math.round(attainment * 100));
  return (
    <span className="att">
      <span className="att-track" role="img" aria-label={label ?? fmt.percent(attainment === null ? null : attainment * 100)}>
        <span className={`att-fill att-${band(attainment)}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="att-pct">{fmt.percent(attainment === null ? null : Math.round(attainment * 1000) / 10)}</span>
    </span>
  );
}

/** "1,234 of 2,000" in the reader's language, with what is counted. */
export function Figures({ p, task }: { p: Pick<Progress, 'target' | 'actual'>; task: Pick<TaskSummary, 'metric' | 'unitLabel' | 'unitLabelHi'> }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const what = task.metric === 'reported' ? ((i18n.language === 'hi' && task.unitLabelHi) || task.unitLabel || '') : t(`prog.unitOf.${task.metric as 'completion'}`);
  return <span className="figures">{t('prog.ofTarget', { actual: fmt.number(p.actual), target: fmt.number(p.target), what })}</span>;
}

export function useTaskTitle() {
  const { i18n } = useTranslation();
  return (task: { title: string; titleHi: string | null }) => (i18n.language === 'hi' && task.titleHi ? task.titleHi : task.title);
}
