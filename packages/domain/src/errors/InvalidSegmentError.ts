import { DomainError, describeInput } from './DomainError';

/**
 * A user-supplied path segment (job name, target, deployment name...) that is not allowed.
 * `field` names the input so the message can say which argument was wrong.
 */
export class InvalidSegmentError extends DomainError {
  readonly code = 'INVALID_SEGMENT';
  override readonly name = 'InvalidSegmentError';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`Invalid ${field} ${describeInput(value)}: ${reason}`);
  }
}
