// What a handler runs with: the container and the Powertools logger, metrics and tracer. In
// Lambda one runtime is built per cold start from process.env; `edgecv serve` builds its own
// (container on the local stack, quieter logs) and calls the very same handlers.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { Edgecv, configFromEnv } from '@edgecv/container';
import { withMongoUriFromSecret } from './mongoUriFromSecret';
import { portLogger } from './portLogger';

export interface Runtime {
  readonly edgecv: Edgecv;
  readonly logger: Logger;
  readonly metrics: RequestMetrics;
  /** Disabled (a no-op) outside Lambda or with POWERTOOLS_TRACE_ENABLED=false. */
  readonly tracer: Tracer;
}

export type Outcome = 'Success' | 'ClientError' | 'ServerError';

/** One latency datum per request, by route and outcome. */
export interface RequestMetrics {
  record(route: string, outcome: Outcome, ms: number): void;
}

/** CloudWatch embedded metric format through Powertools: one EMF document per request. */
export function emfMetrics(metrics: Metrics): RequestMetrics {
  return {
    record(route, outcome, ms) {
      // singleMetric keeps concurrent requests (serve) from sharing dimensions.
      const metric = metrics.singleMetric();
      metric.addDimensions({ route, outcome });
      metric.addMetric('Latency', MetricUnit.Milliseconds, ms);
    },
  };
}

export const SERVICE_NAME = 'edgecv';
export const METRICS_NAMESPACE = 'edgecv';

let lambdaRuntime: Promise<Runtime> | undefined;

/**
 * The runtime of this Lambda execution environment, built on first use (cold start) and kept:
 * the MongoDB secret is read once. A failed build is not kept, so the next request tries again.
 */
export function defaultRuntime(): Promise<Runtime> {
  lambdaRuntime ??= lambdaRuntimeFrom(process.env).catch((error: unknown) => {
    lambdaRuntime = undefined;
    throw error;
  });
  return lambdaRuntime;
}

async function lambdaRuntimeFrom(processEnv: NodeJS.ProcessEnv): Promise<Runtime> {
  const env = await withMongoUriFromSecret(processEnv);
  const logger = new Logger({ serviceName: SERVICE_NAME });
  return {
    // The use cases log through the same Powertools logger (structured JSON, request keys).
    // The one place the Lambda runtime reads its configuration: this environment (with the MongoDB
    // secret), once per cold start.
    edgecv: Edgecv.fromConfig(configFromEnv(env), { logger: portLogger(logger) }),
    logger,
    metrics: emfMetrics(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME })),
    tracer: new Tracer({ serviceName: SERVICE_NAME }),
  };
}
