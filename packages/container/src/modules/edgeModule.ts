// Training, compilation, packaging and publishing (spec 000-002). The ML services are
// SageMaker/Neo/Greengrass in AWS, or the simulated ones that do the same to the bucket when the
// local stack runs (config.edge.mlServices 'simulated').
import { ContainerModule, type ResolutionContext } from 'inversify';
import {
  ClockToken,
  CompilationRecordRepositoryToken,
  CompilationServiceToken,
  ComponentPublisherToken,
  DEFAULT_EDGE_SETTINGS,
  DeploymentRecordRepositoryToken,
  GetCompilationStatus,
  GetDeployment,
  GetTrainingJob,
  ObjectStoreToken,
  PackageDeployment,
  PublishComponent,
  StartCompilation,
  StartTrainingJob,
  TrainingRecordRepositoryToken,
  TrainingServiceToken,
  type Clock,
  type CompilationRecordRepository,
  type CompilationService,
  type ComponentPublisher,
  type DeploymentRecordRepository,
  type EdgeSettings,
  type ObjectStore,
  type TrainingRecordRepository,
  type TrainingService,
} from '@edgecv/use-cases';
import {
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
} from '@edgecv/infrastructure/aws-ml';
import type { Capability } from '../Capability';
import type { EdgecvConfig } from '../EdgecvConfig';
import type { DynamoClients } from './coreModule';
import { token, useCaseGroup, type Resolved } from '../Token';
import { DynamoClientsToken, TableNamesToken } from '../tokens';

export const EdgeSettingsToken = token<EdgeSettings>('EdgeSettings');

export const EdgeUseCases = {
  startTrainingJob: token<StartTrainingJob>('useCase.startTrainingJob'),
  getTrainingJob: token<GetTrainingJob>('useCase.getTrainingJob'),
  startCompilation: token<StartCompilation>('useCase.startCompilation'),
  getCompilationStatus: token<GetCompilationStatus>('useCase.getCompilationStatus'),
  packageDeployment: token<PackageDeployment>('useCase.packageDeployment'),
  publishComponent: token<PublishComponent>('useCase.publishComponent'),
  getDeployment: token<GetDeployment>('useCase.getDeployment'),
} as const;

export function edgeModule(config: EdgecvConfig): ContainerModule {
  const options = config.edge;
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
    const ml = { region: config.region, ...(config.s3.credentials ? { credentials: config.s3.credentials } : {}), retry: config.retry };

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
  });
}

export const EDGE: Capability<'edge', Resolved<typeof EdgeUseCases>> = { name: 'edge', modules: [edgeModule], open: (container) => useCaseGroup(container, EdgeUseCases) };
