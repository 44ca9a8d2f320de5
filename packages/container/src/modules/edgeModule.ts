// Training, compilation, packaging and publishing (spec 000-002), plus the HTTP form of results
// upload. The ML services are SageMaker/Neo/Greengrass in AWS, or the simulated ones that do the
// same to the bucket when the local stack runs (`mlServices: 'simulated'`).
// Until the images and migration modules exist, the Lambdas' image and migrate-batch handlers
// are bound here too (EdgeUseCases.storeAssignmentImage/getAssignmentImage/getImageUrl/migrateBatch),
// on private tokens so they cannot clash with those modules' port bindings.
import { ContainerModule, type ResolutionContext } from 'inversify';
import {
  ClockToken,
  CompilationRecordRepositoryToken,
  CompilationServiceToken,
  ComponentPublisherToken,
  DEFAULT_EDGE_SETTINGS,
  DeploymentRecordRepositoryToken,
  GetAssignmentImage,
  GetCompilationStatus,
  GetImageUrl,
  StoreAssignmentImage,
  imageStorageConfig,
  processBatchTasks,
  type AssignmentRepository,
  type ImageStorageConfig,
  type Logger,
  type S3BatchInvocation,
  type S3BatchResponse,
  GetDeployment,
  GetTrainingJob,
  JobRepositoryToken,
  ObjectStoreToken,
  PackageDeployment,
  PublishComponent,
  RunRepositoryToken,
  StartCompilation,
  StartTrainingJob,
  StoreRunResults,
  TrainingRecordRepositoryToken,
  TrainingServiceToken,
  type Clock,
  type CompilationRecordRepository,
  type CompilationService,
  type ComponentPublisher,
  type DeploymentRecordRepository,
  type EdgeSettings,
  type JobRepository,
  type ObjectStore,
  type ResultsSettings,
  type RunRepository,
  type TrainingRecordRepository,
  type TrainingService,
} from '@edgecv/use-cases';
import { SharpImageOptimizer } from '@edgecv/infrastructure/image';
import { connectMongo, MongoAssignmentRepository, type MongoConnection } from '@edgecv/infrastructure/mongo';
import {
  DynamoDbMigrationJournal,
  DynamoDbCompilationRecordRepository,
  DynamoDbDeploymentRecordRepository,
  DynamoDbTrainingRecordRepository,
  type TableNames,
} from '@edgecv/infrastructure/dynamodb';
import {
  GreengrassComponentPublisher,
  NeoCompilationService,
  SageMakerTrainingService,
  SimulatedCompilationService,
  SimulatedComponentPublisher,
  SimulatedTrainingService,
  awsMlConfigFromEnv,
} from '@edgecv/infrastructure/aws-ml';
import type { EdgecvConfig } from '../EdgecvConfig';
import type { DynamoClients } from './coreModule';
import { token } from '../Token';
import { DynamoClientsToken, ResultsSettingsToken, TableNamesToken } from '../tokens';

export type MlServices = 'aws' | 'simulated';

export interface EdgeOptions {
  readonly mlServices: MlServices;
  readonly sageMakerRoleArn: string;
  readonly trainingInstanceType?: string;
  readonly componentPrefix?: string;
  /** Where assignment images live (spec 003); the artifact bucket when omitted. */
  readonly imagesBucket?: string;
  readonly cloudfrontDomain?: string;
  /** The migration journal migrate-batch works on when the S3 Batch job names none. */
  readonly migrationJournalId?: string;
  /** Structured logs of the image use cases (the Lambdas pass their Powertools logger). */
  readonly logger?: Logger;
}

/** Answers one S3 Batch Operations invocation against the DynamoDB migration journal. */
export interface MigrateBatch {
  execute(event: S3BatchInvocation): Promise<S3BatchResponse>;
}

export class MissingJournalError extends Error {
  readonly code = 'INVALID_BATCH_JOB';
  constructor() {
    super('the S3 Batch job names no migration journal: set userArguments.journalId or EDGECV_MIGRATION_JOURNAL_ID');
    this.name = 'MissingJournalError';
  }
}

