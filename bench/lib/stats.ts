// Latency summaries: nearest-rank percentiles over every sample (no sampling, no HDR buckets).

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** The nearest-rank percentile p (0–100) of sorted values. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
};

/** Count, mean, p50/p95/p99 and max of millisecond samples. */
export const summarise = (samples: readonly number[]): LatencySummary => {
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  const sum = arr.reduce((s, v) => s + v, 0);
  return {
    count: arr.length,
    meanMs: r2(arr.length ? sum / arr.length : 0),
    p50Ms: r2(percentile(arr, 50)),
    p95Ms: r2(percentile(arr, 95)),
    p99Ms: r2(percentile(arr, 99)),
    maxMs: r2(arr.length ? arr[arr.length - 1]! : 0),
  };
};

/** Least-squares slope of y over x (e.g. MB per minute), and the fit's start value. */
export const linearFit = (
  points: readonly { x: number; y: number }[],
): { slope: number; intercept: number } => {
  const n = points.length;
  if (n < 2) return { slope: 0, intercept: points[0]?.y ?? 0 };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: my - slope * mx };
};
