// Training records (table edgecv-training, docs/dynamodb-schema.md). The URIs are stored as the
// migration's cut-over knows them (model_artifact_uri, output_uri) and may be legacy until it ran.
import type { TrainingJobState } from './TrainingService';

export const TrainingRecordRepositoryToken = Symbol.for('edgecv.TrainingRecordRepository');

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

export interface StateUpdate<S extends string> {
  readonly state: S;
  readonly updatedAt: Date;
  readonly failureReason?: string;
}

export interface TrainingRecordRepository {
  /** TrainingJobAlreadyExistsError when a record with this job name exists. */
  create(record: TrainingRecord): Promise<void>;
  find(jobName: string): Promise<TrainingRecord | undefined>;
  /** Changes the state only; never touches the URIs (cut-over may be rewriting them). */
  updateState(jobName: string, update: StateUpdate<TrainingJobState>): Promise<void>;
}
