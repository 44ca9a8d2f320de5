// Plan from an S3 Inventory report (issue 16 §1), built on the local stack the way the AWS
// documentation describes one: manifest.json with fileFormat CSV, the fileSchema naming the
// columns, several gzip CSV data files without a header, every field quoted, keys URL-encoded
// (space as `+`), version ids with IsLatest / IsDeleteMarker rows, and each file's MD5. The plan
// from it must equal the plan from a listing of the same bucket.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DeleteObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3InventorySource } from '@edgecv/infrastructure/s3';
import { createTestBucket, emptyAndDeleteBucket } from '@edgecv/test-harness';
import { migrationStatus, planMigration, runMigration, sequentialListing, type JournalRecord, type MigrationJournal, type ObjectSource } from '@edgecv/use-cases';
import { clock, createWorld, resolver, RULES_HASH, s3, type World } from './migrationWorld.fixture';

const SCHEMA = 'Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, ReplicationStatus, EncryptionStatus, ChecksumAlgorithm';
const KEYS = [
  'training-output/job-1/output/model.tar.gz',
  'training-output/job-1/with space.txt',
  'training-output/job-2/plus+sign.bin',
  'training-output/job-2/percent%41.bin',
  'training-output/job-3/ünïcødé-日本.bin',
  'training-output/job-3/line\nbreak.bin',
  'datasets//compilation-output/c-1/model-jetson_nano.tar.gz',
  'packaged-models/dep/a "quoted" ,comma.zip',
  'models/training/job-9/conforming.bin',
  'notes/unknown.txt',
  ...Array.from({ length: 30 }, (_, i) => `training-output/job-4/part-${i}.bin`),
];

/** AWS's encoding of keys in CSV inventories: URL-encoded, a space as `+`. */
const encodeKey = (key: string): string => encodeURIComponent(key).replace(/%20/g, '+');
const quoted = (v: string): string => `"${v.replace(/"/g, '""')}"`;

interface Report {
  readonly location: string;
  readonly reportBucket: string;
  readonly manifestKey: string;
  readonly files: { key: string; size: number; MD5checksum: string }[];
}

