// Every HTTP handler has the same frame: read the event, run one use case (once per idempotency
// key on the routes that create something), shape the answer; failures mapped in http.ts; one log
// line and one latency datum per request. In Lambda the frame runs behind Powertools' decorators
// (lambdaEntry: context in every log line, metrics flushed with a cold-start metric, the handler's
// trace segment); `edgecv serve` and the tests call the frame itself with their own runtime.
import type { AnyCapability, Edgecv, EdgecvView } from '@edgecv/container';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { errorResponse, type HttpResult } from '../http/http';
import { HttpRequest } from '../http/HttpRequest';
import { IDEMPOTENCY_POLICIES, REPLAYED_HEADER, type IdempotencyPolicy } from '../http/idempotencyPolicies';
import { lambdaEntry, type LambdaFunction } from './lambdaEntry';
import { lambdaPowertools, type Powertools } from './powertools';
import { defaultRuntime, type Runtime } from './Runtime';

export type HandlerBody<E extends EdgecvView = Edgecv> = (request: HttpRequest, runtime: Runtime<E>) => Promise<HttpResult>;

/**
 * The work of one request, run once per idempotency key (runtime/idempotency.ts `idempotent`):
 * given by the handlers of idempotent routes only, so that the others load no idempotency code.
 */
export type IdempotentRun = (
  entry: string,
  policy: IdempotencyPolicy,
  event: APIGatewayProxyEventV2,
  context: Context,
  runtime: Runtime<EdgecvView>,
  work: () => Promise<HttpResult>,
) => Promise<HttpResult>;

export interface HandlerOptions {
  /** Required exactly for the entries IDEMPOTENCY_POLICIES names. */
  readonly idempotent?: IdempotentRun;
}

/** A handler whose runtime holds (at least) `E`: the full Edgecv (serve) gives every handler what it needs. */
export interface HttpHandler<E extends EdgecvView = Edgecv> {
  readonly name: string;
  /** The handler with an explicit runtime: what `edgecv serve` and the tests call. */
  handle(event: APIGatewayProxyEventV2, runtime: Runtime<E>, context?: Context): Promise<HttpResult>;
  /** The Lambda entry point: the runtime and Powertools objects of this execution environment. */
  lambda: LambdaFunction<APIGatewayProxyEventV2, HttpResult>;
  /** The Lambda entry point on other Powertools objects and runtime (tests of a cold start). */
  entry(powertools: Powertools, runtime: () => Runtime<E> | Promise<Runtime<E>>): LambdaFunction<APIGatewayProxyEventV2, HttpResult>;
}

/** Powertools' correlationPaths.API_GATEWAY_HTTP, without loading its JMESPath engine for one constant. */
const API_GATEWAY_REQUEST_ID = 'requestContext.requestId';

/** How long a request may run where no Lambda context says so: API Gateway's 30 s integration limit. */
export const REQUEST_BUDGET_MS = 30_000;

/**
 * `capabilities` are the groups of use cases the body reaches (`[JOBS]` for `edgecv.jobs`): in
 * Lambda the container is composed of those alone, so the bundle holds no other family's code.
 */
export function defineHandler<C extends AnyCapability>(name: string, capabilities: readonly C[], body: HandlerBody<EdgecvView<C>>, options: HandlerOptions = {}): HttpHandler<EdgecvView<C>> {
  const policy = IDEMPOTENCY_POLICIES[name];
  const { idempotent } = options;
  // The policy table and the handler files must agree, or a route would silently lose its idempotency.
  if ((policy === undefined) !== (idempotent === undefined)) {
    throw new Error(`${name}: ${policy === undefined ? 'not in IDEMPOTENCY_POLICIES, so it takes no idempotent runner' : `is ${policy} in IDEMPOTENCY_POLICIES: define it with { idempotent }`}`);
  }
  const handle = async (event: APIGatewayProxyEventV2, runtime: Runtime<EdgecvView<C>>, context: Context = requestContext(event, name)): Promise<HttpResult> => {
    const request = new HttpRequest(event);
    const started = performance.now();
    let result: HttpResult;
    try {
      const work = () => body(request, runtime);
      result = policy === undefined || idempotent === undefined ? await work() : await idempotent(name, policy, event, context, runtime, work);
    } catch (error) {
      result = errorResponse(error, request.requestId);
      const fields = { route: name, requestId: request.requestId, status: result.statusCode, error };
      if (result.statusCode >= 500) runtime.logger.error('request failed', fields);
      else runtime.logger.warn('request refused', fields);
    }
    const ms = performance.now() - started;
    const replayed = result.headers?.[REPLAYED_HEADER] === 'true' ? { replayed: true } : {};
    runtime.logger.info('request', { route: name, requestId: request.requestId, status: result.statusCode, ms: Math.round(ms * 10) / 10, ...replayed });
    runtime.metrics.record(name, result.statusCode >= 500 ? 'ServerError' : result.statusCode >= 400 ? 'ClientError' : 'Success', ms);
    return result;
  };
  // The API Gateway request id (the one error bodies carry) becomes every log line's correlation_id.
  const entry: HttpHandler<EdgecvView<C>>['entry'] = (powertools, runtime) =>
    lambdaEntry(async (event, context) => handle(event, await runtime(), context), powertools, { correlationIdPath: API_GATEWAY_REQUEST_ID });
  return { name, handle, entry, lambda: entry(lambdaPowertools, () => defaultRuntime(capabilities)) };
}

/**
 * The Lambda context of a request that arrived without one (`edgecv serve`): its request id is API
 * Gateway's, its time the request budget. Only the idempotency records read it (their in-progress
 * expiry).
 */
function requestContext(event: APIGatewayProxyEventV2, name: string): Context {
  const deadline = Date.now() + REQUEST_BUDGET_MS;
  const fail = (): never => {
    throw new Error('not a Lambda invocation');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `local:${name}`,
    memoryLimitInMB: '0',
    awsRequestId: event.requestContext?.requestId ?? 'local',
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}
