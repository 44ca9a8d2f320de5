// "Now", injected, so prefixes are provably taken from job.created_at and never from the clock.
export const ClockToken = Symbol.for('edgecv.Clock');

export interface Clock {
  now(): Date;
}
