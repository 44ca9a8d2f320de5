// A worker pool whose width follows AIMD: it halves when the server throttles and grows by about
// one slot per window of successes, between 1 and the configured maximum.
export interface AdaptiveConcurrencyOptions {
  readonly initial: number;
  readonly max: number;
  readonly min?: number;
}

export class AdaptiveConcurrency {
  private limit: number;
  private readonly max: number;
  private readonly min: number;
  private lastDecrease = 0;

  constructor(options: AdaptiveConcurrencyOptions) {
    this.max = Math.max(1, options.max);
    this.min = Math.max(1, Math.min(options.min ?? 1, this.max));
    this.limit = Math.min(this.max, Math.max(this.min, options.initial));
  }

  get current(): number {
    return Math.floor(this.limit);
  }

  onSuccess(): void {
    this.limit = Math.min(this.max, this.limit + 1 / Math.max(1, this.limit));
  }

  /** Halves at most once per 200 ms, so one burst of throttled replies counts as one signal. */
  onThrottle(now = Date.now()): void {
    if (now - this.lastDecrease < 200) return;
    this.lastDecrease = now;
    this.limit = Math.max(this.min, this.limit / 2);
  }
}

/**
 * Runs `work` for every item of `items` with at most `concurrency.current` in flight, pulling
 * lazily so a large source is never collected. Stops pulling when `signal` aborts.
 */
export async function forEachAdaptive<T>(
  items: AsyncIterable<T>,
  concurrency: AdaptiveConcurrency,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  for await (const item of items) {
    if (signal?.aborted || failure !== undefined) break;
    while (inFlight.size >= concurrency.current) await Promise.race(inFlight);
    if (failure !== undefined) break;
    const p: Promise<void> = work(item).then(
      () => void inFlight.delete(p),
      (e: unknown) => {
        inFlight.delete(p);
        failure ??= e;
      },
    );
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
}
