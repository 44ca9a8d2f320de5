// One retry rule for every adapter: capped exponential backoff with full jitter, retrying only
// what a second attempt can fix (server errors, throttling, dropped connections, timeouts).

export interface RetryPolicy {
  /** Total attempts, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ attempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 });

const RETRYABLE_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

const TRANSIENT_MESSAGE = /socket hang up|ECONNRESET|EPIPE|ETIMEDOUT|ECONNREFUSED|other side closed/;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/** True when a later attempt may succeed: 5xx, 429, throttling/SlowDown, connection resets, timeouts. */
export function isRetryableError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as ErrorLike;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  if (e.$retryable) return true;
  for (const c of [e.name, e.code, e.Code]) {
    if (typeof c === 'string' && RETRYABLE_CODES.has(c)) return true;
  }
  // The SDK wraps socket failures in plain errors that keep only the message ("socket hang up").
  const message = (e as { message?: unknown }).message;
  if (typeof message === 'string' && TRANSIENT_MESSAGE.test(message)) return true;
  return isRetryableError(e.cause, depth + 1);
}

/** Delay before retry number `retry` (1-based): uniform in [0, min(max, base * 2^(retry-1))]. */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  readonly signal?: AbortSignal;
  readonly isRetryable?: (error: unknown) => boolean;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly onRetry?: (error: unknown, retry: number, delayMs: number) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `operation` until it succeeds, fails with a non-retryable error, or attempts run out. */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, options: RetryOptions = {}): Promise<T> {
  const retryable = options.isRetryable ?? isRetryableError;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || options.signal?.aborted || !retryable(error)) throw error;
      const delay = backoffDelayMs(attempt, policy, options.random);
      options.onRetry?.(error, attempt, delay);
      await wait(delay, options.signal);
    }
  }
}
