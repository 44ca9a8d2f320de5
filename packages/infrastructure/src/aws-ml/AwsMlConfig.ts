// How the SageMaker / Neo / Greengrass clients are built. Endpoints follow the SDK's own
// service-specific variables (AWS_ENDPOINT_URL_SAGEMAKER, AWS_ENDPOINT_URL_GREENGRASSV2), which
// the SDK reads itself; only region and credentials are passed explicitly.
export interface AwsMlConfig {
  readonly region: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Attempts for the SDK's standard retry mode. */
  readonly maxAttempts?: number;
}

export function awsMlConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AwsMlConfig {
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
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
