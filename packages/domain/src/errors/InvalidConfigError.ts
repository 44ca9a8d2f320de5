import { DomainError, describeInput } from './DomainError';

/** A configuration value (layout, legacy rules file, image policy) that cannot be used. */
export class InvalidConfigError extends DomainError {
  readonly code = 'INVALID_CONFIG';
  override readonly name = 'InvalidConfigError';

  constructor(
    /** Where in the configuration, e.g. `prefix` or `rules[3].pattern`. */
    readonly path: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`Invalid configuration ${path} = ${describeInput(value)}: ${reason}`);
  }
}
