import { DomainError, describeInput } from './DomainError';

/** A job id that is not a positive safe integer. */
export class InvalidJobIdError extends DomainError {
  readonly code = 'INVALID_JOB_ID';
  override readonly name = 'InvalidJobIdError';

  constructor(
    readonly value: unknown,
    readonly reason = 'must be a positive safe integer',
  ) {
    super(`Invalid job id ${describeInput(value)}: ${reason}`);
  }
}
