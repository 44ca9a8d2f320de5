// A handler function behind Powertools' own class decorators, the way every edgecv Lambda is
// entered: the logger injects the Lambda context (request id, cold start, function name in every
// line; its keys reset after each invocation), the metrics flush after each invocation with a
// ColdStart metric on the first, and the tracer opens the handler's segment (a no-op outside
// Lambda or with POWERTOOLS_TRACE_ENABLED=false). Decorators rather than Middy: no dependency
// added, and the same code runs under jest, the CLI (CommonJS) and the ESM bundles.
import type { Context } from 'aws-lambda';
import type { Powertools } from './powertools';

export type LambdaFunction<E, R> = (event: E, context: Context) => Promise<R>;

export interface LambdaEntryOptions {
  /** JMESPath into the event for the `correlation_id` of every log line. */
  readonly correlationIdPath?: string;
}

export function lambdaEntry<E, R>(fn: LambdaFunction<E, R>, powertools: Powertools, options: LambdaEntryOptions = {}): LambdaFunction<E, R> {
  const { logger, metrics, tracer } = powertools;

  class Entry {
    // The response is not copied into the trace: it may be an image or carry presigned URLs.
    @tracer.captureLambdaHandler({ captureResponse: false })
    @metrics.logMetrics({ captureColdStartMetric: true })
    @logger.injectLambdaContext({ resetKeys: true, ...(options.correlationIdPath ? { correlationIdPath: options.correlationIdPath } : {}) })
    async handler(event: E, context: Context): Promise<R> {
      return fn(event, context);
    }
  }

  const entry = new Entry();
  return (event, context) => entry.handler(event, context);
}
