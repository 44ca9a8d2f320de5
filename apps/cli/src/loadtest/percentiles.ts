// Exact percentiles over the recorded latencies (nearest-rank on a sorted copy): a load test
// records tens of thousands of samples, which sort in milliseconds.

/** The nearest-rank percentile `p` (0 < p <= 100) of `values`; 0 when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface LatencySummary {
  readonly count: number;
  readonly errors: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summarize(latencies: readonly number[], errors: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    count: sorted.length,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.length === 0 ? 0 : total / sorted.length),
  };
}
