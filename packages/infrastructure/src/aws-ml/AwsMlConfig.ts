// How the SageMaker / Neo / Greengrass clients are built. Endpoints follow the SDK's own
// service-specific variables (AWS_ENDPOINT_URL_SAGEMAKER, AWS_ENDPOINT_URL_GREENGRASSV2), which
// the SDK reads itself; only region and credentials are passed explicitly.
import { credentialsFromEnv } from '../shared/credentialsFromEnv';
export interface AwsMlConfig {
  readonly region: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Attempts for the SDK's standard retry mode. */
  readonly maxAttempts?: number;
}

export function awsMlConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AwsMlConfig {
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...credentialsFromEnv(env),
  };
}

export function clientOptions(config: AwsMlConfig) {
  return {
    region: config.region,
    ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
    maxAttempts: config.maxAttempts ?? 3,
    retryMode: 'standard' as const,
  };
}
