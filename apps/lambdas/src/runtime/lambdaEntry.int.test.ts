// A handler's Lambda entry as the Lambda runtime calls it: a real Context, on-demand initialisation,
// Powertools writing to stdout. Every log line carries the invocation's context, the first
// invocation of an environment is its cold start (log field and ColdStart metric, once), and the
// SDK clients go through the tracer when tracing is on.
import { Tracer } from '@aws-lambda-powertools/tracer';
import { uniqueName } from '@edgecv/test-harness';
import { Edgecv } from '@edgecv/container';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createJob } from '../handlers/createJob';
import { releaseIdempotency } from './idempotency';
import { emfDocuments, jsonLinesOf } from './jsonOutput.fixture';
import { createPowertools, type Powertools } from './powertools';
import { invocationMetrics, lambdaRuntime, type Runtime } from './Runtime';

/** What Lambda passes: the fields every Context has. */
function lambdaContext(requestId: string): Context {
  const fail = (): never => {
    throw new Error('callback API not used');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'edgecv-createJob',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:edgecv-createJob',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/edgecv-createJob',
    logStreamName: '2026/01/01/[$LATEST]abc',
    getRemainingTimeInMillis: () => 29_000,
    done: fail,
    fail,
    succeed: fail,
  };
}

function event(apiRequestId: string, body: unknown): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /jobs',
    rawPath: '/jobs',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'POST', path: '/jobs', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: apiRequestId,
      routeKey: 'POST /jobs',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const saved = { ...process.env };
let powertools: Powertools;
let runtime: Runtime;

beforeAll(async () => {
  // What Lambda sets for an on-demand environment; Powertools reads it when its objects are built.
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  delete process.env.POWERTOOLS_DEV;
  powertools = createPowertools();
  runtime = lambdaRuntime(
    { ...process.env, EDGECV_ARTIFACT_BUCKET: uniqueName('entry'), EDGECV_TABLE_PREFIX: `${uniqueName('entry')}-`, EDGECV_ML_SERVICES: 'simulated', POWERTOOLS_LOG_LEVEL: 'INFO' },
    powertools,
    Edgecv.fromConfig,
  );
  await runtime.edgecv.provision();
});
afterAll(async () => {
  process.env = saved;
  releaseIdempotency(runtime);
  await runtime.edgecv.close();
});

describe('a handler entered as Lambda enters it', () => {
  it('logs the request id, cold start and function name in every JSON line, and the cold start only on the first invocation', async () => {
    const handler = createJob.entry(powertools, () => runtime);
    const first = await jsonLinesOf(() => handler(event('api-req-1', { name: 'cold' }), lambdaContext('lambda-req-1')));
    const second = await jsonLinesOf(() => handler(event('api-req-2', { id: -1 }), lambdaContext('lambda-req-2')));

    const logs = (lines: Record<string, unknown>[]) => lines.filter((l) => l.message !== undefined);
    expect(logs(first).map((l) => l.message)).toContain('request');
    expect(logs(second).map((l) => l.message)).toEqual(expect.arrayContaining(['request refused', 'request']));
    for (const line of logs(first)) {
      expect(line).toMatchObject({ function_request_id: 'lambda-req-1', cold_start: true, function_name: 'edgecv-createJob', correlation_id: 'api-req-1', service: 'edgecv' });
    }
    for (const line of logs(second)) {
      expect(line).toMatchObject({ function_request_id: 'lambda-req-2', cold_start: false, function_name: 'edgecv-createJob', correlation_id: 'api-req-2' });
    }
  });

  it('emits the ColdStart metric once per environment, and each invocation its latency by route and outcome', async () => {
    const fresh = createPowertools();
    const handler = createJob.entry(fresh, () => ({ ...runtime, logger: fresh.logger, metrics: invocationMetrics(fresh.metrics) }));
    const lines = [
      ...(await jsonLinesOf(() => handler(event('a', {}), lambdaContext('m-1')))),
      ...(await jsonLinesOf(() => handler(event('b', {}), lambdaContext('m-2')))),
      ...(await jsonLinesOf(() => handler(event('c', { id: 0 }), lambdaContext('m-3')))),
    ];
    const named = (name: string) => emfDocuments(lines, name);
    expect(named('ColdStart')).toHaveLength(1);
    expect(named('ColdStart')[0]).toMatchObject({ ColdStart: 1, function_name: 'edgecv-createJob', service: 'edgecv' });
    expect(named('Latency').map((d) => [d.route, d.outcome])).toEqual([
      ['createJob', 'Success'],
      ['createJob', 'Success'],
      ['createJob', 'ClientError'],
    ]);
    expect([...named('ColdStart'), ...named('Latency')].every((d) => d._aws.CloudWatchMetrics[0]?.Namespace === 'edgecv')).toBe(true);
  });
});

describe('the tracer', () => {
  it('captures every AWS SDK client the handlers use when tracing is on (in Lambda), and none outside Lambda', async () => {
    const xrayMiddleware = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().some((m) => m.startsWith('XRaySDKInstrumentation'));
    const build = (env: NodeJS.ProcessEnv) => {
      const tracedRuntime = lambdaRuntime({ ...process.env, EDGECV_ARTIFACT_BUCKET: 'tracer-test-bucket', ...env }, { ...createPowertools(), ...tracerOnly(env) }, Edgecv.fromConfig);
      // The S3 store as a use case holds it (apps reach use cases only; the test looks inside one).
      const store = (tracedRuntime.edgecv.jobs.getJobArtifactUrls as unknown as { store: { client: { middlewareStack: { identify(): string[] } } } }).store;
      return { tracedRuntime, store };
    };
    const inLambda = build({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' });
    const outside = build({});
    try {
      expect(xrayMiddleware(inLambda.store.client)).toBe(true);
      expect(xrayMiddleware(outside.store.client)).toBe(false);
    } finally {
      await inLambda.tracedRuntime.edgecv.close();
      await outside.tracedRuntime.edgecv.close();
    }
  });
});

/**
 * A tracer built while `env` is the environment (Powertools reads AWS_EXECUTION_ENV when built),
 * without patching node's http module for the rest of this jest worker.
 */
function tracerOnly(env: NodeJS.ProcessEnv): Pick<Powertools, 'tracer'> {
  const before = { ...process.env };
  Object.assign(process.env, env);
  try {
    return { tracer: new Tracer({ serviceName: 'edgecv', captureHTTPsRequests: false }) };
  } finally {
    process.env = before;
  }
}
