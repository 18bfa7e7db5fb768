// Timing summaries the benchmarks share: percentiles of a run of timings, a median, and figures
// rounded to hundredths for the JSON.

export function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { p50Ms: round(q(0.5)), p95Ms: round(q(0.95)), maxMs: round(s[s.length - 1] ?? 0) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
