// S3's failures in the ports' terms (the shared AWS categories plus what only S3 says: a missing
// key or bucket, a failed condition, an attempt past its deadline), and S3's string formats.
import {
  BucketOwnerMismatchError,
  ObjectNotFoundError,
  ServiceAccessDeniedError,
  WrongRegionError,
  ObjectStoreTimeoutError,
  PreconditionFailedError,
  ServiceResourceNotFoundError,
  ServiceUnavailableError,
} from '@edgecv/use-cases';
import { awsErrorFacts, translateAwsError } from '../shared/awsErrors';

/** What every request of the adapter carries: the caller's cancellation and the attempt deadline. */
export interface SendOptions {
  readonly abortSignal?: AbortSignal;
  readonly requestTimeout: number;
}

const OBJECT_NOT_FOUND = new Set(['NoSuchKey', 'NotFound', 'NoSuchVersion', 'NoSuchUpload']);

/** The typed error for one failed S3 call, or the error unchanged when it is no S3 failure (a bug, an abort). */
/** A bucket setting that is simply not configured: the adapter reads it as "none", not as a failure. */
export const NOT_CONFIGURED = new Set(['ObjectLockConfigurationNotFoundError', 'ServerSideEncryptionConfigurationNotFoundError', 'NoSuchBucketPolicy']);
const WRONG_REGION = new Set(['PermanentRedirect', 'IncorrectEndpoint', 'AuthorizationHeaderMalformed', '301']);

export function translateS3Error(error: unknown, call: { operation: string; input: Record<string, unknown> }, settings: { timeoutMs: number; endpoint?: string; region?: string; expectedBucketOwner?: string }): unknown {
  const bucket = typeof call.input.Bucket === 'string' ? call.input.Bucket : undefined;
  const key = typeof call.input.Key === 'string' ? call.input.Key : undefined;
  const resource = bucket === undefined ? undefined : `s3://${bucket}/${key ?? ''}`;
  const failure = { operation: call.operation, ...(resource ? { resource } : {}) };
  const facts = awsErrorFacts(error);
  if (facts.timedOut) return new ObjectStoreTimeoutError(call.operation, settings.timeoutMs, { ...failure, cause: error });
  if (facts.httpStatus === 412 || facts.providerCode === 'PreconditionFailed') return new PreconditionFailedError(bucket ?? '', key ?? '');
  if (NOT_CONFIGURED.has(facts.providerCode ?? '')) return error;
  if (WRONG_REGION.has(facts.providerCode ?? '') || facts.httpStatus === 301) {
    return new WrongRegionError({ service: 'S3', ...failure, ...(facts.providerCode ? { providerCode: facts.providerCode } : {}), httpStatus: facts.httpStatus ?? 301, cause: error }, bucketRegionOf(error), settings.region);
  }
  if (facts.providerCode === 'NoSuchBucket' || (facts.httpStatus === 404 && key === undefined)) {
    return new ServiceResourceNotFoundError({ service: 'S3', ...failure, resource: `s3://${bucket ?? ''}`, providerCode: 'NoSuchBucket', cause: error }, 'bucket');
  }
  if (facts.httpStatus === 404 || OBJECT_NOT_FOUND.has(facts.providerCode ?? '')) {
    if (bucket !== undefined && key !== undefined) return new ObjectNotFoundError(bucket, key);
  }
  const translated = translateAwsError('S3', error, failure, settings.endpoint);
  // S3 answers a bucket owned by another account than ExpectedBucketOwner with a plain 403.
  if (settings.expectedBucketOwner !== undefined && translated?.constructor === ServiceAccessDeniedError) {
    return new BucketOwnerMismatchError({ service: 'S3', ...failure, ...(facts.providerCode ? { providerCode: facts.providerCode } : {}), httpStatus: facts.httpStatus ?? 403, cause: error }, settings.expectedBucketOwner);
  }
  return translated ?? error;
}

/** The region S3 names for a bucket on a redirect: the x-amz-bucket-region header, else the error's Region or Endpoint. */
export function bucketRegionOf(error: unknown): string | undefined {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { $response?: { headers?: Record<string, string | undefined> }; Region?: unknown; BucketRegion?: unknown; Endpoint?: unknown; message?: unknown };
  const header = e.$response?.headers?.['x-amz-bucket-region'];
  if (header) return header;
  if (typeof e.Region === 'string' && e.Region !== '') return e.Region;
  if (typeof e.BucketRegion === 'string' && e.BucketRegion !== '') return e.BucketRegion;
  const text = `${typeof e.Endpoint === 'string' ? e.Endpoint : ''} ${typeof e.message === 'string' ? e.message : ''}`;
  return /s3[.-]([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com/.exec(text)?.[1] ?? /expecting '([a-z]{2}(?:-[a-z]+)+-\d)'/.exec(text)?.[1];
}

/** Unreachable, reset or failing: the request may not have reached S3 at all. */
export function isUnavailable(error: unknown): error is ServiceUnavailableError {
  return error instanceof ServiceUnavailableError;
}

/** CopySource is "bucket/key" with the key URL-encoded but its slashes kept (`//` included). */
export function copySource(bucket: string, key: string, versionId?: string): string {
  const encoded = key
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
  return `${bucket}/${encoded}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
}

export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}
