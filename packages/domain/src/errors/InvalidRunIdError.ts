import { DomainError, describeInput } from './DomainError';

/** A run id that is not a positive safe integer. */
export class InvalidRunIdError extends DomainError {
  readonly code = 'INVALID_RUN_ID';
  override readonly name = 'InvalidRunIdError';

  constructor(
    readonly value: unknown,
    readonly reason = 'must be a positive safe integer',
  ) {
    super(`Invalid run id ${describeInput(value)}: ${reason}`);
  }
}
