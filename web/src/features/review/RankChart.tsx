// The units below, ranked by attainment, as horizontal bars coloured by band; the table beside the
// chart on the review page carries the same figures for screen readers.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../components/useEChart.ts';
import { useLocalName } from '../../i18n/index.ts';
import { band } from '../programmes/parts.tsx';
import type { ChildRow } from './api.ts';

use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;
const COLOURS = { low: '#c0392b', mid: '#d68910', high: '#1e8449', none: '#aab7c4' };
const fontFor = (lng: string) => getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';

export default function RankChart({ rows, onPick }: { rows: ChildRow[]; onPick: (id: number) => void }) {
  const { i18n } = useTranslation();
  const local = useLocalName();
  const { box, chart } = useEChart('svg');
  const shown = rows.slice(0, 40).reverse(); // best at the top
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', valueFormatter: (v) => `${v}%` },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: shown.map((r) => local(r.name, r.nameHi)), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [{
        type: 'bar', barMaxWidth: 18,
        data: shown.map((r) => ({ value: r.attainment === null ? 0 : Math.round(Math.min(1, r.attainment) * 1000) / 10, itemStyle: { color: COLOURS[band(r.attainment)] } })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      }],
    };
    c.setOption(option, true);
    c.off('click');
    c.on('click', (p) => { const row = shown[(p as { dataIndex: number }).dataIndex]; if (row) onPick(row.id); });
  }, [shown, i18n.language, chart, local, onPick]);
  return <div ref={box} className="chart" style={{ height: Math.max(160, shown.length * 24 + 30) }} aria-hidden="true" data-testid="review-rank-chart" />;
}
