// Spec 000 task 3 / spec 001 req 5.1: a training job is configured on the new layout. SageMaker
// is given S3OutputPath = the training root and TrainingJobName = job, so the model lands at
// `models/training/{job}/output/model.tar.gz` (the service appends `{job}/output/` itself).
import { S3PathBuilder, S3Uri } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { TrainingRecord, TrainingRecordRepository } from '../ports/TrainingRecordRepository';
import type { TrainingService } from '../ports/TrainingService';
import { TrainingJobAlreadyExistsError } from './EdgeErrors';
import type { EdgeSettings } from './EdgeSettings';
import { sageMakerJobName } from './sageMakerNames';

export interface StartTrainingJobInput {
  readonly jobName: string;
  /** `s3://` prefix of the training data (the `training` channel). */
  readonly inputDataUri: string;
  /** The training container image (ECR URI). */
  readonly trainingImage: string;
  readonly instanceType?: string;
  readonly instanceCount?: number;
  readonly hyperParameters?: Readonly<Record<string, string>>;
}

export interface StartedTrainingJob {
  readonly jobName: string;
  readonly arn: string;
  readonly state: 'InProgress';
  /** What SageMaker was given as OutputDataConfig.S3OutputPath. */
  readonly s3OutputPath: string;
  readonly outputUri: string;
  readonly modelArtifactUri: string;
}

export class StartTrainingJob {
  private readonly paths: S3PathBuilder;

  constructor(
    private readonly service: TrainingService,
    private readonly records: TrainingRecordRepository,
    private readonly clock: Clock,
    private readonly settings: EdgeSettings,
  ) {
    this.paths = new S3PathBuilder(settings.pathConfig);
  }

  /** Throws InvalidJobNameError, InvalidUriError, TrainingJobAlreadyExistsError, or the service's error. */
  async execute(input: StartTrainingJobInput): Promise<StartedTrainingJob> {
    const jobName = sageMakerJobName('jobName', input.jobName);
    const inputDataUri = S3Uri.parse(input.inputDataUri).toString();
    const s3OutputPath = this.paths.trainingOutputRoot().toString();
    const outputUri = this.paths.trainingOutputPath(jobName).toString();
    const modelArtifactUri = this.paths.uriOf(this.paths.trainingModelKey(jobName)).toString();
    // A retry of a job that exists must not start a second SageMaker job under the same name.
    if ((await this.records.find(jobName)) !== undefined) throw new TrainingJobAlreadyExistsError(jobName);

    const { training } = this.settings;
    const instanceType = input.instanceType ?? training.instanceType;
    const { arn } = await this.service.start({
      jobName,
      outputPath: s3OutputPath,
      inputDataUri,
      trainingImage: input.trainingImage,
      roleArn: this.settings.sageMakerRoleArn,
      instanceType,
      instanceCount: input.instanceCount ?? training.instanceCount,
      volumeSizeGb: training.volumeSizeGb,
      maxRuntimeSeconds: training.maxRuntimeSeconds,
      ...(input.hyperParameters !== undefined ? { hyperParameters: input.hyperParameters } : {}),
    });
    const now = this.clock.now();
    const record: TrainingRecord = {
      jobName,
      state: 'InProgress',
      arn,
      outputUri,
      modelArtifactUri,
      inputDataUri,
      trainingImage: input.trainingImage,
      instanceType,
      createdAt: now,
      updatedAt: now,
    };
    await this.records.create(record);
    return { jobName, arn, state: 'InProgress', s3OutputPath, outputUri, modelArtifactUri };
  }
}
