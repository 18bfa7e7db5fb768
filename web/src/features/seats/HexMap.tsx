// The hexagon cartogram as plain SVG: one link per seat. One hexagon is in the tab order at a time;
// the arrow keys move between seats (Home and End jump to the ends), Enter opens the seat.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HEX_W, hexLayout, hexPoints, neighbour, type HexMove } from './hexLayout.ts';

export interface HexMapSeat {
  state: string;
  stateName: string;
  no: number;
  name: string;
  key: string;
  href: string;
  fill: string;
  /** True: outside the filters (faded); false: inside them (outlined); null: no filter. */
  dim: boolean | null;
  label: string;
}

const KEYS: Record<string, HexMove> = {
  ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down', Home: 'first', End: 'last',
};
const MAX_HEX_PX = 34;

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

const Hexes = memo(function Hexes({ layout, scale, active, onOpen }: {
  layout: ReturnType<typeof hexLayout<HexMapSeat>>; scale: number; active: number;
  onOpen: (seat: HexMapSeat, e: MouseEvent) => void;
}) {
  const r = 0.93 * scale; // a hairline of background between hexagons
  return (
    <>
      {layout.hexes.map((h) => {
        const s = h.seat;
        return (
          <a
            key={s.key}
            href={s.href}
            data-i={h.index}
            tabIndex={h.index === active ? 0 : -1}
            aria-label={s.label}
            className={`hex${s.dim ? ' hex-dim' : s.dim === false ? ' hex-on' : ''}`}
            onClick={(e) => onOpen(s, e)}
          >
            <polygon points={hexPoints(h.x * scale, h.y * scale, r)} fill={s.fill} />
          </a>
        );
      })}
    </>
  );
});

export default function HexMap({ seats, onOpen, label }: {
  seats: HexMapSeat[];
  onOpen: (seat: HexMapSeat) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const [box, width] = useWidth<HTMLDivElement>();
  const svg = useRef<SVGSVGElement>(null);
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<HexMapSeat | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const multiState = useMemo(() => new Set(seats.map((s) => s.state)).size > 1, [seats]);

  // Phones get narrower shelves (bigger hexagons); one state fills the width as a landscape block.
  const phone = width > 0 && width < 560;
  const maxColumns = Math.max(8, Math.min(60, Math.floor(width / (phone ? 20 : 24)) || 20));
  const layout = useMemo(() => hexLayout(seats, {
    maxColumns,
    aspect: phone ? 0.9 : 1.8,
    labelHeight: multiState ? 1.9 : 0,
    gapX: 1.2,
    gapY: multiState ? 0.9 : 0,
    minBlockWidth: multiState ? 3 * HEX_W : 0,
  }), [seats, maxColumns, phone, multiState]);
  const scale = layout.width > 0 ? Math.min((width || 320) / layout.width, MAX_HEX_PX / HEX_W) : 1;
  const w = Math.ceil(layout.width * scale);
  const h = Math.ceil(layout.height * scale);

  useEffect(() => { if (active >= seats.length) setActive(0); }, [seats.length, active]);

  const focusHex = (i: number) => {
    setActive(i);
    const el = svg.current?.querySelector<SVGAElement>(`[data-i="${i}"]`);
    el?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const move = KEYS[e.key];
    const from = Number((e.target as Element).getAttribute?.('data-i') ?? -1);
    if (!move || from < 0) return;
    e.preventDefault();
    const to = neighbour(layout, from, move);
    if (to >= 0) focusHex(to);
  };

  const seatAt = (target: EventTarget | null): HexMapSeat | null => {
    const el = (target as Element | null)?.closest?.('[data-i]');
    const i = el ? Number(el.getAttribute('data-i')) : -1;
    return i >= 0 ? layout.hexes[i]?.seat ?? null : null;
  };

  const open = useCallback((seat: HexMapSeat, e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // a new tab or window
    e.preventDefault();
    onOpen(seat);
  }, [onOpen]);

  return (
    <div className="hexmap" ref={box}>
      <p className="map-readout" aria-live="polite" data-testid="map-readout">
        {shown ? shown.label : <span className="muted">{t('seats.map.hint')}</span>}
      </p>
      {width > 0 ? (
        <svg
          ref={svg}
          width={w}
          height={h}
          viewBox={`0 0 ${w} ${h}`}
          role="group"
          aria-label={label}
          data-testid="hex-map"
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            const s = seatAt(e.target);
            if (!s) return;
            const i = Number((e.target as Element).getAttribute('data-i'));
            setShown(s); setActive(i); setFocused(i);
          }}
          onBlur={() => setFocused(null)}
          onMouseOver={(e) => { const s = seatAt(e.target); if (s) setShown(s); }}
        >
          {multiState ? layout.blocks.map((b) => {
            const name = b.width * scale > b.state.length * 7 + 40 ? layout.hexes[b.first].seat.stateName : b.state;
            return (
              <text key={b.state} x={b.x * scale + 2} y={b.y * scale + 1.4 * scale} className="hex-state" aria-hidden="true">
                {name.length * 7 > b.width * scale ? b.state : name}
              </text>
            );
          }) : null}
          <Hexes layout={layout} scale={scale} active={active} onOpen={open} />
          {focused !== null && layout.hexes[focused] ? (
            // Drawn last, so the focus ring is not hidden under the neighbours.
            <g className="hex-ring" aria-hidden="true">
              <polygon points={hexPoints(layout.hexes[focused].x * scale, layout.hexes[focused].y * scale, 1.02 * scale)} className="hex-ring-outer" />
              <polygon points={hexPoints(layout.hexes[focused].x * scale, layout.hexes[focused].y * scale, 1.02 * scale)} className="hex-ring-inner" />
            </g>
          ) : null}
        </svg>
      ) : null}
    </div>
  );
}
