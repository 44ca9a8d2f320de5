// Spec 004 end to end: the results use cases wired to the real adapters, against the local stack.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { boto3GetObject, boto3Versions, createTestBucket, emptyAndDeleteBucket, uniqueName } from '@edgecv/test-harness';
import {
  ArchiveJob,
  CreateJob,
  CreateRun,
  GetJobArtifactUrls,
  GetUploadLocation,
  JobNotFoundError,
  RunNotFoundError,
  RunNotInJobError,
  SymlinkEscapeError,
  PackageLimitError,
  ResultsExistError,
  UploadResults,
  type Clock,
  type ObjectStore,
  type ResultsSettings,
} from '@edgecv/use-cases';
import { createDynamoClients, dynamoConfigFromEnv, DynamoDbJobRepository, DynamoDbRunRepository, ensureTables, tableNames } from '../dynamodb';
import { S3ObjectStore, s3ConfigFromEnv } from '../s3';
import { readZip } from './readZip.fixture';
import { YazlResultsPackager } from './YazlResultsPackager';

/** A clock the test moves by hand: runs are created and uploaded minutes after the job. */
class MovingClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
const store = new S3ObjectStore(s3ConfigFromEnv(process.env, { partSizeBytes: 5 * 1024 * 1024 }));
const packager = new YazlResultsPackager();
let jobs: DynamoDbJobRepository;
let runs: DynamoDbRunRepository;
let bucket: string;
let work: string;
let clock: MovingClock;
let settings: ResultsSettings;

beforeAll(async () => {
  const names = tableNames(`${uniqueName('results')}-`);
  await ensureTables(client, names, ['jobs', 'runs', 'counters']);
  jobs = new DynamoDbJobRepository(documents, names);
  runs = new DynamoDbRunRepository(documents, names);
});
beforeEach(async () => {
  bucket = await createTestBucket({ prefix: 'results' });
  work = await mkdtemp(path.join(tmpdir(), 'edgecv-results-'));
  clock = new MovingClock(new Date('2025-10-23T21:15:00Z'));
  settings = { bucket };
});
afterEach(async () => {
  await emptyAndDeleteBucket(bucket);
  await rm(work, { recursive: true, force: true });
});

const useCases = () => ({
  createJob: new CreateJob(jobs, clock),
  createRun: new CreateRun(jobs, runs, clock),
  uploadResults: new UploadResults(jobs, runs, packager, store, clock, settings),
  uploadLocation: new GetUploadLocation(jobs, runs, store, settings),
  artifactUrls: new GetJobArtifactUrls(jobs, store, settings),
  archiveJob: new ArchiveJob(jobs, store, clock, settings),
});

async function resultsDir(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}

async function keysUnder(prefix: string, b = bucket): Promise<string[]> {
  const keys = [];
  for await (const o of store.list(b, prefix)) keys.push(o.key);
  return keys;
}

