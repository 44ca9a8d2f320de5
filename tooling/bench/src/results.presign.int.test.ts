// Presigned URL expiry needs a server that enforces it: moto (the default local S3) does not,
// MinIO does, so this test runs the S3 adapter against MinIO.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@edgecv/infrastructure/s3';
import { startMinio, type RunningMinio } from './resultsMinio';

let minio: RunningMinio;
let store: S3ObjectStore;
const bucket = 'presign-expiry';

beforeAll(async () => {
  minio = await startMinio();
  const credentials = { accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey };
  await new S3Client({ region: 'us-east-1', endpoint: minio.endpoint, forcePathStyle: true, credentials }).send(new CreateBucketCommand({ Bucket: bucket }));
  store = new S3ObjectStore({ region: 'us-east-1', endpoint: minio.endpoint, forcePathStyle: true, credentials, checksumMode: 'WHEN_REQUIRED' });
}, 600_000);
afterAll(async () => {
  await minio?.stop();
});

describe('presigned URLs on a server that enforces expiry (MinIO)', () => {
  it('lets a plain HTTP client PUT then GET, and refuses both once the URLs expired', async () => {
    const put = await store.presignPut(bucket, 'jobs/1/2025/10/23/211500/job_config.json', { contentType: 'application/json', expirySeconds: 2 });
    const get = await store.presignGet(bucket, 'jobs/1/2025/10/23/211500/job_config.json', { expirySeconds: 2 });
    expect((await fetch(put.url, { method: 'PUT', headers: put.headers, body: '{"a":1}' })).status).toBe(200);
    const fresh = await fetch(get.url);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe('{"a":1}');

    await new Promise((r) => setTimeout(r, 3500));
    expect((await fetch(get.url)).status).toBe(403);
    expect((await fetch(put.url, { method: 'PUT', headers: put.headers, body: '{"a":2}' })).status).toBe(403);
  });
});
