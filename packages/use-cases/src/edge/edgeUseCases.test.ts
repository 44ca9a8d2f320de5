import { InvalidUriError } from '@edgecv/domain';
import {
  ArtifactNotReadyError,
  CompilationJobAlreadyExistsError,
  DeploymentNotFoundError,
  InvalidComponentVersionError,
  InvalidJobNameError,
  InvalidTargetError,
  NoTargetsError,
  TrainingJobAlreadyExistsError,
  TrainingJobNotFoundError,
} from './EdgeErrors';
import {
  MemoryCompilationRecords,
  MemoryDeploymentRecords,
  MemoryTrainingRecords,
  RecordingCompilationService,
  RecordingPublisher,
  RecordingTrainingService,
  edgeSettings,
  fixedClock,
} from './edgeWorld.fixture';
import { GetDeployment } from './GetDeployment';
import { GetTrainingJob } from './GetTrainingJob';
import { PublishComponent } from './PublishComponent';
import { StartCompilation } from './StartCompilation';
import { StartTrainingJob } from './StartTrainingJob';
import { neoJobName } from './sageMakerNames';

const TRAINING_INPUT = { inputDataUri: 's3://edge-bucket/datasets/raw/cats/', trainingImage: '123.dkr.ecr.us-east-1.amazonaws.com/yolo:1' };

function world(prefix = '') {
  const settings = edgeSettings('edge-bucket', prefix);
  const training = new RecordingTrainingService();
  const compilation = new RecordingCompilationService();
  const publisher = new RecordingPublisher();
  const trainingRecords = new MemoryTrainingRecords();
  const compilationRecords = new MemoryCompilationRecords();
  const deployments = new MemoryDeploymentRecords();
  return {
    settings,
    training,
    compilation,
    publisher,
    trainingRecords,
    compilationRecords,
    deployments,
    startTraining: new StartTrainingJob(training, trainingRecords, fixedClock, settings),
    getTraining: new GetTrainingJob(training, trainingRecords, fixedClock, settings),
    startCompilation: new StartCompilation(compilation, compilationRecords, trainingRecords, fixedClock, settings),
    publish: new PublishComponent(publisher, deployments, fixedClock, settings),
    getDeployment: new GetDeployment(deployments, settings),
  };
}

describe('StartTrainingJob', () => {
  it('gives SageMaker the training root as S3OutputPath and the job as TrainingJobName, so the model lands at models/training/{job}/output/model.tar.gz', async () => {
    const w = world();
    const started = await w.startTraining.execute({ jobName: 'cat-detector-1', ...TRAINING_INPUT });
    expect(w.training.requests[0]).toMatchObject({ jobName: 'cat-detector-1', outputPath: 's3://edge-bucket/models/training/', roleArn: w.settings.sageMakerRoleArn });
    expect(started).toMatchObject({
      s3OutputPath: 's3://edge-bucket/models/training/',
      outputUri: 's3://edge-bucket/models/training/cat-detector-1/',
      modelArtifactUri: 's3://edge-bucket/models/training/cat-detector-1/output/model.tar.gz',
    });
    expect(w.trainingRecords.items.get('cat-detector-1')).toMatchObject({ state: 'InProgress', modelArtifactUri: started.modelArtifactUri, outputUri: started.outputUri });
  });

  it('puts the bucket prefix in front of every path', async () => {
    const w = world('team-a');
    const started = await w.startTraining.execute({ jobName: 'j1', ...TRAINING_INPUT });
    expect(w.training.requests[0]?.outputPath).toBe('s3://edge-bucket/team-a/models/training/');
    expect(started.modelArtifactUri).toBe('s3://edge-bucket/team-a/models/training/j1/output/model.tar.gz');
  });

  it('refuses names SageMaker would refuse, before calling it', async () => {
    const w = world();
    for (const bad of ['my job', 'under_score', '-lead', 'x'.repeat(64), '']) {
      await expect(w.startTraining.execute({ jobName: bad, ...TRAINING_INPUT })).rejects.toBeInstanceOf(InvalidJobNameError);
    }
    await expect(w.startTraining.execute({ jobName: 'ok', ...TRAINING_INPUT, inputDataUri: 'datasets/raw' })).rejects.toBeInstanceOf(InvalidUriError);
    expect(w.training.requests).toHaveLength(0);
  });

  it('does not start a second SageMaker job under a name that exists', async () => {
    const w = world();
    await w.startTraining.execute({ jobName: 'j1', ...TRAINING_INPUT });
    await expect(w.startTraining.execute({ jobName: 'j1', ...TRAINING_INPUT })).rejects.toBeInstanceOf(TrainingJobAlreadyExistsError);
    expect(w.training.requests).toHaveLength(1);
  });
});

