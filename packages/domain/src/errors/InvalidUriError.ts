import { DomainError, describeInput } from './DomainError';

/** A string that is not an `s3://bucket/key` URI. */
export class InvalidUriError extends DomainError {
  readonly code = 'INVALID_URI';
  override readonly name = 'InvalidUriError';

  constructor(
    readonly uri: string,
    readonly reason: string,
  ) {
    super(`Invalid S3 URI ${describeInput(uri)}: ${reason}`);
  }
}
