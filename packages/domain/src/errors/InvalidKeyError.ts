import { DomainError, describeInput } from './DomainError';

/** A string that is not a valid S3 object key under the rules of S3Key (AWS key rules). */
export class InvalidKeyError extends DomainError {
  readonly code = 'INVALID_KEY';
  override readonly name = 'InvalidKeyError';

  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`Invalid S3 key ${describeInput(key)}: ${reason}`);
  }
}
