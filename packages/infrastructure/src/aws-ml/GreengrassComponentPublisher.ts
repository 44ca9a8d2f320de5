// ComponentPublisher on Greengrass v2: CreateComponentVersion with the recipe inline (JSON).
import { createHash } from 'node:crypto';
import { CreateComponentVersionCommand, GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import type { ComponentPublisher, ComponentRecipe, PublishedComponent } from '@edgecv/use-cases';
import { translateAwsError, translateErrorsOf } from '../shared/awsErrors';
import { clientOptions, type AwsMlConfig } from './AwsMlConfig';

export class GreengrassComponentPublisher implements ComponentPublisher {
  readonly client: GreengrassV2Client;

  constructor(config: AwsMlConfig | { client: GreengrassV2Client }) {
    this.client = translateErrorsOf('client' in config ? config.client : new GreengrassV2Client(clientOptions(config)), (error, call) => translateAwsError('GREENGRASS', error, { operation: call.operation }) ?? error);
  }

  async publish(recipe: ComponentRecipe, tags: Readonly<Record<string, string>> = {}): Promise<PublishedComponent> {
    const out = await this.client.send(
      new CreateComponentVersionCommand({
        inlineRecipe: new TextEncoder().encode(JSON.stringify(recipe)),
        tags: { ...tags },
        // Same recipe, same token: a retried publish does not create a second version.
        clientToken: createHash('sha256').update(`${recipe.ComponentName}@${recipe.ComponentVersion}`).digest('hex'),
      }),
    );
    return {
      arn: out.arn ?? '',
      componentName: out.componentName ?? recipe.ComponentName,
      componentVersion: out.componentVersion ?? recipe.ComponentVersion,
      state: out.status?.componentState ?? 'REQUESTED',
    };
  }
}
