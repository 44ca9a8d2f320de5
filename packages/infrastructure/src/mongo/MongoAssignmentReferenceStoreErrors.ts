// What the assignment reference store refuses: a rewrite it could not express as an image key.
import { EdgecvError } from '@edgecv/domain';

/** The URI is not `s3://{images bucket}/{key}`: an assignment holds keys of one bucket only. */
export class ForeignImageUriError extends EdgecvError {
  readonly code = 'FOREIGN_IMAGE_URI';
  constructor(
    readonly uri: string,
    readonly bucket: string,
  ) {
    super(`${JSON.stringify(uri)} is not an object of the images bucket s3://${bucket}/: assignments hold keys of that bucket only`);
    this.name = 'ForeignImageUriError';
  }
}

/** The attribute is not one of the image key fields the store lists. */
export class UnknownAssignmentAttributeError extends EdgecvError {
  readonly code = 'UNKNOWN_ASSIGNMENT_ATTRIBUTE';
  constructor(
    readonly attribute: string,
    readonly known: readonly string[],
  ) {
    super(`assignment attribute ${JSON.stringify(attribute)} holds no image key (known: ${known.join(', ')})`);
    this.name = 'UnknownAssignmentAttributeError';
  }
}
