import { DomainError, describeInput } from './DomainError';

/** A timestamp that cannot place a job in time unambiguously (invalid, or without an offset). */
export class InvalidTimestampError extends DomainError {
  readonly code = 'INVALID_TIMESTAMP';
  override readonly name = 'InvalidTimestampError';

  constructor(
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`Invalid timestamp ${describeInput(value)}: ${reason}`);
  }
}
