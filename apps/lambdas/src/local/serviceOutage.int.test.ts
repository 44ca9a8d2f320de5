// Issue 11 §6: with S3 or MongoDB unreachable the API answers 503 with the documented S3_* and
// MONGO_* codes and a plain message (docs/api.md), not 500 INTERNAL_ERROR.
import { closedLoopbackPort } from '@edgecv/test-harness';
import { call, startTestApi, type TestApi } from './testApi.fixture';

/** The API on the test stack's DynamoDB, with the environment's other services replaced. */
const apiWith = (env: NodeJS.ProcessEnv): Promise<TestApi> => startTestApi({ env, provisionS3: false });

describe('the API with a service down', () => {
  it('answers 503 S3_UNAVAILABLE when S3 does not answer, without naming the endpoint', async () => {
    const port = await closedLoopbackPort();
    const api = await apiWith({ ...process.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`, AWS_MAX_ATTEMPTS: '2' });
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
    const api = await apiWith({ ...process.env, MONGODB_URI: `mongodb://127.0.0.1:${port}/?serverSelectionTimeoutMS=300` });
    try {
      const url = await call(api, 'GET', '/assignments/a-1/image-url');
      expect(url.status).toBe(503);
      expect(url.body.error).toEqual({ code: 'MONGO_UNAVAILABLE', message: 'MongoDB is not available; try again later', requestId: expect.any(String) });
    } finally {
      await api.close();
    }
  });
});