describe('GetTrainingJob', () => {
  it('refreshes a running job from SageMaker and records the new state', async () => {
    const w = world();
    await w.startTraining.execute({ jobName: 'j1', ...TRAINING_INPUT });
    w.training.state = 'Completed';
    const view = await w.getTraining.execute('j1');
    expect(view).toMatchObject({ state: 'Completed', legacyRecord: false, modelArtifactUri: 's3://edge-bucket/models/training/j1/output/model.tar.gz' });
    expect(w.trainingRecords.items.get('j1')?.state).toBe('Completed');
  });

  it('answers a record that still holds legacy URIs in the new layout', async () => {
    const w = world();
    await w.trainingRecords.create({
      jobName: 'old-job',
      state: 'Completed',
      outputUri: 's3://edge-bucket/datasets//training-output/old-job/',
      modelArtifactUri: 's3://edge-bucket/datasets//training-output/old-job/output/model.tar.gz',
      inputDataUri: 's3://edge-bucket/datasets/cats/',
      trainingImage: 'img',
      instanceType: 'ml.m5.xlarge',
      createdAt: fixedClock.now(),
      updatedAt: fixedClock.now(),
    });
    const view = await w.getTraining.execute('old-job');
    expect(view).toMatchObject({
      legacyRecord: true,
      outputUri: 's3://edge-bucket/models/training/old-job/',
      modelArtifactUri: 's3://edge-bucket/models/training/old-job/output/model.tar.gz',
      inputDataUri: 's3://edge-bucket/datasets/raw/cats/',
    });
  });

  it('says which job is unknown', async () => {
    await expect(world().getTraining.execute('nope')).rejects.toMatchObject({ code: 'TRAINING_JOB_NOT_FOUND', jobName: 'nope' });
  });
});

