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
  /** Assignment pictures: Bedrock Nova Canvas in AWS, the local generator on the embedded stack. */
  readonly generation: GenerationConfig;
}

export interface GenerationConfig {
  readonly generator: 'bedrock' | 'local';
  /** Bedrock model id (amazon.nova-canvas-v1:0 by default). */
  readonly modelId?: string;
  /** Bedrock's region when it differs from AWS_REGION (Nova Canvas is not in every region). */
  readonly region?: string;
  /** Generations in flight per process (2 by default). */
  readonly maxInFlight?: number;
  /** Waiting, attempts and back-offs of one generation together (30 s by default, spec 003). */
  readonly budgetMs?: number;
  /** Reuse pictures already generated for the same request (on by default). */
  readonly cache: boolean;
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
    generation: generationConfigFromEnv(env),
  });
}

/** EDGECV_IMAGE_GENERATOR (bedrock | local), EDGECV_IMAGE_MODEL_ID, EDGECV_BEDROCK_REGION, EDGECV_GENERATION_MAX_IN_FLIGHT, EDGECV_GENERATION_BUDGET_MS, EDGECV_GENERATION_CACHE. */
export function generationConfigFromEnv(env: NodeJS.ProcessEnv): GenerationConfig {
  const maxInFlight = env.EDGECV_GENERATION_MAX_IN_FLIGHT === undefined ? undefined : Number(env.EDGECV_GENERATION_MAX_IN_FLIGHT);
  if (maxInFlight !== undefined && !(Number.isInteger(maxInFlight) && maxInFlight >= 1)) {
    throw new RangeError(`EDGECV_GENERATION_MAX_IN_FLIGHT must be a positive integer, got ${JSON.stringify(env.EDGECV_GENERATION_MAX_IN_FLIGHT)}`);
  }
  const budgetMs = env.EDGECV_GENERATION_BUDGET_MS === undefined ? undefined : Number(env.EDGECV_GENERATION_BUDGET_MS);
  if (budgetMs !== undefined && !(Number.isInteger(budgetMs) && budgetMs >= 1)) {
    throw new RangeError(`EDGECV_GENERATION_BUDGET_MS must be a positive integer, got ${JSON.stringify(env.EDGECV_GENERATION_BUDGET_MS)}`);
  }
  return {
    generator: env.EDGECV_IMAGE_GENERATOR === 'local' ? 'local' : 'bedrock',
    ...(budgetMs !== undefined ? { budgetMs } : {}),
    ...(env.EDGECV_IMAGE_MODEL_ID ? { modelId: env.EDGECV_IMAGE_MODEL_ID } : {}),
    ...(env.EDGECV_BEDROCK_REGION ? { region: env.EDGECV_BEDROCK_REGION } : {}),
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
    cache: env.EDGECV_GENERATION_CACHE !== 'false',
  };
}
