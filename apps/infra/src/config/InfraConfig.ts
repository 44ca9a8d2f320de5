// Every value spec 003 makes a variable (bucket prefix, price class, lifecycle days) plus the few
// edgecv adds, with the defaults in one place. `infraConfig` validates once; the constructs trust it.
import { S3PathConfig } from '@edgecv/domain';
import { InvalidInfraConfigError } from './InvalidInfraConfigError';

export type PriceClassName = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
export const PRICE_CLASSES: readonly PriceClassName[] = Object.freeze(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']);

export interface ImageLifecycleConfig {
  /** Days in S3 Standard before Standard-IA (spec 003 `image_lifecycle_ia_days`). */
  readonly infrequentAccessDays: number;
  /** Days in Standard-IA before Glacier (spec 003 `image_lifecycle_glacier_days`). */
  readonly glacierDays: number;
  /** Days in Glacier before deletion (spec 003 `image_lifecycle_expiration_days`). */
  readonly expirationDays: number;
  /**
   * Transitions apply to images strictly larger than this many bytes. S3's default since 2024 is
   * to transition nothing under 128 KB, and an optimised 1024px WebP is often smaller than that,
   * so the images would stay in Standard forever; 0 lets every non-empty image transition.
   */
  readonly transitionMinObjectSizeBytes: number;
  /** The tag the upload path sets on images that may expire; an image without it (e.g. `permanent=true`) never expires. */
  readonly expiringTag: { readonly key: string; readonly value: string };
}

export interface AlarmThresholds {
  /** Spec 003: upload failures above 5 % of uploads in a 5-minute window. */
  readonly uploadFailureRatePercent: number;
  /** Spec 003: CloudFront cache hit ratio below 70 %. */
  readonly cacheHitRatePercent: number;
  /** Spec 003: 4xx error rate above 10 %. */
  readonly error4xxRatePercent: number;
  readonly error5xxRatePercent: number;
}

/**
 * A WAF web ACL in front of CloudFront: none (the default: images are public, read-only and
 * cached), one edgecv creates in us-east-1 with AWS managed rules and a per-IP rate limit, or an
 * existing web ACL (CLOUDFRONT scope, so in us-east-1) by ARN.
 */
export type CloudFrontWebAcl = { readonly kind: 'none' } | { readonly kind: 'managed' } | { readonly kind: 'existing'; readonly arn: string };

/** Executions reserved for a function, or `none` (0 would throttle every invocation). */
export type ReservedConcurrency = number | 'none';

export interface InfraConfig {
  /** Account to deploy to; undefined keeps the stacks account-agnostic. */
  readonly account: string | undefined;
  /** Region of the buckets, tables and Lambdas. CloudFront alarms always live in us-east-1. */
  readonly region: string;
  /** Bucket names are `{prefix}-{account}-{region}` (spec 003 `s3_bucket_prefix`). */
  readonly imageBucketPrefix: string;
  readonly artifactBucketPrefix: string;
  /** The layout prefix `{P}` inside the artifact bucket (S3PathConfig.prefix), '' for none. */
  readonly layoutPrefix: string;
  /** DynamoDB physical names are `{tablePrefix}{table}`, as in @edgecv/infrastructure. */
  readonly tablePrefix: string;
  readonly priceClass: PriceClassName;
  readonly imageLifecycle: ImageLifecycleConfig;
  readonly noncurrentVersionExpirationDays: number;
  readonly abortIncompleteMultipartUploadDays: number;
  /** Optional lifecycle for the artifact bucket's `jobs/` prefix; undefined = job artifacts are kept. */
  readonly jobsLifecycle: { readonly infrequentAccessDays?: number; readonly expirationDays?: number } | undefined;
  /** Origins allowed to fetch images cross-origin (browser apps on another domain). */
  readonly corsAllowedOrigins: readonly string[];
  readonly alarms: AlarmThresholds;
  /** Where alarm notifications go; without it the topic exists and has no subscriber. */
  readonly alarmEmail: string | undefined;
  /**
   * Reserved concurrent executions of each API function: a cap (a flood or a loop cannot take the
   * account's whole concurrency or run up the bill) and a guarantee. `none` = unreserved, for
   * accounts whose concurrency quota is too low to reserve anything.
   */
  readonly apiReservedConcurrency: ReservedConcurrency;
  /** The same for migrate-batch, which S3 Batch Operations invokes in parallel. */
  readonly migrateBatchReservedConcurrency: ReservedConcurrency;
  readonly cloudFrontWebAcl: CloudFrontWebAcl;
  /**
   * The Secrets Manager secret holding the image handlers' MongoDB connection string, by name or
   * ARN; undefined = the data stack creates `{tablePrefix}mongodb-uri` and you set its value.
   */
  readonly mongoSecret: string | undefined;
  /** Opt-in: the Step Functions Distributed Map that runs a migration plan (docs/migration-runbook.md). */
  readonly distributedMap: boolean;
}

export const DEFAULT_INFRA_CONFIG: InfraConfig = Object.freeze({
  account: undefined,
  region: 'us-east-1',
  imageBucketPrefix: 'edgecv-images',
  artifactBucketPrefix: 'edgecv-artifacts',
  layoutPrefix: '',
  tablePrefix: 'edgecv-',
  priceClass: 'PriceClass_100',
  imageLifecycle: Object.freeze({
    infrequentAccessDays: 90,
    glacierDays: 180,
    expirationDays: 365,
    transitionMinObjectSizeBytes: 0,
    expiringTag: Object.freeze({ key: 'retention', value: 'standard' }),
  }),
  noncurrentVersionExpirationDays: 30,
  abortIncompleteMultipartUploadDays: 7,
  jobsLifecycle: undefined,
  corsAllowedOrigins: Object.freeze(['*']),
  alarms: Object.freeze({ uploadFailureRatePercent: 5, cacheHitRatePercent: 70, error4xxRatePercent: 10, error5xxRatePercent: 1 }),
  alarmEmail: undefined,
  apiReservedConcurrency: 10,
  migrateBatchReservedConcurrency: 50,
  cloudFrontWebAcl: Object.freeze({ kind: 'none' }),
  mongoSecret: undefined,
  distributedMap: false,
});

export interface InfraConfigOverrides extends Partial<Omit<InfraConfig, 'imageLifecycle' | 'alarms'>> {
  readonly imageLifecycle?: Partial<ImageLifecycleConfig>;
  readonly alarms?: Partial<AlarmThresholds>;
}

/** The validated, frozen configuration: defaults, then the overrides. */
export function infraConfig(overrides: InfraConfigOverrides = {}): InfraConfig {
  const config: InfraConfig = {
    ...DEFAULT_INFRA_CONFIG,
    ...withoutUndefined(overrides),
    imageLifecycle: { ...DEFAULT_INFRA_CONFIG.imageLifecycle, ...withoutUndefined(overrides.imageLifecycle ?? {}) },
    alarms: { ...DEFAULT_INFRA_CONFIG.alarms, ...withoutUndefined(overrides.alarms ?? {}) },
  };
  validate(config);
  return deepFreeze({ ...config, layoutPrefix: layoutPrefix(config.layoutPrefix) });
}

// `-c key=` and absent props must fall back to the default, not erase it.
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validate(c: InfraConfig): void {
  if (c.account !== undefined && !/^\d{12}$/.test(c.account)) fail('account', c.account, 'an AWS account id is 12 digits');
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(c.region)) fail('region', c.region, 'not an AWS region name');
  // {prefix}-{12-digit account}-{region up to 14} must fit the 63 characters of a bucket name.
  for (const field of ['imageBucketPrefix', 'artifactBucketPrefix'] as const) {
    if (!/^[a-z0-9](?:[a-z0-9-]{1,33}[a-z0-9])?$/.test(c[field]) || c[field].includes('--')) {
      fail(field, c[field], 'lowercase letters, digits and single hyphens, 3-35 characters, not starting or ending with a hyphen');
    }
  }
  if (c.imageBucketPrefix === c.artifactBucketPrefix) fail('artifactBucketPrefix', c.artifactBucketPrefix, 'must differ from imageBucketPrefix');
  if (!/^[A-Za-z0-9_.-]{0,200}$/.test(c.tablePrefix)) fail('tablePrefix', c.tablePrefix, 'DynamoDB names allow [A-Za-z0-9_.-]');
  if (!PRICE_CLASSES.includes(c.priceClass)) fail('priceClass', c.priceClass, `one of ${PRICE_CLASSES.join(', ')}`);
  const l = c.imageLifecycle;
  positiveDays('imageLifecycle.infrequentAccessDays', l.infrequentAccessDays);
  positiveDays('imageLifecycle.glacierDays', l.glacierDays);
  positiveDays('imageLifecycle.expirationDays', l.expirationDays);
  // S3 refuses a transition to Standard-IA before day 30.
  if (l.infrequentAccessDays < 30) fail('imageLifecycle.infrequentAccessDays', l.infrequentAccessDays, 'S3 needs at least 30 days before Standard-IA');
  // Standard-IA bills a minimum of 30 days; S3 refuses a Glacier transition sooner after it.
  if (l.glacierDays < 30) fail('imageLifecycle.glacierDays', l.glacierDays, 'S3 needs at least 30 days in Standard-IA before Glacier');
  // Glacier Flexible Retrieval bills a minimum of 90 days.
  if (l.expirationDays < 90) fail('imageLifecycle.expirationDays', l.expirationDays, 'Glacier bills 90 days minimum; expire after at least 90');
  if (!Number.isSafeInteger(l.transitionMinObjectSizeBytes) || l.transitionMinObjectSizeBytes < 0) {
    fail('imageLifecycle.transitionMinObjectSizeBytes', l.transitionMinObjectSizeBytes, 'a non-negative integer');
  }
  if (!/^[\w.:/=+@ -]{1,128}$/.test(l.expiringTag.key) || !/^[\w.:/=+@ -]{0,256}$/.test(l.expiringTag.value)) {
    fail('imageLifecycle.expiringTag', l.expiringTag, 'not a valid S3 tag');
  }
  if (l.expiringTag.key === 'permanent') fail('imageLifecycle.expiringTag', l.expiringTag, '`permanent` is the tag that protects an image');
  positiveDays('noncurrentVersionExpirationDays', c.noncurrentVersionExpirationDays);
  positiveDays('abortIncompleteMultipartUploadDays', c.abortIncompleteMultipartUploadDays);
  if (c.jobsLifecycle !== undefined) {
    const { infrequentAccessDays: ia, expirationDays: exp } = c.jobsLifecycle;
    if (ia === undefined && exp === undefined) fail('jobsLifecycle', c.jobsLifecycle, 'give infrequentAccessDays, expirationDays or both');
    if (ia !== undefined) {
      positiveDays('jobsLifecycle.infrequentAccessDays', ia);
      if (ia < 30) fail('jobsLifecycle.infrequentAccessDays', ia, 'S3 needs at least 30 days before Standard-IA');
    }
    if (exp !== undefined) positiveDays('jobsLifecycle.expirationDays', exp);
    if (ia !== undefined && exp !== undefined && exp <= ia) fail('jobsLifecycle.expirationDays', exp, 'must come after the Standard-IA transition');
  }
  if (c.corsAllowedOrigins.length === 0) fail('corsAllowedOrigins', c.corsAllowedOrigins, 'at least one origin (or *)');
  for (const origin of c.corsAllowedOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) fail('corsAllowedOrigins', origin, 'an origin is scheme://host[:port] or *');
  }
  for (const [name, value] of Object.entries(c.alarms)) {
    if (!Number.isFinite(value) || value <= 0 || value >= 100) fail(`alarms.${name}`, value, 'a percentage between 0 and 100');
  }
  if (c.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.alarmEmail)) fail('alarmEmail', c.alarmEmail, 'not an email address');
  for (const field of ['apiReservedConcurrency', 'migrateBatchReservedConcurrency'] as const) {
    const value = c[field];
    if (value !== 'none' && (!Number.isSafeInteger(value) || value < 1 || value > 10_000)) fail(field, value, 'a whole number of executions from 1 to 10000, or none');
  }
  if (c.cloudFrontWebAcl.kind === 'existing' && !WEB_ACL_ARN.test(c.cloudFrontWebAcl.arn)) {
    fail('cloudFrontWebAcl', c.cloudFrontWebAcl.arn, 'none, managed, or the ARN of a CLOUDFRONT-scope web ACL (arn:aws:wafv2:us-east-1:ACCOUNT:global/webacl/NAME/ID)');
  }
  if (c.mongoSecret !== undefined && !/^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:)?[A-Za-z0-9/_+=.@-]{1,512}$/.test(c.mongoSecret)) {
    fail('mongoSecret', c.mongoSecret, 'a Secrets Manager secret name or ARN');
  }
}

/** CloudFront takes web ACLs of the CLOUDFRONT scope, which live in us-east-1. */
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[\w-]{1,128}$/;

// The layout's own rules decide what a prefix is (no `//`, valid segments), not a second copy here.
function layoutPrefix(prefix: string): string {
  try {
    return S3PathConfig.create({ prefix }).prefix;
  } catch (error) {
    return fail('layoutPrefix', prefix, error instanceof Error ? error.message : String(error));
  }
}

function positiveDays(field: string, days: number): void {
  if (!Number.isSafeInteger(days) || days < 1) fail(field, days, 'a whole number of days, at least 1');
}

function fail(field: string, value: unknown, reason: string): never {
  throw new InvalidInfraConfigError(field, value, reason);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
