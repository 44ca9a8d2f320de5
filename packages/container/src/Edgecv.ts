// The composition root as apps see it: configuration in, a typed object of use cases out, grouped
// by capability, plus provisioning for the local stack and one close() that releases every
// connection the command opened. Apps reach use cases this one way.
import { type Container } from 'inversify';
import { ObjectStoreToken, type MigrationUseCases } from '@edgecv/use-cases';
import { ensureBucket, type S3ObjectStore } from '@edgecv/infrastructure/s3';
import { ensureTables, type TableNames } from '@edgecv/infrastructure/dynamodb';
import { configFromEnv, type ConfigOverrides, type EdgecvConfig } from './EdgecvConfig';
import { loadCapabilities, type AnyCapability } from './Capability';
import { createContainer, type Wiring } from './createContainer';
import { DynamoClientsToken, TableNamesToken } from './tokens';
import type { DynamoClients } from './modules/coreModule';
import { ASSIGNMENTS, type AssignmentsUseCases } from './modules/assignmentsModule';
import { DEMO, type DemoUseCases } from './modules/demoModule';
import { EDGE, type EdgeUseCases } from './modules/edgeModule';
import { IMAGES, type ImagesUseCases } from './modules/imagesModule';
import { MIGRATION } from './modules/migrationModule';
import { JOBS, type JobsUseCases, RESULTS, type ResultsUseCases } from './modules/resultsModule';
import type { Resolved } from './Token';

/** Every capability: what the CLI and serve reach (a Lambda composes only its own, composeEdgecv). */
const EVERY_CAPABILITY: readonly AnyCapability[] = [JOBS, RESULTS, EDGE, MIGRATION, IMAGES, ASSIGNMENTS, DEMO];

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

  async close(): Promise<void> {
    // Deactivation hooks close the clients that this command actually built.
    await this.container.unbindAll();
  }
}
