// The whole deployment as a function of its configuration, so tests build exactly what
// `cdk synth` builds.
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { InfraConfig } from './config/InfraConfig';
import { CLOUDFRONT_METRICS_REGION, cloudFrontMetricsEnvironment, mainEnvironment } from './config/stackEnvironments';
import { CdnAlarmsStack } from './stacks/CdnAlarmsStack';
import { DataStack } from './stacks/DataStack';
import { ImagesStack } from './stacks/ImagesStack';
import { MonitoringStack } from './stacks/MonitoringStack';

export interface EdgecvStacks {
  readonly data: DataStack;
  readonly images: ImagesStack;
  readonly monitoring: MonitoringStack;
  readonly cdnAlarms: CdnAlarmsStack;
}

export const STACK_IDS = Object.freeze({
  data: 'Edgecv-Data',
  images: 'Edgecv-Images',
  monitoring: 'Edgecv-Monitoring',
  cdnAlarms: 'Edgecv-CdnAlarms',
});

export function addEdgecvStacks(app: App, config: InfraConfig): EdgecvStacks {
  const env = mainEnvironment(config);
  // Outside us-east-1 the CloudFront alarms reference the distribution across regions, which
  // CloudFormation exports cannot do; CDK's cross-region references (SSM-backed) can.
  const crossRegionReferences = config.region !== CLOUDFRONT_METRICS_REGION;
  const data = new DataStack(app, STACK_IDS.data, { env, config, description: 'edgecv: artifact bucket (Edge CV layout, jobs/) and DynamoDB tables' });
  const images = new ImagesStack(app, STACK_IDS.images, { env, config, crossRegionReferences, description: 'edgecv: image bucket and CloudFront (spec 003)' });
  const monitoring = new MonitoringStack(app, STACK_IDS.monitoring, {
    env,
    config,
    description: 'edgecv: image upload and Lambda alarms, dashboard',
    imageBucketName: images.imageBucket.bucketName,
    distributionId: images.distribution.distributionId,
    functions: {},
    imageUploadLogGroups: {},
  });
  const cdnAlarms = new CdnAlarmsStack(app, STACK_IDS.cdnAlarms, {
    env: cloudFrontMetricsEnvironment(config),
    config,
    crossRegionReferences,
    description: 'edgecv: CloudFront alarms (us-east-1, where CloudFront metrics are)',
    distributionId: images.distribution.distributionId,
  });
  return { data, images, monitoring, cdnAlarms };
}

/** cdk-nag's AwsSolutions pack over every stack: an unacknowledged finding fails the synth. */
export function checkWithNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