export interface EdgeOverrides {
  /** When omitted, read from process.env by edgeOptionsFromEnv. */
  readonly edge?: EdgeOptions;
}

/** EDGECV_ML_SERVICES (aws | simulated), EDGECV_SAGEMAKER_ROLE_ARN, EDGECV_TRAINING_INSTANCE_TYPE, EDGECV_COMPONENT_PREFIX. */
export function edgeOptionsFromEnv(env: NodeJS.ProcessEnv): EdgeOptions {
  return {
    mlServices: env.EDGECV_ML_SERVICES === 'simulated' ? 'simulated' : 'aws',
    sageMakerRoleArn: env.EDGECV_SAGEMAKER_ROLE_ARN ?? '',
    ...(env.EDGECV_TRAINING_INSTANCE_TYPE ? { trainingInstanceType: env.EDGECV_TRAINING_INSTANCE_TYPE } : {}),
    ...(env.EDGECV_COMPONENT_PREFIX ? { componentPrefix: env.EDGECV_COMPONENT_PREFIX } : {}),
    ...(env.EDGECV_IMAGES_BUCKET ? { imagesBucket: env.EDGECV_IMAGES_BUCKET } : {}),
    ...(env.EDGECV_CLOUDFRONT_DOMAIN ? { cloudfrontDomain: env.EDGECV_CLOUDFRONT_DOMAIN } : {}),
    ...(env.EDGECV_MIGRATION_JOURNAL_ID ? { migrationJournalId: env.EDGECV_MIGRATION_JOURNAL_ID } : {}),
  };
}

export const EdgeSettingsToken = token<EdgeSettings>('EdgeSettings');

export const EdgeUseCases = {
  startTrainingJob: token<StartTrainingJob>('useCase.startTrainingJob'),
  getTrainingJob: token<GetTrainingJob>('useCase.getTrainingJob'),
  startCompilation: token<StartCompilation>('useCase.startCompilation'),
  getCompilationStatus: token<GetCompilationStatus>('useCase.getCompilationStatus'),
  packageDeployment: token<PackageDeployment>('useCase.packageDeployment'),
  publishComponent: token<PublishComponent>('useCase.publishComponent'),
  getDeployment: token<GetDeployment>('useCase.getDeployment'),
  storeRunResults: token<StoreRunResults>('useCase.storeRunResults'),
  storeAssignmentImage: token<StoreAssignmentImage>('lambdas.storeAssignmentImage'),
  getAssignmentImage: token<GetAssignmentImage>('lambdas.getAssignmentImage'),
  getImageUrl: token<GetImageUrl>('lambdas.getImageUrl'),
  migrateBatch: token<MigrateBatch>('lambdas.migrateBatch'),
} as const;

/** Boxed: inversify treats a bare Promise as an asynchronous binding, which sync get() refuses. */
interface MongoBox {
  readonly connection: Promise<MongoConnection>;
}
const LambdaMongoToken = token<MongoBox>('lambdas.mongo');
const LambdaAssignmentsToken = token<AssignmentRepository>('lambdas.assignments');
const LambdaImageConfigToken = token<ImageStorageConfig>('lambdas.imageStorageConfig');