/** Writes an inventory of `bucket` (every version, as "Include all versions" does) into `reportBucket`, spread over `parts` data files. */
async function writeInventory(bucket: string, reportBucket: string, opts: { parts?: number; format?: string; sourceBucket?: string } = {}): Promise<Report> {
  const rows: string[] = [];
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
    for (const v of page.Versions ?? []) {
      const versionId = v.VersionId === undefined || v.VersionId === 'null' ? '' : v.VersionId;
      rows.push([bucket, encodeKey(v.Key ?? ''), versionId, String(v.IsLatest === true), 'false', String(v.Size ?? 0), v.LastModified?.toISOString() ?? '', (v.ETag ?? '').replace(/"/g, ''), v.StorageClass ?? 'STANDARD', 'false', '', 'SSE-S3', ''].map(quoted).join(','));
    }
    for (const m of page.DeleteMarkers ?? []) {
      rows.push([bucket, encodeKey(m.Key ?? ''), m.VersionId ?? '', String(m.IsLatest === true), 'true', '', m.LastModified?.toISOString() ?? '', '', '', '', '', '', ''].map(quoted).join(','));
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  const dir = `inventory/${bucket}/all-versions/2026-01-01T00-00Z`;
  const parts = opts.parts ?? 3;
  const files: Report['files'] = [];
  for (let p = 0; p < parts; p++) {
    const body = gzipSync(rows.filter((_, i) => i % parts === p).map((r) => `${r}\n`).join(''));
    const key = `${dir}/data/${p}-${createHash('sha1').update(String(p)).digest('hex').slice(0, 8)}.csv.gz`;
    await s3.send(new PutObjectCommand({ Bucket: reportBucket, Key: key, Body: body }));
    files.push({ key, size: body.length, MD5checksum: createHash('md5').update(body).digest('hex') });
  }
  const manifestKey = `${dir}/manifest.json`;
  const manifest = {
    sourceBucket: opts.sourceBucket ?? bucket,
    destinationBucket: `arn:aws:s3:::${reportBucket}`,
    version: '2016-11-30',
    creationTimestamp: '1767225600000',
    fileFormat: opts.format ?? 'CSV',
    fileSchema: SCHEMA,
    files,
  };
  await s3.send(new PutObjectCommand({ Bucket: reportBucket, Key: manifestKey, Body: JSON.stringify(manifest) }));
  return { location: `s3://${reportBucket}/${manifestKey}`, reportBucket, manifestKey, files };
}

async function records(journal: MigrationJournal): Promise<Omit<JournalRecord, 'id'>[]> {
  const out: Omit<JournalRecord, 'id'>[] = [];
  for await (const { id: _id, ...r } of journal.records()) out.push(r);
  return out.sort((a, b) => (a.oldKey < b.oldKey ? -1 : a.oldKey > b.oldKey ? 1 : 0));
}

async function planWith(world: World, source: ObjectSource, journal = world.journal()) {
  try {
    const summary = await planMigration({ bucket: world.bucket, journal, journalId: 'same' }, { store: world.store, source, resolver, rulesHash: RULES_HASH, clock });
    return { summary, records: await records(journal), location: journal.location };
  } finally {
    await journal.close();
  }
}

describe.each([false, true])('plan from an S3 Inventory report (versioned: %s)', (versioned) => {
  let world: World;
  let reportBucket: string;
  beforeAll(async () => {
    world = await createWorld({ versioned });
    reportBucket = await createTestBucket({ prefix: 'inv' });
    for (const k of KEYS) await world.put(k, `bytes of ${k}`);
    if (versioned) {
      await world.put('training-output/job-1/with space.txt', 'a newer version');
      await world.put('training-output/job-5/deleted.bin', 'gone');
      await s3.send(new DeleteObjectCommand({ Bucket: world.bucket, Key: 'training-output/job-5/deleted.bin' }));
    }
  }, 120_000);
  afterAll(async () => {
    await world.dispose();
    await emptyAndDeleteBucket(reportBucket);
  });

  it('journals exactly the records a listing of the same bucket journals', async () => {
    const report = await writeInventory(world.bucket, reportBucket);
    const fromListing = await planWith(world, sequentialListing(world.store));
    const fromInventory = await planWith(world, new S3InventorySource(world.store, report.location));
    expect(fromInventory.records).toEqual(fromListing.records);
    expect(fromInventory.records.map((r) => r.oldKey)).toEqual(expect.arrayContaining(['training-output/job-1/with space.txt', 'training-output/job-2/plus+sign.bin', 'training-output/job-2/percent%41.bin', 'training-output/job-3/line\nbreak.bin', 'training-output/job-3/ünïcødé-日本.bin']));
    expect(fromInventory.summary).toEqual({ ...fromListing.summary, journal: fromInventory.summary.journal });
    if (versioned) expect(fromInventory.records.every((r) => typeof r.versionId === 'string')).toBe(true);
  }, 120_000);

  it('refuses a data file whose MD5 is not the manifest\'s, naming the file, before any journal exists', async () => {
    const report = await writeInventory(world.bucket, reportBucket);
    const tampered = report.files[0];
    if (tampered === undefined) throw new Error('no data file');
    await s3.send(new PutObjectCommand({ Bucket: reportBucket, Key: tampered.key, Body: gzipSync('"x","y"\n') }));
    const journal = world.journal('tampered.jsonl');
    const plan = planWith(world, new S3InventorySource(world.store, report.location), journal);
    await expect(plan).rejects.toMatchObject({ code: 'INVENTORY_CHECKSUM_MISMATCH', file: `s3://${reportBucket}/${tampered.key}` });
    expect(existsSync(journal.location)).toBe(false);
  }, 120_000);

  it('refuses a report of another bucket and an ORC report with typed errors, writing nothing', async () => {
    const other = await writeInventory(world.bucket, reportBucket, { sourceBucket: 'some-other-bucket' });
    const journal = world.journal('other.jsonl');
    await expect(planWith(world, new S3InventorySource(world.store, other.location), journal)).rejects.toMatchObject({ code: 'INVALID_INVENTORY_BUCKET' });
    const orc = await writeInventory(world.bucket, reportBucket, { format: 'ORC' });
    await expect(planWith(world, new S3InventorySource(world.store, orc.location), journal)).rejects.toMatchObject({ code: 'UNSUPPORTED_INVENTORY_FORMAT' });
    await expect(planWith(world, new S3InventorySource(world.store, 'https://not-s3/manifest.json'), journal)).rejects.toMatchObject({ code: 'INVALID_INVENTORY' });
    expect(existsSync(journal.location)).toBe(false);
  }, 120_000);
});

describe('a key the inventory lists but the bucket no longer holds', () => {
  let world: World;
  let reportBucket: string;
  beforeAll(async () => {
    world = await createWorld();
    reportBucket = await createTestBucket({ prefix: 'inv' });
  });
  afterAll(async () => {
    await world.dispose();
    await emptyAndDeleteBucket(reportBucket);
  });

  it('is planned from the report and reported missing by run, never guessed', async () => {
    await world.put('training-output/job-1/kept.bin', 'kept');
    await world.put('training-output/job-1/deleted-after-report.bin', 'soon gone');
    const report = await writeInventory(world.bucket, reportBucket, { parts: 2 });
    await s3.send(new DeleteObjectCommand({ Bucket: world.bucket, Key: 'training-output/job-1/deleted-after-report.bin' }));
    await planWith(world, new S3InventorySource(world.store, report.location), world.journal('missing.jsonl'));
    const journal = world.journal('missing.jsonl');
    const run = await runMigration({ journal, concurrency: 4 }, { store: world.store, clock });
    expect(run).toMatchObject({ verified: 1, sourceMissing: 1 });
    const status = await migrationStatus({ journal });
    await journal.close();
    expect(status.failures).toEqual([expect.objectContaining({ oldKey: 'training-output/job-1/deleted-after-report.bin', code: 'SOURCE_MISSING' })]);
  }, 120_000);
});
