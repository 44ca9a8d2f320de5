// Stand-ins for SageMaker training, Neo and Greengrass on the local stack, which has no form of
// them (moto's SageMaker writes no model, and it has neither Neo nor Greengrass v2). They do to
// the bucket what the services do: training writes `{S3OutputPath}{job}/output/model.tar.gz`,
// Neo writes `{S3OutputLocation}{base}-{target}.tar.gz`, Greengrass checks that every artifact
// of the recipe exists. Jobs complete at once. Selected only by EDGECV_ML_SERVICES=simulated
// (the default on the local stack); never used against AWS.
import { Readable } from 'node:stream';
import { S3Uri } from '@edgecv/domain';
import {
  ServiceConflictError,
  ServiceResourceNotFoundError,
  type CompilationJobDescription,
  type CompilationJobRequest,
  type CompilationService,
  type ComponentPublisher,
  type ComponentRecipe,
  type ObjectStore,
  type PublishedComponent,
  type TrainingJobDescription,
  type TrainingJobRequest,
  type TrainingService,
} from '@edgecv/use-cases';
import { tinyTarGz } from './tinyTarGz';

const ACCOUNT = '000000000000';

/** The answers the real adapters give once they have translated the service's own errors. */
const notFound = (operation: string, name: string) => new ServiceResourceNotFoundError({ service: 'SAGEMAKER', operation, resource: name, providerCode: 'ResourceNotFound' }, 'resource');
const inUse = (operation: string, name: string) => new ServiceConflictError({ service: 'SAGEMAKER', operation, resource: name, providerCode: 'ResourceInUse', reason: `job names must be unique: ${name}` });

export class SimulatedTrainingService implements TrainingService {
  private readonly jobs = new Map<string, TrainingJobDescription>();

  constructor(
    private readonly store: ObjectStore,
    private readonly region = 'us-east-1',
  ) {}

  async start(r: TrainingJobRequest): Promise<{ arn: string }> {
    if (this.jobs.has(r.jobName)) throw inUse('CreateTrainingJob', r.jobName);
    const root = S3Uri.parse(r.outputPath);
    const key = `${root.key.value}${r.jobName}/output/model.tar.gz`;
    const model = tinyTarGz({ 'model.json': JSON.stringify({ simulated: true, jobName: r.jobName, image: r.trainingImage, input: r.inputDataUri }) });
    await this.store.putStream(root.bucket, key, Readable.from([model]), { contentType: 'application/gzip' });
    this.jobs.set(r.jobName, { jobName: r.jobName, state: 'Completed', modelArtifactUri: `s3://${root.bucket}/${key}` });
    return { arn: `arn:aws:sagemaker:${this.region}:${ACCOUNT}:training-job/${r.jobName.toLowerCase()}` };
  }

  async describe(jobName: string): Promise<TrainingJobDescription> {
    const job = this.jobs.get(jobName);
    if (job === undefined) throw notFound('DescribeTrainingJob', jobName);
    return job;
  }
}

export class SimulatedCompilationService implements CompilationService {
  private readonly jobs = new Map<string, CompilationJobDescription>();

  constructor(
    private readonly store: ObjectStore,
    private readonly region = 'us-east-1',
  ) {}

  async start(r: CompilationJobRequest): Promise<{ arn: string }> {
    if (this.jobs.has(r.neoJobName)) throw inUse('CreateCompilationJob', r.neoJobName);
    const input = S3Uri.parse(r.modelUri);
    const out = S3Uri.parse(r.outputLocation);
    const file = input.key.value.slice(input.key.value.lastIndexOf('/') + 1);
    const base = file.replace(/\.tar\.gz$|\.tgz$|\.zip$/, '') || 'model';
    const key = `${out.key.value}${base}-${r.targetDevice}.tar.gz`;
    let description: CompilationJobDescription;
    if ((await this.store.head(input.bucket, input.key.value)) === undefined) {
      description = { neoJobName: r.neoJobName, state: 'FAILED', failureReason: `ClientError: no model at ${r.modelUri}` };
    } else {
      await this.store.copy({ bucket: input.bucket, key: input.key.value }, { bucket: out.bucket, key });
      description = { neoJobName: r.neoJobName, state: 'COMPLETED', modelArtifactUri: `s3://${out.bucket}/${key}` };
    }
    this.jobs.set(r.neoJobName, description);
    return { arn: `arn:aws:sagemaker:${this.region}:${ACCOUNT}:compilation-job/${r.neoJobName.toLowerCase()}` };
  }

  async describe(neoJobName: string): Promise<CompilationJobDescription> {
    const job = this.jobs.get(neoJobName);
    if (job === undefined) throw notFound('DescribeCompilationJob', neoJobName);
    return job;
  }
}

export class SimulatedComponentPublisher implements ComponentPublisher {
  constructor(
    private readonly store: ObjectStore,
    private readonly region = 'us-east-1',
  ) {}

  async publish(recipe: ComponentRecipe): Promise<PublishedComponent> {
    const uris = recipe.Manifests.flatMap((m) => m.Artifacts.map((a) => a.Uri));
    const present = await Promise.all(uris.map(async (uri) => {
      const { bucket, key } = S3Uri.parse(uri);
      return (await this.store.head(bucket, key.value)) !== undefined;
    }));
    return {
      arn: `arn:aws:greengrass:${this.region}:${ACCOUNT}:components:${recipe.ComponentName}:versions:${recipe.ComponentVersion}`,
      componentName: recipe.ComponentName,
      componentVersion: recipe.ComponentVersion,
      state: present.every(Boolean) ? 'DEPLOYABLE' : 'FAILED',
    };
  }
}
