// Days spent per seat in the window as horizontal bars, weak seats in the warning colour, with the
// figures as a table for screen readers. Loaded on demand so the plan and the phone forms never pull ECharts.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../components/useEChart.ts';
import { useFormat } from '../../format.ts';
import type { CoverageSeat } from './api.ts';

use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** The most seats one chart shows: the busiest ones; the table below holds every seat. */
const MAX_BARS = 25;
const WEAK = '#c2410c';
const OTHER = '#2563eb';
const fontFor = (lng: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';

export default function DaysChart({ seats, days }: { seats: CoverageSeat[]; days: number }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { box, chart } = useEChart('svg');
  const shown = seats.filter((s) => s.days > 0).sort((a, b) => b.days - a.days || a.constituencyNo - b.constituencyNo).slice(0, MAX_BARS).reverse();
  const label = (s: CoverageSeat) => `${s.constituencyNo} ${s.name}`;

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      grid: { left: 8, right: 28, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', formatter: (p) => `${label(shown[(p as { dataIndex: number }).dataIndex])}: ${t('tours.daysN', { count: Number((p as { value: number }).value) })}` },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#52606d' } },
      yAxis: { type: 'category', data: shown.map(label), axisTick: { show: false }, axisLabel: { color: '#1f2933', width: 120, overflow: 'truncate' } },
      series: [{
        type: 'bar', barMaxWidth: 18,
        data: shown.map((s) => ({ value: s.days, itemStyle: { color: s.isWeak ? WEAK : OTHER } })),
        label: { show: true, position: 'right', color: '#1f2933', formatter: (p) => fmt.number(Number(p.value)) },
      }],
    };
    c.setOption(option, true);
  }, [shown, t, fmt, i18n.language, chart]);

  return (
    <figure className="card chart-card tours-days-chart" data-testid="tours-days-chart">
      <figcaption className="chart-title"><strong>{t('tours.cov.chartTitle', { days })}</strong>
        <span className="muted"> · <span className="swatch" style={{ background: WEAK }} aria-hidden="true" />{t('tours.cov.weak')}</span></figcaption>
      {shown.length === 0 ? <p className="empty-line">{t('tours.cov.noDays')}</p> : null}
      <div ref={box} className="chart" style={{ height: shown.length ? 40 + shown.length * 26 : 0 }} aria-hidden="true" />
    </figure>
  );
}
