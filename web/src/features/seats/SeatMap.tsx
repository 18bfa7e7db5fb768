// The seats as a map (drawn by SeatMapFrame: real boundaries when they were imported, otherwise a
// hexagon cartogram), coloured by winner, by the chosen party's margin, by seat class, by any number
// per seat a caller provides (the projection's win probability) or by a layer (the organisation's).
// Seats outside the filters fade.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { House, Seat } from '../../api.ts';
import { Field } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import {
  leadPct, MAP_CLASS_COLOURS, MAP_CLASSES, mapClass, MARGIN_BINS, marginBin, NO_DATA, valueBin, valueColours,
} from './colours.ts';
import type { HexMapSeat } from './HexMap.tsx';
import type { SeatLayer } from '../organisation/seatLayer.ts';
import { SeatMapFrame, type LegendEntry } from './SeatMapFrame.tsx';
import { seatKey, seatPath, type ColourBy } from './seatView.ts';

/** A number per seat to colour by, e.g. the chance of winning it; null where there is none. */
export interface SeatValue {
  label: string;
  get: (seat: Seat) => number | null;
  min: number;
  max: number;
  format: (n: number) => string;
}

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
  const mode: ColourBy = (colourBy === 'value' && !value) || (colourBy === 'org' && !layer) ? 'winner' : colourBy;

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

  const legendTitle = mode === 'winner' ? t('seats.map.legendWinner')
    : mode === 'margin' ? t('seats.map.legendMargin', { party })
      : mode === 'class' ? t('seats.map.legendClass', { party })
        : mode === 'org' ? layer?.legendTitle ?? '' : value?.label ?? '';

  return (
    <SeatMapFrame
      seats={drawn} legend={legend} legendTitle={legendTitle} house={house} stateCode={stateCode} faded={highlight !== null}
      controls={(
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
      )}
    />
  );
}