async function download(key: string, b = bucket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await store.getStream(b, key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('uploadResults (spec 004)', () => {
  it('uploads the zip under the prefix built from job.created_at and records key, size, SHA-256 and upload time on the run', async () => {
    const uc = useCases();
    const job = await uc.createJob.execute({ name: 'detector' });
    clock.advance(1);
    const run = await uc.createRun.execute({ jobId: job.id });
    clock.advance(30);
    const dir = await resultsDir('r', { 'metrics.json': '{"map":0.61}', 'weights/best.pt': randomBytes(2048), 'plots/pr curve.png': randomBytes(512) });

    const progress: number[] = [];
    const location = await uc.uploadResults.execute({ jobId: job.id, runId: run.id, resultsDir: dir, onProgress: (bytes) => progress.push(bytes) });

    const key = `jobs/${job.id}/2025/10/23/211500/run_${run.id}_results.zip`;
    // The CLI's progress display: stored bytes reported as they grow, ending at the object's size.
    expect(progress.at(-1)).toBe(location.size);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(location).toMatchObject({ bucket, key, uri: `s3://${bucket}/${key}`, entries: 5 });
    expect(location.uploadedAt).toEqual(new Date('2025-10-23T21:46:00Z'));
    const body = await download(key);
    expect(location).toMatchObject({ size: body.length, sha256: sha(body) });
    expect((await runs.findById(run.id))?.results).toEqual({ bucket, key, size: body.length, sha256: sha(body), uploadedAt: location.uploadedAt });

    const zipFile = path.join(work, 'downloaded.zip');
    await pipeline(Readable.from([body]), createWriteStream(zipFile));
    expect((await readZip(zipFile)).map((e) => e.name)).toEqual(['metrics.json', 'plots/', 'plots/pr curve.png', 'weights/', 'weights/best.pt']);
  });

  it('puts several runs created minutes apart, uploaded later still, under the job\'s one prefix', async () => {
    const uc = useCases();
    const job = await uc.createJob.execute();
    const uploaded: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(7); // each run starts minutes after the previous one...
      const run = await uc.createRun.execute({ jobId: job.id });
      clock.advance(61); // ...and uploads over an hour later, crossing hour (and date) boundaries
      const dir = await resultsDir(`run${i}`, { 'out.txt': `run ${i}` });
      uploaded.push((await uc.uploadResults.execute({ jobId: job.id, runId: run.id, resultsDir: dir })).key);
    }
    const prefix = `jobs/${job.id}/2025/10/23/211500/`;
    expect(uploaded.every((k) => k.startsWith(prefix))).toBe(true);
    expect(await keysUnder(`jobs/${job.id}/`)).toEqual([...uploaded].sort());
  });

  it('fails with JobNotFoundError (JOB_NOT_FOUND) for an unknown job, uploading nothing', async () => {
    const dir = await resultsDir('r', { a: 'b' });
    const error = await useCases().uploadResults.execute({ jobId: 987_654, runId: 1, resultsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobNotFoundError);
    expect(error).toMatchObject({ code: 'JOB_NOT_FOUND', jobId: 987_654 });
    expect(await keysUnder('')).toEqual([]);
  });

  it('fails with RunNotFoundError for an unknown run and RunNotInJobError (RUN_NOT_IN_JOB) for another job\'s run', async () => {
    const uc = useCases();
    const job = await uc.createJob.execute();
    const other = await uc.createJob.execute();
    const otherRun = await uc.createRun.execute({ jobId: other.id });
    const dir = await resultsDir('r', { a: 'b' });
    await expect(uc.uploadResults.execute({ jobId: job.id, runId: 876_543, resultsDir: dir })).rejects.toBeInstanceOf(RunNotFoundError);
    const error = await uc.uploadResults.execute({ jobId: job.id, runId: otherRun.id, resultsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunNotInJobError);
    expect(error).toMatchObject({ code: 'RUN_NOT_IN_JOB', runId: otherRun.id, jobId: job.id, actualJobId: other.id });
    expect(await keysUnder('')).toEqual([]);
  });

  it.each([
    ['a symbolic link escaping the directory', SymlinkEscapeError, async (dir: string) => symlink('/etc', path.join(dir, 'zz-escape'))],
    ['more files than the limit allows', PackageLimitError, async (dir: string) => writeFile(path.join(dir, 'extra'), 'x')],
  ])('on %s: typed error, no object, no multipart upload left, run record untouched', async (_case, ErrorType, spoil) => {
    settings = { bucket, packageLimits: { maxEntries: 2 } };
    const uc = useCases();
    const job = await uc.createJob.execute();
    const run = await uc.createRun.execute({ jobId: job.id });
    // 12 MiB of good files sort before the bad entry: whatever part of the zip was produced and sent is discarded.
    const dir = await resultsDir('r', { 'a.bin': randomBytes(6 * 1024 * 1024), 'b.bin': randomBytes(6 * 1024 * 1024) });
    await spoil(dir);
    await expect(uc.uploadResults.execute({ jobId: job.id, runId: run.id, resultsDir: dir })).rejects.toBeInstanceOf(ErrorType);
    expect(await keysUnder('')).toEqual([]);
    const uploads = [];
    for await (const u of store.listMultipartUploads(bucket, '')) uploads.push(u);
    expect(uploads).toEqual([]);
    expect(await runs.findById(run.id)).toEqual(run);
  });

  it('leaves the run record untouched when the upload itself fails', async () => {
    settings = { bucket: uniqueName('missing-bucket') };
    const uc = useCases();
    const job = await uc.createJob.execute();
    const run = await uc.createRun.execute({ jobId: job.id });
    const dir = await resultsDir('r', { a: 'b' });
    await expect(uc.uploadResults.execute({ jobId: job.id, runId: run.id, resultsDir: dir })).rejects.toMatchObject({ code: 'S3_BUCKET_NOT_FOUND' });
    expect(await runs.findById(run.id)).toEqual(run);
  });
});

describe('results are write-once (issue 11 §2)', () => {
  async function uploadedRun(): Promise<{ jobId: number; runId: number; key: string; first: { sha256: string; size: number } }> {
    const uc = useCases();
    const job = await uc.createJob.execute();
    const run = await uc.createRun.execute({ jobId: job.id });
    const first = await uc.uploadResults.execute({ jobId: job.id, runId: run.id, resultsDir: await resultsDir('first', { 'metrics.json': '{"map":0.61}' }) });
    return { jobId: job.id, runId: run.id, key: first.key, first };
  }

  it('refuses a second upload with RESULTS_EXIST naming the key: the first zip and the run record stay as they were', async () => {
    const { jobId, runId, key, first } = await uploadedRun();
    const recorded = await runs.findById(runId);
    const second = await useCases()
      .uploadResults.execute({ jobId, runId, resultsDir: await resultsDir('second', { 'metrics.json': '{"map":0.99}' }) })
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ResultsExistError);
    expect(second).toMatchObject({ code: 'RESULTS_EXIST', bucket, key, jobId, runId, message: expect.stringContaining(`s3://${bucket}/${key}`) });
    expect(await boto3GetObject(bucket, key)).toMatchObject({ sha256: first.sha256, size: first.size });
    expect(await runs.findById(runId)).toEqual(recorded);
  });

  it('refuses by the conditional write when the results appear after the look-up (a concurrent upload): the other zip stays', async () => {
    const { jobId, runId, key, first } = await uploadedRun();
    // The look-up sees no object, as it would when another upload lands between it and the write.
    const blind: ObjectStore = Object.assign(Object.create(store) as ObjectStore, { head: async () => undefined });
    const racing = new UploadResults(jobs, runs, packager, blind, clock, settings);
    const second = await racing.execute({ jobId, runId, resultsDir: await resultsDir('second', { 'metrics.json': '{"map":0.99}' }) }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ResultsExistError);
    expect(await boto3GetObject(bucket, key)).toMatchObject({ sha256: first.sha256 });
  });

  it('replaces on purpose on an unversioned bucket, saying the previous zip is gone', async () => {
    const { jobId, runId, key, first } = await uploadedRun();
    const replaced = await useCases().uploadResults.execute({ jobId, runId, replace: true, resultsDir: await resultsDir('second', { 'metrics.json': '{"map":0.99}' }) });
    expect(replaced.replaced).toEqual({ previousSize: first.size, previousEtag: expect.any(String), previousKept: false });
    expect(await boto3GetObject(bucket, key)).toMatchObject({ sha256: replaced.sha256 });
    expect((await runs.findById(runId))?.results).toMatchObject({ sha256: replaced.sha256, size: replaced.size });
  });

  it('replaces on purpose on a versioned bucket, keeping the previous zip as the noncurrent version it names', async () => {
    await emptyAndDeleteBucket(bucket);
    bucket = await createTestBucket({ prefix: 'results-v', versioned: true });
    settings = { bucket };
    const { jobId, runId, key, first } = await uploadedRun();
    await expect(useCases().uploadResults.execute({ jobId, runId, resultsDir: await resultsDir('second', { 'metrics.json': '{"map":0.99}' }) })).rejects.toBeInstanceOf(ResultsExistError);
    const replaced = await useCases().uploadResults.execute({ jobId, runId, replace: true, resultsDir: await resultsDir('third', { 'metrics.json': '{"map":0.7}' }) });
    expect(replaced.replaced).toMatchObject({ previousSize: first.size, previousKept: true, previousVersionId: expect.any(String) });
    const versions = await boto3Versions(bucket, key);
    expect(versions.map((v) => [v.isLatest, v.sha256])).toEqual([
      [true, replaced.sha256],
      [false, first.sha256],
    ]);
    expect(versions[1]?.versionId).toBe(replaced.replaced?.previousVersionId);
  });
});

describe('getUploadLocation (spec 004 phase 2)', () => {
  it('presigns PUTs for the job config, job input and run configs under the same prefix as the results', async () => {
    const uc = useCases();
    const job = await uc.createJob.execute();
    clock.advance(5);
    const run = await uc.createRun.execute({ jobId: job.id });
    clock.advance(5);
    const targets = [
      { upload: { kind: 'job-config', jobId: job.id } as const, name: 'job_config.json', body: '{"epochs":3}' },
      { upload: { kind: 'job-input', jobId: job.id } as const, name: 'job_input.zip', body: 'PK-input' },
      { upload: { kind: 'run-config', jobId: job.id, runId: run.id } as const, name: `run_${run.id}_config.json`, body: '{"lr":0.1}' },
    ];
    for (const { upload, name, body } of targets) {
      const location = await uc.uploadLocation.execute(upload);
      expect(location.key).toBe(`jobs/${job.id}/2025/10/23/211500/${name}`);
      expect(location.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
      const response = await fetch(location.url, { method: 'PUT', headers: location.headers, body });
      expect(response.status).toBe(200);
      expect((await download(location.key)).toString()).toBe(body);
    }
    const dir = await resultsDir('r', { a: 'b' });
    await uc.uploadResults.execute({ jobId: job.id, runId: run.id, resultsDir: dir });
    const keys = await keysUnder(`jobs/${job.id}/`);
    expect(keys).toHaveLength(4);
    expect(new Set(keys.map((k) => k.split('/').slice(0, 6).join('/')))).toEqual(new Set([`jobs/${job.id}/2025/10/23/211500`]));
  });

  it('refuses a run config for a run of another job', async () => {
    const uc = useCases();
    const job = await uc.createJob.execute();
    const other = await uc.createJob.execute();
    const run = await uc.createRun.execute({ jobId: other.id });
    await expect(uc.uploadLocation.execute({ kind: 'run-config', jobId: job.id, runId: run.id })).rejects.toBeInstanceOf(RunNotInJobError);
    await expect(uc.uploadLocation.execute({ kind: 'job-config', jobId: 999_999 })).rejects.toBeInstanceOf(JobNotFoundError);
  });
});

describe('getJobArtifactUrls and archiveJob', () => {
  async function jobWithArtifacts() {
    const uc = useCases();
    const job = await uc.createJob.execute();
    const run = await uc.createRun.execute({ jobId: job.id });
    const prefix = `jobs/${job.id}/2025/10/23/211500/`;
    await store.putIfAbsent(bucket, `${prefix}job_config.json`, '{"epochs":3}', { contentType: 'application/json', metadata: { owner: 'cv' } });
    const dir = await resultsDir('r', { 'big.bin': randomBytes(6 * 1024 * 1024), 'small.txt': 'hello' });
    await uc.uploadResults.execute({ jobId: job.id, runId: run.id, resultsDir: dir });
    await store.putIfAbsent(bucket, `jobs/${job.id}0/2025/10/23/211500/job_config.json`, 'another job'); // a neighbour prefix
    return { uc, job, run, prefix };
  }

  it('presigns a GET for every object under the job prefix and nothing else', async () => {
    const { uc, job, run, prefix } = await jobWithArtifacts();
    const result = await uc.artifactUrls.execute({ jobId: job.id });
    expect(result.prefix).toBe(prefix);
    expect(result.artifacts.map((a) => a.name)).toEqual(['job_config.json', `run_${run.id}_results.zip`]);
    for (const a of result.artifacts) {
      const got = Buffer.from(await (await fetch(a.url)).arrayBuffer());
      expect(sha(got)).toBe(sha(await download(a.key)));
      expect(got.length).toBe(a.size);
    }
  });

  it('copies the whole prefix to the archive bucket, verified, keeping metadata, and marks the job archived', async () => {
    const { uc, job, prefix } = await jobWithArtifacts();
    const archive = await createTestBucket({ prefix: 'archive' });
    try {
      clock.advance(60 * 24);
      const result = await uc.archiveJob.execute({ jobId: job.id, archiveBucket: archive });
      const sourceKeys = await keysUnder(prefix);
      expect(await keysUnder('', archive)).toEqual(sourceKeys);
      for (const key of sourceKeys) expect(sha(await download(key, archive))).toBe(sha(await download(key)));
      expect(await store.head(archive, `${prefix}job_config.json`)).toMatchObject({ contentType: 'application/json', metadata: { owner: 'cv' } });
      expect(result).toMatchObject({ objects: 2, prefix, archiveBucket: archive });
      expect(await jobs.findById(job.id)).toMatchObject({
        status: 'archived',
        archive: { bucket: archive, prefix, objects: 2, bytes: result.bytes, archivedAt: new Date('2025-10-24T21:15:00Z') },
      });
    } finally {
      await emptyAndDeleteBucket(archive);
    }
  });
});
