// S3's failures in the ports' terms (the shared AWS categories plus what only S3 says: a missing
// key or bucket, a failed condition, an attempt past its deadline), and S3's string formats.
import {
  ObjectNotFoundError,
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
export function translateS3Error(error: unknown, call: { operation: string; input: Record<string, unknown> }, settings: { timeoutMs: number; endpoint?: string }): unknown {
  const bucket = typeof call.input.Bucket === 'string' ? call.input.Bucket : undefined;
  const key = typeof call.input.Key === 'string' ? call.input.Key : undefined;
  const resource = bucket === undefined ? undefined : `s3://${bucket}/${key ?? ''}`;
  const failure = { operation: call.operation, ...(resource ? { resource } : {}) };
  const facts = awsErrorFacts(error);
  if (facts.timedOut) return new ObjectStoreTimeoutError(call.operation, settings.timeoutMs, { ...failure, cause: error });
  if (facts.httpStatus === 412 || facts.providerCode === 'PreconditionFailed') return new PreconditionFailedError(bucket ?? '', key ?? '');
  if (facts.providerCode === 'NoSuchBucket' || (facts.httpStatus === 404 && key === undefined)) {
    return new ServiceResourceNotFoundError({ service: 'S3', ...failure, resource: `s3://${bucket ?? ''}`, providerCode: 'NoSuchBucket', cause: error }, 'bucket');
  }
  if (facts.httpStatus === 404 || OBJECT_NOT_FOUND.has(facts.providerCode ?? '')) {
    if (bucket !== undefined && key !== undefined) return new ObjectNotFoundError(bucket, key);
  }
  return translateAwsError('S3', error, failure, settings.endpoint) ?? error;
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
