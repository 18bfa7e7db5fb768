import { describe, expect, it } from 'vitest';
import { blockColumns, HEX_W, hexLayout, hexPoints, neighbour, ROW_STEP, type HexSeat } from './hexLayout.ts';

const seats = (state: string, n: number): HexSeat[] => Array.from({ length: n }, (_, i) => ({ state, no: i + 1 }));

/** A fixed shuffle, so the input order is not the seat order. */
function shuffled<T>(list: T[]): T[] {
  const out = list.slice();
  let s = 7;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function minDistance(points: { x: number; y: number }[]): number {
  let min = Infinity;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      min = Math.min(min, Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
    }
  }
  return min;
}

// The real states' Lok Sabha seat counts: the national map's shape.
const LS = [80, 48, 42, 40, 39, 29, 28, 26, 25, 25, 21, 20, 17, 14, 14, 13, 11, 10, 7, 5, 5, 4, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1];
const national = LS.flatMap((n, i) => seats(`S${String(i + 1).padStart(2, '0')}`, n));

describe('hexLayout', () => {
  it('lays out nothing for no seats', () => {
    expect(hexLayout([])).toEqual({ hexes: [], blocks: [], width: 0, height: 0 });
  });

  it('puts one state in one near-square block, in seat-number order, row by row', () => {
    const layout = hexLayout(shuffled(seats('D01', 182)));
    expect(layout.hexes).toHaveLength(182);
    expect(layout.blocks).toHaveLength(1);
    expect(layout.hexes.map((h) => h.seat.no)).toEqual(Array.from({ length: 182 }, (_, i) => i + 1));
    const block = layout.blocks[0];
    expect(block.cols * block.rows).toBeGreaterThanOrEqual(182);
    expect((block.cols - 1) * block.rows).toBeLessThan(182); // no empty column
    const hexHeight = block.height - 1.8;
    expect(block.width / hexHeight).toBeGreaterThan(0.75);
    expect(block.width / hexHeight).toBeLessThan(1.35);
    // Reading order: rows go down, and along a row the seats go right.
    for (let i = 1; i < layout.hexes.length; i++) {
      const [a, b] = [layout.hexes[i - 1], layout.hexes[i]];
      if (a.row === b.row) expect(b.x).toBeGreaterThan(a.x);
      else expect(b.y).toBeGreaterThan(a.y);
    }
  });

  it('never overlaps two hexagons, and neighbours touch', () => {
    const layout = hexLayout(national, { maxColumns: 30 });
    expect(layout.hexes).toHaveLength(543);
    expect(minDistance(layout.hexes)).toBeCloseTo(HEX_W, 5);
  });

  it('packs states in shelves no wider than asked, blocks never overlapping, in state order', () => {
    for (const maxColumns of [12, 20, 40]) {
      const layout = hexLayout(shuffled(national), { maxColumns });
      expect(layout.blocks.map((b) => b.state)).toEqual(LS.map((_, i) => `S${String(i + 1).padStart(2, '0')}`));
      expect(layout.width).toBeLessThanOrEqual(maxColumns * HEX_W + HEX_W / 2 + 1e-9);
      for (const b of layout.blocks) expect(b.cols).toBeLessThanOrEqual(maxColumns);
      for (let i = 0; i < layout.blocks.length; i++) {
        for (let j = i + 1; j < layout.blocks.length; j++) {
          const [a, b] = [layout.blocks[i], layout.blocks[j]];
          const apart = a.x + a.width <= b.x + 1e-9 || b.x + b.width <= a.x + 1e-9
            || a.y + a.height <= b.y + 1e-9 || b.y + b.height <= a.y + 1e-9;
          expect(apart, `${a.state} and ${b.state}`).toBe(true);
        }
      }
      // Every hexagon sits inside its block, below the label band.
      for (const h of layout.hexes) {
        const b = layout.blocks[h.block];
        expect(h.seat.state).toBe(b.state);
        expect(h.x - HEX_W / 2).toBeGreaterThanOrEqual(b.x - 1e-9);
        expect(h.x + HEX_W / 2).toBeLessThanOrEqual(b.x + b.width + 1e-9);
        expect(h.y - 1).toBeGreaterThanOrEqual(b.hexTop - 1e-9);
        expect(h.y + 1).toBeLessThanOrEqual(b.y + b.height + 1e-9);
      }
      expect(layout.height).toBe(Math.max(...layout.blocks.map((b) => b.y + b.height)));
    }
  });

  it('lets a narrower shelf make a taller map', () => {
    const wide = hexLayout(national, { maxColumns: 40 });
    const narrow = hexLayout(national, { maxColumns: 14 });
    expect(narrow.width).toBeLessThan(wide.width);
    expect(narrow.height).toBeGreaterThan(wide.height);
  });

  it('keeps a block wide enough for its label, and follows a given state order', () => {
    const layout = hexLayout([...seats('B', 1), ...seats('A', 2), ...seats('C', 1)], { minBlockWidth: 6, stateOrder: ['C'] });
    expect(layout.blocks.map((b) => b.state)).toEqual(['C', 'A', 'B']);
    for (const b of layout.blocks) expect(b.width).toBeGreaterThanOrEqual(6);
  });

  it('folds a state bigger than the shelf', () => {
    expect(blockColumns(80, 1, 6)).toBe(6);
    expect(blockColumns(1)).toBe(1);
    expect(blockColumns(0)).toBe(0);
    const layout = hexLayout(seats('S01', 80), { maxColumns: 6 });
    expect(layout.blocks[0].rows).toBe(14);
    expect(layout.height).toBeCloseTo(1.8 + 2 + 13 * ROW_STEP);
  });

  it('gives a landscape block for a single state when asked', () => {
    const square = hexLayout(seats('D01', 182)).blocks[0];
    const wide = hexLayout(seats('D01', 182), { aspect: 2 }).blocks[0];
    expect(wide.cols).toBeGreaterThan(square.cols);
  });

  it('draws a pointy-top hexagon', () => {
    const pts = hexPoints(0, 0, 1).split(' ').map((p) => p.split(',').map(Number));
    expect(pts).toHaveLength(6);
    expect(pts[0]).toEqual([0, -1]); // the top point
    expect(pts[3]).toEqual([0, 1]);
  });
});

