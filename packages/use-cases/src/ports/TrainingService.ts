// SageMaker training as the edge use cases need it: start a job with the layout's output path,
// and ask how it is doing. The adapter (SageMakerTrainingService) builds the SDK requests.
/** The DI token of the TrainingService. */
export const TrainingServiceToken = Symbol.for('edgecv.TrainingService');

/** SageMaker's TrainingJobStatus. */
export type TrainingJobState = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

/** A SageMaker training job to start, its output under the layout's training folder. */
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

/** How a training job is doing, and where its model is once done. */
export interface TrainingJobDescription {
  readonly jobName: string;
  readonly state: TrainingJobState;
  readonly failureReason?: string;
  /** ModelArtifacts.S3ModelArtifacts, once SageMaker reports it. */
  readonly modelArtifactUri?: string;
}

/**
 * SageMaker training as the edge use cases need it: start a job with the layout's output path, and
 * ask how it is doing.
 */
export interface TrainingService {
  /** Returns the job's ARN. */
  start(request: TrainingJobRequest): Promise<{ readonly arn: string }>;
  describe(jobName: string): Promise<TrainingJobDescription>;
}
