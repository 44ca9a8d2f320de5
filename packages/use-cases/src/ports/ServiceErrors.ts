// How a port says that the service behind it failed. Adapters translate their provider's errors
// (AWS SDK, MongoDB driver, Node sockets) into these before they leave the adapter, so use cases
// and transports decide by class, never by an SDK name, an HTTP status or a socket code; the
// provider's own error stays on `cause` for the logs.
import { EdgecvError } from '@edgecv/domain';

/** The services behind the ports; the first word of the codes below (S3_UNAVAILABLE, MONGO_...). */
export type ServiceName = 'S3' | 'DYNAMODB' | 'MONGO' | 'SAGEMAKER' | 'GREENGRASS' | 'BEDROCK' | 'STS';

/** What an adapter knows of a failed call: which service, which operation, on what, and the provider's own words. */
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

/** How a failure reads: its code's suffix, what the service did in plain words, and what only the logs and the CLI need. */
export interface Wording {
  /** The class's name, for stack traces (minified bundles rename classes). */
  readonly name: string;
  /** `UNAVAILABLE`: the code is the service's name and this (`S3_UNAVAILABLE`). */
  readonly code: string;
  readonly what: string;
  /** The endpoint, the provider's words: for the logs and the CLI, never an API's answer. */
  readonly detail?: string;
  readonly advice?: string;
}

/** A failure of the service behind a port, in the port's terms; `summary` is what an API may say of it. */
export abstract class ServiceError extends EdgecvError {
  readonly code: string;
  readonly service: ServiceName;
  readonly operation: string;
  readonly resource: string | undefined;
  readonly providerCode: string | undefined;
  readonly httpStatus: number | undefined;
  /** The message without internals (endpoints, keys): what an API may tell its callers. */
  readonly summary: string;

