// The one typed configuration of edgecv, with its defaults, and the one reader of it: the
// standard AWS SDK environment (AWS_REGION, credentials, AWS_ENDPOINT_URL_S3,
// AWS_ENDPOINT_URL_DYNAMODB, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE), MONGODB_URI and the EDGECV_*
// settings. Each app calls configFromEnv once, with the environment it was given; no module below
// reads process.env.
import { InvalidConfigError, S3PathConfig } from '@edgecv/domain';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '@edgecv/infrastructure';
import { s3ConfigFromEnv, type S3ObjectStoreConfig } from '@edgecv/infrastructure/s3';
import { dynamoConfigFromEnv, tableNames, type DynamoDbConfig, type TableNames } from '@edgecv/infrastructure/dynamodb';

export const DEFAULT_ARTIFACT_BUCKET = 'edgecv-artifacts';
export const DEFAULT_MONGODB_DATABASE = 'edgecv';

export type MlServices = 'aws' | 'simulated';

/** Training, compilation and publishing: SageMaker/Neo/Greengrass, or their local stand-ins. */
export interface EdgeConfig {
  readonly mlServices: MlServices;
  readonly sageMakerRoleArn: string;
  readonly trainingInstanceType?: string;
  readonly componentPrefix?: string;
}

export interface EdgecvConfig {
  readonly region: string;
  readonly artifactBucket: string;
  readonly pathConfig: S3PathConfig;
  readonly s3: S3ObjectStoreConfig;
  readonly dynamodb: DynamoDbConfig;
  /** The DynamoDB tables, named from the table prefix (EDGECV_TABLE_PREFIX). */
  readonly tables: TableNames;
  /** The SDK's retry strategy for every AWS client (the image use cases keep their own, spec 003). */
  readonly retry: RetryPolicy;
  readonly mongodb: { readonly uri?: string; readonly database: string };
  /** An operator's legacy rules (JSON, see docs/layout.md); the built-in rules when omitted. */
  readonly legacyRulesFile?: string;
  /** Assignment images (spec 003): their bucket (the artifact bucket by default) and CloudFront domain. */
  readonly images: { readonly bucket: string; readonly cloudfrontDomain?: string };
  /** The DynamoDB journal migrate-batch works on when a batch names none. */
  readonly batchJournalId?: string;
  readonly edge: EdgeConfig;
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

/** What a command line may set over the environment (`--bucket`, the demo's own names). */
export interface ConfigOverrides {
  /** `--bucket`, which wins over EDGECV_ARTIFACT_BUCKET. */
  readonly artifactBucket?: string;
  /** `images --bucket`, which wins over EDGECV_IMAGES_BUCKET. */
  readonly imagesBucket?: string;
  readonly mongodbDatabase?: string;
  readonly s3?: Partial<S3ObjectStoreConfig>;
  readonly dynamodb?: Partial<DynamoDbConfig>;
  readonly edge?: Partial<EdgeConfig>;
  /** `serve --image-generator`; on the local stack, local unless EDGECV_IMAGE_GENERATOR says otherwise. */
  readonly generation?: Partial<GenerationConfig>;
}

export function configFromEnv(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): EdgecvConfig {
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB'] as const) httpUrlSetting(env, name);
  mongoUriSetting(env);
  // The SDK's own retry settings, read here so every client gets them from the one config.
  const retry: RetryPolicy = { attempts: positiveInteger(env, 'AWS_MAX_ATTEMPTS') ?? DEFAULT_RETRY_POLICY.attempts, mode: env.AWS_RETRY_MODE === 'adaptive' ? 'adaptive' : 'standard' };
  const s3 = s3ConfigFromEnv(env, {
    retry,
    ...(env.EDGECV_S3_FORCE_PATH_STYLE ? { forcePathStyle: env.EDGECV_S3_FORCE_PATH_STYLE === 'true' } : {}),
    ...(env.EDGECV_S3_CHECKSUMS === 'WHEN_REQUIRED' || env.EDGECV_S3_CHECKSUMS === 'WHEN_SUPPORTED' ? { checksumMode: env.EDGECV_S3_CHECKSUMS } : {}),
    ...(env.EDGECV_S3_TIMEOUT_MS ? { timeoutMs: positiveInteger(env, 'EDGECV_S3_TIMEOUT_MS') } : {}),
    ...overrides.s3,
  });
  const artifactBucket = overrides.artifactBucket ?? env.EDGECV_ARTIFACT_BUCKET ?? DEFAULT_ARTIFACT_BUCKET;
  const dynamodb = dynamoConfigFromEnv(env, { retry, ...overrides.dynamodb });
  return Object.freeze({
    region: s3.region,
    artifactBucket,
    // Validates the bucket name and prefix once, here, so nothing downstream has to.
    pathConfig: S3PathConfig.create({ bucket: artifactBucket, prefix: env.EDGECV_PATH_PREFIX ?? '' }),
    s3,
    dynamodb,
    tables: tableNames(dynamodb.tablePrefix),
    retry,
    mongodb: {
      ...(env.MONGODB_URI ? { uri: env.MONGODB_URI } : {}),
      database: overrides.mongodbDatabase ?? env.EDGECV_MONGODB_DATABASE ?? DEFAULT_MONGODB_DATABASE,
    },
    ...(env.EDGECV_LEGACY_RULES ? { legacyRulesFile: env.EDGECV_LEGACY_RULES } : {}),
    images: {
      bucket: overrides.imagesBucket ?? env.EDGECV_IMAGES_BUCKET ?? artifactBucket,
      ...(env.EDGECV_CLOUDFRONT_DOMAIN ? { cloudfrontDomain: env.EDGECV_CLOUDFRONT_DOMAIN } : {}),
    },
    ...(env.EDGECV_MIGRATION_JOURNAL_ID ? { batchJournalId: env.EDGECV_MIGRATION_JOURNAL_ID } : {}),
    edge: { ...edgeConfigFromEnv(env), ...overrides.edge },
    generation: { ...generationConfigFromEnv(env), ...overrides.generation },
  });
}

/** EDGECV_IMAGE_GENERATOR (bedrock | local), EDGECV_IMAGE_MODEL_ID, EDGECV_BEDROCK_REGION, EDGECV_GENERATION_MAX_IN_FLIGHT, EDGECV_GENERATION_BUDGET_MS, EDGECV_GENERATION_CACHE. */
function generationConfigFromEnv(env: NodeJS.ProcessEnv): GenerationConfig {
  const generator = env.EDGECV_IMAGE_GENERATOR;
  if (generator !== undefined && generator !== '' && generator !== 'local' && generator !== 'bedrock') throw new InvalidConfigError('EDGECV_IMAGE_GENERATOR', generator, 'expected local or bedrock');
  const maxInFlight = positiveInteger(env, 'EDGECV_GENERATION_MAX_IN_FLIGHT');
  const budgetMs = positiveInteger(env, 'EDGECV_GENERATION_BUDGET_MS');
  return {
    generator: generator === 'local' ? 'local' : 'bedrock',
    ...(budgetMs !== undefined ? { budgetMs } : {}),
    ...(env.EDGECV_IMAGE_MODEL_ID ? { modelId: env.EDGECV_IMAGE_MODEL_ID } : {}),
    ...(env.EDGECV_BEDROCK_REGION ? { region: env.EDGECV_BEDROCK_REGION } : {}),
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
    cache: env.EDGECV_GENERATION_CACHE !== 'false',
  };
}

/** EDGECV_ML_SERVICES (aws | simulated), EDGECV_SAGEMAKER_ROLE_ARN, EDGECV_TRAINING_INSTANCE_TYPE, EDGECV_COMPONENT_PREFIX. */
function edgeConfigFromEnv(env: NodeJS.ProcessEnv): EdgeConfig {
  const ml = env.EDGECV_ML_SERVICES;
  if (ml !== undefined && ml !== '' && ml !== 'aws' && ml !== 'simulated') throw new InvalidConfigError('EDGECV_ML_SERVICES', ml, 'expected aws or simulated');
  return {
    mlServices: ml === 'simulated' ? 'simulated' : 'aws',
    sageMakerRoleArn: env.EDGECV_SAGEMAKER_ROLE_ARN ?? '',
    ...(env.EDGECV_TRAINING_INSTANCE_TYPE ? { trainingInstanceType: env.EDGECV_TRAINING_INSTANCE_TYPE } : {}),
    ...(env.EDGECV_COMPONENT_PREFIX ? { componentPrefix: env.EDGECV_COMPONENT_PREFIX } : {}),
  };
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
