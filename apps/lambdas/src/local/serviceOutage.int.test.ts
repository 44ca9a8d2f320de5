// Issue 11 §6: with S3 or MongoDB unreachable the API answers 503 with the documented S3_* and
// MONGO_* codes and a plain message (docs/api.md), not 500 INTERNAL_ERROR.
import type { AddressInfo } from 'node:net';
import { Edgecv } from '@edgecv/container';
import { closedLoopbackPort, uniqueName } from '@edgecv/test-harness';
import { releaseIdempotency } from '../runtime/idempotency';
import { serveRuntime } from '../runtime/serveRuntime';
import { createLocalApi } from './localApi';
import { call, type TestApi } from './testApi.fixture';

/** The API on the test stack's DynamoDB, with the environment's other services replaced. */
async function apiWith(env: NodeJS.ProcessEnv, tablePrefix: string): Promise<TestApi> {
  const edgecv = Edgecv.fromEnv(env, { artifactBucket: uniqueName('outage'), dynamodb: { tablePrefix }, edge: { mlServices: 'simulated', sageMakerRoleArn: '' } });
  await edgecv.provision({ s3: false });
  const runtime = serveRuntime(edgecv, { logLevel: 'SILENT' });
  const server = createLocalApi({ runtime });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket: edgecv.config.artifactBucket,
    edgecv,
    runtime,
    tablePrefix,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      releaseIdempotency(runtime);
      await edgecv.close();
    },
  };
}

describe('the API with a service down', () => {
  it('answers 503 S3_UNAVAILABLE when S3 does not answer, without naming the endpoint', async () => {
    const port = await closedLoopbackPort();
    const api = await apiWith({ ...process.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`, AWS_MAX_ATTEMPTS: '2' }, `${uniqueName('s3down')}-`);
    try {
      const job = await call(api, 'POST', '/jobs', { name: 'outage' });
      expect(job.status).toBe(201);
      const listed = await call(api, 'GET', `/jobs/${job.body.id}/artifacts`);
      expect(listed.status).toBe(503);
      expect(listed.body.error).toEqual({ code: 'S3_UNAVAILABLE', message: 'S3 is not available; try again later', requestId: expect.any(String) });
      expect(JSON.stringify(listed.body)).not.toContain(String(port));
    } finally {
      await api.close();
    }
  });

  it('answers 503 MONGO_UNAVAILABLE when MongoDB does not answer', async () => {
    const port = await closedLoopbackPort();
    const api = await apiWith({ ...process.env, MONGODB_URI: `mongodb://127.0.0.1:${port}/?serverSelectionTimeoutMS=300` }, `${uniqueName('mongodown')}-`);
    try {
      const url = await call(api, 'GET', '/assignments/a-1/image-url');
      expect(url.status).toBe(503);
      expect(url.body.error).toEqual({ code: 'MONGO_UNAVAILABLE', message: 'MongoDB is not available; try again later', requestId: expect.any(String) });
    } finally {
      await api.close();
    }
  });
});
