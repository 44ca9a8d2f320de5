// The composition root as apps see it: configuration in, a typed object of use cases out, grouped
// by capability, plus provisioning for the local stack and one close() that releases every
// connection the command opened. Apps reach use cases this one way.
import { type Container } from 'inversify';
import { ObjectStoreToken, ServiceResourceNotFoundError, WrongRegionError, type BucketFacts, type MigrationUseCases } from '@edgecv/use-cases';
import { ensureBucket, type S3ObjectStore } from '@edgecv/infrastructure/s3';
import { ensureTables, missingTables, type TableNames } from '@edgecv/infrastructure/dynamodb';
import { BucketNotFoundError, TablesNotFoundError } from './targetErrors';
import { MongoToken } from './tokens';
import { configFromEnv, type ConfigOverrides, type EdgecvConfig } from './EdgecvConfig';
import { createContainer, type Wiring } from './createContainer';
import { DynamoClientsToken, TableNamesToken } from './tokens';
import type { DynamoClients, MongoBox } from './modules/coreModule';
import { AssignmentsUseCases } from './modules/assignmentsModule';
import { DemoUseCases } from './modules/demoModule';
import { EdgeUseCases } from './modules/edgeModule';
import { ImagesUseCases } from './modules/imagesModule';
import { MigrationUseCasesToken } from './modules/migrationModule';
import { JobsUseCases, ResultsUseCases } from './modules/resultsModule';
import { resolve, useCaseGroup, type Resolved } from './Token';

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

/** What a command needs to exist before it acts, and how to say where and how to fix it when it does not. */
export interface PreflightNeeds {
  readonly bucket?: string;
  readonly tables?: readonly (keyof TableNames)[];
  /** Ping MongoDB (only when it is configured). */
  readonly mongo?: boolean;
  /** The target in words, for the messages ("AWS account 1234 in eu-west-1", "the local stack in .edgecv"). */
  readonly target: string;
  /** The fix for what is missing (`run edgecv provision`, `deploy the CDK data stack`). */
  readonly fix: string;
}

export interface PreflightResult {
  readonly bucket?: BucketFacts;
  readonly tables: readonly string[];
  readonly mongo: 'ok' | 'not configured' | 'not checked';
}

export class Edgecv {
  /** Jobs and runs, and what lives under a job's prefix (spec 004). */
  readonly jobs: Resolved<typeof JobsUseCases>;
  /** A run's results: a directory zipped as it streams, or a zip body. */
  readonly results: Resolved<typeof ResultsUseCases>;
  /** Assignment images (spec 003). */
  readonly images: Resolved<typeof ImagesUseCases>;
  /** Assignments and their generated pictures (the portal). */
  readonly assignments: Resolved<typeof AssignmentsUseCases>;
  /** Training, compilation, packaging and publishing (spec 000-002). */
  readonly edge: Resolved<typeof EdgeUseCases>;
  /** The demo's sample data. */
  readonly demo: Resolved<typeof DemoUseCases>;

  private constructor(
    readonly config: EdgecvConfig,
    private readonly container: Container,
  ) {
    this.jobs = useCaseGroup(container, JobsUseCases);
    this.results = useCaseGroup(container, ResultsUseCases);
    this.images = useCaseGroup(container, ImagesUseCases);
    this.assignments = useCaseGroup(container, AssignmentsUseCases);
    this.edge = useCaseGroup(container, EdgeUseCases);
    this.demo = useCaseGroup(container, DemoUseCases);
  }

  /** The wiring for a configuration an app has read (configFromEnv), with its runtime objects. */
  static fromConfig(config: EdgecvConfig, wiring: Wiring = {}): Edgecv {
    return new Edgecv(config, createContainer(config, wiring));
  }

  /** configFromEnv then fromConfig: for tests and tools that hold an environment, not a config. */
  static fromEnv(env: NodeJS.ProcessEnv, options: ConfigOverrides & Wiring = {}): Edgecv {
    const { clock, logger, onAwsClient, ...overrides } = options;
    return Edgecv.fromConfig(configFromEnv(env, overrides), { ...(clock ? { clock } : {}), ...(logger ? { logger } : {}), ...(onAwsClient ? { onAwsClient } : {}) });
  }

  /** The migration's phases, each taking its journal by location (plan, run, cutover, cleanup, rollback, status, export, validate, batches). */
  get migration(): MigrationUseCases {
    return resolve(this.container, MigrationUseCasesToken);
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
      const { client } = this.container.get<DynamoClients>(DynamoClientsToken);
      created = new Set(await ensureTables(client, names));
    }
    return { bucket, createdBucket, tables: Object.values(names).map((name) => ({ name, created: created.has(name) })) };
  }

  /**
   * Checks, before a command changes anything, that its bucket exists in the configured region
   * (HeadBucket, with versioning, Object Lock and default encryption), that its tables exist
   * (DescribeTable) and that MongoDB answers when it is configured: typed errors otherwise.
   */
  async preflight(needs: PreflightNeeds): Promise<PreflightResult> {
    let bucket: BucketFacts | undefined;
    if (needs.bucket !== undefined) {
      const store = this.container.get<S3ObjectStore>(ObjectStoreToken);
      try {
        bucket = await store.bucketFacts(needs.bucket);
      } catch (error) {
        if (error instanceof ServiceResourceNotFoundError && error.kind === 'bucket') throw new BucketNotFoundError(needs.bucket, needs.target, needs.fix);
        throw error;
      }
      if (bucket.region !== undefined && bucket.region !== '' && bucket.region !== this.config.region) {
        throw new WrongRegionError({ service: 'S3', operation: 'HeadBucket', resource: `s3://${needs.bucket}` }, bucket.region, this.config.region);
      }
    }
    const tables = (needs.tables ?? []).map((name) => this.config.tables[name]);
    if (tables.length > 0) {
      const { client } = this.container.get<DynamoClients>(DynamoClientsToken);
      const missing = await missingTables(client, tables);
      if (missing.length > 0) throw new TablesNotFoundError(missing, needs.target, needs.fix);
    }
    let mongo: PreflightResult['mongo'] = 'not checked';
    if (needs.mongo) {
      if (this.config.mongodb.uri === undefined) mongo = 'not configured';
      else {
        // Connecting is the check: the driver selects a server (MONGO_UNAVAILABLE when none answers) and pings it.
        const { connection } = this.container.get<MongoBox>(MongoToken);
        await connection;
        mongo = 'ok';
      }
    }
    return { ...(bucket !== undefined ? { bucket } : {}), tables, mongo };
  }

  async close(): Promise<void> {
    // Deactivation hooks close the clients that this command actually built.
    await this.container.unbindAll();
  }
}
