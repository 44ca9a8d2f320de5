// Spec 000 properties 7 and 13 through the local API: the same handlers as the Lambdas, over
// HTTP, on the local stack (S3 and DynamoDB real, ML services simulated).
import { PathResolver, S3PathConfig, S3Uri } from '@edgecv/domain';
import { storedZip } from '@edgecv/use-cases';
import fc from 'fast-check';
import { call, startTestApi, type TestApi } from './testApi.fixture';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api.close());

/** Every s3:// URI anywhere in a response body. */
function urisIn(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('s3://') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urisIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(urisIn);
  return [];
}

function expectNewLayout(body: unknown): void {
  const resolver = new PathResolver(S3PathConfig.create({ bucket: api.bucket }));
  const uris = urisIn(body);
  expect(uris.length).toBeGreaterThan(0);
  for (const uri of uris) {
    const parsed = S3Uri.parse(uri);
    expect(parsed.bucket).toBe(api.bucket);
    expect(resolver.classify(parsed.key.value).status).toBe('conforming');
  }
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const nameArb = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 12 });
const TARGETS = ['jetson_nano', 'jetson_xavier', 'rasp4b', 'ml_c5', 'ml_m5', 'coreml'] as const;

describe('Property 13: training, compilation and deployment work end to end through the local API', () => {
  let run = 0;
  it('for any job names and targets: train, compile every target, package one, publish it; every answer in the new layout', async () => {
    await fc.assert(
      fc.asyncProperty(nameArb, fc.uniqueArray(fc.constantFrom(...TARGETS), { minLength: 1, maxLength: 3 }), async (name, targets) => {
        run += 1;
        const training = `t${run}-${name}`;
        const compilation = `c${run}-${name}`;
        const deployment = `d${run}.${name}`;
        const started = await call(api, 'POST', '/training-jobs', { jobName: training, inputDataUri: `s3://${api.bucket}/datasets/raw/cats/`, trainingImage: 'img:1' });
        expect(started.status).toBe(201);
        expect(started.body.s3OutputPath).toBe(`s3://${api.bucket}/models/training/`);
        const trained = await call(api, 'GET', `/training-jobs/${training}`);
        expect(trained).toMatchObject({ status: 200, body: { state: 'Completed', modelArtifactUri: `s3://${api.bucket}/models/training/${training}/output/model.tar.gz` } });
        expectNewLayout(trained.body);

        const compiling = await call(api, 'POST', '/compilation-jobs', { jobName: compilation, targets, trainingJob: training, framework: 'PYTORCH', dataInputConfig: '{"input0":[1,3,224,224]}' });
        expect(compiling.status).toBe(201);
        for (const t of compiling.body.targets) expect(t.s3OutputLocation).toBe(`s3://${api.bucket}/models/compilation/${compilation}/${t.target}/`);
        const compiled = await call(api, 'GET', `/compilation-jobs/${compilation}`);
        expect(compiled.body.state).toBe('COMPLETED');
        expect(compiled.body.targets).toHaveLength(targets.length);
        expectNewLayout(compiled.body);

        const target = targets[0]!;
        const packaged = await call(api, 'POST', '/deployments', { name: deployment, compilationJob: compilation, target });
        expect(packaged.status).toBe(201);
        expect(packaged.body.modelUri).toBe(`s3://${api.bucket}/deployments/${deployment}/model.tar.gz`);
        const published = await call(api, 'POST', `/deployments/${deployment}/component`, {});
        expect(published.status).toBe(201);
        expect(published.body.state).toBe('DEPLOYABLE');
        expect(published.body.recipe.Manifests[0].Artifacts.map((a: { Uri: string }) => a.Uri)).toEqual(
          ['model.tar.gz', 'config.json', 'component.zip'].map((f) => `s3://${api.bucket}/deployments/${deployment}/${f}`),
        );
        const shown = await call(api, 'GET', `/deployments/${deployment}`);
        expect(shown.body.component.componentName).toBe(`com.edgecv.${deployment}`);
        expectNewLayout(shown.body);
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});

describe('the local API', () => {
  it('stores a run’s zipped results under the job prefix and lists them with presigned URLs', async () => {
    const job = await call(api, 'POST', '/jobs', { createdAt: '2025-10-23T21:15:00Z', name: 'detector' });
    expect(job).toMatchObject({ status: 201, body: { prefix: `s3://${api.bucket}/jobs/${job.body.id}/2025/10/23/211500/` } });
    const run = await call(api, 'POST', `/jobs/${job.body.id}/runs`, {});
    const zip = storedZip([{ name: 'metrics.json', data: '{"map":0.5}' }]);
    const stored = await call(api, 'PUT', `/jobs/${job.body.id}/runs/${run.body.id}/results`, zip, 'application/zip');
    expect(stored).toMatchObject({ status: 201, body: { uri: `s3://${api.bucket}/jobs/${job.body.id}/2025/10/23/211500/run_${run.body.id}_results.zip`, size: zip.length } });
    const listed = await call(api, 'GET', `/jobs/${job.body.id}/artifacts`);
    expect(listed.body.artifacts).toHaveLength(1);
    const download = await fetch(listed.body.artifacts[0].url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(zip);
  });

  it('answers bad input with 400 naming the field, unknown things with 404, conflicts with 409', async () => {
    const bad = await call(api, 'POST', '/training-jobs', { jobName: 'x', inputDataUri: 'datasets/raw', trainingImage: 'i' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'inputDataUri' }] });
    expect((await call(api, 'POST', '/training-jobs', { jobName: 'under_score', inputDataUri: `s3://${api.bucket}/d/`, trainingImage: 'i' })).body.error.code).toBe('INVALID_JOB_NAME');
    expect((await call(api, 'GET', '/training-jobs/nope')).status).toBe(404);
    expect((await call(api, 'GET', '/jobs/abc/artifacts')).status).toBe(400);
    expect((await call(api, 'GET', '/nothing-here')).body.error.code).toBe('ROUTE_NOT_FOUND');
    const body = { jobName: 'dup-1', inputDataUri: `s3://${api.bucket}/d/`, trainingImage: 'i' };
    expect((await call(api, 'POST', '/training-jobs', body)).status).toBe(201);
    // The same name with another request is a conflict (an equal request is a retry: docs/api.md, Idempotency).
    expect((await call(api, 'POST', '/training-jobs', { ...body, trainingImage: 'other' })).body.error.code).toBe('TRAINING_JOB_ALREADY_EXISTS');
    const notZip = await call(api, 'PUT', '/jobs/1/runs/1/results', Buffer.from('plain text, not a zip archive'), 'application/zip');
    expect(notZip.body.error.code).toBe('INVALID_RESULTS_ARCHIVE');
  });

  it('stores an assignment image as WebP, serves it back, and answers a missing one with a placeholder', async () => {
    // A 4x3 PNG, one colour (made with sharp).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4IWcDRww4OQAP2g2ZCJrF5QAAAABJRU5ErkJggg==', 'base64');
    const id = `a${Date.now()}`;
    const refused = await call(api, 'PUT', `/assignments/${id}/image`, png, 'image/png');
    expect(refused.body.error).toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'x-teacher-id' }] });
    const res = await fetch(`${api.url}/assignments/${id}/image`, { method: 'PUT', body: png, headers: { 'content-type': 'image/png', 'x-teacher-id': 'teacher-7' } });
    expect(res.status).toBe(201);
    const stored = (await res.json()) as { key: string; contentType: string; optimized: boolean; imageMetadata: { dimensions: string } };
    expect(stored).toMatchObject({ key: `generated_images/${id}.webp`, contentType: 'image/webp', optimized: true, imageMetadata: { dimensions: '4x3' } });
    const image = await fetch(`${api.url}/assignments/${id}/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await image.arrayBuffer()).subarray(8, 12).toString('latin1')).toBe('WEBP');
    const url = await call(api, 'GET', `/assignments/${id}/image-url`);
    expect(url.body).toMatchObject({ found: true, source: 'presigned', key: `generated_images/${id}.webp` });
    const missing = await call(api, 'GET', `/assignments/none-${id}/image`);
    expect(missing).toMatchObject({ status: 404, body: { placeholder: true, reason: 'no-document', message: 'Image not available' } });
  });

  it('serves a health check and the OpenAPI document of its routes', async () => {
    expect(await call(api, 'GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const doc = await call(api, 'GET', '/openapi.json');
    expect(doc.body.paths['/training-jobs/{jobName}'].get.operationId).toBe('getTrainingJob');
    expect(doc.body.servers[0].url).toBe(api.url);
  });
});