  protected constructor(failure: ServiceFailure, { name, code, what, detail = '', advice }: Wording) {
    const label = `${serviceLabel(failure.service)} ${what}`;
    const call = failure.resource ? ` (${failure.operation} ${failure.resource})` : ` (${failure.operation})`;
    super(`${label}${detail}${call}${advice ? `; ${advice}` : ''}`, failure.cause === undefined ? undefined : { cause: failure.cause });
    this.name = name;
    this.code = `${failure.service}_${code}`;
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
  constructor(failure: ServiceFailure) {
    super(failure, { name: 'ServiceThrottledError', code: 'THROTTLED', what: 'is throttling requests', advice: 'try again later' });
  }
}

/** Unreachable, a dropped connection, a timeout or a server error: nothing was decided. */
export class ServiceUnavailableError extends TransientServiceError {
  /** `reason` in words (`connection refused`), `endpoint` where it was tried; both for people, not for APIs. */
  constructor(failure: ServiceFailure & { readonly endpoint?: string; readonly reason?: string }) {
    const detail = `: ${failure.reason ?? 'no answer'}${failure.endpoint ? ` at ${failure.endpoint}` : ''}`;
    super(failure, { name: 'ServiceUnavailableError', code: 'UNAVAILABLE', what: 'is not available', detail, advice: 'try again later' });
  }
}

/** Credentials or a policy refuse the operation: an operator has to act, a retry will not help. */
export class ServiceAccessDeniedError extends ServiceError {
  /** The IAM action the operation needs (`s3:ListBucket`), when the adapter knows it. */
  readonly action: string | undefined;
  constructor(failure: ServiceFailure & { readonly action?: string }, wording?: Partial<Wording>) {
    const denied = failure.action ? `refused ${failure.action}` : 'refused access';
    super(failure, { name: 'ServiceAccessDeniedError', code: 'ACCESS_DENIED', what: denied, advice: 'check the credentials and the policy (docs/aws.md lists what each command needs)', ...wording });
    this.action = failure.action;
  }
}

/** The credentials were read but have expired (an STS session, an SSO login): log in again. */
export class CredentialsExpiredError extends ServiceAccessDeniedError {
  constructor(failure: ServiceFailure & { readonly action?: string }) {
    super(failure, { name: 'CredentialsExpiredError', code: 'CREDENTIALS_EXPIRED', what: 'refused expired credentials', advice: 'renew them (aws sso login --profile NAME, or new keys) and run the command again' });
  }
}

/** No credentials could be found anywhere in the SDK's chain (environment, profile, SSO, instance role). */
export class CredentialsMissingError extends ServiceAccessDeniedError {
  constructor(failure: ServiceFailure & { readonly reason?: string }) {
    super(failure, {
      name: 'CredentialsMissingError',
      code: 'CREDENTIALS_MISSING',
      what: 'has no credentials to sign with',
      detail: failure.reason ? `: ${failure.reason}` : '',
      advice: 'give a profile (--profile NAME or AWS_PROFILE) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use --local for the embedded stack',
    });
  }
}

/** A KMS key refuses the caller (SSE-KMS objects need kms:Decrypt / kms:GenerateDataKey on their key). */
export class KmsAccessDeniedError extends ServiceAccessDeniedError {
  constructor(failure: ServiceFailure & { readonly reason?: string }) {
    super(failure, {
      name: 'KmsAccessDeniedError',
      code: 'KMS_ACCESS_DENIED',
      what: "was refused by the bucket's KMS key",
      detail: failure.reason ? `: ${failure.reason}` : '',
      advice: 'grant kms:Decrypt and kms:GenerateDataKey on the key to these credentials (key policy or IAM)',
    });
  }
}

/** The request was signed with a clock too far from the service's: fix the machine's clock. */
export class RequestTimeSkewedError extends ServiceError {
  constructor(failure: ServiceFailure) {
    super(failure, { name: 'RequestTimeSkewedError', code: 'CLOCK_SKEW', what: "refused the request: this machine's clock is too far from the service's", advice: 'synchronise the clock (NTP, e.g. chronyc makestep) and run again' });
  }
}

/** The bucket lives in another region than the one the request was signed for (S3's PermanentRedirect / 301). */
export class WrongRegionError extends ServiceError {
  constructor(
    failure: ServiceFailure,
    /** The bucket's own region, when the service said it. */
    readonly bucketRegion: string | undefined,
    readonly requestRegion: string | undefined,
  ) {
    const where = bucketRegion ? `is in region ${bucketRegion}` : 'is in another region';
    super(failure, {
      name: 'WrongRegionError',
      code: 'WRONG_REGION',
      what: `says the bucket ${where}${requestRegion ? `, not ${requestRegion}` : ''}`,
      advice: bucketRegion ? `run again with --region ${bucketRegion} (or set region = ${bucketRegion} in the profile)` : 'give the bucket\'s region with --region',
    });
  }
}

/** The bucket is not owned by the account given with --expected-bucket-owner (S3 answers 403). */
export class BucketOwnerMismatchError extends ServiceAccessDeniedError {
  constructor(
    failure: ServiceFailure,
    readonly expectedOwner: string,
  ) {
    super(failure, {
      name: 'BucketOwnerMismatchError',
      code: 'BUCKET_OWNER_MISMATCH',
      what: `refused the request: the bucket is not owned by account ${expectedOwner} (--expected-bucket-owner), or a policy denies it`,
      advice: 'check the bucket name and the account; nothing was changed',
    });
  }
}

/** The bucket, table or job the operation needs does not exist. */
export class ServiceResourceNotFoundError extends ServiceError {
  constructor(
    failure: ServiceFailure,
    /** `bucket`, `table`, `resource`: the code says which (S3_BUCKET_NOT_FOUND). */
    readonly kind: 'bucket' | 'table' | 'resource',
  ) {
    super(failure, { name: 'ServiceResourceNotFoundError', code: `${kind.toUpperCase()}_NOT_FOUND`, what: `has no such ${kind}` });
  }
}

/** The service refused the request as invalid (a bad argument we passed on). */
export class ServiceRejectedError extends ServiceError {
  constructor(failure: ServiceFailure & { readonly reason?: string }) {
    super(failure, { name: 'ServiceRejectedError', code: 'REJECTED', what: 'refused the request', detail: failure.reason ? `: ${failure.reason}` : '' });
  }
}

/** The service holds a conflicting resource (a name in use). */
export class ServiceConflictError extends ServiceError {
  constructor(failure: ServiceFailure & { readonly reason?: string }) {
    super(failure, { name: 'ServiceConflictError', code: 'CONFLICT', what: 'reports a conflict', detail: failure.reason ? `: ${failure.reason}` : '' });
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

/** The message of any failure, typed or not, for a journal or a log line. */
export function failureMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function serviceLabel(service: ServiceName): string {
  return { S3: 'S3', DYNAMODB: 'DynamoDB', MONGO: 'MongoDB', SAGEMAKER: 'SageMaker', GREENGRASS: 'Greengrass', BEDROCK: 'Bedrock', STS: 'STS' }[service];
}
