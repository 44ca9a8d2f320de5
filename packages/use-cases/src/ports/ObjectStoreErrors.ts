// Failures an ObjectStore adapter reports in terms the use cases understand (with the service
// failures of ServiceErrors.ts: unavailable, throttled, access denied, bucket not found).
import { EdgecvError } from '@edgecv/domain';
import { PRESIGN_DEFAULT_EXPIRY_SECONDS, PRESIGN_MAX_EXPIRY_SECONDS } from './ObjectStore';
import { TransientServiceError } from './ServiceErrors';

/** The object does not exist (`OBJECT_NOT_FOUND`). */
export class ObjectNotFoundError extends EdgecvError {
  readonly code = 'OBJECT_NOT_FOUND';
  constructor(
    readonly bucket: string,
    readonly key: string,
  ) {
    super(`no object s3://${bucket}/${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

/** A presigned URL lifetime outside 1 s .. 7 days (`INVALID_EXPIRY`). */
export class InvalidExpiryError extends EdgecvError {
  readonly code = 'INVALID_EXPIRY';
  constructor(readonly expirySeconds: number) {
    super(`presigned URL expiry must be an integer between 1 and 604800 seconds, got ${expirySeconds}`);
    this.name = 'InvalidExpiryError';
  }
}

/** The one rule for presigned URL lifetimes, checked by use cases before any work and by adapters. */
export function presignExpirySeconds(expirySeconds: number | undefined): number {
  const e = expirySeconds ?? PRESIGN_DEFAULT_EXPIRY_SECONDS;
  if (!Number.isInteger(e) || e < 1 || e > PRESIGN_MAX_EXPIRY_SECONDS) throw new InvalidExpiryError(e);
  return e;
}

/** One attempt of a storage request got no answer in time, and the retries did not either (`OBJECT_STORE_TIMEOUT`); transient. */
export class ObjectStoreTimeoutError extends TransientServiceError {
  override readonly code = 'OBJECT_STORE_TIMEOUT';
  constructor(
    operation: string,
    readonly timeoutMs: number,
    options: { readonly resource?: string; readonly cause?: unknown } = {},
  ) {
    super({ service: 'S3', operation, ...options }, { name: 'ObjectStoreTimeoutError', code: 'TIMEOUT', what: `did not answer within ${timeoutMs} ms`, advice: 'try again later' });
  }
}

/** A conditional write found an object already at the key (`PRECONDITION_FAILED`). */
export class PreconditionFailedError extends EdgecvError {
  readonly code = 'PRECONDITION_FAILED';
  constructor(
    readonly bucket: string,
    readonly key: string,
  ) {
    super(`s3://${bucket}/${key} already exists`);
    this.name = 'PreconditionFailedError';
  }
}
