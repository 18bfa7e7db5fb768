// Counts of an event by state and by wing: invited, said yes, registered, checked in — grouped bars
// (ECharts, loaded with this tab only) and the same figures as tables.
import { useQuery } from '@tanstack/react-query';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryGate } from '../../components/ui.tsx';
import { useEChart } from '../../components/useEChart.ts';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { EVENTS, eventsApi, type Counts } from './api.ts';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
const FIGURES = ['invited', 'yes', 'registered', 'checkedIn'] as const;
const COLOURS = ['#9fb3c8', '#f5b942', '#24507a', '#1b7a3e'];
type Group = Counts & { label: string };

const fontFor = (lng: string) => getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';

function Chart({ groups, testId }: { groups: Group[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { box, chart } = useEChart('svg');
  useEffect(() => {
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      legend: { top: 0, itemWidth: 12, itemHeight: 10 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      yAxis: { type: 'category', inverse: true, data: groups.map((g) => g.label), axisTick: { show: false }, axisLabel: { width: 110, overflow: 'truncate' } },
      xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { formatter: (v: number) => fmt.number(v) } },
      series: FIGURES.map((f, k) => ({ type: 'bar', name: t(`events.count.${f}`), data: groups.map((g) => g[f]), itemStyle: { color: COLOURS[k] }, barMaxWidth: 14 })),
    };
    chart.current?.setOption(option, true);
  }, [groups, t, fmt, i18n.language, chart]);
  return <div ref={box} className="chart" style={{ height: Math.max(160, 60 + groups.length * 64) }} aria-hidden="true" data-testid={testId} />;
}

function Table({ groups, head, testId }: { groups: Group[]; head: string; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid={testId}>
        <thead><tr><th scope="col">{head}</th>{FIGURES.map((f) => <th key={f} scope="col" className="num">{t(`events.count.${f}`)}</th>)}</tr></thead>
        <tbody>{groups.map((g) => <tr key={g.label}><th scope="row">{g.label}</th>{FIGURES.map((f) => <td key={f} className="num">{fmt.number(g[f])}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

export default function Breakdown({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const data = useQuery({ queryKey: [EVENTS, 'breakdown', eventId], queryFn: () => eventsApi.breakdown(eventId) });
  return (
    <QueryGate query={data}>
      {() => {
        const states = data.data!.byState.map((s) => ({ ...s, label: s.name ? local(s.name, s.nameHi) : t('events.count.noState') }));
        const wings = data.data!.byWing.map((w) => ({ ...w, label: w.name ? local(w.name, w.nameHi) : t('events.count.noWing') }));
        return (
          <div className="ev-breakdown" data-testid="breakdown">
            <figure className="card chart-card">
              <figcaption className="chart-title"><strong>{t('events.count.byState')}</strong></figcaption>
              <Chart groups={states} testId="chart-states" />
              <Table groups={states} head={t('events.count.state')} testId="table-states" />
            </figure>
            <figure className="card chart-card">
              <figcaption className="chart-title"><strong>{t('events.count.byWing')}</strong></figcaption>
              <Chart groups={wings} testId="chart-wings" />
              <Table groups={wings} head={t('events.count.wing')} testId="table-wings" />
            </figure>
          </div>
        );
      }}
    </QueryGate>
  );
}
