import { DomainError, describeInput } from './DomainError';

/** A bucket name that breaks the AWS general purpose bucket naming rules. */
export class InvalidBucketNameError extends DomainError {
  readonly code = 'INVALID_BUCKET_NAME';
  override readonly name = 'InvalidBucketNameError';

  constructor(
    readonly bucket: string,
    readonly reason: string,
  ) {
    super(`Invalid bucket name ${describeInput(bucket)}: ${reason}`);
  }
}
