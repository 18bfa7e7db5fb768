// One bar chart for every figure of the dashboard: categories down the side (horizontal, for labels
// that are words) or along the bottom (hours, scale points), one or two series (the second drawn over
// the first: answered within calls). Each chart has its figures as a table for screen readers.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../../components/useEChart.ts';

use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;
const fontFor = (lng: string) => getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';

export interface BarSeries { name: string; data: number[]; color: string; colors?: string[] }

export function Bars({ title, categories, series, horizontal = false, format, testId, note }: {
  title: string; categories: string[]; series: BarSeries[]; horizontal?: boolean; format?: (v: number) => string; testId: string; note?: string;
}) {
  const { i18n } = useTranslation();
  const { box, chart } = useEChart('svg');
  const fmt = useMemo(() => format ?? ((v: number) => new Intl.NumberFormat(i18n.language === 'hi' ? 'hi-IN' : 'en-IN').format(v)), [format, i18n.language]);
  const height = horizontal ? 36 + categories.length * 30 + (series.length > 1 ? 24 : 0) : 220;
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const cat = { type: 'category' as const, data: horizontal ? [...categories].reverse() : categories, axisTick: { show: false },
      axisLabel: { color: '#1f2933', width: horizontal ? 120 : undefined, overflow: 'truncate' as const, hideOverlap: true } };
    const val = { type: 'value' as const, minInterval: 1, axisLabel: { color: '#52606d', formatter: (v: number) => fmt(v) }, splitNumber: 3 };
    const order = <T,>(d: T[]) => (horizontal ? [...d].reverse() : d);
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      grid: { left: 8, right: horizontal ? 48 : 12, top: series.length > 1 ? 30 : 10, bottom: 8, containLabel: true },
      legend: series.length > 1 ? { top: 0, left: 0, itemWidth: 12, itemHeight: 10 } : undefined,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt(Number(v)) },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: series.map((s, i) => ({
        type: 'bar', name: s.name, barMaxWidth: horizontal ? 18 : 26, barGap: '-100%', z: 2 + i, itemStyle: { color: s.color }, // the legend's swatch
        data: order(s.data).map((v, j) => ({ value: v, itemStyle: { color: s.colors ? order(s.colors)[j] : s.color } })),
        label: horizontal && i === series.length - 1 ? { show: true, position: 'right', color: '#1f2933', formatter: (p) => fmt(Number(p.value)) } : undefined,
      })),
    };
    c.setOption(option, true);
  }, [categories, series, horizontal, fmt, i18n.language, chart]);
  return (
    <figure className="card chart-card dash-chart" data-testid={testId}>
      <figcaption className="chart-title"><strong>{title}</strong>{note ? <span className="muted"> · {note}</span> : null}</figcaption>
      <div ref={box} className="chart" style={{ height }} aria-hidden="true" />
      <table className="visually-hidden">
        <thead><tr><th />{series.map((s) => <th key={s.name}>{s.name}</th>)}</tr></thead>
        <tbody>{categories.map((c, j) => <tr key={c + j}><th>{c}</th>{series.map((s) => <td key={s.name}>{fmt(s.data[j])}</td>)}</tr>)}</tbody>
      </table>
    </figure>
  );
}
