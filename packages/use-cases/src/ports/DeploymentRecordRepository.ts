// Deployment records (table edgecv-deployments): one per deployment, listing what it ships.
export const DeploymentRecordRepositoryToken = Symbol.for('edgecv.DeploymentRecordRepository');

export interface PublishedComponentRef {
  readonly arn: string;
  readonly componentName: string;
  readonly componentVersion: string;
  readonly state: string;
  readonly publishedAt: Date;
}

export interface DeploymentRecord {
  readonly name: string;
  /** `artifact_uris`: model.tar.gz, config.json, component.zip under `deployments/{name}/`, in that order. */
  readonly artifactUris: readonly string[];
  readonly compilationJob: string;
  readonly target: string;
  readonly createdAt: Date;
  readonly component?: PublishedComponentRef;
}

export interface DeploymentRecordRepository {
  /** DeploymentAlreadyExistsError when a deployment with this name exists. */
  create(record: DeploymentRecord): Promise<void>;
  find(name: string): Promise<DeploymentRecord | undefined>;
  recordComponent(name: string, component: PublishedComponentRef): Promise<void>;
}