describe('neighbour', () => {
  const layout = hexLayout(seats('D01', 30), { maxColumns: 10 }); // cols = 6 (square-ish), 5 rows
  const cols = layout.blocks[0].cols;

  it('steps through seats left and right, and jumps to the ends', () => {
    expect(neighbour(layout, 0, 'left')).toBe(0);
    expect(neighbour(layout, 0, 'right')).toBe(1);
    expect(neighbour(layout, 29, 'right')).toBe(29);
    expect(neighbour(layout, 12, 'first')).toBe(0);
    expect(neighbour(layout, 12, 'last')).toBe(29);
  });

  it('moves to the nearest hexagon in the next row up or down', () => {
    const down = neighbour(layout, 0, 'down');
    expect(layout.hexes[down].row).toBe(1);
    expect(layout.hexes[down].col).toBe(0);
    const up = neighbour(layout, cols + 2, 'up');
    expect(layout.hexes[up].row).toBe(0);
    expect(Math.abs(layout.hexes[up].x - layout.hexes[cols + 2].x)).toBeLessThanOrEqual(HEX_W / 2 + 1e-9);
    expect(neighbour(layout, 0, 'up')).toBe(0); // nowhere to go
    expect(neighbour(layout, 29, 'down')).toBe(29);
  });

  it('crosses from one state into the shelf below', () => {
    const two = hexLayout([...seats('A', 4), ...seats('B', 4)], { maxColumns: 3 });
    expect(two.blocks[1].y).toBeGreaterThan(two.blocks[0].y); // B on its own shelf
    const from = two.hexes.findIndex((h) => h.seat.state === 'A' && h.row === two.blocks[0].rows - 1);
    expect(two.hexes[neighbour(two, from, 'down')].seat.state).toBe('B');
  });

  it('answers -1 for an empty map', () => {
    expect(neighbour({ hexes: [] }, 0, 'down')).toBe(-1);
  });
});
