// migrate-batch: S3 Batch Operations invokes it (schema 1.0 or 2.0) with tasks of the migration
// plan's manifest; each task is copied and verified against the DynamoDB journal and answered
// Succeeded, TemporaryFailure or PermanentFailure. Not an HTTP route.
import type { S3BatchInvocation, S3BatchResponse } from '@edgecv/use-cases';
import { defaultRuntime, type Runtime } from '../runtime/Runtime';

export async function migrateBatch(event: S3BatchInvocation, runtime: Runtime): Promise<S3BatchResponse> {
  const started = performance.now();
  try {
    const response = await runtime.edgecv.migration.processBatch(event);
    const counts = response.results.reduce<Record<string, number>>((c, r) => ({ ...c, [r.resultCode]: (c[r.resultCode] ?? 0) + 1 }), {});
    runtime.logger.info('batch answered', { invocationId: event.invocationId, tasks: event.tasks.length, ...counts });
    runtime.metrics.record('migrateBatch', 'Success', performance.now() - started);
    return response;
  } catch (error) {
    // An invocation-level failure: S3 Batch retries or fails every task of it.
    runtime.logger.error('batch failed', { invocationId: event.invocationId, error });
    runtime.metrics.record('migrateBatch', 'ServerError', performance.now() - started);
    throw error;
  }
}

export const handler = async (event: S3BatchInvocation): Promise<S3BatchResponse> => migrateBatch(event, await defaultRuntime());
