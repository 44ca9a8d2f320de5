// Issue 13 §4: the destructive phases on a target that matters (here: servers the environment
// names, as an operator's own would be). `--dry-run` of cutover, cleanup and rollback lists what
// would change and changes nothing; cleanup and rollback ask on a terminal and, without one,
// refuse unless --yes. "Nothing" is checked on every side: the S3 objects, the DynamoDB and
// MongoDB references, and the journal's bytes.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { MongoClient } from 'mongodb';
import { Edgecv } from '@edgecv/container';
import { createTestBucket, startFaultProxy, testDynamoClient, testMongoUri, testS3Client, uniqueName } from '@edgecv/test-harness';
import { runCli, type CliInput } from './testing/runCli';

const s3 = testS3Client();
const dynamo = testDynamoClient();

interface Change {
  kind: 'reference' | 'delete' | 'copy';
  [field: string]: unknown;
}

describe('edgecv migrate cutover, cleanup and rollback on a target other than the local stack', () => {
  let dir: string;
  let mongo: MongoClient;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-safety-'));
    mongo = await MongoClient.connect(testMongoUri());
  });
  afterAll(async () => {
    await mongo.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('dry runs change nothing, and cleanup and rollback go ahead only when confirmed', async () => {
    const bucket = await createTestBucket();
    const prefix = `${uniqueName('safe')}-`;
    const database = uniqueName('safe').replace(/-/g, '_');
    const env = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket, EDGECV_TABLE_PREFIX: prefix, EDGECV_MONGODB_DATABASE: database };
    const edgecv = Edgecv.fromEnv(env);
    await edgecv.provision({ s3: false });
    await edgecv.demo.seedLegacyBucket.execute({ bucket });
    await edgecv.close();
    // An assignment whose picture is one of the legacy keys: a MongoDB reference the cut-over rewrites.
    const legacy = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.map((o) => o.Key ?? '').find((k) => k.startsWith('datasets//training-output/'));
    expect(legacy).toBeDefined();
    await mongo.db(database).collection('assignments').insertOne({ assignment_id: 'a-1', s3_image_key: legacy });

    const journal = path.join(dir, 'safety.jsonl');
    const cli = (args: string[], input?: CliInput) => runCli(['migrate', ...args, '--journal', journal, '--json'], env, dir, input);

    /** Every object's bytes, every item of the run's tables, every assignment, and the journal. */
    const world = async () => {
      const objects: Record<string, string> = {};
      for (const o of (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []) {
        objects[o.Key ?? ''] = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key }))).Body!.transformToString('base64');
      }
      const tables: Record<string, unknown[]> = {};
      for (const name of (await dynamo.send(new ListTablesCommand({}))).TableNames ?? []) {
        if (!name.startsWith(prefix)) continue;
        const items = (await dynamo.send(new ScanCommand({ TableName: name }))).Items ?? [];
        tables[name] = items.map((i) => JSON.stringify(i)).sort();
      }
      const assignments = await mongo.db(database).collection('assignments').find({}, { projection: { _id: 0 } }).toArray();
      return { objects, tables, assignments, journal: await readFile(journal, 'utf8') };
    };

    expect((await runCli(['migrate', 'plan', '--bucket', bucket, '--journal', journal], env, dir)).code).toBe(0);
    expect((await cli(['run'])).code).toBe(0);

    // Cut-over: the dry run lists the rewrites (DynamoDB and MongoDB), then the real one makes exactly those.
    let before = await world();
    const dryCutover = await cli(['cutover', '--dry-run']);
    expect(dryCutover.code).toBe(0);
    const cutoverPlan = dryCutover.json<{ dryRun: boolean; updated: number; changes: Change[] }>()[0];
    expect(cutoverPlan).toMatchObject({ dryRun: true, updated: 0 });
    expect(cutoverPlan?.changes.every((c) => c.kind === 'reference')).toBe(true);
    expect(cutoverPlan?.changes).toContainEqual({ kind: 'reference', store: expect.any(String), recordId: 'a-1', attribute: 's3_image_key', from: `s3://${bucket}/${legacy}`, to: expect.stringContaining(`s3://${bucket}/models/training/`) });
    expect(await world()).toEqual(before);
    const cutover = await cli(['cutover']);
    expect(cutover.json()[0]).toMatchObject({ dryRun: false, updated: cutoverPlan?.changes.length });

    // Clean-up: the dry run lists the deletes; without a terminal and without --yes it refuses; a "no" refuses.
    before = await world();
    const dryCleanup = await cli(['cleanup', '--dry-run']);
    expect(dryCleanup.code).toBe(0);
    const cleanupPlan = dryCleanup.json<{ dryRun: boolean; deleted: number; changes: Change[] }>()[0];
    expect(cleanupPlan).toMatchObject({ dryRun: true, deleted: 0 });
    expect(cleanupPlan?.changes).toContainEqual(expect.objectContaining({ kind: 'delete', bucket, key: legacy }));
    const deletes = cleanupPlan?.changes.length ?? 0;
    expect(deletes).toBeGreaterThan(0);
    const human = await runCli(['migrate', 'cleanup', '--dry-run', '--journal', journal], env, dir);
    expect(human.stdout).toContain(`would delete s3://${bucket}/${legacy}`);
    expect(human.stdout).toContain(`dry run: ${deletes} change(s)`);

    for (const input of [undefined, { answer: 'y\n', tty: false }]) {
      const refused = await cli(['cleanup'], input);
      expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: '' });
      expect(refused.stderr).toContain('[CONFIRMATION_REQUIRED]');
      expect(refused.stderr).toContain(`s3://${bucket}`);
      expect(refused.stderr).toContain(`${deletes} object(s)`);
      expect(refused.stderr).toContain('--yes');
    }
    for (const answer of ['n\n', '\n', 'maybe\n', '']) {
      const declined = await cli(['cleanup'], { answer });
      expect({ answer, code: declined.code }).toEqual({ answer, code: 1 });
      expect(declined.stderr).toContain(`migrate cleanup will delete ${deletes} migrated source object(s) in s3://${bucket} (account unknown, region `);
      expect(declined.stderr).toContain('[CONFIRMATION_DECLINED]');
    }
    expect(await world()).toEqual(before);
    const cleaned = await cli(['cleanup'], { answer: 'yes\n' });
    expect(cleaned.code).toBe(0);
    expect(cleaned.stderr).toContain('Go ahead? [y/N] ');
    expect(cleaned.json()[0]).toMatchObject({ dryRun: false, deleted: deletes });

    // Rollback: the dry run lists the copies back, the removals and the reference restores; --yes without a terminal.
    before = await world();
    const dryRollback = await cli(['rollback', '--dry-run']);
    expect(dryRollback.code).toBe(0);
    const rollbackPlan = dryRollback.json<{ dryRun: boolean; rolledBack: number; changes: Change[] }>()[0];
    expect(rollbackPlan).toMatchObject({ dryRun: true, rolledBack: 0 });
    const kinds = (kind: Change['kind']) => rollbackPlan?.changes.filter((c) => c.kind === kind) ?? [];
    expect(kinds('copy')).toHaveLength(deletes);
    expect(kinds('delete')).toHaveLength(deletes);
    expect(kinds('reference')).toHaveLength(cutoverPlan?.changes.length ?? -1);
    expect(kinds('reference')).toContainEqual(expect.objectContaining({ recordId: 'a-1', to: `s3://${bucket}/${legacy}` }));
    const refused = await cli(['rollback']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[CONFIRMATION_REQUIRED]');
    expect(await world()).toEqual(before);

    const rolledBack = await cli(['rollback', '--yes']);
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.json()[0]).toMatchObject({ dryRun: false, sourcesRestored: deletes, targetsRemoved: deletes, referencesRestored: kinds('reference').length });
    const after = await mongo.db(database).collection('assignments').findOne({ assignment_id: 'a-1' });
    expect(after?.s3_image_key).toBe(legacy);
  });

  it('Ctrl-C during migrate run finishes the copies in flight, prints the exact command that resumes, and that command finishes', async () => {
    const proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 as string);
    try {
      const bucket = await createTestBucket();
      const direct = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket, EDGECV_TABLE_PREFIX: `${uniqueName('int')}-` };
      const tables = Edgecv.fromEnv(direct);
      await tables.provision({ s3: false });
      await tables.close();
      const count = 30;
      for (let i = 0; i < count; i++) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `training-output/job-1/part ${i}.bin`, Body: `payload ${i}` }));
      const journal = path.join(dir, 'interrupted.jsonl');
      expect((await runCli(['migrate', 'plan', '--bucket', bucket, '--journal', journal], direct, dir)).code).toBe(0);

      // Every S3 request takes a while, so the run is still going when Ctrl-C comes.
      proxy.setRule({ action: { kind: 'delay', ms: 150 }, match: () => true });
      const env = { ...direct, AWS_ENDPOINT_URL_S3: proxy.url };
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), 'migrate', 'run', '--journal', journal, '--concurrency', '1', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      let running = true;
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code))).finally(() => (running = false));
      // Once the first copy is journaled (a step line after the plan's), interrupt.
      while (running && !(await readFile(journal, 'utf8')).includes('"t":"s"')) await new Promise((r) => setTimeout(r, 50));
      expect({ running, stderr }).toEqual({ running: true, stderr: expect.any(String) });
      child.kill('SIGINT');
      expect(await exited).toBe(1);

      const resume = `edgecv migrate run --journal ${journal} --concurrency 1`;
      const report = JSON.parse(stdout) as { aborted: boolean; verified: number; toDo: number; resume: string };
      expect(report).toMatchObject({ aborted: true, toDo: count, resume });
      expect(report.verified).toBeLessThan(count);
      expect(stderr).toContain('interrupted: finishing the copies in flight');
      expect(stderr).toContain(`interrupted after moving ${report.verified} of ${count} object(s); resume with: ${resume}`);
      // Nothing half done: every record is verified or still planned.
      const status = (await runCli(['migrate', 'status', '--journal', journal, '--json'], direct, dir)).json<{ byStatus: Record<string, number> }>()[0];
      expect(status?.byStatus).toEqual({ verified: report.verified, planned: count - report.verified });

      proxy.setRule(undefined);
      const resumed = await runCli([...resume.split(' ').slice(1), '--json'], env, dir);
      expect(resumed.code).toBe(0);
      expect(resumed.json()[0]).toMatchObject({ alreadyDone: report.verified, verified: count - report.verified });
    } finally {
      await proxy.close();
    }
  });
});
