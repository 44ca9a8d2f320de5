import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { GetObjectTaggingCommand, HeadObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { ACCESS_DENIED, INTERNAL_ERROR, closedLoopbackPort, createTestBucket, emptyAndDeleteBucket, startFaultProxy, testS3Client } from '@edgecv/test-harness';
import {
  InvalidExpiryError,
  ObjectNotFoundError,
  ObjectStoreTimeoutError,
  PreconditionFailedError,
  ServiceAccessDeniedError,
  ServiceResourceNotFoundError,
  ServiceUnavailableError,
} from '@edgecv/use-cases';
import { S3ObjectStore } from './S3ObjectStore';
import { s3ConfigFromEnv, type S3ObjectStoreConfig } from './S3ObjectStoreConfig';

const MiB = 1024 * 1024;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const storeWith = (overrides: Partial<S3ObjectStoreConfig> = {}): S3ObjectStore =>
  new S3ObjectStore(s3ConfigFromEnv(process.env, { partSizeBytes: 5 * MiB, ...overrides }));

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A body of unknown length, produced in chunks, optionally failing after `failAfter` bytes. */
function chunked(total: number, failAfter?: number): { stream: Readable; bytes: Buffer } {
  const bytes = randomBytes(total);
  let offset = 0;
  const stream = new Readable({
    read() {
      if (failAfter !== undefined && offset >= failAfter) return this.destroy(new Error('disk went away'));
      if (offset >= total) return this.push(null);
      const next = bytes.subarray(offset, Math.min(total, offset + 256 * 1024));
      offset += next.length;
      this.push(next);
    },
  });
  return { stream, bytes };
}

const store = storeWith();
let bucket: string;
beforeEach(async () => {
  bucket = await createTestBucket({ prefix: 'objstore' });
});
afterEach(async () => {
  await emptyAndDeleteBucket(bucket);
});

describe('S3ObjectStore against the local S3 server', () => {
  it('streams a body of unknown length as a multipart upload and reports its size and SHA-256', async () => {
    const { stream, bytes } = chunked(12 * MiB + 123);
    const put = await store.putStream(bucket, 'jobs/1/big.bin', stream, { contentType: 'application/zip', metadata: { run: '4' } });
    expect(put.size).toBe(bytes.length);
    expect(put.sha256).toBe(sha(bytes));
    expect(put.etag).toMatch(/-3$/); // three parts: 5 + 5 + 2 MiB
    const head = await store.head(bucket, 'jobs/1/big.bin');
    expect(head).toMatchObject({ size: bytes.length, contentType: 'application/zip', metadata: { run: '4' } });
    expect(sha(await readAll(await store.getStream(bucket, 'jobs/1/big.bin')))).toBe(sha(bytes));
  });

  it('leaves no object and no multipart upload behind when the body fails half way', async () => {
    const { stream } = chunked(20 * MiB, 11 * MiB);
    await expect(store.putStream(bucket, 'jobs/1/broken.zip', stream)).rejects.toThrow('disk went away');
    expect(await store.head(bucket, 'jobs/1/broken.zip')).toBeUndefined();
    const uploads = [];
    for await (const u of store.listMultipartUploads(bucket, 'jobs/')) uploads.push(u);
    expect(uploads).toEqual([]);
  });

  it('reports a missing object as undefined from head and ObjectNotFoundError from getStream', async () => {
    expect(await store.head(bucket, 'nothing/here')).toBeUndefined();
    await expect(store.getStream(bucket, 'nothing/here')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('writes with putIfAbsent only when the key is free', async () => {
    const first = await store.putIfAbsent(bucket, 'jobs/1/job_config.json', '{"a":1}', { contentType: 'application/json' });
    expect(first).toMatchObject({ created: true, size: 7, sha256: sha(Buffer.from('{"a":1}')) });
    expect(await store.putIfAbsent(bucket, 'jobs/1/job_config.json', '{"a":2}')).toEqual({ created: false });
    expect((await readAll(await store.getStream(bucket, 'jobs/1/job_config.json'))).toString()).toBe('{"a":1}');
  });

  it.each([
    ['a single PutObject', 1 * MiB],
    ['a multipart upload (the condition rides on its completion)', 12 * MiB],
  ])('streams with ifAbsent only when the key is free, as %s: the object there is kept, no upload is left', async (_how, size) => {
    const key = 'jobs/1/run_1_results.zip';
    const first = chunked(size);
    await store.putStream(bucket, key, first.stream, { ifAbsent: true });
    const second = chunked(size);
    await expect(store.putStream(bucket, key, second.stream, { ifAbsent: true })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(sha(await readAll(await store.getStream(bucket, key)))).toBe(sha(first.bytes));
    const uploads = [];
    for await (const u of store.listMultipartUploads(bucket, 'jobs/')) uploads.push(u);
    expect(uploads).toEqual([]);
  });

  it.each([
    ['CopyObject', {}],
    ['UploadPartCopy (multipart copy)', { multipartCopyThresholdBytes: 1 * MiB, copyPartSizeBytes: 5 * MiB }],
  ])('copies server-side with %s keeping content type, cache control, metadata and tags', async (_how, overrides) => {
    const s = storeWith(overrides);
    const body = randomBytes(7 * MiB);
    await s.putStream(bucket, 'src/a b+é.bin', Readable.from([body]), {
      contentType: 'image/webp',
      cacheControl: 'max-age=60',
      metadata: { origin: 'legacy' },
    });
    await testS3Client().send(
      new PutObjectTaggingCommand({ Bucket: bucket, Key: 'src/a b+é.bin', Tagging: { TagSet: [{ Key: 'team', Value: 'cv' }] } }),
    );
    const copied = await s.copy({ bucket, key: 'src/a b+é.bin' }, { bucket, key: 'dst//a b+é.bin' });
    expect(copied.size).toBe(body.length);
    const head = await s.head(bucket, 'dst//a b+é.bin');
    expect(head).toMatchObject({ size: body.length, contentType: 'image/webp', cacheControl: 'max-age=60', metadata: { origin: 'legacy' } });
    const tags = await testS3Client().send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'dst//a b+é.bin' }));
    expect(tags.TagSet).toEqual([{ Key: 'team', Value: 'cv' }]);
    expect(sha(await readAll(await s.getStream(bucket, 'dst//a b+é.bin')))).toBe(sha(body));
  });

  it('lists every object under a prefix across pages, in key order, with odd keys intact', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `jobs/7/${String(i).padStart(2, '0')} ü+%//x.txt`);
    await Promise.all(keys.map((k) => store.putIfAbsent(bucket, k, k)));
    await store.putIfAbsent(bucket, 'jobs/70/other.txt', 'not mine');
    const seen = [];
    for await (const o of store.list(bucket, 'jobs/7/', { pageSize: 5 })) seen.push(o);
    expect(seen.map((o) => o.key)).toEqual(keys);
    expect(seen[0]).toMatchObject({ size: Buffer.byteLength(keys[0]!), etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('lists keys holding a carriage return, a newline, a tab, + and % byte for byte', async () => {
    // Without encoding-type=url, XML turns a bare CR into LF: the listing would name another object.
    const keys = ['odd/carriage\rreturn', 'odd/line\nfeed', 'odd/tab\there', 'odd/plus+and space', 'odd/100%25 literal%'];
    const byteOrder = (ks: readonly string[]): string[] => [...ks].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    await Promise.all(keys.map((k) => store.putIfAbsent(bucket, k, k)));
    const current = [];
    for await (const o of store.list(bucket, 'odd/', { pageSize: 2 })) current.push(o.key);
    expect(current).toEqual(byteOrder(keys));
    // moto ignores encoding-type on ListObjectVersions (real S3 honours it), so its version listing
    // turns the CR into LF: the versioned listing is checked on the other keys only.
    const noCr = keys.filter((k) => !k.includes('\r'));
    await store.deleteMany(bucket, [{ key: 'odd/carriage\rreturn' }]);
    const versions = [];
    for await (const o of store.list(bucket, 'odd/', { versions: true, pageSize: 2 })) versions.push(o.key);
    expect(versions).toEqual(byteOrder(noCr));
  });

  it('deletes many keys in batches and reports what it deleted', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `tmp/${i}`);
    await Promise.all(keys.map((k) => store.putIfAbsent(bucket, k, 'x')));
    async function* targets(): AsyncIterable<{ key: string }> {
      for (const key of keys) yield { key };
    }
    const result = await store.deleteMany(bucket, targets());
    expect(result.errors).toEqual([]);
    expect(result.deleted.map((d) => d.key).sort()).toEqual([...keys].sort());
    const left = [];
    for await (const o of store.list(bucket, 'tmp/')) left.push(o);
    expect(left).toEqual([]);
  });

  it('presigns a GET and a PUT that a plain HTTP client can use', async () => {
    await store.putIfAbsent(bucket, 'jobs/1/run_4_results.zip', 'zip bytes');
    const get = await store.presignGet(bucket, 'jobs/1/run_4_results.zip');
    expect(get.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(get.url).toContain('X-Amz-Expires=900');
    const got = await fetch(get.url);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('zip bytes');

    const put = await store.presignPut(bucket, 'jobs/1/job_config.json', { contentType: 'application/json', expirySeconds: 120 });
    const sent = await fetch(put.url, { method: 'PUT', headers: put.headers, body: '{"epochs":3}' });
    expect(sent.status).toBe(200);
    const head = await testS3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: 'jobs/1/job_config.json' }));
    expect(head.ContentType).toBe('application/json');
    expect(head.ContentLength).toBe(12);
  });

  it('signs the requested lifetime into the URL (the server enforces it: see tooling/bench/src/results.presign.int.test.ts on MinIO)', async () => {
    const before = Date.now();
    const get = await store.presignGet(bucket, 'short.txt', { expirySeconds: 1 });
    const params = new URL(get.url).searchParams;
    expect(params.get('X-Amz-Expires')).toBe('1');
    const signedAt = Date.parse(params.get('X-Amz-Date')!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(Math.abs(signedAt - before)).toBeLessThan(2000);
    expect(get.expiresAt.getTime() - before).toBeGreaterThanOrEqual(1000);
    expect(get.expiresAt.getTime() - before).toBeLessThan(3000);
  });

  it.each([0, -5, 1.5, 604_801])('refuses a presign expiry of %p seconds with InvalidExpiryError', async (expirySeconds) => {
    await expect(store.presignGet(bucket, 'k', { expirySeconds })).rejects.toBeInstanceOf(InvalidExpiryError);
    await expect(store.presignPut(bucket, 'k', { expirySeconds })).rejects.toBeInstanceOf(InvalidExpiryError);
  });

  it('accepts the longest expiry S3 allows: 7 days', async () => {
    const url = await store.presignGet(bucket, 'k', { expirySeconds: 604_800 });
    expect(url.url).toContain('X-Amz-Expires=604800');
  });
});

/** A proxy in front of the S3 server that misbehaves for the first `failures` requests. */
async function flakyProxy(failures: number, mode: 'slowdown' | '503' | 'reset' | 'hang'): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  const target = new URL(process.env.AWS_ENDPOINT_URL_S3!);
  let count = 0;
  const server = http.createServer((req, res) => {
    count += 1;
    if (count <= failures) {
      if (mode === 'hang') return; // never answers
      if (mode === 'reset') return req.socket.destroy();
      const code = mode === 'slowdown' ? 'SlowDown' : 'ServiceUnavailable';
      res.writeHead(503, { 'content-type': 'application/xml' });
      return res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>try later</Message></Error>`);
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('S3ObjectStore retries and timeouts', () => {
  it.each(['slowdown', '503', 'reset'] as const)('retries a %s answer with backoff and then succeeds', async (mode) => {
    await store.putIfAbsent(bucket, 'retry.txt', 'ok');
    const proxy = await flakyProxy(2, mode);
    try {
      const flaky = storeWith({ endpoint: proxy.url, retry: { attempts: 3, mode: 'standard' } });
      const listed = [];
      for await (const o of flaky.list(bucket, 'retry')) listed.push(o.key);
      expect(listed).toEqual(['retry.txt']);
      expect(proxy.requests()).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it('gives up after the configured attempts', async () => {
    const proxy = await flakyProxy(10, 'slowdown');
    try {
      const flaky = storeWith({ endpoint: proxy.url, retry: { attempts: 2, mode: 'standard' } });
      // The SDK's SlowDown leaves the adapter as the port's typed error, keeping S3's word.
      await expect(flaky.getStream(bucket, 'retry.txt')).rejects.toMatchObject({ code: 'S3_THROTTLED', providerCode: 'SlowDown' });
      expect(proxy.requests()).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('bounds every attempt by the operation timeout and reports ObjectStoreTimeoutError', async () => {
    const proxy = await flakyProxy(10, 'hang');
    try {
      const slow = storeWith({ endpoint: proxy.url, timeoutMs: 300, retry: { attempts: 2, mode: 'standard' } });
      const started = Date.now();
      await expect(slow.head(bucket, 'x')).rejects.toBeInstanceOf(ObjectStoreTimeoutError);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(proxy.requests()).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});

describe('S3ObjectStore failures leave the adapter as the ports\' typed errors', () => {
  it('a missing bucket is S3_BUCKET_NOT_FOUND naming it, a missing key ObjectNotFoundError, a taken key no write', async () => {
    const missing = `${bucket}-gone`;
    const listing = (async () => {
      for await (const o of store.list(missing, '')) void o;
    })();
    await expect(listing).rejects.toBeInstanceOf(ServiceResourceNotFoundError);
    await expect(store.putIfAbsent(missing, 'k', 'x')).rejects.toMatchObject({ code: 'S3_BUCKET_NOT_FOUND', resource: `s3://${missing}` });
    await expect(store.getStream(bucket, 'nothing-here')).rejects.toBeInstanceOf(ObjectNotFoundError);
    // A failed condition (412) is the port's answer, not an error: the write did not happen.
    await store.putIfAbsent(bucket, 'taken', 'x');
    await expect(store.putIfAbsent(bucket, 'taken', 'y')).resolves.toEqual({ created: false });
  });

  it('an endpoint nobody listens on is S3_UNAVAILABLE naming the endpoint, not a socket code', async () => {
    const closed = await closedLoopbackPort();
    const down = storeWith({ endpoint: `http://127.0.0.1:${closed}`, retry: { attempts: 2, mode: 'standard' } });
    const error = await down.head(bucket, 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ code: 'S3_UNAVAILABLE', service: 'S3', operation: 'HeadObject', providerCode: 'ECONNREFUSED' });
    expect((error as Error).message).toContain(`127.0.0.1:${closed}`);
  });

  it('lists n keys in exactly ceil(n / page) ListObjectsV2 requests, and never asks for a page before it is read', async () => {
    // The parallel listing's chunk is one page: stopping after a page's last key must not have
    // cost the next page's request (issue 16 §4, requests per 1,000 keys).
    const keys = Array.from({ length: 10 }, (_, i) => `pages/${String(i).padStart(2, '0')}`);
    for (const k of keys) await store.putIfAbsent(bucket, k, 'x');
    const proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 ?? '');
    try {
      const behind = storeWith({ endpoint: proxy.url });
      const listed: string[] = [];
      for await (const o of behind.list(bucket, 'pages/', { pageSize: 5 })) listed.push(o.key);
      expect(listed).toEqual(keys);
      expect(proxy.counters.byOperation.ListObjectsV2).toBe(2);
      const firstPage: string[] = [];
      for await (const o of behind.list(bucket, 'pages/', { pageSize: 5 })) {
        firstPage.push(o.key);
        if (firstPage.length === 5) break;
      }
      expect(firstPage).toEqual(keys.slice(0, 5));
      expect(proxy.counters.byOperation.ListObjectsV2).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it('a refusal is S3_ACCESS_DENIED and a failing server S3_UNAVAILABLE, with the SDK error kept as the cause', async () => {
    const proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 ?? '');
    try {
      const behind = storeWith({ endpoint: proxy.url, retry: { attempts: 2, mode: 'standard' } });
      proxy.setRule({ action: ACCESS_DENIED });
      const denied = await behind.putIfAbsent(bucket, 'k', 'x').catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(ServiceAccessDeniedError);
      expect(denied).toMatchObject({ code: 'S3_ACCESS_DENIED', providerCode: 'AccessDenied', cause: { name: 'AccessDenied' } });
      proxy.setRule({ action: INTERNAL_ERROR });
      await expect(behind.putIfAbsent(bucket, 'k', 'x')).rejects.toMatchObject({ code: 'S3_UNAVAILABLE', providerCode: 'InternalError' });
    } finally {
      await proxy.close();
    }
  });
});

