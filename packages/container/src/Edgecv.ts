// What apps get from the container: typed use cases, provisioning for the local stack, and one
// close() that releases every connection the command opened.
import { type Container } from 'inversify';
import {
  type ArchiveJob,
  type CreateJob,
  type CreateRun,
  type GetJobArtifactUrls,
  type GetUploadLocation,
  ObjectStoreToken,
  type ObjectStore,
  type UploadResults,
} from '@edgecv/use-cases';
import { ensureBucket, type S3ObjectStore } from '@edgecv/infrastructure/s3';
import { ensureTables, type TableNames, type createDynamoClients } from '@edgecv/infrastructure/dynamodb';
import { configFromEnv, type ConfigOverrides, type EdgecvConfig } from './EdgecvConfig';
import { createContainer, type ContainerOverrides } from './createContainer';
import { DynamoClientsToken, TableNamesToken } from './tokens';
import { ResultsUseCases } from './modules/resultsModule';
import { resolve, type Token } from './Token';
import { Migration } from './Migration';

export interface ProvisionResult {
  bucket: string;
  createdBucket: boolean;
  tables: { name: string; created: boolean }[];
}

export interface ProvisionOptions {
  bucket?: string;
  versioned?: boolean;
  /** false: leave S3 alone (it is not ours to provision, e.g. a server named in the environment). */
  s3?: boolean;
  dynamodb?: boolean;
}

export class Edgecv {
  private constructor(
    readonly config: EdgecvConfig,
    readonly container: Container,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv, overrides: ConfigOverrides & ContainerOverrides = {}): Edgecv {
    const config = configFromEnv(env, overrides);
    return new Edgecv(config, createContainer(config, overrides));
  }

  static fromConfig(config: EdgecvConfig, overrides: ContainerOverrides = {}): Edgecv {
    return new Edgecv(config, createContainer(config, overrides));
  }

  /** Any use case or port by its token: `edgecv.get(ResultsUseCases.uploadResults)`. */
  get<T>(id: Token<T>): T {
    return resolve(this.container, id);
  }

  get createJob(): CreateJob {
    return this.get(ResultsUseCases.createJob);
  }
  get createRun(): CreateRun {
    return this.get(ResultsUseCases.createRun);
  }
  get uploadResults(): UploadResults {
    return this.get(ResultsUseCases.uploadResults);
  }
  get getUploadLocation(): GetUploadLocation {
    return this.get(ResultsUseCases.getUploadLocation);
  }
  get getJobArtifactUrls(): GetJobArtifactUrls {
    return this.get(ResultsUseCases.getJobArtifactUrls);
  }
  get archiveJob(): ArchiveJob {
    return this.get(ResultsUseCases.archiveJob);
  }
  /** The migration's phases, each one use case (plan, run, cutover, cleanup, rollback, status, export, validate). */
  get migration(): Migration {
    return new Migration(this.container);
  }
  get objectStore(): ObjectStore {
    return this.container.get<ObjectStore>(ObjectStoreToken);
  }

  /** The artifact bucket and every table, created when missing (local stack and tests; CDK in AWS). */
  async provision(options: ProvisionOptions = {}): Promise<ProvisionResult> {
    const bucket = options.bucket ?? this.config.artifactBucket;
    let createdBucket = false;
    if (options.s3 !== false) {
      const store = this.container.get<S3ObjectStore>(ObjectStoreToken);
      createdBucket = await ensureBucket(store.client, bucket, { versioned: options.versioned ?? false });
    }
    const names = this.container.get<TableNames>(TableNamesToken);
    let created = new Set<string>();
    if (options.dynamodb !== false) {
      const { client } = this.container.get<ReturnType<typeof createDynamoClients>>(DynamoClientsToken);
      created = new Set(await ensureTables(client, names));
    }
    return { bucket, createdBucket, tables: Object.values(names).map((name) => ({ name, created: created.has(name) })) };
  }

  async close(): Promise<void> {
    // Deactivation hooks close the clients that this command actually built.
    await this.container.unbindAll();
  }
}
