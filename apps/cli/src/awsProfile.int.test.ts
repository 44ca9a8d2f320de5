// An operator with only a named profile: the shared config and credentials files (written here,
// never the developer's) name the region, the keys and the endpoint_url of an S3/DynamoDB server
// this file starts on its own, apart from the test stack. The BUILT CLI must migrate that server,
// in that region, and never start (or touch) a local stack; failures of the target are typed, exit
// 2, and change nothing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTables, tableNames } from '@edgecv/infrastructure/dynamodb';
import { startLocalStack, type RunningStack } from '@edgecv/local-stack';
import { ACCESS_DENIED, EXPIRED_TOKEN, permanentRedirect, startFaultProxy, uniqueName, type FaultProxy } from '@edgecv/test-harness';
import { runCli } from './testing/runCli';

const MAIN = path.resolve(__dirname, '../dist/main.js');
const REGION = 'eu-west-1';
const KEYS = { accessKeyId: 'AKIAOPERATOR', secretAccessKey: 'operator-secret' };
const LEGACY = ['training-output/job-7/output/model.tar.gz', 'datasets//compilation-output/job-8/model-jetson_nano.tar.gz', 'packaged-models/edge-1/component.zip'];

/** The built `edgecv`, as an operator's shell runs it. */
function edgecv(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let operatorServer: RunningStack;
let endpoint: string;
let home: string;
let env: NodeJS.ProcessEnv;
let s3: S3Client;
/** The test stack's own S3: it must never see the operator's buckets. */
let testStackS3: S3Client;

/** The process environment without anything that names a target: only the files below do. */
function bareEnvironment(): NodeJS.ProcessEnv {
  const drop = new Set(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'MONGODB_URI']);
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !drop.has(name)));
}

/** Writes the shared files; each profile is [name, region, endpoint]. */
async function writeProfiles(profiles: readonly (readonly [name: string, region: string, endpoint: string])[]): Promise<void> {
  await writeFile(path.join(home, 'config'), profiles.map(([name, region, url]) => `[profile ${name}]\nregion = ${region}\nendpoint_url = ${url}\n`).join('\n'));
  await writeFile(path.join(home, 'credentials'), profiles.map(([name]) => `[${name}]\naws_access_key_id = ${KEYS.accessKeyId}\naws_secret_access_key = ${KEYS.secretAccessKey}\n`).join('\n'));
}

async function legacyBucket(region = REGION): Promise<string> {
  const bucket = uniqueName('operator');
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }));
  for (const key of LEGACY) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `bytes of ${key}` }));
  return bucket;
}

async function keysOf(client: S3Client, bucket: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
}

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'edgecv-operator-'));
  // Its own moto: the environment names MongoDB only, so startLocalStack starts moto alone, on a free port.
  operatorServer = await startLocalStack({ dataDir: path.join(home, 'server'), env: { ...bareEnvironment(), MONGODB_URI: process.env.MONGODB_URI, AWS_REGION: REGION } });
  endpoint = operatorServer.endpoints.s3;
  await writeProfiles([['ops', REGION, endpoint]]);
  env = { ...bareEnvironment(), AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), EDGECV_HOME: path.join(home, 'edgecv-home'), EDGECV_DEBUG: '' };
  s3 = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: KEYS });
  testStackS3 = new S3Client({ region: process.env.AWS_REGION as string, endpoint: process.env.AWS_ENDPOINT_URL_S3 as string, forcePathStyle: true });
  // What the CDK data stack (or edgecv provision) makes: the edgecv tables on the operator's server.
  await ensureTables(new DynamoDBClient({ region: REGION, endpoint, credentials: KEYS }), tableNames());
}, 120_000);

