// The runtime `edgecv serve` gives the handlers: a container on the local stack (or the servers
// the environment names), JSON logs at the chosen level, no X-Ray, EMF metrics only on request,
// and the same idempotency table as in AWS.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Edgecv } from '@edgecv/container';
import { idempotencyExpiryFromEnv } from './idempotencySettings';
import { METRICS_NAMESPACE, SERVICE_NAME } from './powertools';
import { emfMetrics, NO_METRICS, type Runtime } from './Runtime';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** The Powertools logger serve uses; give it to the container too (EdgeOptions.logger) so the use cases log alike. */
export function serveLogger(logLevel: LogLevel = 'WARN'): Logger {
  return new Logger({ serviceName: SERVICE_NAME, logLevel });
}

export interface ServeRuntimeOptions {
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
  readonly emf?: boolean;
  /** How long idempotent answers are replayed; EDGECV_IDEMPOTENCY_EXPIRY_SECONDS or 3600 by default. */
  readonly idempotencyExpirySeconds?: number;
}

export function serveRuntime(edgecv: Edgecv, options: ServeRuntimeOptions = {}): Runtime {
  return {
    edgecv,
    logger: options.logger ?? serveLogger(options.logLevel),
    metrics: options.emf ? emfMetrics(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME })) : NO_METRICS,
    idempotency: { expiresAfterSeconds: options.idempotencyExpirySeconds ?? idempotencyExpiryFromEnv(process.env) },
  };
}
