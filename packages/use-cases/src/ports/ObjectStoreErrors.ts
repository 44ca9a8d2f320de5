// Failures an ObjectStore adapter reports in terms the use cases understand.

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

export class InvalidExpiryError extends Error {
  readonly code = 'INVALID_EXPIRY';
  constructor(readonly expirySeconds: number) {
    super(`presigned URL expiry must be an integer between 1 and 604800 seconds, got ${expirySeconds}`);
    this.name = 'InvalidExpiryError';
  }
}

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
