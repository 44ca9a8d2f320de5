import { InvalidUriError } from '../errors/InvalidUriError';
import { BucketName } from './BucketName';
import { S3Key } from './S3Key';

const SCHEME = 's3://';

/**
 * `s3://bucket/key` as the AWS CLI and SageMaker write it: the key is taken verbatim (no percent
 * decoding), a folder URI ends in `/`.
 */
export class S3Uri {
  private constructor(
    readonly bucket: string,
    readonly key: S3Key,
  ) {
    Object.freeze(this);
  }

  /**
   * Parses a URI whose key obeys the S3Key rules. Throws InvalidUriError (form),
   * InvalidBucketNameError or InvalidKeyError (the part that is wrong).
   */
  static parse(raw: string): S3Uri {
    const { bucket, key } = S3Uri.split(raw);
    return new S3Uri(bucket, key.endsWith('/') ? S3Key.folder(key) : S3Key.parse(key));
  }

  static of(bucket: string, key: S3Key): S3Uri {
    return new S3Uri(BucketName.parse(bucket), key);
  }

  /**
   * Splits a URI without validating its key, for references to legacy keys (which contain `//`
   * and are therefore not S3Keys). The bucket is still validated.
   */
  static split(raw: string): { bucket: string; key: string } {
    if (typeof raw !== 'string' || !raw.startsWith(SCHEME)) {
      throw new InvalidUriError(String(raw), `must start with "${SCHEME}"`);
    }
    const rest = raw.slice(SCHEME.length);
    const slash = rest.indexOf('/');
    if (slash < 0 || slash === rest.length - 1) {
      throw new InvalidUriError(raw, 'must name an object key after the bucket');
    }
    return { bucket: BucketName.parse(rest.slice(0, slash)), key: rest.slice(slash + 1) };
  }

  get isFolder(): boolean {
    return this.key.isFolder;
  }

  equals(other: S3Uri): boolean {
    return this.bucket === other.bucket && this.key.equals(other.key);
  }

  toString(): string {
    return `${SCHEME}${this.bucket}/${this.key.value}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
