// The migration through the CLI, as an operator runs it: validate, plan, run, status, cutover,
// cleanup, validate, rollback, export; and a run killed with SIGKILL at random moments.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { Edgecv } from '@edgecv/container';
import { createTestBucket, startFaultProxy, testS3Client, uniqueName } from '@edgecv/test-harness';
import { runCli } from './testing/runCli';

const s3 = testS3Client();

/** The CLI as a process of its own (its exit code, and the SDK's errors as a real process sees them). */
function runCliProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function snapshot(bucket: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key }));
      objects.set(o.Key ?? '', await body.Body!.transformToString('base64'));
    }
    token = page.NextContinuationToken;
  } while (token);
  return objects;
}

async function world() {
  const bucket = await createTestBucket();
  // A database of its own: assignments other tests store in the shared one would count as references
  // into this bucket, which is also the images bucket here.
  const env = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket, EDGECV_TABLE_PREFIX: `${uniqueName('mig')}-`, EDGECV_MONGODB_DATABASE: uniqueName('mig').replace(/-/g, '_') };
  const edgecv = Edgecv.fromEnv(env);
  await edgecv.provision({ s3: false });
  return { bucket, env, edgecv };
}

describe('edgecv migrate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-migrate-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes a legacy bucket through validate, plan, run, cutover, cleanup and validate, and rolls it back byte for byte', async () => {
    const { bucket, env, edgecv } = await world();
    await edgecv.demo.seedLegacyBucket.execute({ bucket });
    await edgecv.close();
    const original = await snapshot(bucket);
    const journal = path.join(dir, 'lifecycle.jsonl');
    const cli = (...args: string[]) => runCli([...args, '--json'], env);

    const before = await cli('validate', '--bucket', bucket);
    expect(before.code).toBe(1);
    expect(before.json()[0]).toMatchObject({ ok: false, counts: { 'legacy-left': 11, 'double-slash': 2 } });
    expect(before.stderr).toContain(bucket);

    const plan = await cli('migrate', 'plan', '--bucket', bucket, '--journal', journal);
    expect(plan.code).toBe(0);
    expect(plan.json()[0]).toMatchObject({ planned: 11, collisions: 0, byStatus: { conforming: 2 } });
    expect((await cli('migrate', 'plan', '--bucket', bucket, '--journal', journal)).code).toBe(1); // never overwrites a journal

    // What is left to do, as an S3 Batch Operations manifest (one row per planned move).
    const manifest = path.join(dir, 'manifest.csv');
    const exported = await cli('migrate', 'export', '--journal', journal, '--format', 's3-batch-csv', '--out', manifest);
    expect(exported.json()[0]).toMatchObject({ rows: 11 });
    const rows = (await readFile(manifest, 'utf8')).split('\n').filter(Boolean);
    expect(rows).toHaveLength(11);
    expect(rows).toContain(`${bucket},datasets/line-3%20photos/img%20001%2Ba%2520b.jpg`);
    expect((await cli('migrate', 'export', '--journal', journal, '--format', 'parquet', '--out', manifest)).code).toBe(2);

    const run = await cli('migrate', 'run', '--journal', journal, '--concurrency', '4');
    expect(run.code).toBe(0);
    expect(run.json()[0]).toMatchObject({ verified: 11, collisions: 0 });
    const again = await cli('migrate', 'run', '--journal', journal);
    expect(again.json()[0]).toMatchObject({ alreadyDone: 11, toDo: 0 });

    const status = await cli('migrate', 'status', '--journal', journal);
    expect(status.json()[0]).toMatchObject({ total: 11, byStatus: { verified: 11 } });

    expect((await cli('migrate', 'cutover', '--journal', journal)).json()[0]).toMatchObject({ updated: 7, references: 7 });
    // Servers the environment names are a target that matters: no terminal here, so --yes.
    expect((await cli('migrate', 'cleanup', '--journal', journal, '--yes')).json()[0]).toMatchObject({ deleted: 11 });
    const after = await cli('validate', '--bucket', bucket);
    expect(after.code).toBe(0);
    expect(after.json()[0]).toMatchObject({ ok: true });

    const rollback = await cli('migrate', 'rollback', '--journal', journal, '--yes');
    expect(rollback.code).toBe(0);
    expect(await snapshot(bucket)).toEqual(original);
    expect((await cli('validate', '--bucket', bucket)).code).toBe(1);
  });

  it('survives SIGKILL of the CLI at random moments and finishes, losing nothing', async () => {
    const { bucket, env, edgecv } = await world();
    await edgecv.close();
    const count = 150;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: `training-output/job-${i % 7}/part ${i}+%.bin`, Body: `payload ${i} ${'x'.repeat(i)}` })),
      ),
    );
    const original = await snapshot(bucket);
    const journal = path.join(dir, 'crash.jsonl');
    expect((await runCli(['migrate', 'plan', '--bucket', bucket, '--journal', journal, '--json'], env)).json()[0]).toMatchObject({ planned: count });

    const main = path.join(__dirname, 'main.ts');
    // Kill once the run has journaled a random amount of progress: always mid-run, however fast the machine.
    const runOnce = (killAfterJournalBytes?: number) =>
      new Promise<number | null>((resolve) => {
        void stat(journal).then(({ size: start }) => {
          const child = spawn(process.execPath, ['--import', 'tsx', main, 'migrate', 'run', '--journal', journal, '--concurrency', '8', '--json'], { env, stdio: 'ignore' });
          const poll =
            killAfterJournalBytes === undefined
              ? undefined
              : setInterval(() => {
                  void stat(journal).then(({ size }) => {
                    if (size - start >= killAfterJournalBytes) child.kill('SIGKILL');
                  });
                }, 5);
          child.on('exit', (code) => {
            clearInterval(poll);
            resolve(code);
          });
        });
      });
    let kills = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
      const code = await runOnce(200 + Math.floor(Math.random() * 4_000));
      if (code === 0) break;
      kills += 1;
    }
    expect(await runOnce()).toBe(0);

    const status = (await runCli(['migrate', 'status', '--journal', journal, '--json'], env)).json<{ byStatus: Record<string, number> }>()[0];
    expect(status?.byStatus).toEqual({ verified: count });
    const now = await snapshot(bucket);
    for (const [key, body] of original) {
      expect(now.get(key)).toBe(body);
      expect(now.get(key.replace(/^training-output\//, 'models/training/'))).toBe(body);
    }
    expect(now.size).toBe(2 * count);
    // The kills happened (the test would prove nothing if every run finished before its kill).
    expect(kills).toBeGreaterThan(0);
  });

  it('gives up when S3 stops answering mid-run, prints the command that resumes, and that command finishes losing nothing', async () => {
    const proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 as string);
    try {
      const { bucket, env: direct, edgecv } = await world();
      await edgecv.close();
      const env = { ...direct, AWS_ENDPOINT_URL_S3: proxy.url };
      const count = 40;
      for (let i = 0; i < count; i++) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `training-output/job-${i % 3}/part ${i}.bin`, Body: `payload ${i}` }));
      const original = await snapshot(bucket);
      const journal = path.join(dir, 'outage.jsonl');
      expect((await runCli(['migrate', 'plan', '--bucket', bucket, '--journal', journal, '--json'], env)).code).toBe(0);
      const planned = await readFile(journal, 'utf8');

      // Bad limits are refused before anything happens.
      for (const bad of [['--give-up-after', '0'], ['--give-up-after', 'soon'], ['--give-up-after-records', '0'], ['--give-up-after-records', '2.5']]) {
        const refused = await runCli(['migrate', 'run', '--journal', journal, ...bad], env);
        expect({ bad, code: refused.code, stderr: refused.stderr }).toEqual({ bad, code: 2, stderr: expect.stringMatching(/option '--give-up-after(-records)? <[a-z]+>' argument '.*' is invalid/) });
      }
      expect(await readFile(journal, 'utf8')).toBe(planned);

      // S3 goes away after the run's first requests: every later connection is dropped.
      let requests = 0;
      proxy.setRule({ action: { kind: 'reset' }, match: () => ++requests > 12 });
      const stopped = await runCliProcess(['migrate', 'run', '--journal', journal, '--concurrency', '2', '--give-up-after', '1', '--give-up-after-records', '4', '--json'], env);
      expect(stopped.code).toBe(1);
      const report = (stopped.stdout.trim() ? JSON.parse(stopped.stdout) : undefined) as { verified: number; toDo: number; aborted: boolean; resume: string; stalled: { reason: string } } | undefined;
      expect(report).toMatchObject({ toDo: count, aborted: true, stalled: { reason: expect.stringMatching(/every-attempt-failed|records-in-a-row-failed/) } });
      expect(report?.verified).toBeLessThan(count);
      expect(report?.resume).toBe(`edgecv migrate run --journal ${journal} --concurrency 2 --give-up-after 1 --give-up-after-records 4`);
      expect(stopped.stderr).toContain(`run stopped after moving ${report?.verified} of ${count} object(s)`);
      expect(stopped.stderr).toContain(`[MIGRATION_STALLED]; resume with: ${report?.resume}`);

      // The journal says exactly what happened: the moved ones verified, the others still to do.
      const status = (await runCli(['migrate', 'status', '--journal', journal, '--json'], env)).json<{ total: number; byStatus: Record<string, number>; byErrorCode: Record<string, number> }>()[0];
      expect(status?.byStatus.verified ?? 0).toBe(report?.verified);
      expect(Object.keys(status?.byStatus ?? {}).every((s) => ['verified', 'planned', 'failed'].includes(s))).toBe(true);
      expect(Object.keys(status?.byErrorCode ?? {}).every((c) => c === 'TRANSIENT')).toBe(true);

      // S3 is back: the printed command finishes the job.
      proxy.setRule(undefined);
      const resumed = await runCliProcess([...(report?.resume ?? '').split(' ').slice(1), '--json'], env);
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ alreadyDone: report?.verified, verified: count - (report?.verified ?? 0) });
      expect((await runCli(['migrate', 'status', '--journal', journal, '--json'], env)).json()[0]).toMatchObject({ byStatus: { verified: count } });
      const now = await snapshot(bucket);
      for (const [key, body] of original) {
        expect(now.get(key)).toBe(body);
        expect(now.get(key.replace(/^training-output\//, 'models/training/'))).toBe(body);
      }
      expect(now.size).toBe(2 * count);
    } finally {
      await proxy.close();
    }
  });
});
