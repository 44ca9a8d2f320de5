// The training -> compilation -> packaging -> publishing workflow against the local stack: real
// S3 and DynamoDB (the records in the tables the migration's cut-over rewrites), the simulated
// ML services doing to the bucket what SageMaker, Neo and Greengrass do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PathResolver, S3PathConfig } from '@edgecv/domain';
import { createTestBucket, emptyAndDeleteBucket, uniqueName } from '@edgecv/test-harness';
import {
  ArtifactNotReadyError,
  CompilationJobAlreadyExistsError,
  DEFAULT_EDGE_SETTINGS,
  DeploymentAlreadyExistsError,
  GetCompilationStatus,
  GetDeployment,
  GetTrainingJob,
  PackageDeployment,
  PublishComponent,
  StartCompilation,
  StartTrainingJob,
  TrainingJobAlreadyExistsError,
  type EdgeSettings,
} from '@edgecv/use-cases';
import { readZip } from '../archive/readZip.fixture';
import { createDynamoClients, dynamoConfigFromEnv } from '../dynamodb/DynamoDbConfig';
import { DynamoDbArtifactReferenceStore } from '../dynamodb/DynamoDbArtifactReferenceStore';
import { DynamoDbCompilationRecordRepository } from '../dynamodb/DynamoDbCompilationRecordRepository';
import { DynamoDbDeploymentRecordRepository } from '../dynamodb/DynamoDbDeploymentRecordRepository';
import { DynamoDbTrainingRecordRepository } from '../dynamodb/DynamoDbTrainingRecordRepository';
import { ensureTables } from '../dynamodb/ensureTables';
import { tableNames, type TableNames } from '../dynamodb/tables';
import { S3ObjectStore } from '../s3/S3ObjectStore';
import { s3ConfigFromEnv } from '../s3/S3ObjectStoreConfig';
import { SimulatedCompilationService, SimulatedComponentPublisher, SimulatedTrainingService } from './SimulatedMlServices';

const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
const store = new S3ObjectStore(s3ConfigFromEnv(process.env));
const clock = { now: () => new Date() };
let names: TableNames;
let bucket: string;
let settings: EdgeSettings;

beforeAll(async () => {
  names = tableNames(`${uniqueName('edge')}-`);
  await ensureTables(client, names);
  bucket = await createTestBucket({ prefix: 'edge' });
  settings = { ...DEFAULT_EDGE_SETTINGS, bucket, pathConfig: S3PathConfig.create({ bucket }), sageMakerRoleArn: 'arn:aws:iam::000000000000:role/sm' };
});
afterAll(async () => {
  await emptyAndDeleteBucket(bucket);
  client.destroy();
  store.client.destroy();
});

function wiring() {
  const training = new DynamoDbTrainingRecordRepository(documents, names);
  const compilation = new DynamoDbCompilationRecordRepository(documents, names);
  const deployments = new DynamoDbDeploymentRecordRepository(documents, names);
  const sagemaker = new SimulatedTrainingService(store);
  const neo = new SimulatedCompilationService(store);
  return {
    training,
    compilation,
    deployments,
    startTraining: new StartTrainingJob(sagemaker, training, clock, settings),
    getTraining: new GetTrainingJob(sagemaker, training, clock, settings),
    startCompilation: new StartCompilation(neo, compilation, training, clock, settings),
    getCompilation: new GetCompilationStatus(neo, compilation, store, clock, settings),
    packageDeployment: new PackageDeployment(store, compilation, deployments, clock, settings),
    publish: new PublishComponent(new SimulatedComponentPublisher(store), deployments, clock, settings),
    getDeployment: new GetDeployment(deployments, settings),
  };
}

