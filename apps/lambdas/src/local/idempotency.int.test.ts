// Issue 15 §2 through the HTTP API on the local stack (moto DynamoDB): POST/PUT routes that create
// something run once per Idempotency-Key (or, where the request names what it creates, once per
// request), replay the stored answer, refuse a reused key and a request still in progress.
import { boto3ScanTable } from '@edgecv/test-harness';
import { json } from '../http/http';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';
import { jsonLinesOf } from '../runtime/jsonOutput.fixture';
import { serveLogger } from '../runtime/serveRuntime';
import { call, startTestApi, type TestApi } from './testApi.fixture';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api.close());

const withKey = (key: string) => ({ 'idempotency-key': key });
const jobsIn = async (testApi: TestApi) => boto3ScanTable(`${testApi.tablePrefix}jobs`);

describe('POST /jobs with an Idempotency-Key', () => {
  it('creates one job for the same request sent twice and answers the same body twice, the second marked as replayed', async () => {
    const request = { name: 'once', createdAt: '2025-10-23T21:15:00Z' };
    const first = await call(api, 'POST', '/jobs', request, 'application/json', withKey('job-once-1'));
    const second = await call(api, 'POST', '/jobs', request, 'application/json', withKey('job-once-1'));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(`/jobs/${first.body.id}`);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await jobsIn(api)).filter((j) => j.name === 'once')).toHaveLength(1);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    await call(api, 'POST', '/jobs', { name: 'first-body' }, 'application/json', withKey('job-reused-1'));
    const before = (await jobsIn(api)).length;
    const reused = await call(api, 'POST', '/jobs', { name: 'second-body' }, 'application/json', withKey('job-reused-1'));
    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('POST /jobs') });
    expect(await jobsIn(api)).toHaveLength(before);
  });

  it('creates a job per request without a key: the server picks the ids, so equal bodies are two jobs', async () => {
    const a = await call(api, 'POST', '/jobs', { name: 'twice' });
    const b = await call(api, 'POST', '/jobs', { name: 'twice' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps keys apart per route: the same key on POST /jobs/{id}/runs creates a run', async () => {
    const job = await call(api, 'POST', '/jobs', {}, 'application/json', withKey('shared-key-1'));
    const run = await call(api, 'POST', `/jobs/${job.body.id}/runs`, {}, 'application/json', withKey('shared-key-1'));
    expect(run).toMatchObject({ status: 201, body: { jobId: job.body.id } });
    // ... and per path on one route: the same key for another job's runs is another request.
    const other = await call(api, 'POST', '/jobs', {});
    expect((await call(api, 'POST', `/jobs/${other.body.id}/runs`, {}, 'application/json', withKey('shared-key-1'))).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('stores no failed answer: a refused request leaves the key free for the corrected one', async () => {
    const refused = await call(api, 'POST', '/jobs', { id: -1 }, 'application/json', withKey('job-fixed-1'));
    expect(refused.body.error.code).toBe('INVALID_REQUEST');
    const fixed = await call(api, 'POST', '/jobs', { name: 'fixed' }, 'application/json', withKey('job-fixed-1'));
    expect(fixed.status).toBe(201);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['not ASCII', 'clé'],
  ])('refuses a key that is %s with 400 INVALID_IDEMPOTENCY_KEY and creates nothing', async (_what, key) => {
    const before = (await jobsIn(api)).length;
    const res = await fetch(`${api.url}/jobs`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'idempotency-key': key } });
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(res.status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY', issues: [{ path: 'idempotency-key' }] });
    expect(await jobsIn(api)).toHaveLength(before);
  });

  it('keeps its records in the idempotency table, completed, with the time to live attribute set to the expiry', async () => {
    const startedAt = Math.floor(Date.now() / 1000);
    await call(api, 'POST', '/jobs', { name: 'recorded' }, 'application/json', withKey('job-recorded-1'));
    const records = await boto3ScanTable(`${api.tablePrefix}idempotency`);
    const record = records.find((r) => String(r.id).startsWith('createJob#') && (r.data as { body?: string } | undefined)?.body?.includes('"recorded"'));
    expect(record).toMatchObject({ status: 'COMPLETED', data: { statusCode: 201 } });
    expect(record?.expiration).toBeGreaterThanOrEqual(startedAt + 3600);
    expect(record?.expiration).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600);
  });
});

describe('routes whose request names what it creates (key-or-request)', () => {
  it('answer an equal POST /training-jobs without a key as the first (a retry), and another request for the same name with 409', async () => {
    const request = { jobName: 'retry-1', inputDataUri: `s3://${api.bucket}/datasets/raw/cats/`, trainingImage: 'img:1' };
    const first = await call(api, 'POST', '/training-jobs', request);
    const retry = await call(api, 'POST', '/training-jobs', request);
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 201, body: first.body });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await call(api, 'POST', '/training-jobs', { ...request, trainingImage: 'img:2' });
    expect(conflict.body.error.code).toBe('TRAINING_JOB_ALREADY_EXISTS');
  });
});

