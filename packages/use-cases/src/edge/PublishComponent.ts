// Spec 000 task 5: publish a Greengrass component whose recipe points at the deployment's
// artifacts under `deployments/{name}/` (read through the PathResolver, so a deployment packaged
// before the migration is published from where its files are now).
import type { Clock } from '../ports/Clock';
import type { ComponentPublisher, ComponentRecipe } from '../ports/ComponentPublisher';
import type { DeploymentRecordRepository } from '../ports/DeploymentRecordRepository';
import { componentRecipe } from './componentRecipe';
import { CurrentUris } from './currentUri';
import { DeploymentNotFoundError, InvalidComponentVersionError } from './EdgeErrors';
import type { EdgeSettings } from './EdgeSettings';

export interface PublishComponentInput {
  readonly deployment: string;
  /** MAJOR.MINOR.PATCH; 1.0.0 when omitted. */
  readonly componentVersion?: string;
}

export interface PublishedDeploymentComponent {
  readonly deployment: string;
  readonly arn: string;
  readonly componentName: string;
  readonly componentVersion: string;
  readonly state: string;
  readonly recipe: ComponentRecipe;
}

const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

export class PublishComponent {
  private readonly uris: CurrentUris;

  constructor(
    private readonly publisher: ComponentPublisher,
    private readonly deployments: DeploymentRecordRepository,
    private readonly clock: Clock,
    private readonly settings: Pick<EdgeSettings, 'pathConfig' | 'componentPrefix'>,
  ) {
    this.uris = new CurrentUris(settings.pathConfig);
  }

  /** Throws InvalidComponentVersionError, DeploymentNotFoundError, or the publisher's error. */
  async execute(input: PublishComponentInput): Promise<PublishedDeploymentComponent> {
    const componentVersion = input.componentVersion ?? '1.0.0';
    if (!SEMVER.test(componentVersion)) throw new InvalidComponentVersionError(componentVersion);
    const record = await this.deployments.find(input.deployment);
    if (record === undefined) throw new DeploymentNotFoundError(input.deployment);
    const [modelUri, configUri, componentZipUri] = record.artifactUris.map((u) => this.uris.of(u));
    if (modelUri === undefined || configUri === undefined || componentZipUri === undefined) {
      throw new DeploymentNotFoundError(input.deployment);
    }
    const recipe = componentRecipe({
      componentName: `${this.settings.componentPrefix}${record.name}`,
      componentVersion,
      deployment: record.name,
      modelUri,
      configUri,
      componentZipUri,
      target: record.target,
    });
    const published = await this.publisher.publish(recipe, { 'edgecv:deployment': record.name });
    await this.deployments.recordComponent(record.name, { ...published, publishedAt: this.clock.now() });
    return { deployment: record.name, ...published, recipe };
  }
}