describe('StartCompilation', () => {
  it('starts one Neo job per target, each writing into models/compilation/{job}/{target}/', async () => {
    const w = world();
    const started = await w.startCompilation.execute({
      jobName: 'cat-compile-1',
      targets: ['rasp4b', 'jetson_nano', 'jetson_nano'],
      source: { modelUri: 's3://edge-bucket/models/training/cat-detector-1/output/model.tar.gz' },
      framework: 'PYTORCH',
      dataInputConfig: '{"input0":[1,3,224,224]}',
    });
    expect(w.compilation.requests.map((r) => [r.neoJobName, r.targetDevice, r.outputLocation])).toEqual([
      ['cat-compile-1-jetson-nano', 'jetson_nano', 's3://edge-bucket/models/compilation/cat-compile-1/jetson_nano/'],
      ['cat-compile-1-rasp4b', 'rasp4b', 's3://edge-bucket/models/compilation/cat-compile-1/rasp4b/'],
    ]);
    expect(started.targets.map((t) => t.outputUri)).toEqual([
      's3://edge-bucket/models/compilation/cat-compile-1/jetson_nano/model.tar.gz',
      's3://edge-bucket/models/compilation/cat-compile-1/rasp4b/model.tar.gz',
    ]);
    expect(w.compilation.requests.every((r) => r.modelUri === started.sourceModelUri)).toBe(true);
  });

  it('compiles a training job only once it completed, from where its model is now', async () => {
    const w = world();
    await w.startTraining.execute({ jobName: 't1', ...TRAINING_INPUT });
    const input = { jobName: 'c1', targets: ['ml_c5'], source: { trainingJob: 't1' }, framework: 'ONNX' as const, dataInputConfig: '{}' };
    await expect(w.startCompilation.execute(input)).rejects.toBeInstanceOf(ArtifactNotReadyError);
    await expect(w.startCompilation.execute({ ...input, source: { trainingJob: 'nope' } })).rejects.toBeInstanceOf(TrainingJobNotFoundError);
    w.training.state = 'Completed';
    await w.getTraining.execute('t1');
    const started = await w.startCompilation.execute(input);
    expect(started.sourceModelUri).toBe('s3://edge-bucket/models/training/t1/output/model.tar.gz');
  });

  it('refuses unknown targets, no targets, and a job that exists', async () => {
    const w = world();
    const input = { jobName: 'c1', targets: ['ml_c5'], source: { modelUri: 's3://edge-bucket/m/model.tar.gz' }, framework: 'ONNX' as const, dataInputConfig: '{}' };
    await expect(w.startCompilation.execute({ ...input, targets: ['jetson-nano'] })).rejects.toBeInstanceOf(InvalidTargetError);
    await expect(w.startCompilation.execute({ ...input, targets: [] })).rejects.toBeInstanceOf(NoTargetsError);
    await w.startCompilation.execute(input);
    await expect(w.startCompilation.execute(input)).rejects.toBeInstanceOf(CompilationJobAlreadyExistsError);
    expect(w.compilation.requests).toHaveLength(1);
  });

  it('names Neo jobs with hyphens only, one per target', () => {
    expect(neoJobName('job', 'jetson_xavier')).toBe('job-jetson-xavier');
    expect(() => neoJobName('j'.repeat(60), 'jetson_xavier')).toThrow(InvalidJobNameError);
  });
});

describe('PublishComponent', () => {
  const record = (artifactUris: string[]) => ({ name: 'cats-v1', artifactUris, compilationJob: 'c1', target: 'jetson_nano', createdAt: fixedClock.now() });

  it('publishes a recipe whose artifacts are the deployment files, and records the component', async () => {
    const w = world();
    const uris = ['model.tar.gz', 'config.json', 'component.zip'].map((f) => `s3://edge-bucket/deployments/cats-v1/${f}`);
    await w.deployments.create(record(uris));
    const published = await w.publish.execute({ deployment: 'cats-v1', componentVersion: '1.2.3' });
    const recipe = w.publisher.recipes[0]!;
    expect(recipe).toMatchObject({ ComponentName: 'com.edgecv.cats-v1', ComponentVersion: '1.2.3' });
    expect(recipe.Manifests[0]?.Artifacts.map((a) => a.Uri)).toEqual(uris);
    expect(published.state).toBe('DEPLOYABLE');
    expect(w.deployments.items.get('cats-v1')?.component).toMatchObject({ componentVersion: '1.2.3', arn: published.arn });
  });

  it('points a deployment packaged before the migration at where its files are now', async () => {
    const w = world();
    await w.deployments.create(record(['model.tar.gz', 'config.json', 'component.zip'].map((f) => `s3://edge-bucket/packaged-models/cats-v1/${f}`)));
    await w.publish.execute({ deployment: 'cats-v1' });
    expect(w.publisher.recipes[0]?.Manifests[0]?.Artifacts.map((a) => a.Uri)).toEqual(
      ['model.tar.gz', 'config.json', 'component.zip'].map((f) => `s3://edge-bucket/deployments/cats-v1/${f}`),
    );
    expect((await w.getDeployment.execute('cats-v1')).legacyRecord).toBe(true);
  });

  it('refuses versions that are not MAJOR.MINOR.PATCH and unknown deployments', async () => {
    const w = world();
    await expect(w.publish.execute({ deployment: 'cats-v1', componentVersion: '1.0' })).rejects.toBeInstanceOf(InvalidComponentVersionError);
    await expect(w.publish.execute({ deployment: 'nope' })).rejects.toBeInstanceOf(DeploymentNotFoundError);
    expect(w.publisher.recipes).toHaveLength(0);
  });
});
