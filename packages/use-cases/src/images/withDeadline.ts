// Spec 003 property 26: an S3 operation that has not finished in time is cancelled. The
// deadline aborts the signal handed to the operation and, should an adapter ignore it, stops
// waiting anyway.
import { TransientServiceError } from '../ports/ServiceErrors';

/** An image operation on S3 that did not finish within its deadline (then retried, or reported). */
export class OperationTimeoutError extends TransientServiceError {
  override readonly code = 'OPERATION_TIMEOUT';
  constructor(
    operation: string,
    readonly timeoutMs: number,
  ) {
    super({ service: 'S3', operation }, { name: 'OperationTimeoutError', code: 'TIMEOUT', what: `did not finish the ${operation} within ${timeoutMs} ms` });
  }
}

export async function withDeadline<T>(operation: string, timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new OperationTimeoutError(operation, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
