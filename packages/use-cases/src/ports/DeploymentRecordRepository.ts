// Deployment records (table edgecv-deployments): one per deployment, listing what it ships.
/** The DI token of the DeploymentRecordRepository. */
export const DeploymentRecordRepositoryToken = Symbol.for('edgecv.DeploymentRecordRepository');

/** The Greengrass component a deployment was published as. */
export interface PublishedComponentRef {
  readonly arn: string;
  readonly componentName: string;
  readonly componentVersion: string;
  readonly state: string;
  readonly publishedAt: Date;
}

/** A deployment as edgecv records it (table edgecv-deployments): what it ships and where from. */
export interface DeploymentRecord {
  readonly name: string;
  /** `artifact_uris`: model.tar.gz, config.json, component.zip under `deployments/{name}/`, in that order. */
  readonly artifactUris: readonly string[];
  readonly compilationJob: string;
  readonly target: string;
  readonly createdAt: Date;
  readonly component?: PublishedComponentRef;
}

/** Where deployment records are kept (DynamoDB in `@edgecv/infrastructure/dynamodb`). */
export interface DeploymentRecordRepository {
  /** DeploymentAlreadyExistsError when a deployment with this name exists. */
  create(record: DeploymentRecord): Promise<void>;
  find(name: string): Promise<DeploymentRecord | undefined>;
  recordComponent(name: string, component: PublishedComponentRef): Promise<void>;
}
