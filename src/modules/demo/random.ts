// Deterministic randomness for demo data. The same seed gives the same numbers on every machine
// (integer mixing plus V8's fdlibm-based Math), so tests can checksum a seed and a demo is reproducible.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  normal(mean?: number, sd?: number): number;
  pick<T>(items: readonly T[]): T;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
}

/** Mixes any number of integers into one 32-bit seed (murmur3's finaliser per part). */
export function hashInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A stable integer for a label, so streams can be named ('votes', 'geo') instead of numbered. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for synthetic data (not for anything secret). */
export function createRandom(seed: number): Random {
  let state = seed | 0;
  let spare: number | null = null; // Box–Muller makes normals in pairs; keep the second one
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean = 0, sd = 1): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return mean + sd * z;
    }
    const u = 1 - next(); // (0, 1]: log(0) never happens
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * next();
    spare = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    between: (lo, hi) => lo + next() * (hi - lo),
    normal,
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
}

/** A named, independent stream: changing how one part of the plan draws leaves the others intact. */
export function streamOf(seed: number, name: string, ...parts: number[]): Random {
  return createRandom(hashInts(seed, hashText(name), ...parts));
}

/**
 * Splits total into parts of min..max each (as near as total allows), sizes varying at random:
 * mandals of 25–40 booths, shakti kendras of 4–6, districts of 7–10 ACs.
 */
export function splitSizes(r: Random, total: number, min: number, max: number): number[] {
  if (total <= 0) return [];
  const lowest = Math.ceil(total / max);
  const highest = Math.max(lowest, Math.floor(total / min));
  const count = Math.min(highest, Math.max(lowest, Math.round((2 * total) / (min + max))));
  const sizes = Array.from({ length: count }, (_, i) => Math.floor(total / count) + (i < total % count ? 1 : 0));
  // Random transfers between parts keep the sum and the bounds while breaking the uniformity.
  for (let step = 0; step < count * 2; step++) {
    const from = r.int(0, count - 1);
    const to = r.int(0, count - 1);
    const amount = r.int(1, Math.max(1, Math.floor((max - min) / 4)));
    if (from !== to && sizes[from] - amount >= min && sizes[to] + amount <= max) {
      sizes[from] -= amount;
      sizes[to] += amount;
    }
  }
  return sizes;
}
