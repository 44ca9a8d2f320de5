import { DomainError } from './DomainError';

/** A migration record event that its current status does not allow. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  override readonly name = 'InvalidTransitionError';

  constructor(
    readonly from: string,
    readonly event: string,
    readonly key?: string,
  ) {
    super(
      `Invalid migration transition: event "${event}" is not allowed in status "${from}"` +
        (key === undefined ? '' : ` (record ${JSON.stringify(key)})`),
    );
  }
}
