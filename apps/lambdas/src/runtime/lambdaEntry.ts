// A handler function behind Powertools' own class method decorators, the way every edgecv Lambda
// is entered: the logger injects the Lambda context (request id, cold start, function name in
// every line; its keys reset after each invocation), the metrics flush after each invocation with
// a ColdStart metric on the first, and the tracer opens the handler's segment (a no-op outside
// Lambda or with POWERTOOLS_TRACE_ENABLED=false). Decorators rather than Middy: no dependency
// added (Middy 5+ is ESM only, which jest and the CLI's CommonJS cannot load).
//
// They are applied as TypeScript applies legacy method decorators (innermost first, each given the
// method's property descriptor), not with `@` syntax: that syntax needs `experimentalDecorators`
// in every tsconfig and bundler that reaches this file (the CLI, the CDK app, jest, esbuild).
import type { Context } from 'aws-lambda';
import type { Powertools } from './powertools';

export type LambdaFunction<E, R> = (event: E, context: Context) => Promise<R>;

export interface LambdaEntryOptions {
  /** JMESPath into the event for the `correlation_id` of every log line. */
  readonly correlationIdPath?: string;
}

type MethodDecorator = (target: object, propertyKey: string, descriptor: PropertyDescriptor) => unknown;

export function lambdaEntry<E, R>(fn: LambdaFunction<E, R>, powertools: Powertools, options: LambdaEntryOptions = {}): LambdaFunction<E, R> {
  const { logger, metrics, tracer } = powertools;
  // Listed outermost first, as they would be written above the method.
  const decorators = [
    // The response is not copied into the trace: it may be an image or carry presigned URLs.
    tracer.captureLambdaHandler({ captureResponse: false }),
    metrics.logMetrics({ captureColdStartMetric: true }),
    logger.injectLambdaContext({ resetKeys: true, ...(options.correlationIdPath ? { correlationIdPath: options.correlationIdPath } : {}) }),
  ] as unknown as MethodDecorator[];
  const entry = { handler: (event: E, context: Context): Promise<R> => fn(event, context) };
  let descriptor: PropertyDescriptor = { value: entry.handler, writable: true, enumerable: true, configurable: true };
  // A decorator either changes the descriptor it is given or returns the one to use instead.
  for (const decorate of [...decorators].reverse()) descriptor = (decorate(entry, 'handler', descriptor) as PropertyDescriptor | undefined) ?? descriptor;
  const handler = descriptor.value as LambdaFunction<E, R>;
  return (event, context) => handler.call(entry, event, context);
}
