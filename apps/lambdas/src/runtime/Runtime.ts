// What a handler runs with: the container, the Powertools logger, its metrics and the idempotency
// settings of the HTTP routes. In Lambda one runtime is built per cold start from process.env on the
// environment's Powertools objects; `edgecv serve` builds its own (container on the local stack,
// quieter logs) and calls the very same handlers.
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { configFromEnv, EdgecvComposition, type AnyCapability, type AwsClientHook, type Edgecv, type EdgecvConfig, type EdgecvView, type Wiring } from '@edgecv/container';
import { idempotencyExpiryFromEnv, type IdempotencySettings } from './idempotencySettings';
import { withMongoUriFromSecret } from './mongoUriFromSecret';
import { portLogger } from './portLogger';
import { lambdaPowertools, type Powertools } from './powertools';

export { METRICS_NAMESPACE, SERVICE_NAME } from './powertools';

/**
 * `edgecv` is the full Edgecv in serve and the CLI; a Lambda's holds only the capabilities its
 * handler declares (defineHandler), so its bundle carries no other family's adapters.
 */
export interface Runtime<E extends EdgecvView = Edgecv> {
  readonly edgecv: E;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly idempotency: IdempotencySettings;
}

export type Outcome = 'Success' | 'ClientError' | 'ServerError';

export interface RuntimeMetrics {
  /** One latency datum per request, by route and outcome. */
  record(route: string, outcome: Outcome, ms: number): void;
  /** Counts (e.g. migrate-batch tasks per result code) under their own dimensions. */
  count(counts: Readonly<Record<string, number>>, dimensions: Readonly<Record<string, string>>): void;
}

/**
 * A Lambda invocation's metrics: latency is stored on the environment's Metrics and published by
 * its logMetrics decorator when the invocation answers (with the ColdStart metric on the first).
 */
export function invocationMetrics(metrics: Metrics): RuntimeMetrics {
  return {
    record(route, outcome, ms) {
      metrics.addDimensions({ route, outcome });
      metrics.addMetric('Latency', MetricUnit.Milliseconds, ms);
    },
    count: (counts, dimensions) => countAtOnce(metrics, counts, dimensions),
  };
}

/** CloudWatch embedded metric format written at once, one document per datum (`edgecv serve --emf`). */
export function emfMetrics(metrics: Metrics): RuntimeMetrics {
  return {
    record(route, outcome, ms) {
      // singleMetric keeps concurrent requests (serve) from sharing dimensions.
      const metric = metrics.singleMetric();
      metric.addDimensions({ route, outcome });
      metric.addMetric('Latency', MetricUnit.Milliseconds, ms);
    },
    count: (counts, dimensions) => countAtOnce(metrics, counts, dimensions),
  };
}

export const NO_METRICS: RuntimeMetrics = { record: () => undefined, count: () => undefined };

function countAtOnce(metrics: Metrics, counts: Readonly<Record<string, number>>, dimensions: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(counts)) {
    const metric = metrics.singleMetric();
    metric.addDimensions(dimensions);
    metric.addMetric(name, MetricUnit.Count, value);
  }
}

/**
 * A Lambda runtime from an environment, on the given Powertools objects, its container composed by
 * `compose` (Edgecv.fromConfig for every capability; the Lambda's own, EdgecvComposition.create,
 * for the capabilities its handler declares).
 */
export function lambdaRuntime<E extends EdgecvView>(env: NodeJS.ProcessEnv, powertools: Powertools, compose: (config: EdgecvConfig, wiring: Wiring) => E): Runtime<E> {
  const { logger, metrics, tracer } = powertools;
  // Every SDK client the handlers use goes through the tracer once (a no-op when tracing is off).
  const traced: AwsClientHook = (client) => void tracer.captureAWSv3Client(client);
  // The one place the Lambda runtime reads its configuration: this environment (with the MongoDB
  // secret), once per cold start.
  const edgecv = compose(configFromEnv(env), { logger: portLogger(logger), onAwsClient: traced });
  return {
    // The use cases log through the same Powertools logger (structured JSON, request keys).
    edgecv,
    logger,
    metrics: invocationMetrics(metrics),
    idempotency: { expiresAfterSeconds: idempotencyExpiryFromEnv(env), onClient: traced },
  };
}

let environmentRuntime: Promise<Runtime<EdgecvComposition>> | undefined;

/**
 * The runtime of this Lambda execution environment with the handler's capabilities, built on first
 * use (cold start) and kept: the MongoDB secret is read once. A failed build is not kept, so the
 * next request tries again. Other capabilities join the same container (tests run many handlers in
 * one process; a bundle holds one).
 */
export async function defaultRuntime<C extends AnyCapability>(capabilities: readonly C[]): Promise<Runtime<EdgecvComposition & EdgecvView<C>>> {
  environmentRuntime ??= withMongoUriFromSecret(process.env)
    .then((env) => lambdaRuntime(env, lambdaPowertools, EdgecvComposition.create))
    .catch((error: unknown) => {
      environmentRuntime = undefined;
      throw error;
    });
  const runtime = await environmentRuntime;
  runtime.edgecv.use(capabilities);
  return runtime as Runtime<EdgecvComposition & EdgecvView<C>>;
}
