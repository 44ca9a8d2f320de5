// The composition root for an app that needs only some capabilities (each Lambda handler): the
// core, plus the modules of the capabilities it asks for, and nothing else in its bundle. More
// capabilities can be added later to the same container (tests and serve run several handlers in
// one process), each module loaded once.
import type { Container } from 'inversify';
import { loadCapabilities, type AnyCapability, type EdgecvView, type ModuleFactory } from './Capability';
import type { EdgecvConfig } from './EdgecvConfig';
import { createContainer, type Wiring } from './createContainer';

export class EdgecvComposition {
  private readonly loaded = new Set<ModuleFactory>();
  private readonly opened = new Map<string, AnyCapability[]>();

  private constructor(
    readonly config: EdgecvConfig,
    private readonly container: Container,
  ) {}

  /** The groups of `capabilities` on this object (`composition.use([JOBS]).jobs.createJob`); it returns itself. */
  use<C extends AnyCapability>(capabilities: readonly C[]): this & EdgecvView<C> {
    loadCapabilities(this.container, this.config, capabilities, this.loaded);
    for (const capability of capabilities) {
      const opened = this.opened.get(capability.name) ?? [];
      if (opened.includes(capability)) continue;
      this.opened.set(capability.name, [...opened, capability]);
      // Opened on first use (the migration's phases build their adapters when opened); capabilities
      // of one name (EDGE_TRAINING, EDGE_DEPLOYMENTS) make one group holding the use cases of each.
      let group: unknown;
      Object.defineProperty(this, capability.name, { enumerable: true, configurable: true, get: () => (group ??= this.open(capability.name)) });
    }
    return this as this & EdgecvView<C>;
  }

  private open(name: string): unknown {
    const [only, ...more] = (this.opened.get(name) ?? []).map((capability) => capability.open(this.container) as object);
    if (more.length === 0) return only;
    return Object.freeze(Object.defineProperties({}, Object.assign({}, ...[only, ...more].map((group) => Object.getOwnPropertyDescriptors(group)))));
  }

  /** Releases every connection the composition built (deactivation hooks of what was used). */
  async close(): Promise<void> {
    await this.container.unbindAll();
  }

  static create(config: EdgecvConfig, wiring: Wiring = {}): EdgecvComposition {
    return new EdgecvComposition(config, createContainer(config, wiring));
  }
}

/** A composition of the configuration with only the given capabilities. */
export function composeEdgecv<C extends AnyCapability>(config: EdgecvConfig, capabilities: readonly C[], wiring: Wiring = {}): EdgecvComposition & EdgecvView<C> {
  return EdgecvComposition.create(config, wiring).use(capabilities);
}
