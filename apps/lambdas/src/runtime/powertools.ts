// The Powertools logger, metrics and tracer of a Lambda execution environment, built once when the
// bundle loads (outside the handler, as Powertools expects: their cold-start flags live in them).
// Everything else reads its settings from the environment Lambda gives (POWERTOOLS_LOG_LEVEL,
// POWERTOOLS_METRICS_DISABLED, POWERTOOLS_TRACE_ENABLED; the tracer is a no-op outside Lambda).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const SERVICE_NAME = 'edgecv';
export const METRICS_NAMESPACE = 'edgecv';

export interface Powertools {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

/** A fresh set; the Lambda entry points share the one `lambdaPowertools`. */
export function createPowertools(): Powertools {
  return {
    // The search function lets injectLambdaContext copy the API Gateway request id (the one error
    // bodies carry) into every line as correlation_id.
    logger: new Logger({ serviceName: SERVICE_NAME, correlationIdSearchFn: dottedPath }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME }),
    tracer: new Tracer({ serviceName: SERVICE_NAME }),
  };
}

export const lambdaPowertools: Powertools = createPowertools();

/**
 * The correlation id search Powertools' Logger takes, for the plain dotted paths edgecv uses
 * (`requestContext.requestId`): Powertools' own `search` is a whole JMESPath engine, 23 KB more in
 * every bundle for what a property walk does.
 */
export function dottedPath(expression: string, data: unknown): unknown {
  let value = data;
  for (const name of expression.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}
