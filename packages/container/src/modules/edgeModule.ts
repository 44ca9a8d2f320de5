// Training, compilation, packaging and publishing (spec 000-002). The ML services are
// SageMaker/Neo/Greengrass in AWS, or the simulated ones that do the same to the bucket when the
// local stack runs (config.edge.mlServices 'simulated'), each family in its own module so that a
// Lambda that only trains carries no Greengrass client and one that only publishes no SageMaker.
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

/** The SageMaker client's connection settings (Neo is SageMaker too). */
function mlClientConfig(config: EdgecvConfig) {
  return { region: config.region, ...(config.s3.credentials ? { credentials: config.s3.credentials } : {}), retry: config.retry };
}

/** Training and compilation: SageMaker and Neo, or their simulated stand-ins on the local stack. */
export function sageMakerModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    if (config.edge.mlServices === 'simulated') {
      bind<TrainingService>(TrainingServiceToken).toDynamicValue((ctx) => new SimulatedTrainingService(ctx.get<ObjectStore>(ObjectStoreToken), config.region));
      bind<CompilationService>(CompilationServiceToken).toDynamicValue((ctx) => new SimulatedCompilationService(ctx.get<ObjectStore>(ObjectStoreToken), config.region));
      return;
    }
    bind<TrainingService>(TrainingServiceToken)
      .toDynamicValue(() => new SageMakerTrainingService(mlClientConfig(config)))
      .onDeactivation((s) => (s as SageMakerTrainingService).client.destroy());
    bind<CompilationService>(CompilationServiceToken)
      .toDynamicValue(() => new NeoCompilationService(mlClientConfig(config)))
      .onDeactivation((s) => (s as NeoCompilationService).client.destroy());
  });
}

/** Publishing components: Greengrass, or its simulated stand-in on the local stack. */
export function greengrassModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    if (config.edge.mlServices === 'simulated') {
      bind<ComponentPublisher>(ComponentPublisherToken).toDynamicValue((ctx) => new SimulatedComponentPublisher(ctx.get<ObjectStore>(ObjectStoreToken), config.region));
      return;
    }
    bind<ComponentPublisher>(ComponentPublisherToken)
      .toDynamicValue(() => new GreengrassComponentPublisher(mlClientConfig(config)))
      .onDeactivation((s) => (s as GreengrassComponentPublisher).client.destroy());
  });
}

type EdgeGroup = Resolved<typeof EdgeUseCases>;

/** Every edge use case (the CLI, serve). */
export const EDGE: Capability<'edge', EdgeGroup> = { name: 'edge', modules: [edgeModule, sageMakerModule, greengrassModule], open: (container) => useCaseGroup(container, EdgeUseCases) };

const { startTrainingJob, getTrainingJob, startCompilation, getCompilationStatus, packageDeployment, getDeployment, publishComponent } = EdgeUseCases;

/** `edgecv.edge` with the training and compilation use cases only: no Greengrass client (a Lambda's bundle). */
export const EDGE_TRAINING: Capability<'edge', Pick<EdgeGroup, 'startTrainingJob' | 'getTrainingJob' | 'startCompilation' | 'getCompilationStatus'>> = {
  name: 'edge',
  modules: [edgeModule, sageMakerModule],
  open: (container) => useCaseGroup(container, { startTrainingJob, getTrainingJob, startCompilation, getCompilationStatus }),
};

/** `edgecv.edge` with the deployment use cases only: no SageMaker client (a Lambda's bundle). */
export const EDGE_DEPLOYMENTS: Capability<'edge', Pick<EdgeGroup, 'packageDeployment' | 'getDeployment' | 'publishComponent'>> = {
  name: 'edge',
  modules: [edgeModule, greengrassModule],
  open: (container) => useCaseGroup(container, { packageDeployment, getDeployment, publishComponent }),
};
