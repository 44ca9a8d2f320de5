import type { Environment } from 'aws-cdk-lib';
import type { InfraConfig } from './InfraConfig';

/** CloudFront publishes its metrics in us-east-1 only, and an alarm must live in its metric's region. */
export const CLOUDFRONT_METRICS_REGION = 'us-east-1';

export function mainEnvironment(config: InfraConfig): Environment {
  return { ...(config.account === undefined ? {} : { account: config.account }), region: config.region };
}

export function cloudFrontMetricsEnvironment(config: InfraConfig): Environment {
  return { ...(config.account === undefined ? {} : { account: config.account }), region: CLOUDFRONT_METRICS_REGION };
}
