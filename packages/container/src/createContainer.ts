// The container every composition starts from: the core module (configuration, clock, logger, S3,
// DynamoDB, the MongoDB connection) and the AWS client hook. Everything is a lazy singleton, so a
// command or a Lambda only builds (and connects) what it uses; the capabilities' modules are
// loaded on top (Capability.ts), all of them by Edgecv, only the ones it asks for by a Lambda.
import { Container } from 'inversify';
import { hookAwsClients, type AwsClientHook } from './awsClientHook';
import type { EdgecvConfig } from './EdgecvConfig';
import { coreModule, type CoreWiring } from './modules/coreModule';

/** The runtime objects an app hands the wiring: clock, logger, and a hook on every AWS SDK client (the Lambda tracer). */
export interface Wiring extends CoreWiring {
  /** Called once with each AWS SDK client an adapter builds (the Lambda runtime's tracer captures them). */
  readonly onAwsClient?: AwsClientHook;
}

export function createContainer(config: EdgecvConfig, wiring: Wiring = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.loadSync(coreModule(config, wiring));
  if (wiring.onAwsClient) hookAwsClients(container, wiring.onAwsClient);
  return container;
}
