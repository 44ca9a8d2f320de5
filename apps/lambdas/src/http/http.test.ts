import { InvalidSegmentError, InvalidUriError, JobLookupRequiredError } from '@edgecv/domain';
import {
  ArtifactNotReadyError,
  CompilationJobNotFoundError,
  DeploymentAlreadyExistsError,
  InvalidJobNameError,
  JobNotFoundError,
  ObjectStoreTimeoutError,
  RunNotInJobError,
  ServiceAccessDeniedError,
  ServiceRejectedError,
  ServiceResourceNotFoundError,
  ServiceThrottledError,
  ServiceUnavailableError,
  TrainingJobAlreadyExistsError,
} from '@edgecv/use-cases';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PayloadTooLargeError, RequestValidationError, RouteNotFoundError, UnsupportedMediaTypeError, errorResponse, statusFor } from './http';
import { HttpRequest } from './HttpRequest';
import { IMAGE_MEDIA_TYPES, RESULTS_MEDIA_TYPES } from './mediaTypes';
import { compileErrors, validate } from '@readme/openapi-parser';
import { openApiDocument } from './openapi';
import { ROUTES, matchRoute } from './routes';
import { CreateRunBody, StartTrainingJobBody } from './schemas';

describe('statusFor: every failure has its status in one table', () => {
  it.each([
    ['invalid input of the domain', new InvalidSegmentError('jobName', 'a b', 'bad'), 400],
    ['an invalid URI', new InvalidUriError('x', 'bad'), 400],
    ['a SageMaker name', new InvalidJobNameError('jobName', '_', 'bad'), 400],
    ['request validation', new RequestValidationError('bad'), 400],
    ['an unknown job', new JobNotFoundError(7), 404],
    ['an unknown compilation', new CompilationJobNotFoundError('c'), 404],
    ['a run of another job', new RunNotInJobError(1, 2, 3), 404],
    ['an unknown route', new RouteNotFoundError('GET', '/x'), 404],
    ['a name taken', new TrainingJobAlreadyExistsError('t'), 409],
    ['a deployment taken', new DeploymentAlreadyExistsError('d'), 409],
    ['a predecessor not done', new ArtifactNotReadyError('training job t', 'InProgress'), 409],
    ['a legacy key needing its job', new JobLookupRequiredError('results/job_1/run_1.zip', 1, 'r'), 409],
    ['a body too large', new PayloadTooLargeError(10), 413],
    ['a binary body of another media type', new UnsupportedMediaTypeError('text/plain', ['application/zip']), 415],
    // The AWS ML adapters translate ThrottlingException and ValidationException into these (awsMlRequests.test.ts).
    ['SageMaker throttling', new ServiceThrottledError({ service: 'SAGEMAKER', operation: 'CreateTrainingJob', providerCode: 'ThrottlingException' }), 429],
    ['a request SageMaker refused', new ServiceRejectedError({ service: 'SAGEMAKER', operation: 'CreateTrainingJob', providerCode: 'ValidationException', reason: 'bad role' }), 502],
    ['S3 unreachable', new ServiceUnavailableError({ service: 'S3', operation: 'PutObject', providerCode: 'ECONNREFUSED' }), 503],
    ['MongoDB unreachable', new ServiceUnavailableError({ service: 'MONGO', operation: 'findOne' }), 503],
    ['S3 refusing our credentials', new ServiceAccessDeniedError({ service: 'S3', operation: 'PutObject' }), 502],
    ['a missing bucket', new ServiceResourceNotFoundError({ service: 'S3', operation: 'PutObject', resource: 's3://gone' }, 'bucket'), 502],
    ['a storage timeout', new ObjectStoreTimeoutError('put', 30000), 504],
    ['anything else', new Error('boom'), 500],
  ])('%s', (_what, error, status) => {
    expect(statusFor(error)).toBe(status);
  });

  it('names the code and the input in 4xx answers, and hides the message of a 500 behind the request id', () => {
    const refused = errorResponse(new JobNotFoundError(7), 'req-1');
    expect(refused.statusCode).toBe(404);
    expect(JSON.parse(String(refused.body))).toEqual({ error: { code: 'JOB_NOT_FOUND', message: 'job 7 not found', requestId: 'req-1' } });
    const failed = errorResponse(new Error('connect ECONNREFUSED 10.0.0.7:27017'), 'req-2');
    expect(failed.statusCode).toBe(500);
    expect(String(failed.body)).not.toContain('10.0.0.7');
    expect(JSON.parse(String(failed.body)).error).toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'req-2' });
  });

  it('answers a service failure with its S3_*/MONGO_* code and a plain message, never the endpoint it tried', () => {
    const down = errorResponse(new ServiceUnavailableError({ service: 'S3', operation: 'PutObject', endpoint: 'http://10.0.0.7:9000', providerCode: 'ECONNREFUSED' }), 'req-3');
    expect(down.statusCode).toBe(503);
    expect(JSON.parse(String(down.body))).toEqual({ error: { code: 'S3_UNAVAILABLE', message: 'S3 is not available; try again later', requestId: 'req-3' } });
  });
});

