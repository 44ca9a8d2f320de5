// The one place where failures become HTTP statuses, and the response shapes every handler uses.
// A failure's class decides its status (one table, below); anything untyped is a 500 whose
// message is not shown to the caller (it is logged with the request id).
import { EdgecvError, JobLookupRequiredError } from '@edgecv/domain';
import { MongoNotConfiguredError } from '@edgecv/container';
import {
  ArtifactNotReadyError,
  AssignmentAlreadyExistsError,
  AssignmentNotFoundError,
  CompilationJobAlreadyExistsError,
  CompilationJobNotFoundError,
  CorrelatedError,
  DeploymentAlreadyExistsError,
  DeploymentNotFoundError,
  GenerationFailedError,
  GenerationRefusedError,
  GenerationThrottledError,
  GenerationTimeoutError,
  INVALID_INPUT_ERRORS,
  ImageOptimizationError,
  JobAlreadyExistsError,
  JobNotFoundError,
  JournalNotFoundError,
  ObjectNotFoundError,
  ObjectStoreTimeoutError,
  OperationTimeoutError,
  PreconditionFailedError,
  ResultsExistError,
  RunAlreadyExistsError,
  RunNotFoundError,
  RunNotInJobError,
  S3DownloadError,
  S3PermissionError,
  S3UploadError,
  ServiceAccessDeniedError,
  ServiceConflictError,
  ServiceError,
  ServiceRejectedError,
  ServiceResourceNotFoundError,
  ServiceThrottledError,
  ServiceUnavailableError,
  TrainingJobAlreadyExistsError,
  TrainingJobNotFoundError,
  nearestRow,
  type ErrorClass,
} from '@edgecv/use-cases';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { IdempotencyKeyReusedError, IdempotentRequestInProgressError, InvalidIdempotencyKeyError } from '../runtime/idempotencyErrors';

export type HttpResult = Exclude<APIGatewayProxyResultV2, string> & { statusCode: number };

/** Input that failed validation before any use case ran. */
export class RequestValidationError extends EdgecvError {
  readonly code = 'INVALID_REQUEST';
  constructor(
    message: string,
    readonly issues: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(message);
    this.name = 'RequestValidationError';
  }
}

export class PayloadTooLargeError extends EdgecvError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(readonly limitBytes: number) {
    super(`request body is larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** A binary route's body sent with another media type (or as text), refused before it is read. */
export class UnsupportedMediaTypeError extends EdgecvError {
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

export class RouteNotFoundError extends EdgecvError {
  readonly code = 'ROUTE_NOT_FOUND';
  constructor(readonly method: string, readonly path: string) {
    super(`no route ${method} ${path}`);
    this.name = 'RouteNotFoundError';
  }
}

/**
 * Every typed failure's status, by class: an error takes the status of its nearest class in this
 * table (a subclass inherits its base's row unless it has its own). Nothing here reads a code
 * string or an SDK name; adapters have translated their providers' errors before they get here.
 */
const STATUS_BY_CLASS = new Map<ErrorClass, number>([
  // The request itself
  [RequestValidationError, 400],
  [PayloadTooLargeError, 413],
  [RouteNotFoundError, 404],
  [UnsupportedMediaTypeError, 415],
  // Invalid input (the domain's validation, and the use cases' own)
  ...INVALID_INPUT_ERRORS.map((type): [ErrorClass, number] => [type, 400]),
  [ImageOptimizationError, 400],
  // Not found
  [JobNotFoundError, 404],
  [RunNotFoundError, 404],
  [RunNotInJobError, 404],
  [TrainingJobNotFoundError, 404],
  [CompilationJobNotFoundError, 404],
  [DeploymentNotFoundError, 404],
  [ObjectNotFoundError, 404],
  [JournalNotFoundError, 404],
  [AssignmentNotFoundError, 404],
  // Conflicts with what exists
  [JobAlreadyExistsError, 409],
  [RunAlreadyExistsError, 409],
  [TrainingJobAlreadyExistsError, 409],
  [CompilationJobAlreadyExistsError, 409],
  [DeploymentAlreadyExistsError, 409],
  [ArtifactNotReadyError, 409],
  [PreconditionFailedError, 409],
  [JobLookupRequiredError, 409],
  [ResultsExistError, 409],
  [AssignmentAlreadyExistsError, 409],
  [ServiceConflictError, 409],
  // The services behind the API (S3_*, DYNAMODB_*, MONGO_*, SAGEMAKER_*, GREENGRASS_*)
  [ServiceThrottledError, 429],
  [ServiceUnavailableError, 503],
  [MongoNotConfiguredError, 503],
  [ObjectStoreTimeoutError, 504],
  [OperationTimeoutError, 504],
  [ServiceAccessDeniedError, 502],
  [ServiceResourceNotFoundError, 502],
  [ServiceRejectedError, 502],
  [S3UploadError, 502],
  [S3DownloadError, 502],
  [S3PermissionError, 502],
  // Image generation (Bedrock Nova Canvas): busy, refused the prompt, failed, out of time
  [GenerationThrottledError, 429],
  [GenerationRefusedError, 422],
  [GenerationFailedError, 502],
  [GenerationTimeoutError, 504],
  // An Idempotency-Key that is not one, used with another request (the IETF draft's 422), or sent
  // again while its first request runs.
  [InvalidIdempotencyKeyError, 400],
  [IdempotencyKeyReusedError, 422],
  [IdempotentRequestInProgressError, 409],
]);

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId: string; readonly issues?: readonly unknown[]; readonly userMessage?: string };
}

export function statusFor(error: unknown): number {
  return nearestRow(STATUS_BY_CLASS, error) ?? 500;
}

export function errorResponse(error: unknown, requestId: string): HttpResult {
  const status = statusFor(error);
  const typed = error instanceof EdgecvError;
  const code = typed ? error.code : 'INTERNAL_ERROR';
  // 5xx messages may carry internals (hosts, stack fragments): a service failure says what failed
  // in plain words, anything untyped gives the request id instead.
  const message = !typed || status === 500 ? 'internal error; see the logs for this request id' : error instanceof ServiceError ? error.summary : error.message;
  const issues = error instanceof RequestValidationError ? error.issues : (error as { issues?: unknown }).issues;
  // Words for people (spec 003 property 25), when the error carries them; the portal shows these.
  const userMessage = error instanceof CorrelatedError ? error.userMessage : undefined;
  return json(status, { error: { code, message, requestId, ...(Array.isArray(issues) ? { issues } : {}), ...(userMessage !== undefined ? { userMessage } : {}) } } satisfies ErrorBody);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function binary(status: number, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: status, headers: { 'content-type': contentType, ...headers }, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true };
}

