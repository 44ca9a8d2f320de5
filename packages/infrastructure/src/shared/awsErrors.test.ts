// The failures a person meets against real AWS, each as the typed error that says what to do:
// SDK error shapes as the SDK builds them (name, $metadata, message), translated once.
import { S3ServiceException } from '@aws-sdk/client-s3';
import {
  BucketOwnerMismatchError,
  CredentialsExpiredError,
  CredentialsMissingError,
  KmsAccessDeniedError,
  RequestTimeSkewedError,
  ServiceAccessDeniedError,
  WrongRegionError,
} from '@edgecv/use-cases';
import { translateS3Error } from '../s3/s3Errors';
import { iamActionOf, translateAwsError } from './awsErrors';

function sdkError(name: string, status: number, message = name, extra: Record<string, unknown> = {}): S3ServiceException {
  return Object.assign(new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message }), extra);
}

const headBucket = { operation: 'HeadBucket', input: { Bucket: 'b' } };
const settings = { timeoutMs: 1000, region: 'us-west-2' };

describe('translating the failures of real AWS', () => {
  it.each([
    ['ExpiredToken', 400, 'The provided token has expired.', CredentialsExpiredError, 'S3_CREDENTIALS_EXPIRED'],
    ['ExpiredTokenException', 400, 'The security token included in the request is expired', CredentialsExpiredError, 'S3_CREDENTIALS_EXPIRED'],
    ['RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.', RequestTimeSkewedError, 'S3_CLOCK_SKEW'],
    ['InvalidSignatureException', 400, 'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z', RequestTimeSkewedError, 'S3_CLOCK_SKEW'],
    ['KMS.DisabledException', 400, 'KMS key is disabled', KmsAccessDeniedError, 'S3_KMS_ACCESS_DENIED'],
    ['AccessDenied', 403, 'User: arn:aws:iam::1:user/x is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:...', KmsAccessDeniedError, 'S3_KMS_ACCESS_DENIED'],
    ['AccessDenied', 403, 'Access Denied', ServiceAccessDeniedError, 'S3_ACCESS_DENIED'],
  ] as const)('%s (%d, "%s") is %p with code %s', (name, status, message, type, code) => {
    const error = translateS3Error(sdkError(name, status, message), headBucket, settings);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code });
    // Every one of them is an operator's to fix: none is a transient failure a retry would cure.
    expect((error as Error).message).not.toMatch(/try again later/);
  });

  it('says which IAM action was denied, on which resource', () => {
    const error = translateS3Error(sdkError('AccessDenied', 403, 'Access Denied'), { operation: 'CopyObject', input: { Bucket: 'b', Key: 'k' } }, settings);
    expect(error).toMatchObject({ action: 's3:GetObject and s3:PutObject', resource: 's3://b/k' });
    expect((error as Error).message).toContain('S3 refused s3:GetObject and s3:PutObject (CopyObject s3://b/k)');
    expect(iamActionOf('DYNAMODB', 'DescribeTable')).toBe('dynamodb:DescribeTable');
    expect(iamActionOf('S3', 'ListObjectVersions')).toBe('s3:ListBucketVersions');
  });

  it('no credentials anywhere is CREDENTIALS_MISSING, with the ways to give them', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    const error = translateAwsError('DYNAMODB', missing, { operation: 'DescribeTable' });
    expect(error).toBeInstanceOf(CredentialsMissingError);
    expect(error?.message).toContain('--profile NAME or AWS_PROFILE');
  });

  it.each([
    ['the x-amz-bucket-region header', sdkError('PermanentRedirect', 301, 'The bucket you are attempting to access must be addressed using the specified endpoint.', { $response: { headers: { 'x-amz-bucket-region': 'eu-west-1' } } })],
    ['the Endpoint of the error', sdkError('PermanentRedirect', 301, 'must be addressed using the specified endpoint', { Endpoint: 'b.s3.eu-west-1.amazonaws.com' })],
    ['the region S3 expected', sdkError('AuthorizationHeaderMalformed', 400, "the region 'us-west-2' is wrong; expecting 'eu-west-1'")],
    ['a bare 301 of HeadBucket', sdkError('301', 301, 'UnknownError', { $response: { headers: { 'x-amz-bucket-region': 'eu-west-1' } } })],
  ])("a bucket in another region names its region, read from %s", (_from, raw) => {
    const error = translateS3Error(raw, headBucket, settings);
    expect(error).toBeInstanceOf(WrongRegionError);
    expect(error).toMatchObject({ code: 'S3_WRONG_REGION', bucketRegion: 'eu-west-1', requestRegion: 'us-west-2' });
    expect((error as Error).message).toContain('run again with --region eu-west-1');
  });

  it('a 403 with --expected-bucket-owner set is BUCKET_OWNER_MISMATCH naming the account; without it, plain access denied', () => {
    const owned = translateS3Error(sdkError('AccessDenied', 403), headBucket, { ...settings, expectedBucketOwner: '111122223333' });
    expect(owned).toBeInstanceOf(BucketOwnerMismatchError);
    expect((owned as Error).message).toContain('not owned by account 111122223333');
    expect(translateS3Error(sdkError('AccessDenied', 403), headBucket, settings)).not.toBeInstanceOf(BucketOwnerMismatchError);
    // Expired credentials stay expired credentials, whoever owns the bucket.
    expect(translateS3Error(sdkError('ExpiredToken', 400), headBucket, { ...settings, expectedBucketOwner: '111122223333' })).toBeInstanceOf(CredentialsExpiredError);
  });

  it('a bucket setting that is not configured passes through for the adapter to read as "none"', () => {
    const raw = sdkError('ServerSideEncryptionConfigurationNotFoundError', 404);
    expect(translateS3Error(raw, { operation: 'GetBucketEncryption', input: { Bucket: 'b' } }, settings)).toBe(raw);
  });
});
