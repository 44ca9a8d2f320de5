// migrate-batch: one handler for both engines that run a migration plan past one machine.
// S3 Batch Operations invokes it (schema 1.0 or 2.0) with tasks of the plan's manifest and gets
// Succeeded, TemporaryFailure or PermanentFailure per task; a Step Functions Distributed Map
// invokes it with a batch of the same manifest's rows (`{ Items, BatchInput }`) and gets every
// item's result, or a failed batch (MigrateBatchTemporaryFailure / MigrateBatchPermanentFailure)
// for its Retry and tolerated-failure thresholds. Each item is copied and verified against the
// DynamoDB journal. Not an HTTP route.
import { isMapBatchEvent, type MapBatchEvent, type MapBatchResponse, type S3BatchInvocation, type S3BatchResponse } from '@edgecv/use-cases';
import { lambdaEntry } from '../runtime/lambdaEntry';
import { lambdaPowertools } from '../runtime/powertools';
import { defaultRuntime, type Runtime } from '../runtime/Runtime';

export type MigrateBatchEvent = S3BatchInvocation | MapBatchEvent;

export async function migrateBatch(event: S3BatchInvocation, runtime: Runtime): Promise<S3BatchResponse>;
export async function migrateBatch(event: MapBatchEvent, runtime: Runtime): Promise<MapBatchResponse>;
export async function migrateBatch(event: MigrateBatchEvent, runtime: Runtime): Promise<S3BatchResponse | MapBatchResponse>;
export async function migrateBatch(event: MigrateBatchEvent, runtime: Runtime): Promise<S3BatchResponse | MapBatchResponse> {
  const started = performance.now();
  const engine = isMapBatchEvent(event) ? { name: 'distributed-map', items: event.Items.length } : { name: 's3-batch', invocationId: event.invocationId, items: event.tasks.length };
  try {
    if (isMapBatchEvent(event)) {
      const response = await runtime.edgecv.migration.processMapBatch(event);
      runtime.logger.info('batch answered', { ...engine, Succeeded: response.succeeded });
      runtime.metrics.record('migrateBatch', 'Success', performance.now() - started);
      return response;
    }
    const response = await runtime.edgecv.migration.processBatch(event);
    const counts = response.results.reduce<Record<string, number>>((c, r) => ({ ...c, [r.resultCode]: (c[r.resultCode] ?? 0) + 1 }), {});
    runtime.logger.info('batch answered', { ...engine, ...counts });
    runtime.metrics.record('migrateBatch', 'Success', performance.now() - started);
    return response;
  } catch (error) {
    // An invocation-level failure: S3 Batch retries or fails every task of it; Step Functions
    // retries or fails the child execution by the error's name.
    runtime.logger.error('batch failed', { ...engine, error });
    runtime.metrics.record('migrateBatch', 'ServerError', performance.now() - started);
    throw error;
  }
}

export const handler = lambdaEntry((event: MigrateBatchEvent): Promise<S3BatchResponse | MapBatchResponse> => migrateBatch(event, defaultRuntime()), lambdaPowertools);
