// Where AWS requests go, the way aws-cli and the SDK decide it: region, per-service endpoints and
// credentials from flags, then the environment, then the named profile of the shared config and
// credentials files (read with the SDK's own loader), then the SDK's default credential chain
// (SSO, web identity, container and instance roles). Everything is resolved from the environment
// the app was given (not process.env), so one process can resolve for another environment (tests).
import path from 'node:path';
import { homedir } from 'node:os';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { InvalidConfigError } from '@edgecv/domain';
import { callerIdentity, type AwsCredentials, type CallerIdentity } from '@edgecv/infrastructure';
import { ProfileNotFoundError, TargetMixError } from './targetErrors';

/** `--profile`, `--region`, `--endpoint-url`: each wins over the environment and the profile. */
export interface AwsFlags {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

/** Where a setting came from, for the line a command prints before it acts (and docs/aws.md). */
export type SettingSource = 'flag' | 'environment' | 'profile' | 'default';

/** The services a command's target is made of, by the SDK's service id. */
export const AWS_SERVICES = { s3: 'S3', dynamodb: 'DynamoDB', sts: 'STS' } as const;
export type AwsService = keyof typeof AWS_SERVICES;

export interface ServiceEndpoint {
  /** A configured endpoint (a server the user runs, a VPC endpoint); undefined: AWS's own for the region. */
  readonly url?: string;
  /** What set it: `--endpoint-url`, AWS_ENDPOINT_URL_S3, `endpoint_url` in profile p... */
  readonly setBy?: string;
}

export interface AwsSettings {
  /** The profile in effect: `--profile`, else AWS_PROFILE, else `default`. */
  readonly profile: string;
  readonly profileSource: SettingSource;
  readonly region: string;
  readonly regionSource: SettingSource;
  readonly endpoints: Readonly<Record<AwsService, ServiceEndpoint>>;
  /** Static keys from the environment, or the SDK's default chain for the profile (refreshed before it expires). */
  readonly credentials: AwsCredentials;
  readonly credentialsSource: string;
}

/** The shared files the SDK reads: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/. */
export function sharedFilePaths(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

type Section = Record<string, string | undefined>;
type SharedFiles = { configFile: Record<string, Section>; credentialsFile: Record<string, Section> };

async function sharedFiles(env: NodeJS.ProcessEnv): Promise<SharedFiles> {
  const paths = sharedFilePaths(env);
  // The SDK's own ini loader (a missing file reads as empty); no cache: a test writes new files.
  return (await loadSharedConfigFiles({ filepath: paths.credentials, configFilepath: paths.config, ignoreCache: true })) as SharedFiles;
}

/** Variables that say "this environment is configured for AWS" on their own. */
const AWS_ENVIRONMENT = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
] as const;

/**
 * Whether any AWS configuration exists: a flag, credentials or endpoints in the environment, a
 * profile, or a shared config or credentials file with anything in it. When none does, the CLI
 * runs on its embedded local stack; otherwise never silently.
 */
export async function hasAwsConfiguration(env: NodeJS.ProcessEnv, flags: AwsFlags = {}): Promise<boolean> {
  if (flags.profile || flags.region || flags.endpointUrl) return true;
  if (AWS_ENVIRONMENT.some((name) => env[name])) return true;
  const files = await sharedFiles(env);
  return Object.keys(files.configFile).length > 0 || Object.keys(files.credentialsFile).length > 0;
}

/** The settings every AWS client of a command uses; refuses a profile that does not exist and a mix of configured and AWS endpoints. */
export async function resolveAwsSettings(env: NodeJS.ProcessEnv, flags: AwsFlags = {}): Promise<AwsSettings> {
  const files = await sharedFiles(env);
  const [profile, profileSource]: [string, SettingSource] = flags.profile ? [flags.profile, 'flag'] : env.AWS_PROFILE ? [env.AWS_PROFILE, 'environment'] : ['default', 'default'];
  const fromConfig = files.configFile[profile];
  const fromCredentials = files.credentialsFile[profile];
  if (profileSource !== 'default' && fromConfig === undefined && fromCredentials === undefined) throw new ProfileNotFoundError(profile, sharedFilePaths(env));
  // As the SDK merges them: the config file's values win over the credentials file's.
  const section: Section = { ...fromCredentials, ...fromConfig };

  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const [region, regionSource]: [string, SettingSource] = flags.region
    ? [flags.region, 'flag']
    : envRegion
      ? [envRegion, 'environment']
      : section.region
        ? [section.region, 'profile']
        : ['us-east-1', 'default'];

  const endpoints = Object.fromEntries(
    (Object.keys(AWS_SERVICES) as AwsService[]).map((service) => [service, endpointOf(service, env, flags, profile, section, files.configFile)]),
  ) as Record<AwsService, ServiceEndpoint>;
  refuseMix(endpoints, region);
  // STS answers where the data services do when only they are configured (moto, a VPC): the account is theirs.
  if (endpoints.sts.url === undefined && endpoints.s3.url !== undefined) endpoints.sts = { url: endpoints.s3.url, setBy: `${endpoints.s3.setBy} (as for S3)` };

  const envKeys = !flags.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
  const paths = sharedFilePaths(env);
  const credentials: AwsCredentials = envKeys
    ? { accessKeyId: env.AWS_ACCESS_KEY_ID as string, secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
    : (defaultProvider({ ...(profileSource !== 'default' ? { profile } : {}), filepath: paths.credentials, configFilepath: paths.config, logger: QUIET }) as AwsCredentials);
  return {
    profile,
    profileSource,
    region,
    regionSource,
    endpoints,
    credentials,
    credentialsSource: envKeys ? 'AWS_ACCESS_KEY_ID' : profileSource === 'default' ? 'the SDK default chain' : `profile ${profile}`,
  };
}

/** The SDK's endpoint order: --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section, its endpoint_url. */
function endpointOf(service: AwsService, env: NodeJS.ProcessEnv, flags: AwsFlags, profile: string, section: Section, config: Record<string, Section>): ServiceEndpoint {
  if (flags.endpointUrl) return checked({ url: flags.endpointUrl, setBy: '--endpoint-url' });
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? section.ignore_configured_endpoint_urls ?? '').toLowerCase() === 'true';
  if (ignore) return {};
  const id = AWS_SERVICES[service];
  const perService = `AWS_ENDPOINT_URL_${id.toUpperCase().replace(/ /g, '_')}`;
  if (env[perService]) return checked({ url: env[perService], setBy: perService });
  if (env.AWS_ENDPOINT_URL) return checked({ url: env.AWS_ENDPOINT_URL, setBy: 'AWS_ENDPOINT_URL' });
  if (section.services) {
    const services = config[`services.${section.services}`];
    const key = `${id.toLowerCase().replace(/ /g, '_')}.endpoint_url`;
    const url = services?.[key];
    if (url) return checked({ url, setBy: `[services ${section.services}] ${key} of profile ${profile}` });
  }
  if (section.endpoint_url) return checked({ url: section.endpoint_url, setBy: `endpoint_url of profile ${profile}` });
  return {};
}

function checked(endpoint: { url: string | undefined; setBy: string }): ServiceEndpoint {
  const url = endpoint.url ?? '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw new InvalidConfigError(endpoint.setBy, url, 'expected an http:// or https:// URL, e.g. http://127.0.0.1:5000');
  }
  return { url, setBy: endpoint.setBy };
}

/** S3 and DynamoDB both on configured servers, or both on AWS: never one of each without being told. */
function refuseMix(endpoints: Record<AwsService, ServiceEndpoint>, region: string): void {
  const s3 = endpoints.s3.url !== undefined;
  const dynamodb = endpoints.dynamodb.url !== undefined;
  if (s3 === dynamodb) return;
  const configured = s3 ? 's3' : 'dynamodb';
  const other = s3 ? 'dynamodb' : 's3';
  throw new TargetMixError(
    `${configured} resolves to ${endpoints[configured].url} (${endpoints[configured].setBy}) but ${other} to AWS itself in ${region} (no endpoint configured for it)`,
    `set AWS_ENDPOINT_URL_${other.toUpperCase()} (or endpoint_url in the profile, or --endpoint-url for every service) to point both at the same place, or run with --local for the embedded stack`,
  );
}

const QUIET = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Who the settings' credentials are (STS GetCallerIdentity at the STS endpoint they resolve to). */
export function callerOf(aws: AwsSettings): Promise<CallerIdentity> {
  return callerIdentity({ region: aws.region, credentials: aws.credentials, ...(aws.endpoints.sts.url ? { endpoint: aws.endpoints.sts.url } : {}) });
}
