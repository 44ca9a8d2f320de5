// The runtime `edgecv serve` gives the handlers: a container on the local stack (or the servers
// the environment names), JSON logs at the chosen level, no X-Ray, and EMF metrics only on request.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Edgecv } from '@edgecv/container';
import { emfMetrics, METRICS_NAMESPACE, SERVICE_NAME, type Runtime } from './Runtime';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export function serveRuntime(edgecv: Edgecv, options: { logLevel?: LogLevel; emf?: boolean } = {}): Runtime {
  return {
    edgecv,
    logger: new Logger({ serviceName: SERVICE_NAME, logLevel: options.logLevel ?? 'WARN' }),
    metrics: options.emf ? emfMetrics(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME })) : { record: () => undefined },
    tracer: new Tracer({ serviceName: SERVICE_NAME, enabled: false }),
  };
}