describe('edge workflow on the local stack', () => {
  it('trains, compiles for two targets, packages and publishes, every artifact in the new layout and every record where cut-over finds it', async () => {
    const w = wiring();
    const resolver = new PathResolver(settings.pathConfig);
    await w.startTraining.execute({ jobName: 'cat-detector-1', inputDataUri: `s3://${bucket}/datasets/raw/cats/`, trainingImage: 'img' });
    await expect(w.startTraining.execute({ jobName: 'cat-detector-1', inputDataUri: `s3://${bucket}/datasets/raw/cats/`, trainingImage: 'img' })).rejects.toBeInstanceOf(TrainingJobAlreadyExistsError);
    expect((await w.getTraining.execute('cat-detector-1')).state).toBe('Completed');
    expect(await store.head(bucket, 'models/training/cat-detector-1/output/model.tar.gz')).toBeDefined();

    const compileInput = { jobName: 'cat-compile-1', targets: ['jetson_nano', 'rasp4b'], source: { trainingJob: 'cat-detector-1' }, framework: 'PYTORCH' as const, dataInputConfig: '{"input0":[1,3,224,224]}' };
    await w.startCompilation.execute(compileInput);
    await expect(w.startCompilation.execute(compileInput)).rejects.toBeInstanceOf(CompilationJobAlreadyExistsError);
    await expect(w.packageDeployment.execute({ name: 'cats-v1', compilationJob: 'cat-compile-1', target: 'jetson_nano' })).rejects.toBeInstanceOf(ArtifactNotReadyError);
    const status = await w.getCompilation.execute('cat-compile-1');
    expect(status.state).toBe('COMPLETED');
    expect(status.targets.map((t) => t.outputUri)).toEqual([
      `s3://${bucket}/models/compilation/cat-compile-1/jetson_nano/model.tar.gz`,
      `s3://${bucket}/models/compilation/cat-compile-1/rasp4b/model.tar.gz`,
    ]);
    // Neo's own file name stays beside the promoted canonical model.
    expect(await store.head(bucket, 'models/compilation/cat-compile-1/jetson_nano/model-jetson_nano.tar.gz')).toBeDefined();
    expect(await store.head(bucket, 'models/compilation/cat-compile-1/jetson_nano/model.tar.gz')).toBeDefined();

    const packaged = await w.packageDeployment.execute({ name: 'cats-v1', compilationJob: 'cat-compile-1', target: 'jetson_nano', parameters: { threshold: 0.5 } });
    await expect(w.packageDeployment.execute({ name: 'cats-v1', compilationJob: 'cat-compile-1', target: 'jetson_nano' })).rejects.toBeInstanceOf(DeploymentAlreadyExistsError);
    expect(packaged.modelUri).toBe(`s3://${bucket}/deployments/cats-v1/model.tar.gz`);
    const listed = [];
    for await (const o of store.list(bucket, 'deployments/cats-v1/')) listed.push(o.key);
    expect(listed).toEqual(['deployments/cats-v1/component.zip', 'deployments/cats-v1/config.json', 'deployments/cats-v1/model.tar.gz']);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'edge-zip-'));
    try {
      const zipFile = path.join(dir, 'component.zip');
      const chunks: Buffer[] = [];
      for await (const c of await store.getStream(bucket, 'deployments/cats-v1/component.zip')) chunks.push(c as Buffer);
      await writeFile(zipFile, Buffer.concat(chunks));
      const entries = await readZip(zipFile);
      expect(entries.map((e) => [e.name, e.mode & 0o777])).toEqual([['run.sh', 0o755], ['config.json', 0o644]]);
      expect(JSON.parse(entries[1]?.text ?? '')).toMatchObject({ deployment: 'cats-v1', target: 'jetson_nano', parameters: { threshold: 0.5 } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const published = await w.publish.execute({ deployment: 'cats-v1' });
    expect(published.state).toBe('DEPLOYABLE');
    expect((await w.getDeployment.execute('cats-v1')).component?.componentName).toBe('com.edgecv.cats-v1');

    // The migration's reference stores see exactly these URIs, all already conforming.
    const references = [];
    for (const referenceStore of DynamoDbArtifactReferenceStore.all(documents, names)) for await (const r of referenceStore.list()) references.push(r);
    expect(references.map((r) => `${r.store}:${r.recordId}:${r.attribute}`).sort()).toEqual([
      'compilation:cat-compile-1/jetson_nano:output_uri',
      'compilation:cat-compile-1/rasp4b:output_uri',
      'deployment:cats-v1:artifact_uris[0]',
      'deployment:cats-v1:artifact_uris[1]',
      'deployment:cats-v1:artifact_uris[2]',
      'training:cat-detector-1:model_artifact_uri',
      'training:cat-detector-1:output_uri',
    ]);
    for (const r of references) expect(resolver.classify(r.uri.slice(`s3://${bucket}/`.length)).status).toBe('conforming');
  });

  it('answers a record cut-over has not reached yet in the new layout, and the same after cut-over rewrote it', async () => {
    const w = wiring();
    const legacy = `s3://${bucket}/compilation-output/old-compile/model-jetson_nano.tar.gz`;
    await w.compilation.createAll([
      { jobName: 'old-compile', target: 'jetson_nano', neoJobName: 'old-compile-jetson-nano', state: 'COMPLETED', outputUri: legacy, sourceModelUri: `s3://${bucket}/datasets//training-output/old/output/model.tar.gz`, framework: 'MXNET', createdAt: new Date(), updatedAt: new Date() },
    ]);
    const expected = `s3://${bucket}/models/compilation/old-compile/jetson_nano/model.tar.gz`;
    const before = await w.getCompilation.execute('old-compile');
    expect(before.targets[0]).toMatchObject({ outputUri: expected, legacyRecord: true });
    expect(before.sourceModelUri).toBe(`s3://${bucket}/models/training/old/output/model.tar.gz`);

    const [, compilationStore] = DynamoDbArtifactReferenceStore.all(documents, names);
    expect(await compilationStore!.replace('old-compile/jetson_nano', 'output_uri', legacy, expected)).toBe('replaced');
    const after = await w.getCompilation.execute('old-compile');
    expect(after.targets[0]).toMatchObject({ outputUri: expected, legacyRecord: false });
  });

  it('updates only the state of a record, never the URIs cut-over may be rewriting', async () => {
    const w = wiring();
    await w.training.create({ jobName: 'racing', state: 'InProgress', outputUri: `s3://${bucket}/training-output/racing/`, modelArtifactUri: `s3://${bucket}/training-output/racing/output/model.tar.gz`, inputDataUri: `s3://${bucket}/datasets/raw/x/`, trainingImage: 'img', instanceType: 'ml.m5.xlarge', createdAt: new Date(), updatedAt: new Date() });
    const [trainingStore] = DynamoDbArtifactReferenceStore.all(documents, names);
    await trainingStore!.replace('racing', 'output_uri', `s3://${bucket}/training-output/racing/`, `s3://${bucket}/models/training/racing/`);
    await w.training.updateState('racing', { state: 'Failed', updatedAt: new Date(), failureReason: 'AlgorithmError' });
    expect(await w.training.find('racing')).toMatchObject({ state: 'Failed', failureReason: 'AlgorithmError', outputUri: `s3://${bucket}/models/training/racing/` });
    await expect(w.training.updateState('nope', { state: 'Failed', updatedAt: new Date() })).rejects.toMatchObject({ code: 'TRAINING_JOB_NOT_FOUND' });
  });
});
