// The whole deployment as a function of its configuration, so tests build exactly what
// `cdk synth` builds.
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { InfraConfig } from './config/InfraConfig';
import { CLOUDFRONT_METRICS_REGION, cloudFrontMetricsEnvironment, mainEnvironment } from './config/stackEnvironments';
import { ApiStack } from './stacks/ApiStack';
import { CdnAlarmsStack } from './stacks/CdnAlarmsStack';
import { DataStack } from './stacks/DataStack';
import { ImagesStack } from './stacks/ImagesStack';
import { MonitoringStack } from './stacks/MonitoringStack';
import { WafStack } from './stacks/WafStack';

export interface EdgecvStacks {
  readonly data: DataStack;
  readonly images: ImagesStack;
  readonly api: ApiStack;
  readonly monitoring: MonitoringStack;
  readonly cdnAlarms: CdnAlarmsStack;
  /** Only with edgecv:cloudFrontWebAcl=managed. */
  readonly waf?: WafStack;
}

export const STACK_IDS = Object.freeze({
  data: 'Edgecv-Data',
  images: 'Edgecv-Images',
  api: 'Edgecv-Api',
  monitoring: 'Edgecv-Monitoring',
  cdnAlarms: 'Edgecv-CdnAlarms',
  waf: 'Edgecv-Waf',
});

export function addEdgecvStacks(app: App, config: InfraConfig): EdgecvStacks {
  const env = mainEnvironment(config);
  // Outside us-east-1 the CloudFront alarms reference the distribution across regions, which
  // CloudFormation exports cannot do; CDK's cross-region references (SSM-backed) can.
  const crossRegionReferences = config.region !== CLOUDFRONT_METRICS_REGION;
  const data = new DataStack(app, STACK_IDS.data, { env, config, description: 'edgecv: artifact bucket (Edge CV layout, jobs/) and DynamoDB tables' });
  const waf =
    config.cloudFrontWebAcl.kind === 'managed'
      ? new WafStack(app, STACK_IDS.waf, { env: cloudFrontMetricsEnvironment(config), crossRegionReferences, description: 'edgecv: WAF web ACL of the image distribution (us-east-1, where CLOUDFRONT-scope ACLs are)' })
      : undefined;
  const webAclArn = waf?.webAclArn ?? (config.cloudFrontWebAcl.kind === 'existing' ? config.cloudFrontWebAcl.arn : undefined);
  const images = new ImagesStack(app, STACK_IDS.images, {
    env,
    config,
    crossRegionReferences,
    description: 'edgecv: image bucket and CloudFront (spec 003)',
    ...(webAclArn === undefined ? {} : { webAclArn }),
  });
  if (waf !== undefined) images.addStackDependency(waf);
  const api = new ApiStack(app, STACK_IDS.api, {
    env,
    config,
    description: 'edgecv: Lambdas (apps/lambdas), HTTP API, migrate-batch and S3 Batch Operations role',
    cloudfrontDomain: images.distribution.distributionDomainName,
  });
  // The Lambdas name the bucket and tables rather than import them: deploy data first.
  api.addStackDependency(data);
  const functions = Object.fromEntries(Object.entries(api.functions).map(([name, f]) => [name, f.fn]));
  const logGroups = Object.fromEntries(Object.entries(api.functions).map(([name, f]) => [name, f.logGroup]));
  const monitoring = new MonitoringStack(app, STACK_IDS.monitoring, {
    env,
    config,
    description: 'edgecv: image upload and Lambda alarms, dashboard',
    imageBucketName: images.imageBucket.bucketName,
    distributionId: images.distribution.distributionId,
    functions,
    // Every handler's log group: only entries with operation=upload count, so the filters are
    // inert until an image handler logs there, and need no change when one does.
    imageUploadLogGroups: logGroups,
    deadLetterQueue: api.deadLetterQueue,
  });
  const cdnAlarms = new CdnAlarmsStack(app, STACK_IDS.cdnAlarms, {
    env: cloudFrontMetricsEnvironment(config),
    config,
    crossRegionReferences,
    description: 'edgecv: CloudFront alarms (us-east-1, where CloudFront metrics are)',
    distributionId: images.distribution.distributionId,
  });
  return { data, images, api, monitoring, cdnAlarms, ...(waf === undefined ? {} : { waf }) };
}

/** cdk-nag's AwsSolutions pack over every stack: an unacknowledged finding fails the synth. */
export function checkWithNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
