// The wiring: one binding per port, adapters built from the configuration, use cases from ports.
// Everything is a lazy singleton, so a command only builds (and connects) what it uses.
import { Container, type ResolutionContext } from 'inversify';
import {
  ArchiveJob,
  ClockToken,
  CreateJob,
  CreateRun,
  GetJobArtifactUrls,
  GetUploadLocation,
  JobRepositoryToken,
  ObjectStoreToken,
  ResultsPackagerToken,
  RunRepositoryToken,
  UploadResults,
  type Clock,
  type JobRepository,
  type ObjectStore,
  type ResultsPackager,
  type ResultsSettings,
  type RunRepository,
} from '@edgecv/use-cases';
import { S3ObjectStore } from '@edgecv/infrastructure/s3';
import { YazlResultsPackager } from '@edgecv/infrastructure/archive';
import {
  createDynamoClients,
  DynamoDbJobRepository,
  DynamoDbRunRepository,
  tableNames,
  type TableNames,
} from '@edgecv/infrastructure/dynamodb';
import { SystemClock } from '@edgecv/infrastructure';
import { type EdgecvConfig } from './EdgecvConfig';
import { ConfigToken, DynamoClientsToken, ResultsSettingsToken, TableNamesToken, UseCaseTokens } from './tokens';

type Dynamo = ReturnType<typeof createDynamoClients>;

export interface ContainerOverrides {
  /** Tests move time; everything else uses the system clock. */
  readonly clock?: Clock;
}

export function createContainer(config: EdgecvConfig, overrides: ContainerOverrides = {}): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  const get = <T>(ctx: ResolutionContext, token: symbol) => ctx.get<T>(token);

  c.bind<EdgecvConfig>(ConfigToken).toConstantValue(config);
  c.bind<Clock>(ClockToken).toConstantValue(overrides.clock ?? new SystemClock());
  c.bind<TableNames>(TableNamesToken).toConstantValue(tableNames(config.dynamodb.tablePrefix));
  c.bind<ResultsSettings>(ResultsSettingsToken).toConstantValue({ bucket: config.artifactBucket, pathConfig: config.pathConfig });

  // Adapters
  // Connections are released on close (unbindAll) only for what was actually built.
  c.bind<ObjectStore>(ObjectStoreToken)
    .toDynamicValue(() => new S3ObjectStore(config.s3))
    .onDeactivation((store) => (store as S3ObjectStore).client.destroy());
  c.bind<ResultsPackager>(ResultsPackagerToken).toDynamicValue(() => new YazlResultsPackager());
  c.bind<Dynamo>(DynamoClientsToken)
    .toDynamicValue(() => createDynamoClients(config.dynamodb))
    .onDeactivation((dynamo) => dynamo.client.destroy());
  c.bind<JobRepository>(JobRepositoryToken).toDynamicValue(
    (ctx) => new DynamoDbJobRepository(get<Dynamo>(ctx, DynamoClientsToken).documents, get<TableNames>(ctx, TableNamesToken)),
  );
  c.bind<RunRepository>(RunRepositoryToken).toDynamicValue(
    (ctx) => new DynamoDbRunRepository(get<Dynamo>(ctx, DynamoClientsToken).documents, get<TableNames>(ctx, TableNamesToken)),
  );

  // Use cases
  const jobs = (ctx: ResolutionContext) => get<JobRepository>(ctx, JobRepositoryToken);
  const runs = (ctx: ResolutionContext) => get<RunRepository>(ctx, RunRepositoryToken);
  const store = (ctx: ResolutionContext) => get<ObjectStore>(ctx, ObjectStoreToken);
  const clock = (ctx: ResolutionContext) => get<Clock>(ctx, ClockToken);
  const settings = (ctx: ResolutionContext) => get<ResultsSettings>(ctx, ResultsSettingsToken);
  c.bind(UseCaseTokens.createJob).toDynamicValue((ctx) => new CreateJob(jobs(ctx), clock(ctx)));
  c.bind(UseCaseTokens.createRun).toDynamicValue((ctx) => new CreateRun(jobs(ctx), runs(ctx), clock(ctx)));
  c.bind(UseCaseTokens.uploadResults).toDynamicValue(
    (ctx) => new UploadResults(jobs(ctx), runs(ctx), get<ResultsPackager>(ctx, ResultsPackagerToken), store(ctx), clock(ctx), settings(ctx)),
  );
  c.bind(UseCaseTokens.getUploadLocation).toDynamicValue((ctx) => new GetUploadLocation(jobs(ctx), runs(ctx), store(ctx), settings(ctx)));
  c.bind(UseCaseTokens.getJobArtifactUrls).toDynamicValue((ctx) => new GetJobArtifactUrls(jobs(ctx), store(ctx), settings(ctx)));
  c.bind(UseCaseTokens.archiveJob).toDynamicValue((ctx) => new ArchiveJob(jobs(ctx), store(ctx), clock(ctx), settings(ctx)));
  return c;
}
