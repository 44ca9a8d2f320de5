// Issue 13 §3: `edgecv provision` creates the buckets and the tables of TABLE_DEFINITIONS (the
// CDK app's) when missing, idempotently, saying what it created and what existed. On servers the
// environment names (a target other than the local stack) it only looks unless --yes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { tableNames } from '@edgecv/infrastructure/dynamodb';
import { testDynamoClient, testS3Client, uniqueName } from '@edgecv/test-harness';
import { runCli } from './testing/runCli';

interface Report {
  created: { kind: string; name: string }[];
  existed: { kind: string; name: string }[];
  missing: { kind: string; name: string }[];
}

const s3 = testS3Client();
const dynamo = testDynamoClient();

const bucketThere = (name: string) => s3.send(new HeadBucketCommand({ Bucket: name })).then(() => true, () => false);
const tablesNamed = async (prefix: string) => ((await dynamo.send(new ListTablesCommand({}))).TableNames ?? []).filter((n) => n.startsWith(prefix)).sort();

describe('edgecv provision', () => {
  it('on servers the environment names: looks and refuses without --yes, creates with it, then finds everything there', async () => {
    const prefix = `${uniqueName('prov')}-`;
    const artifacts = uniqueName('prov-art');
    const images = uniqueName('prov-img');
    const env = { ...process.env, EDGECV_TABLE_PREFIX: prefix, EDGECV_ARTIFACT_BUCKET: artifacts, EDGECV_IMAGES_BUCKET: images };
    const tables = Object.values(tableNames(prefix)).sort();
    const all = [{ kind: 'bucket', name: artifacts }, { kind: 'bucket', name: images }, ...tables.map((name) => ({ kind: 'table', name }))];
    const sorted = (list: Report['created'] | undefined) => [...(list ?? [])].sort((a, b) => `${a.kind}${a.name}`.localeCompare(`${b.kind}${b.name}`));

    // Without --yes: what is missing, a typed refusal naming the CDK app and --yes, nothing created.
    const refused = await runCli(['provision', '--json'], env);
    expect(refused.code).toBe(2);
    expect(refused.json<Report>()[0]).toEqual({ created: [], existed: [], missing: expect.any(Array), target: expect.objectContaining({ kind: 'aws' }) });
    expect(sorted(refused.json<Report>()[0]?.missing)).toEqual(sorted(all));
    expect(refused.stderr).toContain('[PROVISION_REFUSED]');
    expect(refused.stderr).toContain('CDK app');
    expect(refused.stderr).toContain('--yes');
    expect(await bucketThere(artifacts)).toBe(false);
    expect(await bucketThere(images)).toBe(false);
    expect(await tablesNamed(prefix)).toEqual([]);

    // With --yes: everything created, and said so.
    const created = await runCli(['provision', '--yes', '--json'], env);
    expect(created.code).toBe(0);
    expect(sorted(created.json<Report>()[0]?.created)).toEqual(sorted(all));
    expect(created.json<Report>()[0]).toMatchObject({ existed: [], missing: [] });
    expect(await tablesNamed(prefix)).toEqual(tables);
    expect(await bucketThere(images)).toBe(true);

    // Idempotent: again, with or without --yes, everything existed.
    for (const args of [['--yes'], []]) {
      const again = await runCli(['provision', ...args, '--json'], env);
      expect({ args, code: again.code }).toEqual({ args, code: 0 });
      expect(sorted(again.json<Report>()[0]?.existed)).toEqual(sorted(all));
      expect(again.json<Report>()[0]).toMatchObject({ created: [], missing: [] });
    }
    const human = await runCli(['provision'], env);
    expect(human.stdout).toMatch(new RegExp(`table\\s+${prefix}jobs\\s+existed`));

    // The first failure: with the tables there, a job can be created on these servers.
    expect((await runCli(['jobs', 'create', '--json'], env)).code).toBe(0);

    // --bucket alone: only that bucket; --tables alone: only the tables.
    const other = uniqueName('prov-other');
    const onlyBucket = await runCli(['provision', '--bucket', other, '--yes', '--json'], env);
    expect(onlyBucket.json<Report>()[0]).toMatchObject({ created: [{ kind: 'bucket', name: other }], existed: [], missing: [] });
    const onlyTables = (await runCli(['provision', '--tables', '--json'], env)).json<Report>()[0];
    expect(onlyTables?.existed.map((r) => r.kind)).toEqual(tables.map(() => 'table'));
  });

  it('on the local stack: creates what is missing without asking, and finds it there the second time', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'edgecv-provision-'));
    const env = { ...process.env };
    // A machine without AWS configuration (the jest setup points the shared files nowhere): the local stack.
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB', 'MONGODB_URI', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'EDGECV_TABLE_PREFIX', 'EDGECV_ARTIFACT_BUCKET', 'EDGECV_IMAGES_BUCKET']) delete env[name];
    try {
      const first = await runCli(['provision', '--data', data, '--json'], env);
      expect(first.code).toBe(0);
      expect(first.stderr).toContain('local stack');
      const report = first.json<Report>()[0];
      expect(report?.created).toContainEqual({ kind: 'bucket', name: 'edgecv-artifacts' });
      expect(report?.created).toContainEqual({ kind: 'table', name: 'edgecv-jobs' });
      expect(report?.missing).toEqual([]);
      const second = (await runCli(['provision', '--data', data, '--json'], env)).json<Report>()[0];
      expect(second).toMatchObject({ created: [], missing: [] });
      expect(second?.existed).toHaveLength((report?.created.length ?? 0) + (report?.existed.length ?? 0));
    } finally {
      await runCli(['local', 'stop', '--data', data], env);
      await rm(data, { recursive: true, force: true });
    }
  });

  it('an S3 the environment names with DynamoDB left to AWS itself is refused as a mix: nothing is created, nothing started', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'edgecv-provision-mixed-'));
    const bucket = uniqueName('prov-mixed');
    const env: NodeJS.ProcessEnv = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket };
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'MONGODB_URI', 'EDGECV_TABLE_PREFIX', 'EDGECV_IMAGES_BUCKET']) delete env[name];
    try {
      for (const args of [['provision', '--data', data, '--yes', '--json'], ['migrate', 'plan', '--bucket', bucket, '--journal', path.join(data, 'mixed.jsonl'), '--data', data]]) {
        const refused = await runCli(args, env);
        expect({ args, code: refused.code }).toEqual({ args, code: 2 });
        expect(refused.stderr).toContain(`refusing to mix targets: s3 resolves to ${process.env.AWS_ENDPOINT_URL_S3} (AWS_ENDPOINT_URL_S3) but dynamodb to AWS itself`);
        expect(refused.stderr).toContain('[TARGET_MIXED]');
      }
      expect(await bucketThere(bucket)).toBe(false);
      // No local stack was started for the service left out.
      expect((await runCli(['local', 'status', '--data', data, '--json'], env)).json()[0]).toMatchObject({ running: false });
    } finally {
      await runCli(['local', 'stop', '--data', data], env);
      await rm(data, { recursive: true, force: true });
    }
  });
});
