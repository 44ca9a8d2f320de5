// The whole deployment as a function of its configuration, so tests build exactly what
// `cdk synth` builds.
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { InfraConfig } from './config/InfraConfig';
import { mainEnvironment } from './config/stackEnvironments';
import { DataStack } from './stacks/DataStack';
import { ImagesStack } from './stacks/ImagesStack';

export interface EdgecvStacks {
  readonly data: DataStack;
  readonly images: ImagesStack;
}

export const STACK_IDS = Object.freeze({ data: 'Edgecv-Data', images: 'Edgecv-Images' });

export function addEdgecvStacks(app: App, config: InfraConfig): EdgecvStacks {
  const env = mainEnvironment(config);
  const data = new DataStack(app, STACK_IDS.data, { env, config, description: 'edgecv: artifact bucket (Edge CV layout, jobs/) and DynamoDB tables' });
  const images = new ImagesStack(app, STACK_IDS.images, { env, config, description: 'edgecv: image bucket and CloudFront (spec 003)' });
  return { data, images };
}

/** cdk-nag's AwsSolutions pack over every stack: an unacknowledged finding fails the synth. */
export function checkWithNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
