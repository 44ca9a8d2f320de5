import { InvalidBucketNameError } from '../errors/InvalidBucketNameError';
import { InvalidKeyError } from '../errors/InvalidKeyError';
import { InvalidUriError } from '../errors/InvalidUriError';
import { BucketName } from './BucketName';
import { S3Key } from './S3Key';
import { S3Uri } from './S3Uri';

describe('S3Uri', () => {
  it('parses s3://bucket/key and prints it back', () => {
    const uri = S3Uri.parse('s3://my-bucket/models/training/job-1/output/model.tar.gz');
    expect(uri.bucket).toBe('my-bucket');
    expect(uri.key.value).toBe('models/training/job-1/output/model.tar.gz');
    expect(uri.isFolder).toBe(false);
    expect(uri.toString()).toBe('s3://my-bucket/models/training/job-1/output/model.tar.gz');
    expect(JSON.stringify(uri)).toBe('"s3://my-bucket/models/training/job-1/output/model.tar.gz"');
  });

  it('keeps folder URIs ending in "/"', () => {
    const uri = S3Uri.parse('s3://my-bucket/models/training/job-1/');
    expect(uri.isFolder).toBe(true);
    expect(uri.toString()).toBe('s3://my-bucket/models/training/job-1/');
    expect(S3Uri.of('my-bucket', S3Key.folder('datasets/raw')).toString()).toBe('s3://my-bucket/datasets/raw/');
  });

  it('takes the key verbatim, without percent-decoding', () => {
    expect(S3Uri.parse('s3://b-1/a%20b+c d').key.value).toBe('a%20b+c d');
  });

  it.each(['http://bucket/key', 'S3://bucket/key', 's3:/bucket/key', 's3://bucket', 's3://bucket/', ''])(
    'rejects %p with InvalidUriError',
    (raw) => {
      expect(() => S3Uri.parse(raw)).toThrow(InvalidUriError);
    },
  );

  it('rejects a bad key with InvalidKeyError and a bad bucket with InvalidBucketNameError', () => {
    expect(() => S3Uri.parse('s3://bucket/datasets//x')).toThrow(InvalidKeyError);
    expect(() => S3Uri.parse('s3://Bucket/x')).toThrow(InvalidBucketNameError);
    expect(() => S3Uri.of('ab', S3Key.parse('x'))).toThrow(InvalidBucketNameError);
  });

  it('splits legacy URIs without judging their key', () => {
    expect(S3Uri.split('s3://bucket/datasets//training-output/j/x')).toEqual({
      bucket: 'bucket',
      key: 'datasets//training-output/j/x',
    });
    expect(() => S3Uri.split('s3://bucket')).toThrow(InvalidUriError);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(S3Uri.parse('s3://bucket/x'))).toBe(true);
  });
});

describe('BucketName follows the AWS bucket naming rules', () => {
  it.each(['abc', 'my-bucket', 'my.bucket.1', '1bucket', 'a'.repeat(63)])('accepts %p', (name) => {
    expect(BucketName.parse(name)).toBe(name);
  });

  it.each([
    ['ab', /3 to 63/],
    ['a'.repeat(64), /3 to 63/],
    ['My-Bucket', /lowercase/],
    ['my_bucket', /lowercase/],
    ['-bucket', /begin and end/],
    ['bucket-', /begin and end/],
    ['.bucket', /begin and end/],
    ['my..bucket', /adjacent periods/],
    ['192.168.5.4', /IP address/],
    ['xn--bucket', /reserved prefix/],
    ['sthree-bucket', /reserved prefix/],
    ['bucket-s3alias', /reserved suffix/],
    ['bucket--ol-s3', /reserved suffix/],
  ])('rejects %p', (name, reason) => {
    expect(() => BucketName.parse(name)).toThrow(InvalidBucketNameError);
    expect(() => BucketName.parse(name)).toThrow(reason);
  });
});
