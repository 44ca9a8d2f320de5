// The wiring: one module per family. Everything is a lazy singleton, so a command or a Lambda
// only builds (and connects) what it uses.
import { Container } from 'inversify';
import { hookAwsClients, type AwsClientHook } from './awsClientHook';
import type { EdgecvConfig } from './EdgecvConfig';
import { coreModule, type CoreOverrides } from './modules/coreModule';
import { resultsModule } from './modules/resultsModule';
import { edgeModule, type EdgeOverrides } from './modules/edgeModule';
import { migrationModule } from './modules/migrationModule';
import { demoModule } from './modules/demoModule';
import { imagesModule } from './modules/imagesModule';
import { assignmentsModule } from './modules/assignmentsModule';

export type ContainerOverrides = CoreOverrides &
  EdgeOverrides & {
    /** Called once with each AWS SDK client an adapter builds (the Lambda runtime's tracer captures them). */
    readonly onAwsClient?: AwsClientHook;
  };

export function createContainer(config: EdgecvConfig, overrides: ContainerOverrides = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.loadSync(coreModule(config, overrides), resultsModule(config), edgeModule(config, overrides.edge), migrationModule(config), imagesModule(config), assignmentsModule(config), demoModule());
  if (overrides.onAwsClient) hookAwsClients(container, overrides.onAwsClient);
  return container;
}
