// SageMaker training as the edge use cases need it: start a job with the layout's output path,
// and ask how it is doing. The adapter (SageMakerTrainingService) builds the SDK requests.
export const TrainingServiceToken = Symbol.for('edgecv.TrainingService');

export type TrainingJobState = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

export interface TrainingJobRequest {
  /** TrainingJobName; SageMaker writes `{outputPath}{jobName}/output/model.tar.gz`. */
  readonly jobName: string;
  /** OutputDataConfig.S3OutputPath: the layout's training root, `s3://bucket/[P/]models/training/`. */
  readonly outputPath: string;
  /** The `training` input channel, an `s3://` prefix of the dataset. */
  readonly inputDataUri: string;
  readonly trainingImage: string;
  readonly roleArn: string;
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly volumeSizeGb: number;
  readonly maxRuntimeSeconds: number;
  readonly hyperParameters?: Readonly<Record<string, string>>;
}

export interface TrainingJobDescription {
  readonly jobName: string;
  readonly state: TrainingJobState;
  readonly failureReason?: string;
  /** ModelArtifacts.S3ModelArtifacts, once SageMaker reports it. */
  readonly modelArtifactUri?: string;
}

export interface TrainingService {
  /** Returns the job's ARN. */
  start(request: TrainingJobRequest): Promise<{ readonly arn: string }>;
  describe(jobName: string): Promise<TrainingJobDescription>;
}
