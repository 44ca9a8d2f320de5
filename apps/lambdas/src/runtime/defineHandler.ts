// Every HTTP handler has the same frame: read the event, run one use case, shape the answer;
// failures mapped in http.ts; one log line, one EMF metric and (in Lambda) one trace subsegment
// per request.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { errorResponse, type HttpResult } from '../http/http';
import { HttpRequest } from '../http/HttpRequest';
import { defaultRuntime, type Runtime } from './Runtime';

export type HandlerBody = (request: HttpRequest, runtime: Runtime) => Promise<HttpResult>;

export interface HttpHandler {
  readonly name: string;
  /** The handler with an explicit runtime: what `edgecv serve` and the tests call. */
  handle(event: APIGatewayProxyEventV2, runtime: Runtime): Promise<HttpResult>;
  /** The Lambda entry point: the runtime of this execution environment. */
  lambda(event: APIGatewayProxyEventV2, context?: Context): Promise<HttpResult>;
}

export function defineHandler(name: string, body: HandlerBody): HttpHandler {
  const handle = async (event: APIGatewayProxyEventV2, runtime: Runtime): Promise<HttpResult> => {
    const request = new HttpRequest(event);
    const started = performance.now();
    const { tracer } = runtime;
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment(`## ${name}`);
    if (segment) tracer.setSegment(segment);
    let result: HttpResult;
    try {
      result = await body(request, runtime);
    } catch (error) {
      result = errorResponse(error, request.requestId);
      const fields = { route: name, requestId: request.requestId, status: result.statusCode, error };
      if (result.statusCode >= 500) {
        runtime.logger.error('request failed', fields);
        segment?.addError(error as Error);
      } else runtime.logger.warn('request refused', fields);
    } finally {
      segment?.close();
      if (parent) tracer.setSegment(parent);
    }
    const ms = performance.now() - started;
    runtime.logger.info('request', { route: name, requestId: request.requestId, status: result.statusCode, ms: Math.round(ms * 10) / 10 });
    runtime.metrics.record(name, result.statusCode >= 500 ? 'ServerError' : result.statusCode >= 400 ? 'ClientError' : 'Success', ms);
    return result;
  };
  return {
    name,
    handle,
    lambda: async (event) => handle(event, await defaultRuntime()),
  };
}
