// One synth per configuration per test file: building the app is the slow part of these tests.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext } from '../cdkContext';
import { infraConfig, type InfraConfig, type InfraConfigOverrides } from '../config/InfraConfig';
import { addEdgecvStacks, type EdgecvStacks } from '../EdgecvApp';

export interface Synthesized {
  readonly app: App;
  readonly config: InfraConfig;
  readonly stacks: EdgecvStacks;
  readonly template: (stack: keyof EdgecvStacks) => Template;
}

/**
 * Bundling the Lambdas with esbuild takes seconds per function and per synth; tests that look at
 * templates skip it (`aws:cdk:bundling-stacks: []`). `pnpm -s synth` and EdgecvApp.test bundle.
 */
export function synthesize(overrides: InfraConfigOverrides = {}, options: { bundle?: boolean } = {}): Synthesized {
  const app = new App({ context: { ...cdkJsonContext(), ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
  const config = infraConfig(overrides);
  const stacks = addEdgecvStacks(app, config);
  const templates = new Map<keyof EdgecvStacks, Template>();
  return {
    app,
    config,
    stacks,
    template: (name) => {
      const cached = templates.get(name);
      if (cached !== undefined) return cached;
      const stack = stacks[name];
      if (stack === undefined) throw new Error(`the configuration has no ${name} stack`);
      const template = Template.fromStack(stack);
      templates.set(name, template);
      return template;
    },
  };
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

/** The resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The only resource of a type matching `props`; fails loudly when there are none or several. */
export function onlyResource(template: Template, type: string, props: Record<string, unknown> = {}): [string, CfnResource] {
  const found = Object.entries(template.findResources(type, { Properties: props }) as Record<string, CfnResource>);
  if (found.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(props)}, found ${found.length}`);
  return found[0] as [string, CfnResource];
}
