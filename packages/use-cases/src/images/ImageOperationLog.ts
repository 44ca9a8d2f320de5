// Spec 003 property 23: every S3 operation is logged with a timestamp, the user context, the
// assignment id and the result, as structured fields (the Logger renders them as JSON).
import { EdgecvError } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import { ServiceError } from '../ports/ServiceErrors';
import type { Logger } from '../ports/Logger';

export type OperationResult = 'success' | 'retry' | 'failure' | 'fallback' | 'placeholder' | 'skipped';

export interface OperationContext {
  readonly correlationId: string;
  readonly assignmentId: string;
  readonly teacherId?: string;
}

export class ImageOperationLog {
  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly context: OperationContext,
  ) {}

  record(level: 'info' | 'warn' | 'error', operation: string, result: OperationResult, fields: Record<string, unknown> = {}): void {
    this.logger[level](`image ${operation}: ${result}`, {
      timestamp: this.clock.now().toISOString(),
      correlationId: this.context.correlationId,
      assignmentId: this.context.assignmentId,
      user: this.context.teacherId === undefined ? undefined : { teacherId: this.context.teacherId },
      operation,
      result,
      ...fields,
    });
  }
}

/**
 * The loggable shape of any failure (never the stack of an SDK request with its headers): its
 * stable code, and for a service failure which service and operation, and the provider's word.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  return {
    error: error.message,
    errorName: error.name,
    ...(error instanceof EdgecvError ? { errorCode: error.code } : {}),
    ...(error instanceof ServiceError ? { service: error.service, operation: error.operation, ...(error.providerCode ? { providerCode: error.providerCode } : {}), ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}) } : {}),
  };
}
