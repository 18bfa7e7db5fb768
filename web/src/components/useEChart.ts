import { init, type ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * A chart bound to a box: created once on mount, resized with the box, disposed on unmount. The caller
 * registers its chart types and renderer with echarts' `use` (so each page loads only what it draws) and
 * sets options on `chart.current` in its own effect.
 */
export function useEChart(renderer: 'svg' | 'canvas') {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, [renderer]);
  return { box, chart };
}
