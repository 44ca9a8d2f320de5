// Image storage failures reach two audiences: the user gets `userMessage` (plain words, no
// internals), the logs get `code`, `correlationId` and `details`. The correlation id ties the
// message a user reports to the log lines of the operation that failed.
import { EdgecvError } from '@edgecv/domain';
import { randomUUID } from 'node:crypto';

export abstract class CorrelatedError extends EdgecvError {
  abstract override readonly code: string;
  readonly correlationId: string;

  protected constructor(
    message: string,
    readonly userMessage: string,
    options: { correlationId?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.correlationId = options.correlationId ?? randomUUID();
  }

  /** The structured form logs carry (never shown to users). */
  toLogFields(): Record<string, unknown> {
    const cause = this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : this.cause;
    return { code: this.code, correlationId: this.correlationId, error: this.message, ...(cause === undefined ? {} : { cause }) };
  }
}
