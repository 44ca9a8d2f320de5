import { EdgecvError } from '@edgecv/domain';
/** A context value or prop the CDK app refuses, named with the offending input. */
export class InvalidInfraConfigError extends EdgecvError {
  readonly code = 'INVALID_INFRA_CONFIG';

  constructor(
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`Invalid infrastructure setting ${field}=${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidInfraConfigError';
  }
}
