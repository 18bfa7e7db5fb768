// The hexagon cartogram's layout, pure: one pointy-top hexagon per seat, each state a compact block
// of hexes in seat-number order (row by row), the blocks packed left to right in shelves. Units are
// the hexagon's circumradius (1); the renderer scales. No DOM, so it is unit-tested and cheap to
// rerun when the container's width changes.

export interface HexSeat { state: string; no: number }

export interface HexOptions {
  /** The widest a shelf may be, in hexagon columns. A bigger state is folded to fit. */
  maxColumns?: number;
  /** Width / height a block aims at (1: square; above 1: landscape). */
  aspect?: number;
  /** Room above each block for its state label, in radii (0 for none). */
  labelHeight?: number;
  /** Space between blocks, in radii. */
  gapX?: number;
  gapY?: number;
  /** The narrowest a block may be (so its label fits), in radii. */
  minBlockWidth?: number;
  /** States in this order first; the rest by code. */
  stateOrder?: readonly string[];
}

export interface PlacedHex<S> {
  seat: S;
  /** Position in reading order: states in order, seats by number. */
  index: number;
  block: number;
  col: number;
  row: number;
  /** Centre, in radii from the layout's top-left. */
  x: number;
  y: number;
}

export interface HexBlock {
  state: string;
  index: number;
  /** Top-left of the block including its label band; `hexTop` is where the hexagons start. */
  x: number;
  y: number;
  hexTop: number;
  width: number;
  height: number;
  cols: number;
  rows: number;
  count: number;
  /** Index of the block's first hexagon. */
  first: number;
}

export interface HexLayout<S> { hexes: PlacedHex<S>[]; blocks: HexBlock[]; width: number; height: number }

/** Width of a pointy-top hexagon of radius 1, and the vertical step between its rows. */
export const HEX_W = Math.sqrt(3);
export const ROW_STEP = 1.5;

function compareStates(order: readonly string[]) {
  const rank = new Map(order.map((s, i) => [s, i]));
  return (a: string, b: string) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Columns for a block of n hexes that is about `aspect` times as wide as it is tall. */
export function blockColumns(n: number, aspect = 1, maxColumns = Infinity): number {
  if (n <= 0) return 0;
  const ideal = Math.ceil(Math.sqrt(n * (ROW_STEP / HEX_W) * aspect));
  return Math.max(1, Math.min(n, maxColumns, ideal));
}

export function hexLayout<S extends HexSeat>(seats: readonly S[], options: HexOptions = {}): HexLayout<S> {
  const maxColumns = Math.max(1, Math.floor(options.maxColumns ?? 30));
  const aspect = options.aspect ?? 1;
  const labelHeight = options.labelHeight ?? 1.8;
  const gapX = options.gapX ?? 1.2;
  const gapY = options.gapY ?? 0.8;
  const minBlockWidth = options.minBlockWidth ?? 0;

  const byState = new Map<string, S[]>();
  for (const s of seats) {
    const list = byState.get(s.state);
    if (list) list.push(s); else byState.set(s.state, [s]);
  }
  const states = [...byState.keys()].sort(compareStates(options.stateOrder ?? []));
  // A single state gets the whole width to play with; several are kept square so they pack.
  const blockAspect = states.length === 1 ? aspect : 1;
  const shelfWidth = maxColumns * HEX_W + HEX_W / 2;

  const hexes: PlacedHex<S>[] = [];
  const blocks: HexBlock[] = [];
  let cursorX = 0;
  let shelfY = 0;
  let shelfHeight = 0;
  let width = 0;

  for (const state of states) {
    const list = byState.get(state)!.slice().sort((a, b) => a.no - b.no);
    const cols = blockColumns(list.length, blockAspect, maxColumns);
    const rows = Math.ceil(list.length / cols);
    const hexWidth = cols * HEX_W + (rows > 1 ? HEX_W / 2 : 0);
    const blockWidth = Math.max(hexWidth, minBlockWidth);
    const blockHeight = labelHeight + 2 + (rows - 1) * ROW_STEP;
    if (cursorX > 0 && cursorX + blockWidth > shelfWidth) {
      shelfY += shelfHeight + gapY;
      cursorX = 0;
      shelfHeight = 0;
    }
    const block: HexBlock = {
      state, index: blocks.length, x: cursorX, y: shelfY, hexTop: shelfY + labelHeight,
      width: blockWidth, height: blockHeight, cols, rows, count: list.length, first: hexes.length,
    };
    blocks.push(block);
    list.forEach((seat, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      hexes.push({
        seat, index: hexes.length, block: block.index, col, row,
        x: block.x + HEX_W / 2 + col * HEX_W + (row % 2) * (HEX_W / 2),
        y: block.hexTop + 1 + row * ROW_STEP,
      });
    });
    cursorX += blockWidth + gapX;
    shelfHeight = Math.max(shelfHeight, blockHeight);
    width = Math.max(width, block.x + blockWidth);
  }
  return { hexes, blocks, width, height: blocks.length ? shelfY + shelfHeight : 0 };
}

/** The polygon's points for a pointy-top hexagon (SVG `points`). */
export function hexPoints(cx: number, cy: number, r: number): string {
  const pts: string[] = [];
  for (let k = 0; k < 6; k++) {
    const a = (Math.PI / 180) * (60 * k - 90);
    pts.push(`${round(cx + r * Math.cos(a))},${round(cy + r * Math.sin(a))}`);
  }
  return pts.join(' ');
}

const round = (n: number) => Math.round(n * 100) / 100;

export type HexMove = 'left' | 'right' | 'up' | 'down' | 'first' | 'last';

/**
 * The hexagon a key press moves to: left and right step through the seats in order (crossing
 * into the next state), up and down go to the nearest hexagon in the closest row above or below.
 */
export function neighbour<S>(layout: Pick<HexLayout<S>, 'hexes'>, from: number, move: HexMove): number {
  const n = layout.hexes.length;
  if (n === 0) return -1;
  const at = Math.min(Math.max(from, 0), n - 1);
  switch (move) {
    case 'first': return 0;
    case 'last': return n - 1;
    case 'left': return Math.max(0, at - 1);
    case 'right': return Math.min(n - 1, at + 1);
    default: {
      const here = layout.hexes[at];
      const sign = move === 'up' ? -1 : 1;
      let bestDy = Infinity;
      let best = at;
      let bestDx = Infinity;
      for (const h of layout.hexes) {
        const dy = (h.y - here.y) * sign;
        if (dy < 0.5) continue; // same row, or the wrong way
        const dx = Math.abs(h.x - here.x);
        if (dy < bestDy - 0.01 || (Math.abs(dy - bestDy) <= 0.01 && dx < bestDx)) {
          bestDy = dy; bestDx = dx; best = h.index;
        }
      }
      return best;
    }
  }
}
