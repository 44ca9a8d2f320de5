// `cdk synth -c edgecv:priceClass=PriceClass_All ...`: CDK context arrives as strings from the
// command line and as JSON values from cdk.json, so each key is read in both forms.
import { InvalidInfraConfigError } from './InvalidInfraConfigError';
import { infraConfig, type InfraConfig, type PriceClassName } from './InfraConfig';

export type ContextReader = (key: string) => unknown;

/** The context keys the app reads, all namespaced `edgecv:`. */
export const CONTEXT_KEYS = Object.freeze([
  'account', 'region', 'imageBucketPrefix', 'artifactBucketPrefix', 'layoutPrefix', 'tablePrefix', 'priceClass',
  'imageIaDays', 'imageGlacierDays', 'imageExpirationDays', 'imageTransitionMinBytes',
  'noncurrentVersionExpirationDays', 'abortIncompleteMultipartUploadDays',
  'jobsIaDays', 'jobsExpirationDays', 'corsAllowedOrigins', 'alarmEmail', 'distributedMap',
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
  });
}

function str(key: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new InvalidInfraConfigError(`edgecv:${key}`, value, 'expected a string');
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
