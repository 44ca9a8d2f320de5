import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../shared/RetryPolicy';
import { credentialsFromEnv, type AwsCredentials } from '../shared/credentialsFromEnv';

export interface S3ObjectStoreConfig {
  readonly region: string;
  /** A non-AWS endpoint (local stack, MinIO); omit for AWS. */
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
  readonly credentials?: AwsCredentials;
  /**
   * When the SDK adds and validates checksums. 'WHEN_SUPPORTED' is the SDK default for AWS;
   * local servers that reject checksum trailers on streamed bodies need 'WHEN_REQUIRED'.
   */
  readonly checksumMode?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  /** Per attempt for single requests; per request (socket idle) for multipart parts. */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Multipart upload part size; memory of one upload is about partSize * (queueSize + 1) * 2 (lib-storage copies each part once). */
  readonly partSizeBytes?: number;
  readonly queueSize?: number;
  /** Objects above this size are copied part by part (S3 refuses CopyObject above 5 GiB). */
  readonly multipartCopyThresholdBytes?: number;
  readonly copyPartSizeBytes?: number;
  readonly maxSockets?: number;
  /** `--expected-bucket-owner`: the account every bucket this store touches must belong to (sent on every request). */
  readonly expectedBucketOwner?: string;
}

export const S3_DEFAULTS = Object.freeze({
  timeoutMs: 30_000,
  retry: DEFAULT_RETRY_POLICY,
  // S3's smallest part: flat memory (the bench's 1 GiB upload peaks ~135 MiB RSS). With at most
  // 10 000 parts a streamed object tops out at ~48.8 GiB; raise it for bigger uploads.
  partSizeBytes: 5 * 1024 * 1024,
  queueSize: 2,
  multipartCopyThresholdBytes: 5 * 1024 * 1024 * 1024,
  copyPartSizeBytes: 512 * 1024 * 1024,
  // Keep-alive sockets per client: above the migration's default run concurrency (64), so its
  // copies never queue for a socket (tooling/bench/results/migration.md).
  maxSockets: 128,
});

/** The SDK's own settings from the environment (AWS_REGION, AWS_ENDPOINT_URL_S3, keys). */
export function s3ConfigFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<S3ObjectStoreConfig> = {}): S3ObjectStoreConfig {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const local = endpoint !== undefined;
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint !== undefined ? { endpoint } : {}),
    forcePathStyle: local,
    checksumMode: local ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    ...credentialsFromEnv(env),
    ...overrides,
  };
}
