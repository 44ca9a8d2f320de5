// `cdk synth -c edgecv:priceClass=PriceClass_All ...`: CDK context arrives as strings from the
// command line and as JSON values from cdk.json, so each key is read in both forms.
import { InvalidInfraConfigError } from './InvalidInfraConfigError';
import { infraConfig, type CloudFrontWebAcl, type InfraConfig, type PriceClassName, type ReservedConcurrency } from './InfraConfig';

export type ContextReader = (key: string) => unknown;

/** The context keys the app reads, all namespaced `edgecv:`. */
export const CONTEXT_KEYS = Object.freeze([
  'account', 'region', 'imageBucketPrefix', 'artifactBucketPrefix', 'layoutPrefix', 'tablePrefix', 'priceClass',
  'imageIaDays', 'imageGlacierDays', 'imageExpirationDays', 'imageTransitionMinBytes',
  'noncurrentVersionExpirationDays', 'abortIncompleteMultipartUploadDays',
  'jobsIaDays', 'jobsExpirationDays', 'corsAllowedOrigins', 'alarmEmail', 'distributedMap',
  'reservedConcurrency', 'migrateBatchReservedConcurrency', 'cloudFrontWebAcl', 'mongoSecret',
] as const);

export function configFromContext(read: ContextReader): InfraConfig {
  const get = (key: (typeof CONTEXT_KEYS)[number]): unknown => {
    const value = read(`edgecv:${key}`);
    return value === '' ? undefined : value;
  };
  const jobsIa = int('jobsIaDays', get('jobsIaDays'));
  const jobsExp = int('jobsExpirationDays', get('jobsExpirationDays'));
  return infraConfig({
    account: str('account', get('account')),
    region: str('region', get('region')),
    imageBucketPrefix: str('imageBucketPrefix', get('imageBucketPrefix')),
    artifactBucketPrefix: str('artifactBucketPrefix', get('artifactBucketPrefix')),
    layoutPrefix: str('layoutPrefix', get('layoutPrefix')),
    tablePrefix: str('tablePrefix', get('tablePrefix')),
    priceClass: str('priceClass', get('priceClass')) as PriceClassName | undefined,
    imageLifecycle: {
      infrequentAccessDays: int('imageIaDays', get('imageIaDays')),
      glacierDays: int('imageGlacierDays', get('imageGlacierDays')),
      expirationDays: int('imageExpirationDays', get('imageExpirationDays')),
      transitionMinObjectSizeBytes: int('imageTransitionMinBytes', get('imageTransitionMinBytes')),
    },
    noncurrentVersionExpirationDays: int('noncurrentVersionExpirationDays', get('noncurrentVersionExpirationDays')),
    abortIncompleteMultipartUploadDays: int('abortIncompleteMultipartUploadDays', get('abortIncompleteMultipartUploadDays')),
    jobsLifecycle: jobsIa === undefined && jobsExp === undefined ? undefined : { infrequentAccessDays: jobsIa, expirationDays: jobsExp },
    corsAllowedOrigins: list('corsAllowedOrigins', get('corsAllowedOrigins')),
    alarmEmail: str('alarmEmail', get('alarmEmail')),
    distributedMap: bool('distributedMap', get('distributedMap')),
    apiReservedConcurrency: concurrency('reservedConcurrency', get('reservedConcurrency')),
    migrateBatchReservedConcurrency: concurrency('migrateBatchReservedConcurrency', get('migrateBatchReservedConcurrency')),
    cloudFrontWebAcl: webAcl(str('cloudFrontWebAcl', get('cloudFrontWebAcl'))),
    mongoSecret: str('mongoSecret', get('mongoSecret')),
  });
}

function str(key: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new InvalidInfraConfigError(`edgecv:${key}`, value, 'expected a string');
}

/** A number of executions, or `none` for unreserved. */
function concurrency(key: string, value: unknown): ReservedConcurrency | undefined {
  return value === 'none' ? 'none' : int(key, value);
}

/** `none`, `managed`, or an existing web ACL's ARN. */
function webAcl(value: string | undefined): CloudFrontWebAcl | undefined {
  if (value === undefined) return undefined;
  if (value === 'none' || value === 'managed') return { kind: value };
  return { kind: 'existing', arn: value };
}

/** true/false from cdk.json, or the strings "true"/"false" from `-c`. */
function bool(key: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new InvalidInfraConfigError(`edgecv:${key}`, value, 'expected true or false');
}

function int(key: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidInfraConfigError(`edgecv:${key}`, value, 'expected a whole number');
  return n;
}

/** A JSON array from cdk.json, or a comma-separated string from `-c`. */
function list(key: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  throw new InvalidInfraConfigError(`edgecv:${key}`, value, 'expected a list of strings');
}
