// When `run` gives up on an object store that is down: every attempt has failed transiently for a
// while, or a run of records in a row has. Without it a run retried record after record for as
// long as the outage lasted (issue 11 §4); with it the run stops, journal consistent, and says how
// to resume.
import { InvalidConfigError } from '@edgecv/domain';

export interface GiveUpPolicy {
  /** Seconds in which every attempt failed transiently (nothing answered otherwise). */
  readonly afterSeconds: number;
  /** Records in a row that failed transiently (after their retries in this run). */
  readonly afterRecords: number;
}

/** The defaults, in one place (the CLI's help shows them). */
export const DEFAULT_GIVE_UP: GiveUpPolicy = Object.freeze({ afterSeconds: 60, afterRecords: 50 });

/** The policy from a run's input: defaults for what is not given, InvalidConfigError for what cannot be used. */
export function giveUpPolicy(input: { readonly giveUpAfterSeconds?: number; readonly giveUpAfterRecords?: number }): GiveUpPolicy {
  const seconds = input.giveUpAfterSeconds ?? DEFAULT_GIVE_UP.afterSeconds;
  const records = input.giveUpAfterRecords ?? DEFAULT_GIVE_UP.afterRecords;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidConfigError('giveUpAfterSeconds', input.giveUpAfterSeconds, 'must be a positive number of seconds');
  }
  if (typeof records !== 'number' || !Number.isSafeInteger(records) || records < 1) {
    throw new InvalidConfigError('giveUpAfterRecords', input.giveUpAfterRecords, 'must be a whole number of records, at least 1');
  }
  return { afterSeconds: seconds, afterRecords: records };
}

export type OutageReason = 'every-attempt-failed' | 'records-in-a-row-failed';

export interface Outage {
  readonly reason: OutageReason;
  /** Since the first transient failure after the last answer that was not one. */
  readonly failingForMs: number;
  readonly recordsInARow: number;
  readonly lastError: string;
}

/** Follows the attempts and records of a run; says when the policy's limits are reached. */
export class OutageWatch {
  private failingSince: number | undefined;
  private inARow = 0;
  private lastError = '';

  constructor(
    private readonly policy: GiveUpPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Any answer that is not a transient failure (a copy, a collision, a missing source...): the store is up. */
  answered(): void {
    this.failingSince = undefined;
    this.inARow = 0;
  }

  /** One attempt failed transiently; an Outage once every attempt has failed for the window. */
  attemptFailed(error: string): Outage | undefined {
    const now = this.now();
    this.failingSince ??= now;
    this.lastError = error;
    return now - this.failingSince >= this.policy.afterSeconds * 1000 ? this.outage('every-attempt-failed') : undefined;
  }

  /** One record gave up for this run on transient failures; an Outage once enough did in a row. */
  recordFailed(): Outage | undefined {
    this.inARow += 1;
    return this.inARow >= this.policy.afterRecords ? this.outage('records-in-a-row-failed') : undefined;
  }

  private outage(reason: OutageReason): Outage {
    return { reason, failingForMs: this.failingSince === undefined ? 0 : this.now() - this.failingSince, recordsInARow: this.inARow, lastError: this.lastError };
  }
}
