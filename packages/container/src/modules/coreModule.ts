// The adapters every family shares: configuration, clock, S3, DynamoDB, and the one MongoDB
// connection (assignment images and the migration's assignment references).
import { EdgecvError } from '@edgecv/domain';
import { ContainerModule } from 'inversify';
import { ClockToken, LoggerToken, JobRepositoryToken, ObjectStoreToken, RunRepositoryToken, type Clock, type Logger, type JobRepository, type ObjectStore, type RunRepository } from '@edgecv/use-cases';
import { SystemClock } from '@edgecv/infrastructure';
import { S3ObjectStore } from '@edgecv/infrastructure/s3';
import { connectMongo, type MongoConnection } from '@edgecv/infrastructure/mongo';
import { createDynamoClients, DynamoDbJobRepository, DynamoDbRunRepository, type TableNames } from '@edgecv/infrastructure/dynamodb';
import type { EdgecvConfig } from '../EdgecvConfig';
import { ConfigToken, DynamoClientsToken, MongoToken, TableNamesToken } from '../tokens';

export type DynamoClients = ReturnType<typeof createDynamoClients>;

/** Boxed: inversify treats a bare Promise as an asynchronous binding, which sync get() refuses. */
export interface MongoBox {
  readonly connection: Promise<MongoConnection>;
}

export class MongoNotConfiguredError extends EdgecvError {
  readonly code = 'MONGODB_NOT_CONFIGURED';
  constructor() {
    super('MONGODB_URI is not set: assignment images keep their metadata in MongoDB');
    this.name = 'MongoNotConfiguredError';
  }
}

/** The runtime objects an app hands the wiring (not configuration: they are not read from anywhere). */
export interface CoreWiring {
  /** Tests move time; everything else uses the system clock. */
  readonly clock?: Clock;
  /** Where the use cases' structured logs go (the Lambdas and serve pass their Powertools logger); nowhere by default. */
  readonly logger?: Logger;
}

const SILENT: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export function coreModule(config: EdgecvConfig, overrides: CoreWiring = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<EdgecvConfig>(ConfigToken).toConstantValue(config);
    bind<Clock>(ClockToken).toConstantValue(overrides.clock ?? new SystemClock());
    bind<Logger>(LoggerToken).toConstantValue(overrides.logger ?? SILENT);
    bind<TableNames>(TableNamesToken).toConstantValue(config.tables);
    // Connections are released on close (unbindAll) only for what was actually built.
    bind<ObjectStore>(ObjectStoreToken)
      .toDynamicValue(() => new S3ObjectStore(config.s3))
      .onDeactivation((store) => (store as S3ObjectStore).client.destroy());
    bind<DynamoClients>(DynamoClientsToken)
      .toDynamicValue(() => createDynamoClients(config.dynamodb))
      .onDeactivation((dynamo) => dynamo.client.destroy());
    bind<MongoBox>(MongoToken)
      .toDynamicValue(() => {
        if (!config.mongodb.uri) throw new MongoNotConfiguredError();
        const connection = connectMongo(config.mongodb.uri);
        connection.catch(() => undefined); // a failed connect is reported to the call that awaits it
        return { connection };
      })
      .onDeactivation(async ({ connection }) => (await connection.catch(() => undefined))?.close());
    bind<JobRepository>(JobRepositoryToken).toDynamicValue(
      (ctx) => new DynamoDbJobRepository(ctx.get<DynamoClients>(DynamoClientsToken).documents, ctx.get<TableNames>(TableNamesToken)),
    );
    bind<RunRepository>(RunRepositoryToken).toDynamicValue(
      (ctx) => new DynamoDbRunRepository(ctx.get<DynamoClients>(DynamoClientsToken).documents, ctx.get<TableNames>(TableNamesToken)),
    );
  });
}
