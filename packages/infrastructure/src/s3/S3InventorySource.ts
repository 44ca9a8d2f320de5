// The plan's objects read from an S3 Inventory report instead of a listing: AWS's answer for
// buckets of 100M keys, where listing alone takes hours. The report is read as S3 writes it
// (manifest.json, then gzip CSV data files whose columns the manifest's fileSchema names, keys
// URL-encoded); each data file is checked against the manifest's MD5 before any of its rows is
// used, so a plan never journals a row of a file the report did not write. To read a file once
// and still check it first, it is spooled to a temporary file while its MD5 is computed, then
// parsed from there: memory stays flat (one CSV record at a time), disk holds one data file.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { ObjectSource, ObjectSourceQuery, ObjectStore, ObjectSummary } from '@edgecv/use-cases';
import { InvalidInventoryError, InventoryBucketMismatchError, InventoryChecksumMismatchError } from '@edgecv/use-cases';
import { LIST_ENCODING, listedKey } from './s3KeyEncoding';
import { parseInventoryLocation, parseInventoryManifest, type InventoryDataFile, type InventoryManifest } from './inventoryManifest';

export interface S3InventorySourceOptions {
  /** Where data files are spooled (the OS temporary folder by default). */
  readonly tempDir?: string;
}

export class S3InventorySource implements ObjectSource {
  constructor(
    private readonly store: ObjectStore,
    /** `s3://BUCKET/PATH/manifest.json` */
    readonly location: string,
    private readonly options: S3InventorySourceOptions = {},
  ) {}

  async *currentObjects({ bucket, prefix, versioned }: ObjectSourceQuery): AsyncIterable<ObjectSummary> {
    const manifest = await this.manifest();
    if (manifest.sourceBucket !== bucket) throw new InventoryBucketMismatchError(this.location, manifest.sourceBucket, bucket);
    // A report of current versions only cannot pin the versions a plan of a versioned bucket must pin.
    if (versioned && !manifest.columns.includes('VersionId')) {
      throw new InvalidInventoryError(this.location, `${bucket} is versioned and the report has no version ids; configure the inventory with "Include all versions"`);
    }
    const dir = await mkdtemp(join(this.options.tempDir ?? tmpdir(), 'edgecv-inventory-'));
    try {
      for (const file of manifest.files) {
        const path = join(dir, 'data.csv.gz');
        await this.spoolVerified(manifest, file, path);
        yield* this.rows(manifest, file, path, prefix);
        await rm(path, { force: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async manifest(): Promise<InventoryManifest> {
    const { bucket, key } = parseInventoryLocation(this.location);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.getStream(bucket, key)) chunks.push(chunk as Buffer);
    return parseInventoryManifest(this.location, Buffer.concat(chunks).toString('utf8'));
  }

  private async spoolVerified(manifest: InventoryManifest, file: InventoryDataFile, path: string): Promise<void> {
    const md5 = createHash('md5');
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(await this.store.getStream(manifest.destinationBucket, file.key), tap, createWriteStream(path));
    const actual = md5.digest('hex');
    if (actual !== file.md5) throw new InventoryChecksumMismatchError(`s3://${manifest.destinationBucket}/${file.key}`, file.md5, actual);
  }

  private async *rows(manifest: InventoryManifest, file: InventoryDataFile, path: string, prefix: string): AsyncIterable<ObjectSummary> {
    const at = (name: string): number => manifest.columns.indexOf(name);
    const col = { bucket: at('Bucket'), key: at('Key'), version: at('VersionId'), latest: at('IsLatest'), marker: at('IsDeleteMarker'), size: at('Size'), modified: at('LastModifiedDate'), etag: at('ETag'), storageClass: at('StorageClass'), checksum: at('ChecksumAlgorithm') };
    const where = `s3://${manifest.destinationBucket}/${file.key}`;
    const parser = createReadStream(path).pipe(createGunzip()).pipe(parse({ relax_column_count: false }));
    let line = 0;
    for await (const row of parser as AsyncIterable<string[]>) {
      line += 1;
      const field = (i: number): string => (i < 0 ? '' : (row[i] ?? ''));
      if (row.length !== manifest.columns.length) throw new InvalidInventoryError(this.location, `${where} row ${line} has ${row.length} fields, the fileSchema ${manifest.columns.length}`);
      if (col.bucket >= 0 && field(col.bucket) !== manifest.sourceBucket) throw new InvalidInventoryError(this.location, `${where} row ${line} is of bucket ${field(col.bucket)}`);
      if (field(col.marker) === 'true' || field(col.latest) === 'false') continue;
      const key = inventoryKey(field(col.key), () => new InvalidInventoryError(this.location, `${where} row ${line}: the key is not URL-encoded`));
      if (!key.startsWith(prefix)) continue;
      const size = Number(field(col.size));
      if (field(col.size) === '' || !Number.isSafeInteger(size) || size < 0) throw new InvalidInventoryError(this.location, `${where} row ${line}: size ${JSON.stringify(field(col.size))}`);
      const modified = field(col.modified);
      yield {
        key,
        size,
        etag: field(col.etag),
        lastModified: modified === '' ? new Date(0) : new Date(modified),
        ...(field(col.version) !== '' ? { versionId: field(col.version) } : {}),
        ...(field(col.storageClass) !== '' ? { storageClass: field(col.storageClass) } : {}),
        ...(field(col.checksum) !== '' ? { checksumAlgorithm: field(col.checksum) } : {}),
      };
    }
  }
}

/** CSV inventories URL-encode keys (a space as `+`, a `+` as `%2B`), as listings with encoding-type=url do. */
function inventoryKey(encoded: string, invalid: () => Error): string {
  try {
    return listedKey(encoded, LIST_ENCODING);
  } catch {
    throw invalid();
  }
}
