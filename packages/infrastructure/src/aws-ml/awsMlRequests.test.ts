// The requests the edge use cases make of SageMaker, Neo and Greengrass, asserted at the SDK
// client (the only place these services are mocked): the layout's paths are what AWS receives.
import { ResourceInUse, SageMakerClient, SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import { S3PathConfig } from '@edgecv/domain';
import {
  DEFAULT_EDGE_SETTINGS,
  GetTrainingJob,
  PublishComponent,
  ServiceConflictError,
  ServiceRejectedError,
  ServiceThrottledError,
  StartCompilation,
  StartTrainingJob,
  type EdgeSettings,
} from '@edgecv/use-cases';
import { MemoryCompilationRecords, MemoryDeploymentRecords, MemoryTrainingRecords, fixedClock } from '../../../use-cases/src/edge/edgeWorld.fixture';
import { GreengrassComponentPublisher } from './GreengrassComponentPublisher';
import { NeoCompilationService } from './NeoCompilationService';
import { SageMakerTrainingService } from './SageMakerTrainingService';
import { captureCommands } from './sdkCapture.fixture';

const settings: EdgeSettings = {
  ...DEFAULT_EDGE_SETTINGS,
  bucket: 'edge-bucket',
  pathConfig: S3PathConfig.create({ bucket: 'edge-bucket' }),
  sageMakerRoleArn: 'arn:aws:iam::123456789012:role/edgecv-sagemaker',
};
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('SageMakerTrainingService', () => {
  it('sends CreateTrainingJob with S3OutputPath = the training root and TrainingJobName = the job', async () => {
    const client = new SageMakerClient({ region: 'eu-west-1', credentials });
    const calls = captureCommands(client, (name) =>
      name === 'CreateTrainingJobCommand'
        ? { TrainingJobArn: 'arn:aws:sagemaker:eu-west-1:123456789012:training-job/cat-detector-1' }
        : { TrainingJobStatus: 'Completed', ModelArtifacts: { S3ModelArtifacts: 's3://edge-bucket/models/training/cat-detector-1/output/model.tar.gz' } },
    );
    const service = new SageMakerTrainingService({ client });
    const records = new MemoryTrainingRecords();
    const started = await new StartTrainingJob(service, records, fixedClock, settings).execute({
      jobName: 'cat-detector-1',
      inputDataUri: 's3://edge-bucket/datasets/raw/cats/',
      trainingImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/yolo:1',
      hyperParameters: { epochs: '10' },
    });
    expect(calls[0]?.commandName).toBe('CreateTrainingJobCommand');
    expect(calls[0]?.target).toBe('SageMaker.CreateTrainingJob');
    expect(calls[0]?.body).toEqual({
      TrainingJobName: 'cat-detector-1',
      RoleArn: 'arn:aws:iam::123456789012:role/edgecv-sagemaker',
      AlgorithmSpecification: { TrainingImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/yolo:1', TrainingInputMode: 'File' },
      InputDataConfig: [
        { ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://edge-bucket/datasets/raw/cats/', S3DataDistributionType: 'FullyReplicated' } } },
      ],
      OutputDataConfig: { S3OutputPath: 's3://edge-bucket/models/training/' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
      HyperParameters: { epochs: '10' },
      Tags: [{ Key: 'edgecv:job', Value: 'cat-detector-1' }],
    });
    expect(started.arn).toBe('arn:aws:sagemaker:eu-west-1:123456789012:training-job/cat-detector-1');

    const view = await new GetTrainingJob(service, records, fixedClock, settings).execute('cat-detector-1');
    expect(calls[1]).toMatchObject({ commandName: 'DescribeTrainingJobCommand', body: { TrainingJobName: 'cat-detector-1' } });
    expect(view).toMatchObject({ state: 'Completed', modelArtifactUri: 's3://edge-bucket/models/training/cat-detector-1/output/model.tar.gz' });
  });
});

describe('NeoCompilationService', () => {
  it('sends one CreateCompilationJob per target with S3OutputLocation = models/compilation/{job}/{target}/', async () => {
    const client = new SageMakerClient({ region: 'eu-west-1', credentials });
    const calls = captureCommands(client, (_name, input) => ({ CompilationJobArn: `arn:aws:sagemaker:eu-west-1:123456789012:compilation-job/${String(input.CompilationJobName)}` }));
    const started = await new StartCompilation(new NeoCompilationService({ client }), new MemoryCompilationRecords(), new MemoryTrainingRecords(), fixedClock, settings).execute({
      jobName: 'cat-compile-1',
      targets: ['jetson_nano', 'ml_c5'],
      source: { modelUri: 's3://edge-bucket/models/training/cat-detector-1/output/model.tar.gz' },
      framework: 'PYTORCH',
      dataInputConfig: '{"input0":[1,3,224,224]}',
    });
    expect(calls.map((c) => c.target)).toEqual(['SageMaker.CreateCompilationJob', 'SageMaker.CreateCompilationJob']);
    expect(calls.map((c) => c.body)).toEqual(
      [['jetson_nano', 'jetson-nano'], ['ml_c5', 'ml-c5']].map(([target, suffix]) => ({
        CompilationJobName: `cat-compile-1-${suffix}`,
        RoleArn: 'arn:aws:iam::123456789012:role/edgecv-sagemaker',
        InputConfig: { S3Uri: 's3://edge-bucket/models/training/cat-detector-1/output/model.tar.gz', DataInputConfig: '{"input0":[1,3,224,224]}', Framework: 'PYTORCH' },
        OutputConfig: { S3OutputLocation: `s3://edge-bucket/models/compilation/cat-compile-1/${target}/`, TargetDevice: target },
        StoppingCondition: { MaxRuntimeInSeconds: 900 },
        Tags: [{ Key: 'edgecv:target', Value: target }],
      })),
    );
    expect(started.targets.map((t) => t.arn)).toEqual(calls.map((c) => `arn:aws:sagemaker:eu-west-1:123456789012:compilation-job/${String(c.body.CompilationJobName)}`));
  });

  it('reads the status and what Neo wrote from DescribeCompilationJob', async () => {
    const client = new SageMakerClient({ region: 'eu-west-1', credentials });
    const calls = captureCommands(client, () => ({ CompilationJobStatus: 'FAILED', FailureReason: 'ClientError: bad shape' }));
    const described = await new NeoCompilationService({ client }).describe('c-jetson-nano');
    expect(calls[0]).toMatchObject({ target: 'SageMaker.DescribeCompilationJob', body: { CompilationJobName: 'c-jetson-nano' } });
    expect(described).toEqual({ neoJobName: 'c-jetson-nano', state: 'FAILED', failureReason: 'ClientError: bad shape' });
  });
});

describe('GreengrassComponentPublisher', () => {
  it('sends CreateComponentVersion with an inline recipe whose artifacts are the deployment keys, idempotent per version', async () => {
    const client = new GreengrassV2Client({ region: 'eu-west-1', credentials });
    const calls = captureCommands(client, () => ({
      arn: 'arn:aws:greengrass:eu-west-1:123456789012:components:com.edgecv.cats-v1:versions:1.0.0',
      componentName: 'com.edgecv.cats-v1',
      componentVersion: '1.0.0',
      status: { componentState: 'REQUESTED' },
    }));
    const deployments = new MemoryDeploymentRecords();
    const uris = ['model.tar.gz', 'config.json', 'component.zip'].map((f) => `s3://edge-bucket/deployments/cats-v1/${f}`);
    await deployments.create({ name: 'cats-v1', artifactUris: uris, compilationJob: 'c1', target: 'jetson_nano', createdAt: fixedClock.now() });
    const published = await new PublishComponent(new GreengrassComponentPublisher({ client }), deployments, fixedClock, settings).execute({ deployment: 'cats-v1' });
    const sent = calls[0]!;
    expect(sent.commandName).toBe('CreateComponentVersionCommand');
    const recipe = JSON.parse(Buffer.from(String(sent.body.inlineRecipe), 'base64').toString('utf8'));
    expect(recipe).toMatchObject({ RecipeFormatVersion: '2020-01-25', ComponentName: 'com.edgecv.cats-v1', ComponentVersion: '1.0.0' });
    expect(recipe.Manifests[0].Artifacts).toEqual([
      { Uri: uris[0], Unarchive: 'NONE' },
      { Uri: uris[1], Unarchive: 'NONE' },
      { Uri: uris[2], Unarchive: 'ZIP' },
    ]);
    expect(sent.body.tags).toEqual({ 'edgecv:deployment': 'cats-v1' });
    expect(sent.body.clientToken).toMatch(/^[0-9a-f]{64}$/);
    expect(published).toMatchObject({ state: 'REQUESTED', componentVersion: '1.0.0' });
    expect((await deployments.find('cats-v1'))?.component?.arn).toBe(published.arn);
  });
});

describe('AWS ML adapters translate the services\' errors', () => {
  const failing = (error: Error) => {
    // One attempt: the SDK's retries of a throttled call are not what this test is about.
    const client = new SageMakerClient({ region: 'eu-west-1', credentials, maxAttempts: 1 });
    captureCommands(client, () => {
      throw error;
    });
    return new SageMakerTrainingService({ client });
  };
  const exception = (name: string, status: number) =>
    new SageMakerServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} from SageMaker` });

  it.each([
    ['throttling, as SAGEMAKER_THROTTLED', exception('ThrottlingException', 400), ServiceThrottledError, 'SAGEMAKER_THROTTLED'],
    ['a refused request, as SAGEMAKER_REJECTED', exception('ValidationException', 400), ServiceRejectedError, 'SAGEMAKER_REJECTED'],
    ['a name in use, as SAGEMAKER_CONFLICT', new ResourceInUse({ $metadata: { httpStatusCode: 400 }, message: 'in use' }), ServiceConflictError, 'SAGEMAKER_CONFLICT'],
  ])('reports %s, keeping the SDK error as its cause', async (_what, error, type, code) => {
    const refused = await failing(error).describe('t-1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(type);
    expect(refused).toMatchObject({ code, service: 'SAGEMAKER', operation: 'DescribeTrainingJob', cause: error });
  });
});