describe('a request still in progress', () => {
  it('refuses the same key with 409 IDEMPOTENT_REQUEST_IN_PROGRESS while the first runs, then replays its answer', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let runs = 0;
    // createJob's frame and policy, with a body that waits until the test lets it answer.
    const slowCreateJob = defineHandler(
      'createJob',
      [],
      async () => {
        runs += 1;
        started();
        await finished;
        return json(201, { id: 42 });
      },
      { idempotent },
    );
    const slow = await startTestApi({ handlers: { createJob: slowCreateJob } });
    try {
      const first = call(slow, 'POST', '/jobs', { name: 'slow' }, 'application/json', withKey('slow-1'));
      await running;
      const during = await call(slow, 'POST', '/jobs', { name: 'slow' }, 'application/json', withKey('slow-1'));
      expect(during.status).toBe(409);
      expect(during.body.error).toMatchObject({ code: 'IDEMPOTENT_REQUEST_IN_PROGRESS' });
      finish();
      expect(await first).toMatchObject({ status: 201, body: { id: 42 } });
      const after = await call(slow, 'POST', '/jobs', { name: 'slow' }, 'application/json', withKey('slow-1'));
      expect(after).toMatchObject({ status: 201, body: { id: 42 } });
      expect(runs).toBe(1);
    } finally {
      finish();
      await slow.close();
    }
  });
});

describe('the request log line', () => {
  it('says replayed: true for a stored answer, and nothing for the first', async () => {
    const logged = await startTestApi({ runtime: { logger: serveLogger('INFO') } });
    try {
      const lines = await jsonLinesOf(async () => {
        await call(logged, 'POST', '/jobs', { name: 'logged' }, 'application/json', withKey('logged-1'));
        await call(logged, 'POST', '/jobs', { name: 'logged' }, 'application/json', withKey('logged-1'));
      });
      const requests = lines.filter((l) => l.message === 'request');
      expect(requests.map((l) => [l.route, l.status, l.replayed])).toEqual([
        ['createJob', 201, undefined],
        ['createJob', 201, true],
      ]);
    } finally {
      await logged.close();
    }
  });
});

describe('the expiry', () => {
  it('is configurable: once it has passed, the same key and request run again', async () => {
    const short = await startTestApi({ runtime: { idempotencyExpirySeconds: 1 } });
    try {
      const first = await call(short, 'POST', '/jobs', { name: 'expiring' }, 'application/json', withKey('expiring-1'));
      // DynamoDB compares the expiry in seconds: wait until the record is strictly past it.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const later = await call(short, 'POST', '/jobs', { name: 'expiring' }, 'application/json', withKey('expiring-1'));
      expect(later.status).toBe(201);
      expect(later.headers.get('idempotent-replayed')).toBeNull();
      expect(later.body.id).not.toBe(first.body.id);
    } finally {
      await short.close();
    }
  });
});
