// Everything the container needs to build adapters, read from the standard AWS SDK environment
// (AWS_REGION, credentials, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_DYNAMODB), MONGODB_URI and a
// few EDGECV_* settings. Defaults live here and nowhere else.
import { InvalidConfigError, S3PathConfig } from '@edgecv/domain';
import { DEFAULT_RETRY_POLICY } from '@edgecv/infrastructure';
import { s3ConfigFromEnv, type S3ObjectStoreConfig } from '@edgecv/infrastructure/s3';
import { dynamoConfigFromEnv, type DynamoDbConfig } from '@edgecv/infrastructure/dynamodb';

export const DEFAULT_ARTIFACT_BUCKET = 'edgecv-artifacts';
export const DEFAULT_MONGODB_DATABASE = 'edgecv';

export interface EdgecvConfig {
  readonly region: string;
  readonly artifactBucket: string;
  readonly pathConfig: S3PathConfig;
  readonly s3: S3ObjectStoreConfig;
  readonly dynamodb: DynamoDbConfig;
  readonly mongodb: { readonly uri?: string; readonly database: string };
  /** An operator's legacy rules (JSON, see docs/layout.md); the built-in rules when omitted. */
  readonly legacyRulesFile?: string;
  /** Assignment images (spec 003): their bucket (the artifact bucket by default) and CloudFront domain. */
  readonly images: { readonly bucket: string; readonly cloudfrontDomain?: string };
  /** The DynamoDB journal migrate-batch works on when an S3 Batch job names none. */
  readonly batchJournalId?: string;
}

export interface ConfigOverrides {
  /** `--bucket`, which wins over EDGECV_ARTIFACT_BUCKET. */
  readonly artifactBucket?: string;
  readonly s3?: Partial<S3ObjectStoreConfig>;
  readonly dynamodb?: Partial<DynamoDbConfig>;
}

export function configFromEnv(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): EdgecvConfig {
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB'] as const) httpUrlSetting(env, name);
  mongoUriSetting(env);
  // The SDK's own retry settings, read here so every client gets them from the one config.
  const retry = { attempts: positiveInteger(env, 'AWS_MAX_ATTEMPTS') ?? DEFAULT_RETRY_POLICY.attempts, mode: env.AWS_RETRY_MODE === 'adaptive' ? 'adaptive' : 'standard' } as const;
  const s3 = s3ConfigFromEnv(env, {
    retry,
    ...(env.EDGECV_S3_FORCE_PATH_STYLE ? { forcePathStyle: env.EDGECV_S3_FORCE_PATH_STYLE === 'true' } : {}),
    ...(env.EDGECV_S3_CHECKSUMS === 'WHEN_REQUIRED' || env.EDGECV_S3_CHECKSUMS === 'WHEN_SUPPORTED' ? { checksumMode: env.EDGECV_S3_CHECKSUMS } : {}),
    ...(env.EDGECV_S3_TIMEOUT_MS ? { timeoutMs: Number(env.EDGECV_S3_TIMEOUT_MS) } : {}),
    ...overrides.s3,
  });
  const artifactBucket = overrides.artifactBucket ?? env.EDGECV_ARTIFACT_BUCKET ?? DEFAULT_ARTIFACT_BUCKET;
  return Object.freeze({
    region: s3.region,
    artifactBucket,
    // Validates the bucket name and prefix once, here, so nothing downstream has to.
    pathConfig: S3PathConfig.create({ bucket: artifactBucket, prefix: env.EDGECV_PATH_PREFIX ?? '' }),
    s3,
    dynamodb: dynamoConfigFromEnv(env, { retry, ...overrides.dynamodb }),
    mongodb: {
      ...(env.MONGODB_URI ? { uri: env.MONGODB_URI } : {}),
      database: env.EDGECV_MONGODB_DATABASE ?? DEFAULT_MONGODB_DATABASE,
    },
    ...(env.EDGECV_LEGACY_RULES ? { legacyRulesFile: env.EDGECV_LEGACY_RULES } : {}),
    images: {
      bucket: env.EDGECV_IMAGES_BUCKET ?? artifactBucket,
      ...(env.EDGECV_CLOUDFRONT_DOMAIN ? { cloudfrontDomain: env.EDGECV_CLOUDFRONT_DOMAIN } : {}),
    },
    ...(env.EDGECV_MIGRATION_JOURNAL_ID ? { batchJournalId: env.EDGECV_MIGRATION_JOURNAL_ID } : {}),
  });
}

/**
 * An endpoint setting the SDK would otherwise reject at the first request with a bare
 * ERR_INVALID_URL: refused here, naming the variable and its value.
 */
function httpUrlSetting(env: NodeJS.ProcessEnv, name: string): void {
  const value = env[name];
  if (value === undefined || value === '') return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new InvalidConfigError(name, value, 'expected an http:// or https:// URL, e.g. http://127.0.0.1:5000');
  }
}

function mongoUriSetting(env: NodeJS.ProcessEnv): void {
  const value = env.MONGODB_URI;
  if (value === undefined || value === '') return;
  // Never echo the URI: it may hold a password.
  if (!/^mongodb(\+srv)?:\/\/[^/?#]+/.test(value)) throw new InvalidConfigError('MONGODB_URI', '(not shown: it may hold credentials)', 'expected mongodb://host[:port][/database] or mongodb+srv://host');
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9]\d*$/.test(raw)) throw new InvalidConfigError(name, raw, 'expected a whole number of 1 or more');
  return Number(raw);
}
