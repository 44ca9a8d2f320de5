// The wiring: one module per capability. Everything is a lazy singleton, so a command or a Lambda
// only builds (and connects) what it uses.
import { Container } from 'inversify';
import { hookAwsClients, type AwsClientHook } from './awsClientHook';
import type { EdgecvConfig } from './EdgecvConfig';
import { coreModule, type CoreWiring } from './modules/coreModule';
import { resultsModule } from './modules/resultsModule';
import { edgeModule } from './modules/edgeModule';
import { migrationModule } from './modules/migrationModule';
import { demoModule } from './modules/demoModule';
import { imagesModule } from './modules/imagesModule';
import { assignmentsModule } from './modules/assignmentsModule';

/** The runtime objects an app hands the wiring: clock, logger, and a hook on every AWS SDK client (the Lambda tracer). */
export interface Wiring extends CoreWiring {
  /** Called once with each AWS SDK client an adapter builds (the Lambda runtime's tracer captures them). */
  readonly onAwsClient?: AwsClientHook;
}

export function createContainer(config: EdgecvConfig, wiring: Wiring = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.loadSync(coreModule(config, wiring), resultsModule(config), edgeModule(config), migrationModule(config), imagesModule(config), assignmentsModule(config), demoModule());
  if (wiring.onAwsClient) hookAwsClients(container, wiring.onAwsClient);
  return container;
}
