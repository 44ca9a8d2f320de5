// Training records (table edgecv-training, docs/dynamodb-schema.md). The URIs are stored as the
// migration's cut-over knows them (model_artifact_uri, output_uri) and may be legacy until it ran.
import type { TrainingJobState } from './TrainingService';

/** The DI token of the TrainingRecordRepository. */
export const TrainingRecordRepositoryToken = Symbol.for('edgecv.TrainingRecordRepository');

/**
 * A training job as edgecv records it (table edgecv-training): its URIs as cut-over knows them,
 * legacy until the migration ran.
 */
export interface TrainingRecord {
  readonly jobName: string;
  readonly state: TrainingJobState;
  readonly arn?: string;
  /** `output_uri`: the job's folder, `s3://bucket/[P/]models/training/{job}/`. */
  readonly outputUri: string;
  /** `model_artifact_uri`: `s3://bucket/[P/]models/training/{job}/output/model.tar.gz`. */
  readonly modelArtifactUri: string;
  readonly inputDataUri: string;
  readonly trainingImage: string;
  readonly instanceType: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly failureReason?: string;
}

/** A job's new state, when it was seen, and why it failed. */
export interface StateUpdate<S extends string> {
  readonly state: S;
  readonly updatedAt: Date;
  readonly failureReason?: string;
}

/** Where training records are kept (DynamoDB in `@edgecv/infrastructure/dynamodb`). */
export interface TrainingRecordRepository {
  /** TrainingJobAlreadyExistsError when a record with this job name exists. */
  create(record: TrainingRecord): Promise<void>;
  find(jobName: string): Promise<TrainingRecord | undefined>;
  /** Changes the state only; never touches the URIs (cut-over may be rewriting them). */
  updateState(jobName: string, update: StateUpdate<TrainingJobState>): Promise<void>;
}
