// One S3 Batch Operations invocation (schema 1.0 or 2.0) turned into per-task result codes: the
// same copy-and-verify step as `run`, against a shared (DynamoDB) journal whose conditional
// claims keep concurrent invocations from copying one object twice.
import type { Clock } from '../ports/Clock';
import type { MigrationJournal } from '../ports/MigrationJournal';
import type { ObjectStore } from '../ports/ObjectStore';
import type { VerifyMode } from './contentIdentity';
import { migrateRecord } from './migrateRecord';
import { EdgecvError } from '@edgecv/domain';
import { failureMessage, isTransient } from '../ports/ServiceErrors';
import { JournalLockedError } from './MigrationErrors';

export interface S3BatchTask {
  readonly taskId: string;
  /** URL-encoded, as in the manifest. */
  readonly s3Key: string;
  readonly s3VersionId?: string | null;
  /** Schema 1.0. */
  readonly s3BucketArn?: string;
  /** Schema 2.0. */
  readonly s3Bucket?: string;
}

export interface S3BatchInvocation {
  readonly invocationSchemaVersion: string;
  readonly invocationId: string;
  readonly job?: { readonly id?: string; readonly userArguments?: Readonly<Record<string, string>> };
  readonly tasks: readonly S3BatchTask[];
}

export type S3BatchResultCode = 'Succeeded' | 'TemporaryFailure' | 'PermanentFailure';

export interface S3BatchResponse {
  readonly invocationSchemaVersion: '1.0';
  readonly treatMissingKeysAs: 'PermanentFailure';
  readonly invocationId: string;
  readonly results: readonly { readonly taskId: string; readonly resultCode: S3BatchResultCode; readonly resultString: string }[];
}

export interface ProcessBatchDeps {
  readonly journal: MigrationJournal;
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly verify?: VerifyMode;
  readonly worker?: string;
}

export class UnsupportedInvocationSchemaError extends EdgecvError {
  readonly code = 'UNSUPPORTED_INVOCATION_SCHEMA';
  constructor(readonly version: string) {
    super(`S3 Batch invocation schema ${JSON.stringify(version)} is not supported (1.0, 2.0)`);
    this.name = 'UnsupportedInvocationSchemaError';
  }
}

export async function processBatchTasks(event: S3BatchInvocation, deps: ProcessBatchDeps): Promise<S3BatchResponse> {
  if (event.invocationSchemaVersion !== '1.0' && event.invocationSchemaVersion !== '2.0') {
    throw new UnsupportedInvocationSchemaError(event.invocationSchemaVersion);
  }
  const header = await deps.journal.header();
  try {
    await deps.journal.acquire('shared');
  } catch (error) {
    // A rollback or clean-up holds the journal: S3 Batch retries these tasks later.
    if (!(error instanceof JournalLockedError)) throw error;
    const results = event.tasks.map((task) => ({ taskId: task.taskId, resultCode: 'TemporaryFailure' as const, resultString: error.message }));
    return { invocationSchemaVersion: '1.0', treatMissingKeysAs: 'PermanentFailure', invocationId: event.invocationId, results };
  }
  const results = await Promise.all(
    event.tasks.map(async (task) => ({ taskId: task.taskId, ...(await processBatchTask(task, header.bucket, deps)) })),
  );
  return { invocationSchemaVersion: '1.0', treatMissingKeysAs: 'PermanentFailure', invocationId: event.invocationId, results };
}

export async function processBatchTask(
  task: S3BatchTask,
  journalBucket: string,
  deps: ProcessBatchDeps,
): Promise<{ resultCode: S3BatchResultCode; resultString: string }> {
  const bucket = task.s3Bucket ?? task.s3BucketArn?.replace(/^arn:[^:]*:s3:::/, '');
  if (bucket !== journalBucket) return { resultCode: 'PermanentFailure', resultString: `bucket ${bucket} is not the journal's (${journalBucket})` };
  let key: string;
  try {
    key = decodeURIComponent(task.s3Key);
  } catch {
    return { resultCode: 'PermanentFailure', resultString: `key is not URL-encoded: ${task.s3Key}` };
  }
  try {
    const record = await deps.journal.find(key);
    if (record === undefined) return { resultCode: 'PermanentFailure', resultString: `${key} is not in the migration journal` };
    if (record.status === 'failed' && record.error?.code !== 'TRANSIENT') {
      return { resultCode: 'PermanentFailure', resultString: `${record.error?.code}: ${record.error?.message}` };
    }
    const outcome = await migrateRecord(bucket, record, {
      store: deps.store,
      journal: deps.journal,
      clock: deps.clock,
      ...(deps.verify ? { verify: deps.verify } : {}),
      ...(deps.worker ? { worker: deps.worker } : {}),
    });
    switch (outcome.kind) {
      case 'verified':
        return { resultCode: 'Succeeded', resultString: `copied to ${record.newKey}` };
      case 'skipped':
        return { resultCode: 'Succeeded', resultString: `already ${outcome.status}` };
      case 'collision':
        return { resultCode: 'PermanentFailure', resultString: `COLLISION: ${record.newKey} holds other content` };
      case 'source-missing':
        return { resultCode: 'PermanentFailure', resultString: `SOURCE_MISSING: ${key}` };
      case 'mismatch':
        return { resultCode: 'PermanentFailure', resultString: `VERIFY_MISMATCH: ${record.newKey}` };
      case 'claimed-elsewhere':
        return { resultCode: 'TemporaryFailure', resultString: 'another worker holds this record' };
      case 'transient':
        return { resultCode: 'TemporaryFailure', resultString: failureMessage(outcome.error) };
    }
  } catch (error) {
    return { resultCode: isTransient(error) ? 'TemporaryFailure' : 'PermanentFailure', resultString: failureMessage(error) };
  }
}
