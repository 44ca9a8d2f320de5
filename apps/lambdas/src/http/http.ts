// The one place where failures become HTTP statuses, and the response shapes every handler uses.
// A failure's stable `code` decides its status; anything without a known code is a 500 whose
// message is not shown to the caller (it is logged with the request id).
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

export type HttpResult = Exclude<APIGatewayProxyResultV2, string> & { statusCode: number };

/** Input that failed validation before any use case ran. */
export class RequestValidationError extends Error {
  readonly code = 'INVALID_REQUEST';
  constructor(
    message: string,
    readonly issues: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(message);
    this.name = 'RequestValidationError';
  }
}

export class PayloadTooLargeError extends Error {
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(readonly limitBytes: number) {
    super(`request body is larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** A binary route's body sent with another media type (or as text), refused before it is read. */
export class UnsupportedMediaTypeError extends Error {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  constructor(
    readonly received: string,
    readonly accepted: readonly string[],
    reason = `Content-Type ${received === '' ? '(none)' : received} is not accepted here`,
  ) {
    super(`${reason}; send the body as ${accepted.join(', ')}`);
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class RouteNotFoundError extends Error {
  readonly code = 'ROUTE_NOT_FOUND';
  constructor(readonly method: string, readonly path: string) {
    super(`no route ${method} ${path}`);
    this.name = 'RouteNotFoundError';
  }
}

/** Ordered: the first rule whose pattern matches the error's code gives the status. */
const STATUS_BY_CODE: readonly (readonly [RegExp, number])[] = [
  [/^PAYLOAD_TOO_LARGE$/, 413],
  [/^ROUTE_NOT_FOUND$/, 404],
  [/^UNSUPPORTED_MEDIA_TYPE$/, 415],
  [/^(INVALID_|UNSUPPORTED_|UNKNOWN_DATASET_TYPE$|IMAGE_)/, 400],
  [/^S3_(UPLOAD_FAILED|DOWNLOAD_FAILED|PERMISSION_DENIED)$/, 502],
  [/^GENERATION_THROTTLED$/, 429],
  [/^GENERATION_REFUSED$/, 422],
  // An Idempotency-Key sent again with another request (the IETF draft's 422), or while its first request runs (409).
  [/^IDEMPOTENCY_KEY_REUSED$/, 422],
  [/^IDEMPOTENT_REQUEST_IN_PROGRESS$/, 409],
  [/^GENERATION_FAILED$/, 502],
  [/_NOT_FOUND$|^RUN_NOT_IN_JOB$/, 404],
  [/_ALREADY_EXISTS$|^ARTIFACT_NOT_READY$|^PRECONDITION_FAILED$|^JOB_LOOKUP_REQUIRED$|^RESULTS_EXIST$/, 409],
  [/TIMEOUT$/, 504],
];

/** What the upstream AWS services say, by the SDK's error name. */
const STATUS_BY_SDK_ERROR: Readonly<Record<string, number>> = {
  ThrottlingException: 429,
  ResourceLimitExceeded: 429,
  ServiceQuotaExceededException: 429,
  ValidationException: 502,
  ResourceInUse: 409,
  ConflictException: 409,
};

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId: string; readonly issues?: readonly unknown[]; readonly userMessage?: string };
}

export function statusFor(error: unknown): number {
  const code = codeOf(error);
  if (code !== undefined) for (const [pattern, status] of STATUS_BY_CODE) if (pattern.test(code)) return status;
  const name = (error as { name?: unknown } | undefined)?.name;
  if (typeof name === 'string' && STATUS_BY_SDK_ERROR[name] !== undefined) return STATUS_BY_SDK_ERROR[name];
  return 500;
}

export function errorResponse(error: unknown, requestId: string): HttpResult {
  const status = statusFor(error);
  const code = codeOf(error) ?? (status === 500 ? 'INTERNAL_ERROR' : String((error as { name?: unknown }).name ?? 'UPSTREAM_ERROR'));
  // 5xx messages may carry internals (hosts, stack fragments): the caller gets the request id instead.
  const message = status >= 500 && status !== 502 && status !== 504 ? 'internal error; see the logs for this request id' : (error as Error).message;
  const issues = error instanceof RequestValidationError ? error.issues : (error as { issues?: unknown }).issues;
  // Words for people (spec 003 property 25), when the error carries them; the portal shows these.
  const userMessage = (error as { userMessage?: unknown }).userMessage;
  return json(status, { error: { code, message, requestId, ...(Array.isArray(issues) ? { issues } : {}), ...(typeof userMessage === 'string' ? { userMessage } : {}) } } satisfies ErrorBody);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function binary(status: number, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: status, headers: { 'content-type': contentType, ...headers }, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