const SILENT: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export function edgeModule(config: EdgecvConfig, options: EdgeOptions = edgeOptionsFromEnv(process.env)): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const documents = (ctx: ResolutionContext) => ctx.get<DynamoClients>(DynamoClientsToken).documents;
    const tables = (ctx: ResolutionContext) => ctx.get<TableNames>(TableNamesToken);
    const store = (ctx: ResolutionContext) => ctx.get<ObjectStore>(ObjectStoreToken);
    const clock = (ctx: ResolutionContext) => ctx.get<Clock>(ClockToken);
    const settings = (ctx: ResolutionContext) => ctx.get<EdgeSettings>(EdgeSettingsToken);
    const training = (ctx: ResolutionContext) => ctx.get<TrainingRecordRepository>(TrainingRecordRepositoryToken);
    const compilation = (ctx: ResolutionContext) => ctx.get<CompilationRecordRepository>(CompilationRecordRepositoryToken);
    const deployments = (ctx: ResolutionContext) => ctx.get<DeploymentRecordRepository>(DeploymentRecordRepositoryToken);
    const trainingService = (ctx: ResolutionContext) => ctx.get<TrainingService>(TrainingServiceToken);
    const compilationService = (ctx: ResolutionContext) => ctx.get<CompilationService>(CompilationServiceToken);
    const ml = awsMlConfigFromEnv({ AWS_REGION: config.region, ...credentialsEnv(config) });

    bind<EdgeSettings>(EdgeSettingsToken).toConstantValue({
      ...DEFAULT_EDGE_SETTINGS,
      bucket: config.artifactBucket,
      pathConfig: config.pathConfig,
      sageMakerRoleArn: options.sageMakerRoleArn,
      training: { ...DEFAULT_EDGE_SETTINGS.training, ...(options.trainingInstanceType ? { instanceType: options.trainingInstanceType } : {}) },
      componentPrefix: options.componentPrefix ?? DEFAULT_EDGE_SETTINGS.componentPrefix,
    });
    bind<TrainingRecordRepository>(TrainingRecordRepositoryToken).toDynamicValue((ctx) => new DynamoDbTrainingRecordRepository(documents(ctx), tables(ctx)));
    bind<CompilationRecordRepository>(CompilationRecordRepositoryToken).toDynamicValue((ctx) => new DynamoDbCompilationRecordRepository(documents(ctx), tables(ctx)));
    bind<DeploymentRecordRepository>(DeploymentRecordRepositoryToken).toDynamicValue((ctx) => new DynamoDbDeploymentRecordRepository(documents(ctx), tables(ctx)));
    if (options.mlServices === 'simulated') {
      bind<TrainingService>(TrainingServiceToken).toDynamicValue((ctx) => new SimulatedTrainingService(store(ctx), config.region));
      bind<CompilationService>(CompilationServiceToken).toDynamicValue((ctx) => new SimulatedCompilationService(store(ctx), config.region));
      bind<ComponentPublisher>(ComponentPublisherToken).toDynamicValue((ctx) => new SimulatedComponentPublisher(store(ctx), config.region));
    } else {
      bind<TrainingService>(TrainingServiceToken)
        .toDynamicValue(() => new SageMakerTrainingService(ml))
        .onDeactivation((s) => (s as SageMakerTrainingService).client.destroy());
      bind<CompilationService>(CompilationServiceToken)
        .toDynamicValue(() => new NeoCompilationService(ml))
        .onDeactivation((s) => (s as NeoCompilationService).client.destroy());
      bind<ComponentPublisher>(ComponentPublisherToken)
        .toDynamicValue(() => new GreengrassComponentPublisher(ml))
        .onDeactivation((s) => (s as GreengrassComponentPublisher).client.destroy());
    }

    bind(EdgeUseCases.startTrainingJob).toDynamicValue((ctx) => new StartTrainingJob(trainingService(ctx), training(ctx), clock(ctx), settings(ctx)));
    bind(EdgeUseCases.getTrainingJob).toDynamicValue((ctx) => new GetTrainingJob(trainingService(ctx), training(ctx), clock(ctx), settings(ctx)));
    bind(EdgeUseCases.startCompilation).toDynamicValue(
      (ctx) => new StartCompilation(compilationService(ctx), compilation(ctx), training(ctx), clock(ctx), settings(ctx)),
    );
    bind(EdgeUseCases.getCompilationStatus).toDynamicValue(
      (ctx) => new GetCompilationStatus(compilationService(ctx), compilation(ctx), store(ctx), clock(ctx), settings(ctx)),
    );
    bind(EdgeUseCases.packageDeployment).toDynamicValue((ctx) => new PackageDeployment(store(ctx), compilation(ctx), deployments(ctx), clock(ctx), settings(ctx)));
    bind(EdgeUseCases.publishComponent).toDynamicValue(
      (ctx) => new PublishComponent(ctx.get<ComponentPublisher>(ComponentPublisherToken), deployments(ctx), clock(ctx), settings(ctx)),
    );
    bind(EdgeUseCases.getDeployment).toDynamicValue((ctx) => new GetDeployment(deployments(ctx), settings(ctx)));
    bind(EdgeUseCases.storeRunResults).toDynamicValue(
      (ctx) =>
        new StoreRunResults(
          ctx.get<JobRepository>(JobRepositoryToken),
          ctx.get<RunRepository>(RunRepositoryToken),
          store(ctx),
          clock(ctx),
          ctx.get<ResultsSettings>(ResultsSettingsToken),
        ),
    );

    // --- images (spec 003) and migrate-batch, for the Lambdas ---
    const logger = options.logger ?? SILENT;
    bind<MongoBox>(LambdaMongoToken)
      .toDynamicValue(() => {
        if (!config.mongodb.uri) throw new Error('MONGODB_URI is not set: the image handlers need MongoDB');
        const connection = connectMongo(config.mongodb.uri);
        connection.catch(() => undefined); // a failed connect is reported to the request that awaits it
        return { connection };
      })
      .onDeactivation(async ({ connection }) => (await connection.catch(() => undefined))?.close());
    bind<AssignmentRepository>(LambdaAssignmentsToken).toDynamicValue((ctx) => {
      const connecting = ctx.get<MongoBox>(LambdaMongoToken).connection;
      const ready = connecting.then(async (c) => {
        const repository = new MongoAssignmentRepository(c.client.db(config.mongodb.database));
        await repository.ensureIndexes();
        return repository;
      });
      ready.catch(() => undefined); // reported to the calls below, never as an unhandled rejection
      // The repository is used only after the connection (and the unique index) are ready.
      return {
        find: async (id) => (await ready).find(id),
        upsertImage: async (id, update) => (await ready).upsertImage(id, update),
        clearImage: async (id) => (await ready).clearImage(id),
        legacyImages: async function* () {
          yield* (await ready).legacyImages();
        },
      };
    });
    bind<ImageStorageConfig>(LambdaImageConfigToken).toConstantValue(
      imageStorageConfig({ bucket: options.imagesBucket ?? config.artifactBucket, ...(options.cloudfrontDomain ? { cloudfrontDomain: options.cloudfrontDomain } : {}) }),
    );
    const images = (ctx: ResolutionContext) => ({
      store: store(ctx),
      assignments: ctx.get<AssignmentRepository>(LambdaAssignmentsToken),
      clock: clock(ctx),
      logger,
      config: ctx.get<ImageStorageConfig>(LambdaImageConfigToken),
    });
    bind(EdgeUseCases.storeAssignmentImage).toDynamicValue((ctx) => new StoreAssignmentImage({ ...images(ctx), optimizer: new SharpImageOptimizer() }));
    bind(EdgeUseCases.getAssignmentImage).toDynamicValue((ctx) => new GetAssignmentImage(images(ctx)));
    bind(EdgeUseCases.getImageUrl).toDynamicValue((ctx) => new GetImageUrl(images(ctx)));
    bind<MigrateBatch>(EdgeUseCases.migrateBatch).toDynamicValue((ctx) => ({
      execute: (event) => {
        const journalId = event.job?.userArguments?.journalId ?? options.migrationJournalId;
        if (!journalId) throw new MissingJournalError();
        const journal = new DynamoDbMigrationJournal(documents(ctx), tables(ctx).migrationJournal, journalId);
        return processBatchTasks(event, { journal, store: store(ctx), clock: clock(ctx) });
      },
    }));
  });
}

/** The S3 credentials the config already resolved, for the ML clients (same account, same keys). */
function credentialsEnv(config: EdgecvConfig): NodeJS.ProcessEnv {
  const c = config.s3.credentials;
  return c ? { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}) } : {};
}