afterAll(async () => {
  s3?.destroy();
  testStackS3?.destroy();
  await operatorServer?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('edgecv run by an operator with only a named profile', () => {
  it.each([
    ['AWS_PROFILE=ops', { AWS_PROFILE: 'ops' }, []],
    ['--profile ops', {}, ['--profile', 'ops']],
  ] as const)('with %s: validates and migrates the bucket of the profile, in its region, and starts no local stack', async (_how, extraEnv, flags) => {
    const bucket = await legacyBucket();
    const operator = { ...env, ...extraEnv };
    const journal = path.join(home, `${bucket}.jsonl`);
    const cli = (args: string[]) => edgecv([...args, ...flags], operator);

    const before = await cli(['validate', '--bucket', bucket, '--json']);
    expect(before.code).toBe(1); // legacy keys left: a finding
    expect(before.stderr).toContain(`target: AWS account 123456789012`);
    expect(before.stderr).toContain(`region ${REGION} (profile), profile ops`);
    expect(before.stderr).toContain(`s3 ${endpoint} (endpoint_url of profile ops)`);
    expect(before.stderr).toContain(`bucket ${bucket}: region ${REGION}, versioning disabled, object lock off`);
    const report = JSON.parse(before.stdout) as { ok: boolean; target: Record<string, unknown> };
    expect(report.ok).toBe(false);
    expect(report.target).toMatchObject({ kind: 'aws', account: '123456789012', region: REGION, profile: 'ops', s3: endpoint, dynamodb: endpoint, bucket, tables: expect.arrayContaining(['edgecv-jobs']) });

    const plan = await cli(['migrate', 'plan', '--bucket', bucket, '--journal', journal, '--json']);
    expect({ code: plan.code, stderr: plan.stderr }).toMatchObject({ code: 0 });
    expect(JSON.parse(plan.stdout)).toMatchObject({ planned: LEGACY.length, versioned: false, protection: { region: REGION, objectLock: false, encryption: { algorithm: expect.any(String) } }, target: { kind: 'aws', bucket } });
    // The journal records what protects the bucket.
    expect(JSON.parse((await readFile(journal, 'utf8')).split('\n')[0] ?? '{}')).toMatchObject({ bucket, protection: { region: REGION, objectLock: false } });

    for (const verb of ['run', 'cutover', 'cleanup']) {
      if (verb === 'cleanup') {
        // Not the local stack and no terminal: cleanup refuses without --yes, and deletes nothing.
        const unconfirmed = await cli(['migrate', 'cleanup', '--journal', journal]);
        expect({ code: unconfirmed.code, refused: unconfirmed.stderr.includes('[CONFIRMATION_REQUIRED]') }).toEqual({ code: 2, refused: true });
        expect(await keysOf(s3, bucket)).toHaveLength(2 * LEGACY.length);
      }
      const step = await cli(['migrate', verb, '--journal', journal, '--json', ...(verb === 'cleanup' ? ['--yes'] : [])]);
      expect({ verb, code: step.code, stderr: step.stderr }).toMatchObject({ verb, code: 0 });
      expect(step.stderr).toContain(`bucket ${bucket}: region ${REGION}`);
    }
    const after = await cli(['validate', '--bucket', bucket, '--json']);
    // Nothing legacy is left; the moved objects are orphans only because no record on this server references them.
    expect(JSON.parse(after.stdout)).toMatchObject({ objects: LEGACY.length, counts: { 'legacy-left': 0, 'non-conforming': 0, 'double-slash': 0, 'invalid-key': 0, orphan: LEGACY.length } });

    // The profile's server was migrated ...
    expect(await keysOf(s3, bucket)).toEqual(['deployments/edge-1/component.zip', 'models/compilation/job-8/jetson_nano/model.tar.gz', 'models/training/job-7/output/model.tar.gz']);
    // ... the test stack never heard of the bucket, and no local stack was started or even looked for.
    await expect(testStackS3.send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toThrow();
    expect(existsSync(path.join(home, 'edgecv-home'))).toBe(false);
    for (const r of [before, plan, after]) expect(r.stderr).not.toMatch(/local stack|moto started/);
  });

  it('refuses a profile that does not exist, naming the files it looked in (exit 2)', async () => {
    const r = await runCli(['validate', '--bucket', 'any-bucket', '--profile', 'nobody'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the profile nobody is in neither');
    expect(r.stderr).toContain('[PROFILE_NOT_FOUND]');
  });

  it('never mixes: S3 on a named server and DynamoDB on AWS itself is refused, saying which and how to fix it (exit 2)', async () => {
    const mixed = await runCli(['validate', '--bucket', 'any-bucket'], { ...bareEnvironment(), AWS_CONFIG_FILE: env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: env.AWS_SHARED_CREDENTIALS_FILE, AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_ENDPOINT_URL_S3: endpoint });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`refusing to mix targets: s3 resolves to ${endpoint} (AWS_ENDPOINT_URL_S3) but dynamodb to AWS itself`);
    expect(mixed.stderr).toContain('AWS_ENDPOINT_URL_DYNAMODB');
    expect(mixed.stderr).toContain('--local');
  });
});

describe('pre-flight and failures of the target: typed, exit 2, nothing changed', () => {
  let proxy: FaultProxy;
  let bucket: string;
  let original: string[];
  beforeAll(async () => {
    proxy = await startFaultProxy(endpoint);
    await writeProfiles([
      ['ops', REGION, endpoint],
      ['west', 'us-west-2', endpoint],
      ['proxied', REGION, proxy.url],
    ]);
    bucket = await legacyBucket();
    original = await keysOf(s3, bucket);
  });
  afterEach(async () => {
    proxy.setRule(undefined);
    expect(await keysOf(s3, bucket)).toEqual(original);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  /** `migrate plan` with a profile: the failure must come before any journal is written. */
  async function plan(profile: string, args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) {
    const journal = path.join(home, `${uniqueName('refused')}.jsonl`);
    const r = await runCli(['migrate', 'plan', '--bucket', bucket, '--journal', journal, '--profile', profile, ...args], { ...env, ...extraEnv });
    expect(existsSync(journal)).toBe(false);
    return r;
  }

  it('a missing bucket names the bucket, the target and the fix', async () => {
    const r = await runCli(['validate', '--bucket', 'no-such-bucket-here', '--profile', 'ops'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bucket no-such-bucket-here does not exist on AWS account 123456789012 in ${REGION} (${endpoint})`);
    expect(r.stderr).toContain('edgecv provision');
    expect(r.stderr).toContain('[BUCKET_NOT_FOUND]');
  });

  it('a missing table names the table, the target and the fix', async () => {
    const r = await plan('ops', [], { EDGECV_TABLE_PREFIX: 'not-provisioned-' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not-provisioned-jobs');
    expect(r.stderr).toContain('CDK data stack');
    expect(r.stderr).toContain('[TABLE_NOT_FOUND]');
  });

  it('a bucket in another region than the profile says names its region', async () => {
    const r = await plan('west');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is in region ${REGION}, not us-west-2`);
    expect(r.stderr).toContain(`--region ${REGION}`);
    expect(r.stderr).toContain('[S3_WRONG_REGION]');
  });

  it("S3's PermanentRedirect (301) names the bucket's region", async () => {
    proxy.setRule({ action: permanentRedirect(bucket, 'ap-southeast-2'), match: (req) => req.method === 'HEAD' });
    const r = await plan('proxied');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is in region ap-southeast-2');
    expect(r.stderr).toContain('[S3_WRONG_REGION]');
  });

  it('access denied names the action and the resource', async () => {
    proxy.setRule({ action: ACCESS_DENIED, match: (req) => req.method === 'HEAD' });
    const r = await plan('proxied');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`S3 refused s3:ListBucket (HeadBucket s3://${bucket}/)`);
    expect(r.stderr).toContain('[S3_ACCESS_DENIED]');
  });

  it('expired credentials stop the command before it acts', async () => {
    // STS's Query API: POST / without the x-amz-target header DynamoDB's requests carry.
    proxy.setRule({ action: EXPIRED_TOKEN, match: (req) => req.method === 'POST' && req.url === '/' && !req.headers['x-amz-target'] });
    const r = await plan('proxied');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refused expired credentials');
    expect(r.stderr).toContain('[STS_CREDENTIALS_EXPIRED]');
  });

  it('no credentials anywhere in the chain stop the command before it acts, saying how to give them', async () => {
    await writeFile(path.join(home, 'config'), `${await readFile(path.join(home, 'config'), 'utf8')}\n[profile nocreds]\nregion = ${REGION}\nendpoint_url = ${endpoint}\n`);
    // No instance metadata here: the chain ends at once instead of waiting for 169.254.169.254.
    const r = await plan('nocreds', [], { AWS_EC2_METADATA_DISABLED: 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no credentials to sign with');
    expect(r.stderr).toContain('[STS_CREDENTIALS_MISSING]');
  });

  it('--expected-bucket-owner is sent on every S3 request, and a bucket of another account is refused', async () => {
    const s3Requests: string[] = [];
    // S3 refuses a request whose x-amz-expected-bucket-owner is not the bucket's account (moto does not check it: the proxy does).
    proxy.setRule({
      action: ACCESS_DENIED,
      match: (req) => {
        const isS3 = !(req.method === 'POST' && req.url === '/') && !req.headers['x-amz-target'];
        if (isS3) s3Requests.push(String(req.headers['x-amz-expected-bucket-owner'] ?? 'none'));
        return isS3 && req.headers['x-amz-expected-bucket-owner'] !== '123456789012';
      },
    });
    const refused = await plan('proxied', ['--expected-bucket-owner', '999999999999']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not owned by account 999999999999');
    expect(refused.stderr).toContain('[S3_BUCKET_OWNER_MISMATCH]');

    s3Requests.length = 0;
    const journal = path.join(home, `${uniqueName('owned')}.jsonl`);
    const owned = await runCli(['migrate', 'plan', '--bucket', bucket, '--journal', journal, '--profile', 'proxied', '--expected-bucket-owner', '123456789012'], env);
    expect({ code: owned.code, stderr: owned.stderr }).toMatchObject({ code: 0 });
    expect(s3Requests.length).toBeGreaterThan(3);
    expect(new Set(s3Requests)).toEqual(new Set(['123456789012']));
  });
});
