/**
 * The one base of every typed error edgecv raises, in every package: a stable `code` that
 * transports map to exit codes and HTTP statuses (by class, in one table each), a message a
 * person can act on, and the underlying failure as `cause` (ErrorOptions), never lost.
 */
export abstract class EdgecvError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** True for any typed edgecv error, whichever package raised it. */
export function isEdgecvError(e: unknown): e is EdgecvError {
  return e instanceof EdgecvError;
}