describe('HttpRequest.binary: a binary route takes only its media types, and only as bytes', () => {
  const event = (contentType: string | undefined, body: string, isBase64Encoded: boolean): APIGatewayProxyEventV2 =>
    ({ headers: contentType === undefined ? {} : { 'content-type': contentType }, body, isBase64Encoded }) as unknown as APIGatewayProxyEventV2;
  const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x80, 0xff, 0x00]);

  it('returns the exact bytes API Gateway base64-encoded, whatever the parameters of the type', () => {
    expect(new HttpRequest(event('application/zip', bytes.toString('base64'), true)).binary(RESULTS_MEDIA_TYPES)).toEqual(bytes);
    expect(new HttpRequest(event('Image/PNG; q=1', bytes.toString('base64'), true)).binary(IMAGE_MEDIA_TYPES)).toEqual(bytes);
  });

  it.each([
    ['no Content-Type', undefined],
    ["curl's default", 'application/x-www-form-urlencoded'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['JSON', 'application/json'],
    ['octet-stream', 'application/octet-stream'],
  ])('refuses %s with 415, naming what it accepts', (_what, type) => {
    const request = new HttpRequest(event(type, bytes.toString('base64'), true));
    expect(() => request.binary(RESULTS_MEDIA_TYPES)).toThrow(UnsupportedMediaTypeError);
    expect(() => request.binary(RESULTS_MEDIA_TYPES)).toThrow('send the body as application/zip');
  });

  it('refuses a body API Gateway passed as text even under an accepted type: its bytes are lost already', () => {
    const text = new HttpRequest(event('application/zip', bytes.toString('utf8'), false));
    expect(() => text.binary(RESULTS_MEDIA_TYPES)).toThrow('arrived as text');
    expect(errorResponse(catching(() => text.binary(RESULTS_MEDIA_TYPES)), 'r').statusCode).toBe(415);
  });
});

describe('HttpRequest.json: the body parsed by Powertools Parser against the route\'s schema', () => {
  const httpEvent = (body: string | undefined, isBase64Encoded = false): APIGatewayProxyEventV2 => ({
    version: '2.0',
    routeKey: 'POST /training-jobs',
    rawPath: '/training-jobs',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: '1', apiId: 'a', domainName: 'd', domainPrefix: 'd', requestId: 'r', routeKey: 'POST /training-jobs', stage: '$default', time: 't', timeEpoch: 0,
      http: { method: 'POST', path: '/training-jobs', protocol: 'HTTP/1.1', sourceIp: '::ffff:127.0.0.1', userAgent: '' },
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded,
  });
  const valid = { jobName: 'cats-1', inputDataUri: 's3://b/datasets/raw/cats/', trainingImage: 'img:1' };

  it('returns the typed body, from text or base64, and {} for an empty body', () => {
    expect(new HttpRequest(httpEvent(JSON.stringify(valid))).json(StartTrainingJobBody)).toEqual(valid);
    expect(new HttpRequest(httpEvent(Buffer.from(JSON.stringify(valid)).toString('base64'), true)).json(StartTrainingJobBody)).toEqual(valid);
    expect(new HttpRequest(httpEvent(undefined)).json(CreateRunBody)).toEqual({});
  });

  it('names each offending field from the body, as the schema names it', () => {
    const error = catching(() => new HttpRequest(httpEvent(JSON.stringify({ ...valid, inputDataUri: 'datasets/raw', extra: 1 }))).json(StartTrainingJobBody)) as RequestValidationError;
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['', 'inputDataUri']);
    expect(error.message).toMatch(/^request body is invalid: /);
  });

  it('says a body that is not JSON is not JSON', () => {
    expect(() => new HttpRequest(httpEvent('{"jobName": ')).json(StartTrainingJobBody)).toThrow('request body is not valid JSON');
  });
});

