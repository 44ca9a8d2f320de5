// A deployment's artifacts as full s3:// URIs in the new layout, and its published component.
import type { DeploymentRecordRepository, PublishedComponentRef } from '../ports/DeploymentRecordRepository';
import { CurrentUris } from './currentUri';
import { DeploymentNotFoundError } from './EdgeErrors';
import type { EdgeSettings } from './EdgeSettings';

export interface DeploymentView {
  readonly name: string;
  readonly artifactUris: readonly string[];
  readonly compilationJob: string;
  readonly target: string;
  readonly createdAt: Date;
  readonly component?: PublishedComponentRef;
  readonly legacyRecord: boolean;
}

export class GetDeployment {
  private readonly uris: CurrentUris;

  constructor(
    private readonly deployments: DeploymentRecordRepository,
    settings: Pick<EdgeSettings, 'pathConfig'>,
  ) {
    this.uris = new CurrentUris(settings.pathConfig);
  }

  async execute(name: string): Promise<DeploymentView> {
    const record = await this.deployments.find(name);
    if (record === undefined) throw new DeploymentNotFoundError(name);
    return {
      name: record.name,
      artifactUris: record.artifactUris.map((u) => this.uris.of(u)),
      compilationJob: record.compilationJob,
      target: record.target,
      createdAt: record.createdAt,
      ...(record.component !== undefined ? { component: record.component } : {}),
      legacyRecord: record.artifactUris.some((u) => this.uris.isLegacy(u)),
    };
  }
}
