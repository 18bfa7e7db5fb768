// The simulated seat distribution of one bloc or alliance: bars per seat count (the ones that reach
// the target in the bloc's colour), the target as a line, and the same figures as a table.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type MarkLineComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../components/useEChart.ts';
import { useFormat } from '../../format.ts';
import type { Distribution } from './engineTypes.ts';

// Canvas: the chart redraws on every slider move, and a canvas redraws ~250 bars faster than SVG nodes.
use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

const fontFor = (lng: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';
const MISS = '#c3cad2';

/** Bars from the first to the last seat count with any simulation, widened to show the target when it is near. */
function bars(dist: Distribution, target: number) {
  let lo = dist.min, hi = dist.min + dist.probabilities.length - 1;
  const span = Math.max(10, hi - lo);
  if (target < lo && lo - target <= span) lo = target - 1;
  if (target > hi && target - hi <= span) hi = target + 1;
  lo = Math.max(0, lo);
  return Array.from({ length: hi - lo + 1 }, (_v, i) => {
    const seats = lo + i;
    return { seats, p: dist.probabilities[seats - dist.min] ?? 0 };
  });
}

export default function Histogram({ dist, target, colour, bloc, probability }: {
  dist: Distribution; target: number; colour: string; bloc: string; probability: number | null;
}) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { box, chart } = useEChart('canvas');
  const data = useMemo(() => bars(dist, target), [dist, target]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const shown = data.some((d) => d.seats === target);
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = data[(p as { dataIndex: number }).dataIndex];
          return `${t('scenario.axisSeats')}: ${fmt.number(d.seats)}<br/>${fmt.percent(d.p * 100)}`;
        },
      },
      xAxis: { type: 'category', data: data.map((d) => String(d.seats)), axisTick: { alignWithLabel: true }, axisLabel: { color: '#52606d', hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { color: '#52606d', formatter: (v: number) => fmt.percent(v * 100) }, splitNumber: 3 },
      series: [{
        type: 'bar',
        barCategoryGap: '10%',
        data: data.map((d) => ({ value: d.p, itemStyle: { color: d.seats >= target ? colour : MISS } })),
        markLine: shown ? {
          symbol: 'none', silent: true,
          lineStyle: { color: '#c2410c', type: 'dashed', width: 2 },
          label: { formatter: t('scenario.targetLine', { seats: fmt.number(target) }), color: '#c2410c', position: 'end' },
          data: [{ xAxis: String(target) }],
        } : undefined,
      }],
    };
    // Merged, not rebuilt: only the bars and the target line change between moves.
    c.setOption(option, { replaceMerge: ['series'], lazyUpdate: false });
  }, [data, target, colour, t, fmt, i18n.language]);

  const pct = probability === null ? '—' : fmt.percent(probability * 100);
  return (
    <figure className="histogram" data-testid="scenario-histogram">
      <div ref={box} className="chart" style={{ height: 220 }} role="img"
        aria-label={t('scenario.histogramAria', { bloc, low: fmt.number(dist.p5), high: fmt.number(dist.p95), seats: fmt.number(target), pct })} />
      <figcaption className="muted small">
        {t('scenario.histogramCaption', { bloc, expected: fmt.number(Math.round(dist.expected)), low: fmt.number(dist.p5), high: fmt.number(dist.p95) })}
      </figcaption>
      <details className="chart-table">
        <summary>{t('scenario.histogramTable')}</summary>
        <div className="table-scroll">
          <table className="table table-compact">
            <thead><tr><th scope="col">{t('scenario.axisSeats')}</th><th scope="col" className="num">{t('scenario.axisProbability')}</th></tr></thead>
            <tbody>{data.filter((d) => d.p > 0).map((d) => <tr key={d.seats}><th scope="row">{fmt.number(d.seats)}</th><td className="num">{fmt.percent(d.p * 100)}</td></tr>)}</tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
