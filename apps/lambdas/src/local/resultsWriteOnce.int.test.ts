// Issue 11 §2 through the HTTP API: a run's results are write-once; a second PUT is 409
// RESULTS_EXIST naming the key and changes nothing; ?replace=true replaces on purpose and says
// what became of the previous zip.
import { createHash } from 'node:crypto';
import { boto3GetObject, pythonZip } from '@edgecv/test-harness';
import { call, startTestApi, type TestApi } from './testApi.fixture';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api.close());

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('PUT /jobs/{jobId}/runs/{runId}/results twice', () => {
  it('answers 409 RESULTS_EXIST naming the key the second time, keeps the first zip, and replaces only with ?replace=true', async () => {
    const job = await call(api, 'POST', '/jobs', { createdAt: '2025-10-23T21:15:00Z' });
    const run = await call(api, 'POST', `/jobs/${job.body.id}/runs`, {});
    const path = `/jobs/${job.body.id}/runs/${run.body.id}/results`;
    const key = `jobs/${job.body.id}/2025/10/23/211500/run_${run.body.id}_results.zip`;
    const first = await pythonZip({ 'metrics.json': '{"map":0.5}' });
    const second = await pythonZip({ 'metrics.json': '{"map":0.9}' });

    expect((await call(api, 'PUT', path, first, 'application/zip')).status).toBe(201);
    const again = await call(api, 'PUT', path, second, 'application/zip');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'RESULTS_EXIST', message: expect.stringContaining(`s3://${api.bucket}/${key}`) });
    expect(await boto3GetObject(api.bucket, key)).toMatchObject({ sha256: sha256(first) });

    const badFlag = await call(api, 'PUT', `${path}?replace=yes`, second, 'application/zip');
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.error.message).toContain('replace');

    const replaced = await call(api, 'PUT', `${path}?replace=true`, second, 'application/zip');
    expect(replaced.status).toBe(201);
    // The local stack's bucket is not versioned: the answer says the previous zip is gone.
    expect(replaced.body).toMatchObject({ sha256: sha256(second), replaced: { previousKept: false, previousSize: first.length } });
    expect(await boto3GetObject(api.bucket, key)).toMatchObject({ sha256: sha256(second) });
  });

  it('documents ?replace in the OpenAPI document', async () => {
    const doc = await call(api, 'GET', '/openapi.json');
    const parameters = doc.body.paths['/jobs/{jobId}/runs/{runId}/results'].put.parameters as { name: string; in: string }[];
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'replace', in: 'query', required: false, schema: expect.objectContaining({ enum: ['true', 'false'] }) }));
  });
});
