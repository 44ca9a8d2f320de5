// migrate-batch: one handler for both engines that run a migration plan past one machine.
// S3 Batch Operations invokes it (schema 1.0 or 2.0) with tasks of the plan's manifest and gets
// Succeeded, TemporaryFailure or PermanentFailure per task; a Step Functions Distributed Map
// invokes it with a batch of the same manifest's rows (`{ Items, BatchInput }`) and gets every
// item's result, or a failed batch (MigrateBatchTemporaryFailure / MigrateBatchPermanentFailure)
// for its Retry and tolerated-failure thresholds. Each item is copied and verified against the
// DynamoDB journal. The event is checked by Powertools Parser; every log line of the invocation
// carries the job (or batch) id, each task's line its task id and key; each result code is a
// metric. Not an HTTP route.
import { parse } from '@aws-lambda-powertools/parser';
import { MapBatchFailedError, type MapBatchItemResult, type MapBatchResponse } from '@edgecv/use-cases';
import {
  InvalidBatchEventError,
  isS3BatchEvent,
  MigrateBatchEventSchema,
  RESULT_CODES,
  type MigrateBatchEvent,
  type MapBatchEvent,
  type S3BatchEvent,
  type S3BatchResult,
  type S3BatchResultResultCode,
} from '../batch/migrateBatchEvents';
import { MIGRATION, type EdgecvView } from '../runtime/capabilities';
import { lambdaEntry } from '../runtime/lambdaEntry';
import { parseIssues } from '../runtime/parseIssues';
import { lambdaPowertools } from '../runtime/powertools';
import { defaultRuntime, type Runtime } from '../runtime/Runtime';

export type { MigrateBatchEvent };

/** What migrate-batch runs with: the migration's phases (serve and tests give the full Edgecv). */
export type MigrationRuntime = Runtime<EdgecvView<typeof MIGRATION>>;

interface TaskOutcome {
  readonly taskId: string;
  readonly bucket: string;
  /** Decoded from the manifest's URL encoding when it can be. */
  readonly key: string;
  readonly resultCode: S3BatchResultResultCode;
  readonly resultString: string;
}

export async function migrateBatch(event: S3BatchEvent, runtime: MigrationRuntime): Promise<S3BatchResult>;
export async function migrateBatch(event: MapBatchEvent, runtime: MigrationRuntime): Promise<MapBatchResponse>;
export async function migrateBatch(event: unknown, runtime: MigrationRuntime): Promise<S3BatchResult | MapBatchResponse>;
export async function migrateBatch(input: unknown, runtime: MigrationRuntime): Promise<S3BatchResult | MapBatchResponse> {
  const started = performance.now();
  const { logger, metrics } = runtime;
  const parsed = parse(input, undefined, MigrateBatchEventSchema, true);
  if (!parsed.success) {
    const error = new InvalidBatchEventError(parseIssues(parsed.error));
    logger.error('batch refused', { error });
    metrics.record('migrateBatch', 'ClientError', performance.now() - started);
    throw error;
  }
  const event = parsed.data;
  const engine = isS3BatchEvent(event) ? 's3-batch' : 'distributed-map';
  // The invocation's context on every line it logs (removed again: serve and tests share a logger).
  const context = isS3BatchEvent(event) ? { engine, jobId: event.job.id, invocationId: event.invocationId } : { engine, journalId: event.BatchInput?.journalId ?? '(environment)' };
  logger.appendKeys(context);
  try {
    const outcomes = isS3BatchEvent(event) ? await s3Batch(event, runtime) : await mapBatch(event, runtime);
    report(outcomes.tasks, runtime, engine);
    metrics.record('migrateBatch', 'Success', performance.now() - started);
    return outcomes.response;
  } catch (error) {
    if (error instanceof MapBatchFailedError) {
      // The batch answered per item, and fails as a whole so the state machine can retry or count it.
      const items = isS3BatchEvent(event) ? [] : event.Items;
      report(error.failed.map((item) => mapOutcome(item, items.findIndex((i) => i.Bucket === item.bucket && i.Key === item.key))), runtime, engine, error.succeeded);
    }
    // An invocation-level failure: S3 Batch retries or fails every task of it; Step Functions
    // retries or fails the child execution by the error's name.
    logger.error('batch failed', { items: isS3BatchEvent(event) ? event.tasks.length : event.Items.length, error });
    metrics.record('migrateBatch', 'ServerError', performance.now() - started);
    throw error;
  } finally {
    logger.removeKeys(Object.keys(context));
  }
}

async function s3Batch(event: S3BatchEvent, runtime: MigrationRuntime): Promise<{ response: S3BatchResult; tasks: TaskOutcome[] }> {
  const response = await runtime.edgecv.migration.processBatch(event);
  const byId = new Map(event.tasks.map((t) => [t.taskId, t]));
  const tasks = response.results.map((r): TaskOutcome => {
    const task = byId.get(r.taskId);
    const bucket = task === undefined ? '' : 's3Bucket' in task ? task.s3Bucket : task.s3BucketArn.replace(/^arn:[^:]*:s3:::/, '');
    return { taskId: r.taskId, bucket, key: decoded(task?.s3Key ?? ''), resultCode: r.resultCode, resultString: r.resultString };
  });
  return { response: { ...response, results: response.results.map((r) => ({ ...r })) }, tasks };
}

async function mapBatch(event: MapBatchEvent, runtime: MigrationRuntime): Promise<{ response: MapBatchResponse; tasks: TaskOutcome[] }> {
  const response = await runtime.edgecv.migration.processMapBatch(event);
  return { response, tasks: response.results.map((r, i) => mapOutcome(r, i)) };
}

/** A Distributed Map item's task id is its index in the batch's Items. */
function mapOutcome(item: MapBatchItemResult, index: number): TaskOutcome {
  return { taskId: String(index), bucket: item.bucket, key: decoded(item.key), resultCode: item.resultCode, resultString: item.resultString };
}

/**
 * One line per task with its task id and key (successes at DEBUG: a large plan has millions), and
 * one count per result code, zeros included so a dashboard's sums and alarms see every invocation.
 */
function report(tasks: readonly TaskOutcome[], runtime: MigrationRuntime, engine: string, succeededUnlisted = 0): void {
  const counts: Record<S3BatchResultResultCode, number> = { Succeeded: succeededUnlisted, TemporaryFailure: 0, PermanentFailure: 0 };
  for (const task of tasks) {
    counts[task.resultCode] += 1;
    const fields = { taskId: task.taskId, bucket: task.bucket, key: task.key, resultCode: task.resultCode, resultString: task.resultString };
    if (task.resultCode === 'Succeeded') runtime.logger.debug('task', fields);
    else runtime.logger.warn('task', fields);
  }
  runtime.logger.info('batch answered', { ...counts });
  runtime.metrics.count(Object.fromEntries(RESULT_CODES.map((code) => [code, counts[code]])), { engine });
}

function decoded(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

export const handler = lambdaEntry(async (event: unknown): Promise<S3BatchResult | MapBatchResponse> => migrateBatch(event, await defaultRuntime([MIGRATION])), lambdaPowertools);
