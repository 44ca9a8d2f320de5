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
import { PayloadTooLargeError, RequestValidationError, RouteNotFoundError, errorResponse, statusFor } from './http';
import { openApiDocument } from './openapi';
import { ROUTES, matchRoute } from './routes';

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

  it('are all in the OpenAPI document, with the JSON schema of the body each handler validates', () => {
    const doc = openApiDocument(ROUTES) as { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) expect(doc.paths[r.path]?.[r.method.toLowerCase()]?.operationId).toBe(r.entry);
    const training = doc.paths['/training-jobs']?.post?.requestBody?.content['application/json']?.schema;
    expect(training?.required).toEqual(expect.arrayContaining(['jobName', 'inputDataUri', 'trainingImage']));
    expect(doc.paths['/jobs/{jobId}/runs/{runId}/results']?.put?.requestBody?.content).toHaveProperty(['application/zip']);
  });
});
