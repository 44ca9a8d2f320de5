import { PRESIGN_DEFAULT_EXPIRY_SECONDS, PRESIGN_MAX_EXPIRY_SECONDS } from './ObjectStore';
// Failures an ObjectStore adapter reports in terms the use cases understand.

/** The object does not exist (`OBJECT_NOT_FOUND`). */
export class ObjectNotFoundError extends Error {
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
export class InvalidExpiryError extends Error {
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

/**
 * An operation did not finish within its timeout (`OBJECT_STORE_TIMEOUT`); transient, worth a
 * retry.
 */
export class ObjectStoreTimeoutError extends Error {
  readonly code = 'OBJECT_STORE_TIMEOUT';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`${operation} did not finish within ${timeoutMs} ms`);
    this.name = 'ObjectStoreTimeoutError';
  }
}

/** A conditional write found an object already at the key (`PRECONDITION_FAILED`). */
export class PreconditionFailedError extends Error {
  readonly code = 'PRECONDITION_FAILED';
  constructor(
    readonly bucket: string,
    readonly key: string,
  ) {
    super(`s3://${bucket}/${key} already exists`);
    this.name = 'PreconditionFailedError';
  }
}
