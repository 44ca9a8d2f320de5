// Where and how assignment images are stored: data, with the defaults of spec 003 in one place.

export interface ImageStorageConfig {
  readonly bucket: string;
  /** e.g. d1234567890.cloudfront.net; without it, URLs are presigned GETs. */
  readonly cloudfrontDomain?: string;
  /** Waits before each retry of an upload: 1 s, 2 s, 4 s (so at most 4 attempts). */
  readonly retryDelaysMs: readonly number[];
  /** Per S3 operation (each attempt of an upload, each download). */
  readonly timeoutMs: number;
  readonly cacheControl: string;
  /** Expiry of presigned GETs when there is no CloudFront domain. */
  readonly presignExpirySeconds: number;
  /** Downloads larger than this are refused (an assignment image is a few hundred KB). */
  readonly maxDownloadBytes: number;
  /**
   * Object tags on every stored image. The bucket's lifecycle expires only images tagged
   * `retention=standard` (S3 filters cannot say "not tagged permanent=true"); an image made
   * permanent has its tag set replaced by `permanent=true`. See docs/infrastructure.md.
   */
  readonly tags: Readonly<Record<string, string>>;
}

export const DEFAULT_IMAGE_STORAGE_CONFIG: Omit<ImageStorageConfig, 'bucket'> = Object.freeze({
  retryDelaysMs: Object.freeze([1_000, 2_000, 4_000]),
  timeoutMs: 30_000,
  cacheControl: 'max-age=31536000',
  presignExpirySeconds: 15 * 60,
  maxDownloadBytes: 64 * 1024 * 1024,
  tags: Object.freeze({ retention: 'standard' }),
});

export function imageStorageConfig(config: Partial<ImageStorageConfig> & { bucket: string }): ImageStorageConfig {
  return Object.freeze({ ...DEFAULT_IMAGE_STORAGE_CONFIG, ...config });
}

/** The CloudFront URL of a key, each segment percent-encoded, `/` kept. */
export function cloudfrontUrl(domain: string, key: string): string {
  const host = domain.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return `https://${host}/${key.split('/').map(encodeURIComponent).join('/')}`;
}
