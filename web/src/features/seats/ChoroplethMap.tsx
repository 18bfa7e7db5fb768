// The seats on their real boundaries, when polygons were imported: an ECharts map series over a
// registered GeoJSON (no tiles, nothing fetched from outside). Keyboard and screen-reader users get
// the same seats as links in the list under the map.
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { init, registerMap, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Boundaries } from '../../api.ts';
import type { HexMapSeat } from './HexMap.tsx';

use([MapChart, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<MapSeriesOption | TooltipComponentOption>;

const fontFor = (lng: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(lng === 'hi' ? '--font-hi' : '--font').trim() || 'sans-serif';

let registered = 0;

export default function ChoroplethMap({ boundaries, seats, onOpen, label }: {
  boundaries: Boundaries; seats: HexMapSeat[]; onOpen: (seat: HexMapSeat) => void; label: string;
}) {
  const { i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const bySeat = useMemo(() => new Map(seats.map((s) => [s.key, s])), [seats]);
  const opener = useRef(onOpen);
  opener.current = onOpen;
  const lookup = useRef(bySeat);
  lookup.current = bySeat;

  // One registered map per boundary set; features are named by the seat key the data uses.
  const mapName = useMemo(() => {
    const name = `warroom-seats-${++registered}`;
    registerMap(name, {
      type: 'FeatureCollection',
      features: boundaries.features.map((f) => ({ ...f, properties: { ...f.properties, name: `${f.properties.state}:${f.properties.no}` } })),
    } as unknown as Parameters<typeof registerMap>[1]);
    return name;
  }, [boundaries]);

  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      const seat = lookup.current.get(String((p as { name?: string }).name));
      if (seat) opener.current(seat);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const option: Option = {
      animation: false,
      textStyle: { fontFamily: fontFor(i18n.language) },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p) => {
          const seat = bySeat.get(String((p as { name?: string }).name));
          return seat ? escapeHtml(seat.label) : '';
        },
      },
      series: [{
        type: 'map',
        map: mapName,
        roam: false,
        selectedMode: false,
        label: { show: false },
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.5, areaColor: '#e6eaee' },
        emphasis: { label: { show: false }, itemStyle: { borderColor: '#1f2933', borderWidth: 1.5 } },
        data: seats.map((s) => ({
          name: s.key,
          value: 1,
          itemStyle: { areaColor: s.fill, opacity: s.dim ? 0.3 : 1, ...(s.dim === false ? { borderColor: '#1f2933', borderWidth: 1.2 } : {}) },
          emphasis: { itemStyle: { areaColor: s.fill } },
        })),
      }],
    };
    c.setOption(option, true);
  }, [seats, bySeat, mapName, i18n.language]);

  return <div ref={box} className="choropleth" role="img" aria-label={label} data-testid="choropleth-map" />;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]!));
}
