// How the SageMaker / Neo / Greengrass clients are built. Endpoints follow the SDK's own
// service-specific variables (AWS_ENDPOINT_URL_SAGEMAKER, AWS_ENDPOINT_URL_GREENGRASSV2), which
// the SDK resolves itself; region, credentials and the retry policy come from edgecv's config.
import type { AwsCredentials } from '../shared/credentialsFromEnv';
import { sdkRetryOptions, type RetryPolicy } from '../shared/RetryPolicy';

export interface AwsMlConfig {
  readonly region: string;
  readonly credentials?: AwsCredentials;
  /** The SDK's retry strategy (3 attempts, standard mode, when omitted). */
  readonly retry?: RetryPolicy;
}

export function clientOptions(config: AwsMlConfig) {
  return {
    region: config.region,
    ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
    ...sdkRetryOptions(config.retry ?? { attempts: 3, mode: 'standard' }),
  };
}
