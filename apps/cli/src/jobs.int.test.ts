// The jobs/runs/results commands end to end against the local stack, as a user types them.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Edgecv } from '@edgecv/container';
import { boto3GetObject, boto3Versions, createTestBucket, uniqueName } from '@edgecv/test-harness';
import { runCli } from './testing/runCli';

describe('edgecv jobs, runs and results', () => {
  let env: NodeJS.ProcessEnv;
  let bucket: string;
  let archive: string;
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket();
    archive = await createTestBucket();
    env = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket, EDGECV_TABLE_PREFIX: `${uniqueName('cli')}-` };
    const edgecv = Edgecv.fromEnv(env);
    await edgecv.provision();
    await edgecv.close();
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-cli-'));
    await mkdir(path.join(dir, 'metrics'), { recursive: true });
    await writeFile(path.join(dir, 'metrics', 'loss curve.csv'), 'epoch,loss\n1,0.5\n');
    await writeFile(path.join(dir, 'résumé.txt'), 'done');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates a job, a run, uploads results under the job prefix, lists and archives them', async () => {
    const job = await runCli(['jobs', 'create', '--created-at', '2025-10-23T21:15:00Z', '--json'], env);
    expect(job.code).toBe(0);
    const [created] = job.json<{ id: number; createdAt: string; prefix: string }>();
    expect(created).toEqual({ id: expect.any(Number), createdAt: '2025-10-23T21:15:00.000Z', prefix: `jobs/${created?.id}/2025/10/23/211500`, target: expect.objectContaining({ kind: 'aws', region: 'us-east-1' }) });
    const jobId = String(created?.id);

    const run = await runCli(['runs', 'create', '--job-id', jobId, '--json'], env);
    expect(run.code).toBe(0);
    const [runOut] = run.json<{ id: number; jobId: number; createdAt: string }>();
    expect(runOut).toMatchObject({ jobId: created?.id, id: expect.any(Number) });

    const upload = await runCli(['results', 'upload', '--job-id', jobId, '--run-id', String(runOut?.id), '--dir', dir, '--json'], env);
    expect(upload.code).toBe(0);
    const [loc] = upload.json<{ bucket: string; key: string; url: string; size: number; sha256: string }>();
    expect(loc).toMatchObject({ bucket, key: `${created?.prefix}/run_${runOut?.id}_results.zip` });
    // The URL works with a plain HTTP client and serves exactly the bytes that were hashed.
    const body = Buffer.from(await (await fetch(loc!.url)).arrayBuffer());
    expect(body.length).toBe(loc?.size);
    expect(createHash('sha256').update(body).digest('hex')).toBe(loc?.sha256);
    expect(upload.stderr).toContain('target: AWS account 123456789012');

    const artifacts = await runCli(['jobs', 'artifacts', '--job-id', jobId, '--expires', '60', '--json'], env);
    expect(artifacts.code).toBe(0);
    const [list] = artifacts.json<{ key: string; size: number; url: string }[]>();
    expect(list?.map((a) => [a.key, a.size])).toEqual([[loc?.key, loc?.size]]);

    const archived = await runCli(['jobs', 'archive', '--job-id', jobId, '--to', archive, '--json'], env);
    expect(archived.code).toBe(0);
    expect(archived.json()[0]).toMatchObject({ objects: 1, bytes: loc?.size });
  });

  it.each([
    ['an unversioned bucket', false],
    ['a versioned bucket', true],
  ])('uploads results once: a second upload exits 1 with RESULTS_EXIST naming the key and changes nothing; --replace replaces, on %s', async (_what, versioned) => {
    const b = versioned ? await createTestBucket({ versioned: true }) : bucket;
    const e = { ...env, EDGECV_ARTIFACT_BUCKET: b };
    const jobId = String((await runCli(['jobs', 'create', '--json'], e)).json<{ id: number }>()[0]?.id);
    const runId = String((await runCli(['runs', 'create', '--job-id', jobId, '--json'], e)).json<{ id: number }>()[0]?.id);
    const upload = (extra: string[] = []) => runCli(['results', 'upload', '--job-id', jobId, '--run-id', runId, '--dir', dir, '--json', ...extra], e);

    const first = await upload();
    expect(first.code).toBe(0);
    const [stored] = first.json<{ key: string; sha256: string; size: number }>();
    await writeFile(path.join(dir, 'résumé.txt'), 'changed');
    try {
      const again = await upload();
      expect(again.code).toBe(1);
      expect(again.stdout).toBe('');
      expect(again.stderr).toContain(`results of run ${runId} (job ${jobId}) already exist at s3://${b}/${stored?.key}`);
      expect(again.stderr).toContain('[RESULTS_EXIST]');
      expect(await boto3GetObject(b, stored!.key)).toMatchObject({ sha256: stored?.sha256, size: stored?.size });

      const replaced = await upload(['--replace']);
      expect(replaced.code).toBe(0);
      const [out] = replaced.json<{ sha256: string; replaced: { previousKept: boolean; previousVersionId?: string; previousSize: number } }>();
      expect(out?.sha256).not.toBe(stored?.sha256);
      expect(await boto3GetObject(b, stored!.key)).toMatchObject({ sha256: out?.sha256 });
      if (versioned) {
        expect(out?.replaced).toMatchObject({ previousKept: true, previousSize: stored?.size });
        expect((await boto3Versions(b, stored!.key)).map((v) => [v.versionId, v.sha256])).toEqual([
          [expect.any(String), out?.sha256],
          [out?.replaced.previousVersionId, stored?.sha256],
        ]);
      } else {
        expect(out?.replaced).toEqual({ previousKept: false, previousSize: stored?.size, previousEtag: expect.any(String) });
        const text = await runCli(['results', 'upload', '--job-id', jobId, '--run-id', runId, '--dir', dir, '--replace'], e);
        expect(text.stdout).toContain(`bucket ${b} is not versioned, so they are gone`);
      }
    } finally {
      await writeFile(path.join(dir, 'résumé.txt'), 'done');
    }
  });

  it('exits 1 naming the job when it does not exist, and 2 for an invalid id', async () => {
    const missing = await runCli(['runs', 'create', '--job-id', '987654321', '--json'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('987654321');
    const invalid = await runCli(['jobs', 'artifacts', '--job-id', 'abc', '--json'], env);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('abc');
  });

  it('refuses an expiry beyond 7 days', async () => {
    const job = (await runCli(['jobs', 'create', '--json'], env)).json<{ id: number }>()[0];
    const r = await runCli(['jobs', 'artifacts', '--job-id', String(job?.id), '--expires', '999999999'], env);
    expect(r.code).toBe(2);
  });
});
