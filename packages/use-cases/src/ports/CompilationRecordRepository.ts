// Compilation records (table edgecv-compilation): one per compilation job and target.
import type { CompilationJobState } from './CompilationService';
import type { StateUpdate } from './TrainingRecordRepository';

/** The DI token of the CompilationRecordRepository. */
export const CompilationRecordRepositoryToken = Symbol.for('edgecv.CompilationRecordRepository');

/** A compilation job for one target as edgecv records it (table edgecv-compilation). */
export interface CompilationRecord {
  readonly jobName: string;
  readonly target: string;
  readonly neoJobName: string;
  readonly state: CompilationJobState;
  readonly arn?: string;
  /** `output_uri`: the canonical compiled model, `s3://bucket/[P/]models/compilation/{job}/{target}/model.tar.gz`. */
  readonly outputUri: string;
  /** The trained model the job compiles (history; not rewritten by cut-over). */
  readonly sourceModelUri: string;
  readonly framework: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly failureReason?: string;
}

/** Where compilation records are kept (DynamoDB in `@edgecv/infrastructure/dynamodb`). */
export interface CompilationRecordRepository {
  /** Writes every target's record or none; CompilationJobAlreadyExistsError when the job exists. */
  createAll(records: readonly CompilationRecord[]): Promise<void>;
  /** Every target of the job, in target order; empty when the job is unknown. */
  listTargets(jobName: string): Promise<CompilationRecord[]>;
  updateState(jobName: string, target: string, update: StateUpdate<CompilationJobState>): Promise<void>;
}
