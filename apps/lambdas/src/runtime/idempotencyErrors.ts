// The idempotency failures a request can meet, in a file of their own: the status table
// (http/http.ts) names them in every handler, and only idempotent routes load Powertools'
// idempotency code.
import { EdgecvError } from '@edgecv/domain';
import { IDEMPOTENCY_KEY_HEADER } from '../http/idempotencyPolicies';

export class InvalidIdempotencyKeyError extends EdgecvError {
  readonly code = 'INVALID_IDEMPOTENCY_KEY';
  readonly issues = [{ path: IDEMPOTENCY_KEY_HEADER, message: '1-255 printable ASCII characters' }];
  constructor(readonly key: string) {
    super(`the ${IDEMPOTENCY_KEY_HEADER} header must be 1-255 printable ASCII characters without a blank at either end`);
    this.name = 'InvalidIdempotencyKeyError';
  }
}

/** The key was used before with another request (another path, query or body). */
export class IdempotencyKeyReusedError extends EdgecvError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly route: string) {
    super(`this ${IDEMPOTENCY_KEY_HEADER} was used with a different request to ${route}; use a new key for a new request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The first request with this key (or this very request) is still running. */
export class IdempotentRequestInProgressError extends EdgecvError {
  readonly code = 'IDEMPOTENT_REQUEST_IN_PROGRESS';
  constructor(readonly route: string) {
    super(`the same request to ${route} is still in progress; retry once it has answered`);
    this.name = 'IdempotentRequestInProgressError';
  }
}

