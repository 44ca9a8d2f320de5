// Spec 003 property 23: every S3 operation is logged with a timestamp, the user context, the
// assignment id and the result, as structured fields (the Logger renders them as JSON).
import type { Clock } from '../ports/Clock';
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

/** The loggable shape of any failure (never the stack of an SDK request with its headers). */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const e = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return {
    error: e.message,
    errorName: e.name,
    ...(typeof e.code === 'string' ? { errorCode: e.code } : {}),
    ...(e.$metadata?.httpStatusCode !== undefined ? { httpStatus: e.$metadata.httpStatusCode } : {}),
  };
}
