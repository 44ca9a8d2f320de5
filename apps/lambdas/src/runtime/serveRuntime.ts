// The runtime `edgecv serve` gives the handlers: a container on the local stack (or the servers
// the environment names), JSON logs at the chosen level, no X-Ray, and EMF metrics only on request.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Edgecv } from '@edgecv/container';
import { emfMetrics, METRICS_NAMESPACE, SERVICE_NAME, type Runtime } from './Runtime';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** The Powertools logger serve uses; give it to the container too (EdgeOptions.logger) so the use cases log alike. */
export function serveLogger(logLevel: LogLevel = 'WARN'): Logger {
  return new Logger({ serviceName: SERVICE_NAME, logLevel });
}

export function serveRuntime(edgecv: Edgecv, options: { logLevel?: LogLevel; logger?: Logger; emf?: boolean } = {}): Runtime {
  return {
    edgecv,
    logger: options.logger ?? serveLogger(options.logLevel),
    metrics: options.emf ? emfMetrics(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME })) : { record: () => undefined },
    tracer: new Tracer({ serviceName: SERVICE_NAME, enabled: false }),
  };
}
