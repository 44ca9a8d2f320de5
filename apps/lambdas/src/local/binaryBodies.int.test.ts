// Issue 11 §1: binary bodies on the real HTTP server, sent as curl sends them, read back with boto3.
// A body whose Content-Type is not the route's is refused (415) and never decoded as text and
// stored; a results zip is checked entry by entry before it is stored; the SHA-256 recorded on
// the run is that of the bytes in the bucket.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boto3GetObject, boto3ListKeys, pythonZip } from '@edgecv/test-harness';
import { DynamoDbRunRepository, createDynamoClients, tableNames } from '@edgecv/infrastructure/dynamodb';
import { call, startTestApi, type TestApi } from './testApi.fixture';

let api: TestApi;
let work: string;
beforeAll(async () => {
  api = await startTestApi();
  work = await mkdtemp(path.join(tmpdir(), 'edgecv-curl-'));
});
afterAll(async () => {
  await api.close();
  await rm(work, { recursive: true, force: true });
});

/** `curl -s -X PUT --data-binary @file [-H ...] url`: status and body. */
function curl(args: readonly string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-w', '\n%{http_code}', ...args], (error, stdout) => {
      if (error) return reject(error);
      const cut = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function newRun(): Promise<{ jobId: number; runId: number; key: string }> {
  const job = await call(api, 'POST', '/jobs', { createdAt: '2025-10-23T21:15:00Z' });
  const run = await call(api, 'POST', `/jobs/${job.body.id}/runs`, {});
  return { jobId: job.body.id, runId: run.body.id, key: `jobs/${job.body.id}/2025/10/23/211500/run_${run.body.id}_results.zip` };
}

describe('PUT /jobs/{jobId}/runs/{runId}/results with a binary body', () => {
  it('refuses a zip sent as curl sends it by default, as text/plain, as JSON or without a type: 415, nothing stored', async () => {
    const { jobId, runId, key } = await newRun();
    // Bytes that are not valid UTF-8 (0x80-0xff), as in any deflated entry.
    const zip = await pythonZip({ 'weights.bin': 'x\u0080\u00ff'.repeat(500), 'metrics.json': '{"map":0.5}' });
    const file = path.join(work, 'results.zip');
    await writeFile(file, zip);
    const url = `${api.url}/jobs/${jobId}/runs/${runId}/results`;

    const attempts = [
      ['-X', 'PUT', '--data-binary', `@${file}`, url], // curl's default: application/x-www-form-urlencoded
      ['-X', 'PUT', '--data-binary', `@${file}`, '-H', 'Content-Type: text/plain', url],
      ['-X', 'PUT', '--data-binary', `@${file}`, '-H', 'Content-Type: application/json', url],
      ['-X', 'PUT', '--data-binary', `@${file}`, '-H', 'Content-Type: application/octet-stream', url],
      ['-T', file, url], // upload-file: no Content-Type at all
    ];
    for (const args of attempts) {
      const r = await curl(args);
      expect(r.status).toBe(415);
      const error = JSON.parse(r.body).error;
      expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(error.message).toContain('send the body as application/zip');
    }
    expect(await boto3ListKeys(api.bucket, `jobs/${jobId}/`)).toEqual([]);

    // The same bytes as application/zip: stored exactly, and the run records their SHA-256.
    const ok = await curl(['-X', 'PUT', '--data-binary', `@${file}`, '-H', 'Content-Type: application/zip', url]);
    expect(ok.status).toBe(201);
    const stored = await boto3GetObject(api.bucket, key);
    expect(stored).toMatchObject({ size: zip.length, sha256: sha256(zip), contentType: 'application/zip', zip: { names: ['weights.bin', 'metrics.json'], badEntry: null } });
    expect(JSON.parse(ok.body)).toMatchObject({ size: zip.length, sha256: sha256(zip) });
    const dynamo = createDynamoClients(api.edgecv.config.dynamodb);
    const run = await new DynamoDbRunRepository(dynamo.documents, tableNames(api.edgecv.config.dynamodb.tablePrefix)).findById(runId).finally(() => dynamo.client.destroy());
    expect(run?.results).toMatchObject({ key, size: zip.length, sha256: sha256(zip) });
  });

  it('refuses a damaged or truncated zip with 400 naming the problem, and stores nothing', async () => {
    const { jobId, runId } = await newRun();
    const zip = await pythonZip({ 'a.txt': 'hello '.repeat(200), 'b.txt': 'world '.repeat(200) });
    const url = `/jobs/${jobId}/runs/${runId}/results`;
    const truncated = await call(api, 'PUT', url, zip.subarray(0, zip.length - 40), 'application/zip');
    expect(truncated.status).toBe(400);
    expect(truncated.body.error).toMatchObject({ code: 'INVALID_RESULTS_ARCHIVE', message: expect.stringContaining('central directory unreadable') });
    const damaged = Buffer.from(zip);
    damaged[40] = damaged[40]! ^ 0xff; // inside a.txt's deflated data
    const refused = await call(api, 'PUT', url, damaged, 'application/zip');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/entry a\.txt/);
    expect(await boto3ListKeys(api.bucket, `jobs/${jobId}/`)).toEqual([]);
  });
});

describe('PUT /assignments/{assignmentId}/image with a binary body', () => {
  it('refuses a PNG sent as text or as curl sends it by default: 415 naming the image types, nothing stored', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4IWcDRww4OQAP2g2ZCJrF5QAAAABJRU5ErkJggg==', 'base64');
    const file = path.join(work, 'image.png');
    await writeFile(file, png);
    const id = `bin-${Date.now()}`;
    const url = `${api.url}/assignments/${id}/image`;
    for (const type of [[], ['-H', 'Content-Type: text/plain'], ['-H', 'Content-Type: application/json'], ['-H', 'Content-Type: image/svg+xml']]) {
      const r = await curl(['-X', 'PUT', '--data-binary', `@${file}`, '-H', 'x-teacher-id: t-1', ...type, url]);
      expect(r.status).toBe(415);
      expect(JSON.parse(r.body).error.message).toContain('image/png, image/jpeg, image/webp, image/gif');
    }
    expect(await boto3ListKeys(api.bucket, `generated_images/${id}`)).toEqual([]);
    const ok = await curl(['-X', 'PUT', '--data-binary', `@${file}`, '-H', 'x-teacher-id: t-1', '-H', 'Content-Type: image/png', url]);
    expect(ok.status).toBe(201);
    expect(await boto3GetObject(api.bucket, `generated_images/${id}.webp`)).toMatchObject({ contentType: 'image/webp' });
  });
});
