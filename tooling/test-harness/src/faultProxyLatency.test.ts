// The fault proxy's latency mode and its count of requests by S3 operation, with the real S3 SDK
// as the client: each command goes through the proxy and must be counted under its own name (the
// upstream is a plain HTTP server, so replies the SDK cannot parse are expected and ignored).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { s3Operation } from './s3Operation';

const B = 'bucket-1';
const K = 'a dir/key+with%odd chars.bin';
const commands = {
  ListObjectsV2: new ListObjectsV2Command({ Bucket: B, Prefix: 'a/', StartAfter: 'a/b' }),
  ListObjects: new ListObjectsCommand({ Bucket: B, Prefix: 'a/' }),
  ListObjectVersions: new ListObjectVersionsCommand({ Bucket: B, Prefix: 'a/' }),
  ListMultipartUploads: new ListMultipartUploadsCommand({ Bucket: B }),
  GetBucketVersioning: new GetBucketVersioningCommand({ Bucket: B }),
  HeadBucket: new HeadBucketCommand({ Bucket: B }),
  CreateBucket: new CreateBucketCommand({ Bucket: B }),
  DeleteObjects: new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: K }, { Key: 'b' }] } }),
  HeadObject: new HeadObjectCommand({ Bucket: B, Key: K }),
  GetObject: new GetObjectCommand({ Bucket: B, Key: K }),
  PutObject: new PutObjectCommand({ Bucket: B, Key: K, Body: 'x' }),
  CopyObject: new CopyObjectCommand({ Bucket: B, Key: 'new/key', CopySource: `${B}/${encodeURIComponent(K)}` }),
  DeleteObject: new DeleteObjectCommand({ Bucket: B, Key: K }),
  CreateMultipartUpload: new CreateMultipartUploadCommand({ Bucket: B, Key: K }),
  UploadPart: new UploadPartCommand({ Bucket: B, Key: K, UploadId: 'u1', PartNumber: 1, Body: 'x' }),
  UploadPartCopy: new UploadPartCopyCommand({ Bucket: B, Key: K, UploadId: 'u1', PartNumber: 2, CopySource: `${B}/src` }),
  CompleteMultipartUpload: new CompleteMultipartUploadCommand({ Bucket: B, Key: K, UploadId: 'u1', MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"e"' }] } }),
  AbortMultipartUpload: new AbortMultipartUploadCommand({ Bucket: B, Key: K, UploadId: 'u1' }),
} as const;

describe('fault proxy: latency and counts by S3 operation', () => {
  let upstream: Server;
  let proxy: FaultProxy;
  let s3: S3Client;
  let upstreamRequests = 0;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      upstreamRequests++;
      req.resume();
      req.on('end', () => res.end());
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, undefined, { latencyMs: 50 });
    s3 = new S3Client({
      endpoint: proxy.url,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
  });
  afterAll(async () => {
    s3.destroy();
    await proxy.close();
    await new Promise<void>((r) => upstream.close(() => r()));
  });

  it('counts every SDK command under its own name and forwards each after the fixed latency', async () => {
    const sent: Record<string, number> = {};
    for (const [name, command] of Object.entries(commands)) {
      const started = Date.now();
      // The upstream's empty answers are not what the SDK expects for some commands: only the request matters here.
      await s3.send(command as Parameters<S3Client['send']>[0]).catch(() => undefined);
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      sent[name] = 1;
    }
    expect(proxy.counters.byOperation).toEqual(sent);
    expect(proxy.counters.requests).toBe(Object.keys(commands).length);
    expect(proxy.counters.forwarded).toBe(Object.keys(commands).length);
    expect(upstreamRequests).toBe(Object.keys(commands).length);
  });

  it('names requests from other clients the same way (aws-cli and rclone style paths)', () => {
    expect(s3Operation('GET', '/b?list-type=2&prefix=training-output%2F&encoding-type=url')).toBe('ListObjectsV2');
    expect(s3Operation('GET', '/b/?list-type=2&max-keys=1000')).toBe('ListObjectsV2');
    expect(s3Operation('GET', '/b?delimiter=%2F&prefix=')).toBe('ListObjects');
    expect(s3Operation('GET', '/b?location')).toBe('GetBucketLocation');
    expect(s3Operation('PUT', '/b/new/k', { 'x-amz-copy-source': '/b/old/k' })).toBe('CopyObject');
    expect(s3Operation('POST', '/b/?delete')).toBe('DeleteObjects');
    expect(s3Operation('DELETE', '/b/old/k%20x')).toBe('DeleteObject');
    expect(s3Operation('GET', '/')).toBe('ListBuckets');
  });
});
