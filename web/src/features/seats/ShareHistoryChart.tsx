// Vote share per party across a constituency's elections: one line per party that mattered, in its
// colour. The candidate tables under it carry the same numbers for screen readers.
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../components/useEChart.ts';
import { useFormat } from '../../format.ts';

use([LineChart, GridComponent, TooltipComponent, LabelLayout, SVGRenderer]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface ShareSeries { code: string; colour: string; shares: (number | null)[] }

const fontFor = (lng: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';

export default function ShareHistoryChart({ years, series, label }: { years: number[]; series: ShareSeries[]; label: string }) {
  const { i18n } = useTranslation();
  const fmt = useFormat();
  const { box, chart } = useEChart('svg');

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const top = Math.max(10, ...series.flatMap((s) => s.shares.filter((x): x is number => x !== null)));
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        confine: true,
        valueFormatter: (v) => (v == null ? '—' : fmt.percent(Number(v))),
      },
      xAxis: { type: 'category', data: years.map(String), boundaryGap: years.length < 2, axisLabel: { color: '#52606d' } },
      yAxis: { type: 'value', min: 0, max: Math.min(100, Math.ceil(top / 10) * 10), axisLabel: { color: '#52606d', formatter: (v: number) => `${v}%` } },
      series: series.map((s) => ({
        type: 'line',
        name: s.code,
        data: s.shares,
        symbol: 'circle',
        symbolSize: 8,
        connectNulls: false,
        lineStyle: { color: s.colour, width: 2.5 },
        itemStyle: { color: s.colour },
        endLabel: { show: true, formatter: '{a}', color: s.colour, fontWeight: 700 },
        labelLayout: { moveOverlap: 'shiftY' },
      })),
    };
    c.setOption(option, true);
  }, [years, series, fmt, i18n.language]);

  return <div ref={box} className="chart" style={{ height: 240 }} role="img" aria-label={label} data-testid="share-history-chart" />;
}
