// What every seat map draws once its seats are coloured: real boundaries when they were imported for
// the seats' state, otherwise a hexagon cartogram; the legend with a count per entry, and the seats as
// links in a list for keyboard and screen-reader users. The seats page (SeatMap.tsx) colours seats by
// results; a task page colours them by a SeatLayer (layerSeats below).
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, type House } from '../../api.ts';
import { Loading } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import type { SeatLayer } from '../organisation/seatLayer.ts';
import { NO_DATA } from './colours.ts';
import HexMap, { type HexMapSeat } from './HexMap.tsx';
import { seatKey } from './seatView.ts';

const ChoroplethMap = lazy(() => import('./ChoroplethMap.tsx'));

export interface LegendEntry { id: string; colour: string; label: string; seats: HexMapSeat[] }

/** A seat to colour by a layer: where it is, what it is called, where selecting it leads. */
export interface LayerSeat { state: string; stateName: string; constituencyNo: number; name: string; href: string }

/** The seats coloured by a layer's classes, in the layer's legend order; seats it leaves out are "none". */
export function layerSeats(seats: LayerSeat[], layer: SeatLayer, seatLabel: (s: LayerSeat) => string): { drawn: HexMapSeat[]; legend: LegendEntry[] } {
  const entries = new Map<string, LegendEntry>(layer.legend.map((l) => [l.id, { ...l, seats: [] }]));
  const drawn = seats.map((s) => {
    const c = layer.classify({ state: s.state, constituencyNo: s.constituencyNo });
    let e = c ? entries.get(c.id) : undefined;
    if (!e) {
      e = entries.get('none') ?? { id: 'none', colour: NO_DATA, label: layer.noneLabel, seats: [] };
      entries.set('none', e);
    }
    const seat: HexMapSeat = {
      state: s.state, stateName: s.stateName, no: s.constituencyNo, name: s.name, key: seatKey(s.state, s.constituencyNo), href: s.href,
      fill: e.colour, dim: null, label: `${seatLabel(s)} · ${c?.line ?? layer.noneLabel}`,
    };
    e.seats.push(seat);
    return seat;
  });
  return { drawn, legend: [...entries.values()] };
}

export function SeatMapFrame({ seats, legend, legendTitle, house, stateCode, controls, faded = false, withBoundaries = true, noBoundaries }: {
  seats: HexMapSeat[];
  legend: LegendEntry[];
  legendTitle: string;
  house: House;
  /** The state whose boundaries to draw; null: every state's. */
  stateCode: string | null;
  /** Above the map, beside the kind of map: the colour choice, a state choice. */
  controls?: ReactNode;
  /** Some seats are faded (outside the page's filters): say so under the legend. */
  faded?: boolean;
  /** False: the hexagon cartogram without asking for boundaries (many states, few of them imported). */
  withBoundaries?: boolean;
  /** Said, as a notice, when there are no boundaries for the seats and the hexagons are drawn instead. */
  noBoundaries?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const boundaries = useQuery({
    queryKey: ['boundaries', house, stateCode ?? ''],
    queryFn: () => api.boundaries(house, stateCode),
    staleTime: Infinity,
    enabled: withBoundaries,
  });
  const pending = withBoundaries && boundaries.isPending;
  const features = (withBoundaries && boundaries.data?.features) || [];
  const useBoundaries = features.length > 0;
  const open = (s: HexMapSeat) => navigate(s.href);
  const mapLabel = t('seats.map.label', { count: seats.length, n: fmt.number(seats.length), legend: legendTitle });
  const missing = useMemo(() => {
    if (!features.length) return 0;
    const have = new Set(features.map((f) => seatKey(f.properties.state, f.properties.no)));
    return seats.filter((s) => !have.has(s.key)).length;
  }, [features, seats]);

  return (
    <section className="seat-map card" aria-labelledby="seat-map-h" data-testid="seat-map">
      <div className="map-head">
        <h2 id="seat-map-h" className="visually-hidden">{t('seats.tabMap')}</h2>
        {controls}
        <p className="muted small map-kind" data-testid="map-kind" data-kind={useBoundaries ? 'boundaries' : 'hex'}>
          {pending ? '' : useBoundaries ? t('seats.map.kindBoundaries') : noBoundaries ? '' : t('seats.map.kindHex')}
        </p>
      </div>
      {!pending && !useBoundaries && noBoundaries ? <p className="notice" role="status" data-testid="map-no-boundaries">{noBoundaries}</p> : null}
      <div className="map-body">
        <div className="map-canvas">
          {pending ? <Loading /> : useBoundaries ? (
            <Suspense fallback={<Loading label={t('home.chartLoading')} />}>
              <ChoroplethMap boundaries={boundaries.data!} seats={seats} onOpen={open} label={mapLabel} />
              {missing ? <p className="muted small">{t('seats.map.missing', { count: missing, n: fmt.number(missing) })}</p> : null}
            </Suspense>
          ) : (
            <>
              <HexMap seats={seats} onOpen={open} label={mapLabel} />
              <p className="muted small">{t('seats.map.keys')}</p>
            </>
          )}
        </div>
        <div className="map-legend" data-testid="map-legend">
          <h3 className="legend-title">{legendTitle}</h3>
          <ul className="plain-list legend-list">
            {legend.map((e) => (
              <li key={e.id}>
                <span className="swatch swatch-lg" style={{ background: e.colour }} aria-hidden="true" />
                <span className="legend-label">{e.label}</span>
                <span className="legend-count">{fmt.number(e.seats.length)}</span>
              </li>
            ))}
          </ul>
          {faded ? <p className="muted small">{t('seats.map.faded')}</p> : null}
        </div>
      </div>
      <details className="chart-table" data-testid="map-list">
        <summary>{t('seats.map.asList')}</summary>
        {legend.filter((e) => e.seats.length).map((e) => (
          <div key={e.id} className="map-list-group">
            <h3 className="legend-title">
              <span className="swatch" style={{ background: e.colour }} aria-hidden="true" />{e.label} ({fmt.number(e.seats.length)})
            </h3>
            <ul className="map-list">
              {e.seats.map((s) => (
                <li key={s.key}><Link to={s.href}>{s.no}. {s.name}</Link></li>
              ))}
            </ul>
          </div>
        ))}
      </details>
    </section>
  );
}
