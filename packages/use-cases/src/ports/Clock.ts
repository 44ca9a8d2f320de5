// "Now", injected, so prefixes are provably taken from job.created_at and never from the clock.
/** The DI token of the Clock. */
export const ClockToken = Symbol.for('edgecv.Clock');

/**
 * "Now", injected: the one place a use case may read the time from (never for a job's prefix, which
 * comes from its created_at).
 */
export interface Clock {
  now(): Date;
}
