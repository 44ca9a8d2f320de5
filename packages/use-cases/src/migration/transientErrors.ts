// Which failures a later attempt can fix, read from the shape of the error (use cases see no SDK).

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLE = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'ProvisionedThroughputExceededException']);
const TRANSIENT = new Set(['InternalError', 'ServiceUnavailable', 'RequestTimeout', 'OBJECT_STORE_TIMEOUT', 'TimeoutError', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'UND_ERR_SOCKET']);

function names(e: ErrorShape): string[] {
  return [e.name, e.code, e.Code].filter((n): n is string => typeof n === 'string');
}

/** The server asks us to slow down (SlowDown, 503, 429): the concurrency should shrink. */
export function isThrottle(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as ErrorShape;
  const status = e.$metadata?.httpStatusCode;
  if (status === 503 || status === 429) return true;
  if (names(e).some((n) => THROTTLE.has(n))) return true;
  return isThrottle(e.cause, depth + 1);
}

/** Worth another attempt later: throttling, 5xx, resets, timeouts. */
export function isTransient(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as ErrorShape;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  if (isThrottle(e) || names(e).some((n) => TRANSIENT.has(n))) return true;
  return isTransient(e.cause, depth + 1);
}

export function errorCode(error: unknown): string {
  const e = error as ErrorShape | undefined;
  for (const n of [e?.code, e?.Code, e?.name]) if (typeof n === 'string' && n.length > 0) return n;
  return 'UNKNOWN';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
