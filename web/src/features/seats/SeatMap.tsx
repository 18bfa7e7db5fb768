// The seats as a map: real boundaries when they were imported, otherwise a hexagon cartogram. Both
// are coloured by winner, by the chosen party's margin, by seat class, or by any number per seat a
// caller provides (the projection's win probability, later). Seats outside the filters fade.
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, type House, type Seat } from '../../api.ts';
import { Field, Loading } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import {
  leadPct, MAP_CLASS_COLOURS, MAP_CLASSES, mapClass, MARGIN_BINS, marginBin, NO_DATA, valueBin, valueColours,
} from './colours.ts';
import HexMap, { type HexMapSeat } from './HexMap.tsx';
import type { SeatLayer } from '../organisation/seatLayer.ts';
import { seatKey, seatPath, type ColourBy } from './seatView.ts';

const ChoroplethMap = lazy(() => import('./ChoroplethMap.tsx'));

/** A number per seat to colour by, e.g. the chance of winning it; null where there is none. */
export interface SeatValue {
  label: string;
  get: (seat: Seat) => number | null;
  min: number;
  max: number;
  format: (n: number) => string;
}

interface LegendEntry { id: string; colour: string; label: string; seats: HexMapSeat[] }

export default function SeatMap({ seats, highlight, house, stateCode, election, party, colourBy, onColourBy, value, layer, partyColour, partyName }: {
  seats: Seat[];
  /** Seats that pass the filters; the others fade. Null: all. */
  highlight: ReadonlySet<string> | null;
  house: House;
  stateCode: string | null;
  election: string;
  party: string;
  colourBy: ColourBy;
  onColourBy: (c: ColourBy) => void;
  value?: SeatValue;
  /** The organisation layer (booths with a committee per seat), when the session may read it. */
  layer?: SeatLayer;
  partyColour: (code: string | null) => string;
  /** A party's name in the user's language, when known. */
  partyName?: (code: string) => string | null;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const mode: ColourBy = (colourBy === 'value' && !value) || (colourBy === 'org' && !layer) ? 'winner' : colourBy;
  const boundaries = useQuery({
    queryKey: ['boundaries', house, stateCode ?? ''],
    queryFn: () => api.boundaries(house, stateCode),
    staleTime: Infinity,
  });

  const { drawn, legend } = useMemo(() => {
    const entries = new Map<string, LegendEntry>();
    const entry = (id: string, colour: string, label: string) => {
      let e = entries.get(id);
      if (!e) { e = { id, colour, label, seats: [] }; entries.set(id, e); }
      return e;
    };
    const pctRange = (from: number, to: number) => {
      if (from === -Infinity) return `≤ −${fmt.number(-to)}%`;
      if (to === Infinity) return `≥ +${fmt.number(from)}%`;
      const sign = (n: number) => (n > 0 ? `+${fmt.number(n)}` : n < 0 ? `−${fmt.number(-n)}` : '0');
      return `${sign(from)} … ${sign(to)}%`;
    };
    // Legend entries in a fixed order, so the colours read as a scale.
    if (mode === 'margin') MARGIN_BINS.forEach((b, i) => entry(`m${i}`, b.colour, pctRange(b.from, b.to)));
    if (mode === 'class') MAP_CLASSES.forEach((c) => entry(c, MAP_CLASS_COLOURS[c], t(`seats.map.class.${c}`)));
    if (mode === 'org' && layer) layer.legend.forEach((l) => entry(l.id, l.colour, l.label));
    if (mode === 'value' && value) {
      const step = (value.max - value.min) / valueColours.length;
      valueColours.forEach((c, i) => entry(`v${i}`, c, `${value.format(value.min + i * step)} – ${value.format(value.min + (i + 1) * step)}`));
    }

    const out: HexMapSeat[] = seats.map((s) => {
      const lead = leadPct(s);
      const label = [
        t('seats.map.seatLabel', { name: s.constituency, no: s.constituencyNo, state: s.stateName }),
        s.winnerParty ? t('seats.map.wonBy', { party: s.winnerParty, margin: fmt.number(s.marginVotes), pct: fmt.percent(s.marginPct) }) : t('seats.map.noResult'),
        t('seats.map.partyLine', { party, share: fmt.percent(s.partyShare), lead: lead === null ? '—' : `${lead > 0 ? '+' : ''}${fmt.percent(lead)}` }),
        value && mode === 'value' ? `${value.label}: ${(() => { const v = value.get(s); return v === null ? '—' : value.format(v); })()}` : null,
        layer && mode === 'org' ? layer.classify(s)?.line ?? layer.noneLabel : null,
      ].filter(Boolean).join(' · ');
      let e: LegendEntry;
      if (mode === 'winner') {
        const name = s.winnerParty ? partyName?.(s.winnerParty) : null;
        e = s.winnerParty
          ? entry(`p:${s.winnerParty}`, partyColour(s.winnerParty), name ? `${s.winnerParty} · ${name}` : s.winnerParty)
          : entry('none', NO_DATA, t('seats.map.noResult'));
      } else if (mode === 'margin') {
        const bin = marginBin(lead);
        e = bin < 0 ? entry('none', NO_DATA, t('seats.map.notInRace', { party })) : entries.get(`m${bin}`)!;
      } else if (mode === 'class') {
        e = entries.get(mapClass(s))!;
      } else if (mode === 'org') {
        const c = layer!.classify(s);
        e = c ? entries.get(c.id)! : entry('none', NO_DATA, layer!.noneLabel);
      } else {
        const bin = valueBin(value!.get(s), value!.min, value!.max);
        e = bin < 0 ? entry('none', NO_DATA, t('seats.map.noValue')) : entries.get(`v${bin}`)!;
      }
      const key = seatKey(s.state, s.constituencyNo);
      const seat: HexMapSeat = {
        state: s.state, stateName: s.stateName, no: s.constituencyNo, name: s.constituency, key,
        href: seatPath(s.state, house, s.constituencyNo, election, party),
        fill: e.colour, dim: highlight === null ? null : !highlight.has(key), label,
      };
      e.seats.push(seat);
      return seat;
    });
    let list = [...entries.values()];
    if (mode === 'winner') list = list.sort((a, b) => (a.id === 'none' ? 1 : b.id === 'none' ? -1 : b.seats.length - a.seats.length));
    return { drawn: out, legend: list };
  }, [seats, highlight, mode, value, layer, party, partyColour, partyName, house, election, t, fmt]);

  const open = (s: HexMapSeat) => navigate(s.href);
  const features = boundaries.data?.features ?? [];
  const useBoundaries = features.length > 0;
  const legendTitle = mode === 'winner' ? t('seats.map.legendWinner')
    : mode === 'margin' ? t('seats.map.legendMargin', { party })
      : mode === 'class' ? t('seats.map.legendClass', { party })
        : mode === 'org' ? layer?.legendTitle ?? '' : value?.label ?? '';
  const mapLabel = t('seats.map.label', { count: seats.length, n: fmt.number(seats.length), legend: legendTitle });
  const missing = useMemo(() => {
    if (!features.length) return 0;
    const have = new Set(features.map((f) => seatKey(f.properties.state, f.properties.no)));
    return drawn.filter((s) => !have.has(s.key)).length;
  }, [features, drawn]);

  return (
    <section className="seat-map card" aria-labelledby="seat-map-h" data-testid="seat-map">
      <div className="map-head">
        <h2 id="seat-map-h" className="visually-hidden">{t('seats.tabMap')}</h2>
        <Field label={t('seats.map.colourBy')} className="map-colour">
          {(p) => (
            <select {...p} value={mode} onChange={(e) => onColourBy(e.target.value as ColourBy)} data-testid="map-colour">
              <option value="winner">{t('seats.map.byWinner')}</option>
              <option value="margin">{t('seats.map.byMargin', { party })}</option>
              <option value="class">{t('seats.map.byClass')}</option>
              {value ? <option value="value">{value.label}</option> : null}
              {layer ? <option value="org">{layer.label}</option> : null}
            </select>
          )}
        </Field>
        <p className="muted small map-kind" data-testid="map-kind" data-kind={useBoundaries ? 'boundaries' : 'hex'}>
          {boundaries.isPending ? '' : useBoundaries ? t('seats.map.kindBoundaries') : t('seats.map.kindHex')}
        </p>
      </div>
      <div className="map-body">
        <div className="map-canvas">
          {boundaries.isPending ? <Loading /> : useBoundaries ? (
            <Suspense fallback={<Loading label={t('home.chartLoading')} />}>
              <ChoroplethMap boundaries={boundaries.data!} seats={drawn} onOpen={open} label={mapLabel} />
              {missing ? <p className="muted small">{t('seats.map.missing', { count: missing, n: fmt.number(missing) })}</p> : null}
            </Suspense>
          ) : (
            <>
              <HexMap seats={drawn} onOpen={open} label={mapLabel} />
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
          {highlight ? <p className="muted small">{t('seats.map.faded')}</p> : null}
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
