// A capability is one group of use cases an app asks the composition root for (`jobs`, `edge`,
// ...), with the container modules that bind it. Edgecv (the CLI, serve) loads every capability;
// an app that needs only some (each Lambda) composes just those, so its bundle carries only their
// adapters and SDK clients: the capabilities are plain objects, and what is not imported is
// tree-shaken away with its modules.
import type { Container, ContainerModule } from 'inversify';
import type { EdgecvConfig } from './EdgecvConfig';

/** Binds a family's adapters and use cases on top of the core module (config, clock, S3, DynamoDB, MongoDB). */
export type ModuleFactory = (config: EdgecvConfig) => ContainerModule;

export interface Capability<N extends string, T> {
  /** The property the group is reached by: `edgecv.jobs`. */
  readonly name: N;
  /** Every module the group's use cases need beyond the core, each loaded once per container. */
  readonly modules: readonly ModuleFactory[];
  /** The group as apps see it; its use cases are built on first use. */
  open(container: Container): T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any group type: the union members keep their own
export type AnyCapability = Capability<string, any>;

/** What an app holds once it has composed some capabilities: the configuration and those groups. */
export type EdgecvView<C extends AnyCapability = never> = { readonly config: EdgecvConfig } & { readonly [K in C as K['name']]: K extends Capability<string, infer T> ? T : never };

/** Loads the modules of the capabilities that the container does not hold yet (`loaded` remembers them). */
export function loadCapabilities(container: Container, config: EdgecvConfig, capabilities: readonly AnyCapability[], loaded: Set<ModuleFactory>): void {
  const modules: ContainerModule[] = [];
  for (const capability of capabilities) {
    for (const factory of capability.modules) {
      if (loaded.has(factory)) continue;
      loaded.add(factory);
      modules.push(factory(config));
    }
  }
  if (modules.length > 0) container.loadSync(...modules);
}
