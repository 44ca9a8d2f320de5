// `edgecv migrate plan` from an S3 Inventory report (--inventory) and from a parallel listing
// (--list-concurrency), as an operator types them; bad values are refused with exit 2 and no journal.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { Edgecv } from '@edgecv/container';
import { createTestBucket, testS3Client, uniqueName } from '@edgecv/test-harness';
import { runCli } from './testing/runCli';

const s3 = testS3Client();

/** A one-file CSV inventory of `bucket` (current versions), as S3 writes one. */
async function inventoryOf(bucket: string, reportBucket: string, sourceBucket = bucket): Promise<string> {
  const rows: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) rows.push([bucket, encodeURIComponent(o.Key ?? '').replace(/%20/g, '+'), String(o.Size), (o.ETag ?? '').replace(/"/g, '')].map((v) => `"${v}"`).join(','));
    token = page.NextContinuationToken;
  } while (token);
  const body = gzipSync(`${rows.join('\n')}\n`);
  await s3.send(new PutObjectCommand({ Bucket: reportBucket, Key: 'inv/data/1.csv.gz', Body: body }));
  const manifest = { sourceBucket, destinationBucket: `arn:aws:s3:::${reportBucket}`, version: '2016-11-30', fileFormat: 'CSV', fileSchema: 'Bucket, Key, Size, ETag', files: [{ key: 'inv/data/1.csv.gz', size: body.length, MD5checksum: createHash('md5').update(body).digest('hex') }] };
  const key = `inv/${sourceBucket}/manifest.json`;
  await s3.send(new PutObjectCommand({ Bucket: reportBucket, Key: key, Body: JSON.stringify(manifest) }));
  return `s3://${reportBucket}/${key}`;
}

describe('edgecv migrate plan: where the objects come from', () => {
  let dir: string;
  let bucket: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-plan-sources-'));
    bucket = await createTestBucket();
    env = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket, EDGECV_TABLE_PREFIX: `${uniqueName('src')}-`, EDGECV_MONGODB_DATABASE: uniqueName('src').replace(/-/g, '_') };
    const edgecv = Edgecv.fromEnv(env);
    await edgecv.provision({ s3: false });
    await edgecv.demo.seedLegacyBucket.execute({ bucket });
    await edgecv.close();
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli([...args, '--json'], env);

  it('plans the same moves from an inventory report as from a listing at any --list-concurrency', async () => {
    const listed = await cli('migrate', 'plan', '--bucket', bucket, '--journal', path.join(dir, 'listed.jsonl'), '--list-concurrency', '4');
    expect(listed.code).toBe(0);
    const reportBucket = await createTestBucket({ prefix: 'inv' });
    const fromReport = await cli('migrate', 'plan', '--bucket', bucket, '--journal', path.join(dir, 'report.jsonl'), '--inventory', await inventoryOf(bucket, reportBucket));
    expect(fromReport.code).toBe(0);
    const { journal: _a, ...a } = listed.json()[0] as Record<string, unknown>;
    const { journal: _b, ...b } = fromReport.json()[0] as Record<string, unknown>;
    expect(b).toEqual(a);
    expect(a).toMatchObject({ planned: 11 });
  }, 120_000);

  it('refuses a --list-concurrency out of range and an inventory of another bucket with exit 2, writing no journal', async () => {
    for (const bad of ['0', '257', 'many']) {
      const journal = path.join(dir, `bad-${bad}.jsonl`);
      const r = await cli('migrate', 'plan', '--bucket', bucket, '--journal', journal, '--list-concurrency', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`option '--list-concurrency <n>' argument '${bad}' is invalid. Expected a whole number from 1 to 256.`);
      expect(existsSync(journal)).toBe(false);
    }
    const reportBucket = await createTestBucket({ prefix: 'inv' });
    const journal = path.join(dir, 'other.jsonl');
    const r = await cli('migrate', 'plan', '--bucket', bucket, '--journal', journal, '--inventory', await inventoryOf(bucket, reportBucket, 'another-bucket'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('INVALID_INVENTORY_BUCKET');
    expect(existsSync(journal)).toBe(false);
  }, 120_000);
});
