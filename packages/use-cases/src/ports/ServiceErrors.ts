// How a port says that the service behind it failed. Adapters translate their provider's errors
// (AWS SDK, MongoDB driver, Node sockets) into these before they leave the adapter, so use cases
// and transports decide by class, never by an SDK name, an HTTP status or a socket code; the
// provider's own error stays on `cause` for the logs.
import { EdgecvError } from '@edgecv/domain';

/** The services behind the ports; the first word of the codes below (S3_UNAVAILABLE, MONGO_...). */
export type ServiceName = 'S3' | 'DYNAMODB' | 'MONGO' | 'SAGEMAKER' | 'GREENGRASS';

export interface ServiceFailure {
  readonly service: ServiceName;
  /** The provider's operation, e.g. `PutObject`, `updateOne`. */
  readonly operation: string;
  /** What the operation was about, when it names something: `s3://bucket/key`, a table. */
  readonly resource?: string;
  /** The provider's own name for the failure (`SlowDown`, `ECONNREFUSED`), for logs only. */
  readonly providerCode?: string;
  /** The HTTP status the service answered, when it answered; for logs only. */
  readonly httpStatus?: number;
  readonly cause?: unknown;
}

export abstract class ServiceError extends EdgecvError {
  readonly service: ServiceName;
  readonly operation: string;
  readonly resource: string | undefined;
  readonly providerCode: string | undefined;
  readonly httpStatus: number | undefined;
  /** The message without internals (endpoints, keys): what an API may tell its callers. */
  readonly summary: string;

  /**
   * `what` the service did, in plain words; `detail` what only the logs and the CLI need (the
   * endpoint, the provider's code); `advice` what to do about it.
   */
  protected constructor(failure: ServiceFailure, what: string, detail = '', advice?: string) {
    const label = `${serviceLabel(failure.service)} ${what}`;
    const call = failure.resource ? ` (${failure.operation} ${failure.resource})` : ` (${failure.operation})`;
    super(`${label}${detail}${call}${advice ? `; ${advice}` : ''}`, failure.cause === undefined ? undefined : { cause: failure.cause });
    this.summary = `${label}${advice ? `; ${advice}` : ''}`;
    this.service = failure.service;
    this.operation = failure.operation;
    this.resource = failure.resource;
    this.providerCode = failure.providerCode;
    this.httpStatus = failure.httpStatus;
  }
}

/** A later attempt may succeed: the service is throttling, failing (5xx), unreachable or slow. */
export abstract class TransientServiceError extends ServiceError {}

/** The service asks us to slow down (S3 SlowDown, DynamoDB throughput, SageMaker throttling). */
export class ServiceThrottledError extends TransientServiceError {
  readonly code: string;
  override readonly name = 'ServiceThrottledError';
  constructor(failure: ServiceFailure) {
    super(failure, 'is throttling requests', '', 'try again later');
    this.code = `${failure.service}_THROTTLED`;
  }
}

/** Unreachable, a dropped connection, a timeout or a server error: nothing was decided. */
export class ServiceUnavailableError extends TransientServiceError {
  readonly code: string;
  override readonly name = 'ServiceUnavailableError';
  /** `reason` in words (`connection refused`), `endpoint` where it was tried; both for people, not for APIs. */
  constructor(failure: ServiceFailure & { readonly endpoint?: string; readonly reason?: string }) {
    super(failure, 'is not available', `: ${failure.reason ?? 'no answer'}${failure.endpoint ? ` at ${failure.endpoint}` : ''}`, 'try again later');
    this.code = `${failure.service}_UNAVAILABLE`;
  }
}

/** Credentials or a policy refuse the operation: an operator has to act, a retry will not help. */
export class ServiceAccessDeniedError extends ServiceError {
  readonly code: string;
  override readonly name = 'ServiceAccessDeniedError';
  constructor(failure: ServiceFailure) {
    super(failure, 'refused access', '', 'check the credentials and the policy');
    this.code = `${failure.service}_ACCESS_DENIED`;
  }
}

/** The bucket, table or job the operation needs does not exist. */
export class ServiceResourceNotFoundError extends ServiceError {
  readonly code: string;
  override readonly name = 'ServiceResourceNotFoundError';
  constructor(
    failure: ServiceFailure,
    /** `bucket`, `table`, `resource`: the code says which (S3_BUCKET_NOT_FOUND). */
    readonly kind: 'bucket' | 'table' | 'resource',
  ) {
    super(failure, `has no such ${kind}`);
    this.code = `${failure.service}_${kind.toUpperCase()}_NOT_FOUND`;
  }
}

/** The service refused the request as invalid (a bad argument we passed on). */
export class ServiceRejectedError extends ServiceError {
  readonly code: string;
  override readonly name = 'ServiceRejectedError';
  constructor(failure: ServiceFailure & { readonly reason?: string }) {
    super(failure, 'refused the request', failure.reason ? `: ${failure.reason}` : '');
    this.code = `${failure.service}_REJECTED`;
  }
}

/** The service holds a conflicting resource (a name in use). */
export class ServiceConflictError extends ServiceError {
  readonly code: string;
  override readonly name = 'ServiceConflictError';
  constructor(failure: ServiceFailure & { readonly reason?: string }) {
    super(failure, 'reports a conflict', failure.reason ? `: ${failure.reason}` : '');
    this.code = `${failure.service}_CONFLICT`;
  }
}

/** Worth another attempt later: the one test the use cases make of a failure's nature. */
export function isTransient(error: unknown): error is TransientServiceError {
  return error instanceof TransientServiceError;
}

/** The service asked us to slow down: adaptive concurrency shrinks. */
export function isThrottled(error: unknown): error is ServiceThrottledError {
  return error instanceof ServiceThrottledError;
}

/** The stable code of a typed error; anything else is unexpected (a bug, not a finding). */
export function failureCode(error: unknown): string {
  return error instanceof EdgecvError ? error.code : 'UNEXPECTED_ERROR';
}

export function failureMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function serviceLabel(service: ServiceName): string {
  return { S3: 'S3', DYNAMODB: 'DynamoDB', MONGO: 'MongoDB', SAGEMAKER: 'SageMaker', GREENGRASS: 'Greengrass' }[service];
}