function catching(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('routes', () => {
  it('match path templates and decode parameters, method included', () => {
    expect(matchRoute(ROUTES, 'GET', '/training-jobs/cat-1')).toMatchObject({ route: { entry: 'getTrainingJob' }, pathParameters: { jobName: 'cat-1' } });
    expect(matchRoute(ROUTES, 'PUT', '/jobs/4/runs/9/results')).toMatchObject({ route: { entry: 'uploadResults' }, pathParameters: { jobId: '4', runId: '9' } });
    expect(matchRoute(ROUTES, 'GET', '/deployments/a%20b')?.pathParameters).toEqual({ name: 'a b' });
    expect(matchRoute(ROUTES, 'DELETE', '/training-jobs/cat-1')).toBeUndefined();
    expect(matchRoute(ROUTES, 'GET', '/training-jobs/')).toBeUndefined();
    expect(matchRoute(ROUTES, 'GET', '/training-jobs/%E0%A4%A')).toBeUndefined();
  });

  it('have one handler entry each and unique route keys', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  type Operation = {
    operationId: string;
    parameters?: { name: string; in: string; required?: boolean }[];
    requestBody?: { content: Record<string, { schema: { required?: string[]; $ref?: string } }> };
    responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: { $ref?: string } }> }>;
  };
  type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

  it('are all in the OpenAPI document, with the JSON schema of the body each handler validates', () => {
    const doc = openApiDocument(ROUTES) as unknown as Document;
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) expect(doc.paths[r.path]?.[r.method.toLowerCase()]?.operationId).toBe(r.entry);
    const training = doc.paths['/training-jobs']?.post?.requestBody?.content['application/json']?.schema;
    expect(training?.required).toEqual(expect.arrayContaining(['jobName', 'inputDataUri', 'trainingImage']));
    expect(Object.keys(doc.paths['/jobs/{jobId}/runs/{runId}/results']?.put?.requestBody?.content ?? {})).toEqual(['application/zip']);
    expect(Object.keys(doc.paths['/assignments/{assignmentId}/image']?.put?.requestBody?.content ?? {})).toEqual(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
  });

  it('is a valid OpenAPI 3.1 document by an independent validator (@readme/openapi-parser)', async () => {
    const result = await validate(structuredClone(openApiDocument(ROUTES, { serverUrl: 'http://127.0.0.1:3000' })) as never);
    expect(result.valid ? [] : compileErrors(result)).toEqual([]);
    expect(result.specification).toBe('OpenAPI');
  });

  it('declares every path parameter, the Idempotency-Key header on exactly the idempotent routes, and the error component', () => {
    const doc = openApiDocument(ROUTES) as unknown as Document;
    for (const r of ROUTES) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()] as Operation;
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared).toEqual([...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      const key = (op.parameters ?? []).find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      if (r.idempotency !== undefined) {
        expect(key).toMatchObject({ required: false });
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
        expect(Object.keys(op.responses[String(r.success.status)]?.headers ?? {})).toEqual(['Idempotent-Replayed']);
      } else expect(key).toBeUndefined();
      expect(op.responses.default?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/Error');
    }
    expect(Object.keys(doc.components.schemas)).toEqual(['Error']);
  });
});
