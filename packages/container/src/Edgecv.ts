// The composition root as apps see it: configuration in, a typed object of use cases out, grouped
// by capability, plus provisioning for the local stack and one close() that releases every
// connection the command opened. Apps reach use cases this one way.
import { type Container } from 'inversify';
import { ObjectStoreToken, ServiceResourceNotFoundError, WrongRegionError, type BucketFacts, type MigrationUseCases } from '@edgecv/use-cases';
import { bucketExists, ensureBucket, type S3ObjectStore } from '@edgecv/infrastructure/s3';
import { ensureTables, missingTables, type TableNames } from '@edgecv/infrastructure/dynamodb';
import { BucketNotFoundError, TablesNotFoundError } from './targetErrors';
import { configFromEnv, type ConfigOverrides, type EdgecvConfig } from './EdgecvConfig';
import { loadCapabilities, type AnyCapability } from './Capability';
import { createContainer, type Wiring } from './createContainer';
import { DynamoClientsToken, MongoToken, TableNamesToken } from './tokens';
import type { DynamoClients, MongoBox } from './modules/coreModule';
import { ASSIGNMENTS, type AssignmentsUseCases } from './modules/assignmentsModule';
import { DEMO, type DemoUseCases } from './modules/demoModule';
import { EDGE, type EdgeUseCases } from './modules/edgeModule';
import { IMAGES, type ImagesUseCases } from './modules/imagesModule';
import { MIGRATION } from './modules/migrationModule';
import { JOBS, type JobsUseCases, RESULTS, type ResultsUseCases } from './modules/resultsModule';
import type { Resolved } from './Token';

/** Every capability: what the CLI and serve reach (a Lambda composes only its own, composeEdgecv). */
const EVERY_CAPABILITY: readonly AnyCapability[] = [JOBS, RESULTS, EDGE, MIGRATION, IMAGES, ASSIGNMENTS, DEMO];

/** A bucket or a table that provisioning looked at. */
export interface ProvisionedResource {
  readonly kind: 'bucket' | 'table';
  readonly name: string;
}

export interface ProvisionResult {
  bucket: string;
  createdBucket: boolean;
  tables: { name: string; created: boolean }[];
  /** What this call created. */
  created: ProvisionedResource[];
  /** What was there already (left as it was, apart from versioning when asked for). */
  existed: ProvisionedResource[];
  /** With `create: false`: what is not there (and was not created). */
  missing: ProvisionedResource[];
}

export interface ProvisionOptions {
  bucket?: string;
  /** Also the images bucket, when it is not the artifact bucket. */
  imagesBucket?: boolean;
  versioned?: boolean;
  /** false: leave S3 alone (it is not ours to provision, e.g. a server named in the environment). */
  s3?: boolean;
  dynamodb?: boolean;
  /** false: only look (HeadBucket, DescribeTable) and report what is missing; create nothing. */
  create?: boolean;
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
    this.jobs = JOBS.open(container);
    this.results = RESULTS.open(container);
    this.images = IMAGES.open(container);
    this.assignments = ASSIGNMENTS.open(container);
    this.edge = EDGE.open(container);
    this.demo = DEMO.open(container);
  }

  /** The wiring for a configuration an app has read (configFromEnv), with its runtime objects. */
  static fromConfig(config: EdgecvConfig, wiring: Wiring = {}): Edgecv {
    const container = createContainer(config, wiring);
    loadCapabilities(container, config, EVERY_CAPABILITY, new Set());
    return new Edgecv(config, container);
  }

  /** configFromEnv then fromConfig: for tests and tools that hold an environment, not a config. */
  static fromEnv(env: NodeJS.ProcessEnv, options: ConfigOverrides & Wiring = {}): Edgecv {
    const { clock, logger, onAwsClient, ...overrides } = options;
    return Edgecv.fromConfig(configFromEnv(env, overrides), { ...(clock ? { clock } : {}), ...(logger ? { logger } : {}), ...(onAwsClient ? { onAwsClient } : {}) });
  }

  /** The migration's phases, each taking its journal by location (plan, run, cutover, cleanup, rollback, status, export, validate, batches). */
  get migration(): MigrationUseCases {
    return MIGRATION.open(this.container);
  }

  /**
   * The artifact bucket (and the images bucket when asked) and every table of TABLE_DEFINITIONS
   * (the CDK app's), created when missing: idempotent, reporting what it created and what was
   * there. The local stack and tests use it; in AWS the CDK app owns them, and `create: false` looks only.
   */
  async provision(options: ProvisionOptions = {}): Promise<ProvisionResult> {
    const create = options.create !== false;
    const bucket = options.bucket ?? this.config.artifactBucket;
    const result: ProvisionResult = { bucket, createdBucket: false, tables: [], created: [], existed: [], missing: [] };
    const table = (name: string): ProvisionedResource => ({ kind: 'table', name });
    if (options.s3 !== false) {
      const { client } = this.container.get<S3ObjectStore>(ObjectStoreToken);
      const images = this.config.images.bucket;
      const buckets = options.imagesBucket && images !== bucket ? [bucket, images] : [bucket];
      for (const name of buckets) {
        const resource: ProvisionedResource = { kind: 'bucket', name };
        if (!create) (await bucketExists(client, name) ? result.existed : result.missing).push(resource);
        else if (await ensureBucket(client, name, { versioned: options.versioned ?? false })) result.created.push(resource);
        else result.existed.push(resource);
      }
      result.createdBucket = result.created.some((r) => r.name === bucket);
    }
    if (options.dynamodb !== false) {
      const tables = this.container.get<TableNames>(TableNamesToken);
      const names = Object.values(tables).sort();
      const { client } = this.container.get<DynamoClients>(DynamoClientsToken);
      const changed = new Set(create ? await ensureTables(client, tables) : await missingTables(client, tables));
      for (const name of names) {
        if (!changed.has(name)) result.existed.push(table(name));
        else (create ? result.created : result.missing).push(table(name));
      }
      result.tables = names.map((name) => ({ name, created: create && changed.has(name) }));
    }
    return result;
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
      const missing = await missingTables(client, this.config.tables, needs.tables ?? []);
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
