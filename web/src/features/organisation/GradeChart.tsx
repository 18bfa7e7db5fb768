// Booths by organisation grade A–D as four bars, with the figures as a table for screen readers.
// Loaded on demand: the phone-first booth page never pulls ECharts.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../components/useEChart.ts';
import { useFormat } from '../../format.ts';
import { GRADES, type Grade } from './api.ts';
import { GRADE_COLOURS } from './parts.tsx';

use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

const fontFor = (lng: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';

export default function GradeChart({ grades, booths }: { grades: Record<Grade, number>; booths: number }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { box, chart } = useEChart('svg');

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      grid: { left: 8, right: 16, top: 20, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', formatter: (p) => `${t('org.gradeNamed', { grade: GRADES[(p as { dataIndex: number }).dataIndex] })}: ${fmt.number(Number((p as { value: number }).value))}` },
      xAxis: { type: 'category', data: GRADES.map((g) => t('org.gradeNamed', { grade: g })), axisTick: { show: false }, axisLabel: { color: '#1f2933', fontWeight: 600, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { color: '#52606d' } },
      series: [{
        type: 'bar', barMaxWidth: 36,
        data: GRADES.map((g) => ({ value: grades?.[g] ?? 0, itemStyle: { color: GRADE_COLOURS[g] } })),
        label: { show: true, position: 'top', color: '#1f2933', formatter: (p) => fmt.number(Number(p.value)) },
      }],
    };
    c.setOption(option, true);
  }, [grades, t, fmt, i18n.language, chart]);

  return (
    <figure className="card chart-card org-grade-chart" data-testid="org-grade-chart">
      <figcaption className="chart-title"><strong>{t('org.gradesTitle')}</strong> <span className="muted">· {t('org.boothsN', { n: fmt.number(booths) })}</span></figcaption>
      <div ref={box} className="chart" style={{ height: 170 }} aria-hidden="true" />
      <details className="chart-table">
        <summary>{t('home.showTable')}</summary>
        <table className="table table-compact">
          <thead><tr><th scope="col">{t('org.grade')}</th><th scope="col" className="num">{t('org.booths')}</th><th scope="col">{t('org.meaning')}</th></tr></thead>
          <tbody>
            {GRADES.map((g) => (
              <tr key={g}>
                <th scope="row"><span className="swatch" style={{ background: GRADE_COLOURS[g] }} aria-hidden="true" />{g}</th>
                <td className="num">{fmt.number(grades?.[g] ?? 0)}</td>
                <td>{t(`org.gradeHint.${g}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
