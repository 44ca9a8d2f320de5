// The wiring: one module per capability. Everything is a lazy singleton, so a command or a Lambda
// only builds (and connects) what it uses.
import { Container } from 'inversify';
import type { EdgecvConfig } from './EdgecvConfig';
import { coreModule, type Wiring } from './modules/coreModule';
import { resultsModule } from './modules/resultsModule';
import { edgeModule } from './modules/edgeModule';
import { migrationModule } from './modules/migrationModule';
import { demoModule } from './modules/demoModule';
import { imagesModule } from './modules/imagesModule';
import { assignmentsModule } from './modules/assignmentsModule';

export function createContainer(config: EdgecvConfig, wiring: Wiring = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.loadSync(coreModule(config, wiring), resultsModule(config), edgeModule(config), migrationModule(config), imagesModule(config), assignmentsModule(config), demoModule());
  return container;
}
