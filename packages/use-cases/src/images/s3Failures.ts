// How the image use cases read an ObjectStore failure. The port's adapters report SDK errors
// (name, code, $metadata.httpStatusCode); reading those shapes structurally keeps the use cases
// free of any SDK import.

interface FailureLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function names(error: unknown): { names: string[]; status: unknown; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as FailureLike;
  const list = [e.name, e.code, e.Code].filter((n): n is string => typeof n === 'string');
  return { names: list, status: e.$metadata?.httpStatusCode, message: typeof e.message === 'string' ? e.message : '' };
}

export function isAccessDenied(error: unknown): boolean {
  const { names: n, status } = names(error);
  return status === 403 || n.some((x) => ['AccessDenied', 'AllAccessDisabled', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ACCESS_DENIED', 'CredentialsProviderError'].includes(x));
}

export function isMissingBucket(error: unknown): boolean {
  return names(error).names.includes('NoSuchBucket');
}

/** Worth another attempt: timeouts, 5xx, throttling, dropped connections. */
export function isTransient(error: unknown, depth = 0): boolean {
  if (depth > 3 || typeof error !== 'object' || error === null) return false;
  const { names: n, status, message } = names(error);
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  if (n.some((x) => /timeout|SlowDown|Throttl|InternalError|ServiceUnavailable|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_SOCKET|OBJECT_STORE_TIMEOUT|OPERATION_TIMEOUT/i.test(x))) return true;
  if (/socket hang up|ECONNRESET|EPIPE|ETIMEDOUT|other side closed|timed out/i.test(message)) return true;
  return isTransient((error as FailureLike).cause, depth + 1);
}
