// Everything the container needs to build adapters, read from the standard AWS SDK environment
// (AWS_REGION, credentials, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_DYNAMODB), MONGODB_URI and a
// few EDGECV_* settings. Defaults live here and nowhere else.
import { S3PathConfig } from '@edgecv/domain';
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
  const s3 = s3ConfigFromEnv(env, {
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
    dynamodb: dynamoConfigFromEnv(env, overrides.dynamodb ?? {}),
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
