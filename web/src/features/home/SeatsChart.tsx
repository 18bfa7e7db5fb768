// Seats won per party in one election: horizontal bars (they fit a 360 px phone), the majority
// mark, and the same figures as a table for screen readers and keyboard users.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type MarkLineComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../components/useEChart.ts';
import type { ElectionSummary, PartyResult } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';

use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

/** The stylesheet's font stack for the language, so Devanagari labels use a Devanagari face. */
const fontFor = (lng: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';
const shownParties = 8;
const otherColour = '#9aa5b1';

interface Bar { code: string; label: string; seats: number; colour: string; share: number | null }

function bars(parties: PartyResult[], local: (n: string, h?: string | null) => string, othersLabel: string): Bar[] {
  const sorted = [...parties].sort((a, b) => b.seats - a.seats || b.votes - a.votes);
  const top = sorted.slice(0, shownParties).filter((p) => p.seats > 0);
  const rest = sorted.filter((p) => !top.includes(p));
  const out: Bar[] = top.map((p) => ({
    code: p.code, label: local(p.name, p.nameHi), seats: p.seats, colour: p.colour || otherColour, share: p.voteShare,
  }));
  const restSeats = rest.reduce((n, p) => n + p.seats, 0);
  if (restSeats > 0) {
    const share = rest.reduce((n, p) => n + (p.voteShare ?? 0), 0);
    out.push({ code: othersLabel, label: othersLabel, seats: restSeats, colour: otherColour, share });
  }
  return out;
}

export default function SeatsChart({ election }: { election: ElectionSummary }) {
  const { t, i18n } = useTranslation();
  const local = useLocalName();
  const fmt = useFormat();
  const { box, chart } = useEChart('svg');
  const data = useMemo(() => bars(election.parties, local, t('home.others')), [election, i18n.language]);
  const majority = Math.floor(election.seats / 2) + 1;
  const titleId = `election-${election.id}`;

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const rows = [...data].reverse(); // ECharts draws the first category at the bottom
    const dataMax = Math.max(0, ...rows.map((b) => b.seats));
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language), color: '#1f2933' },
      grid: { left: 8, right: 40, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const bar = rows[(p as { dataIndex: number }).dataIndex];
          const share = bar.share == null ? '' : ` · ${t('home.voteShare')} ${fmt.percent(bar.share)}`;
          return `${bar.label}<br/>${t('home.seatsWon', { count: bar.seats, seats: fmt.number(bar.seats) })}${share}`;
        },
      },
      xAxis: { type: 'value', max: dataMax < majority ? Math.ceil(majority * 1.1) : undefined, splitNumber: 4, axisLabel: { color: '#52606d' } },
      yAxis: { type: 'category', data: rows.map((b) => b.code), axisTick: { show: false }, axisLabel: { color: '#1f2933', fontWeight: 600 } },
      series: [{
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((b) => ({ value: b.seats, itemStyle: { color: b.colour } })),
        label: { show: true, position: 'right', color: '#1f2933', formatter: (p) => fmt.number(Number(p.value)) },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#c2410c', type: 'dashed' },
          label: { formatter: t('home.majority', { seats: fmt.number(majority) }), color: '#c2410c', position: 'end', distance: 4 },
          data: [{ xAxis: majority }],
        },
      }],
    };
    c.setOption(option, true);
  }, [data, majority, t, fmt, i18n.language]);

  const height = 56 + data.length * 28;
  return (
    <figure className="card chart-card" aria-labelledby={titleId} data-testid={`election-chart-${election.id}`}>
      <figcaption id={titleId} className="chart-title">
        <strong>{election.name}</strong>
        <span className="muted"> · {election.year} · {t('home.totalSeats', { seats: fmt.number(election.seats) })}</span>
      </figcaption>
      <div ref={box} className="chart" style={{ height }} aria-hidden="true" />
      <details className="chart-table">
        <summary>{t('home.showTable')}</summary>
        <div className="table-scroll">
          <table className="table table-compact">
            <caption className="visually-hidden">{election.name} {election.year}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.party')}</th>
                <th scope="col" className="num">{t('home.seats')}</th>
                <th scope="col" className="num">{t('home.votes')}</th>
                <th scope="col" className="num">{t('home.voteShare')}</th>
              </tr>
            </thead>
            <tbody>
              {[...election.parties].sort((a, b) => b.seats - a.seats || b.votes - a.votes).map((p) => (
                <tr key={p.code}>
                  <th scope="row">
                    <span className="swatch" style={{ background: p.colour || otherColour }} aria-hidden="true" />
                    {local(p.name, p.nameHi)} <span className="muted">({p.code})</span>
                  </th>
                  <td className="num">{fmt.number(p.seats)}</td>
                  <td className="num">{fmt.number(p.votes)}</td>
                  <td className="num">{fmt.percent(p.voteShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
