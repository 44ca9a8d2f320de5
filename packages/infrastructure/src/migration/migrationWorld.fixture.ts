// A real bucket, real reference tables and a journal file for the migration's integration tests,
// plus an exact snapshot of the bucket (every version, bytes, metadata, tags) to compare states.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PATH_CONFIG, DEFAULT_LEGACY_RULES, PathResolver } from '@edgecv/domain';
import {
  createDynamoClients,
  dynamoConfigFromEnv,
  DynamoDbArtifactReferenceStore,
  ensureTables,
  tableNames,
} from '@edgecv/infrastructure/dynamodb';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { S3ObjectStore, s3ConfigFromEnv, type S3ObjectStoreConfig } from '@edgecv/infrastructure/s3';
import { createTestBucket, emptyAndDeleteBucket, testS3Client, uniqueName } from '@edgecv/test-harness';
import { rulesHash, type Clock } from '@edgecv/use-cases';

export const s3 = testS3Client();
export const resolver = new PathResolver(DEFAULT_PATH_CONFIG, DEFAULT_LEGACY_RULES);
export const RULES_HASH = rulesHash(DEFAULT_LEGACY_RULES);
export const clock: Clock = { now: () => new Date() };

export function objectStore(overrides: Partial<S3ObjectStoreConfig> = {}): S3ObjectStore {
  return new S3ObjectStore(s3ConfigFromEnv(process.env, { retry: { attempts: 4, mode: 'standard' }, ...overrides }));
}

export interface World {
  readonly bucket: string;
  readonly store: S3ObjectStore;
  readonly documents: DynamoDBDocumentClient;
  readonly tables: { training: string; compilation: string; deployments: string };
  readonly referenceStores: DynamoDbArtifactReferenceStore[];
  readonly dir: string;
  journal(name?: string): JsonlMigrationJournal;
  put(key: string, body: string | Buffer, extra?: { contentType?: string; cacheControl?: string; metadata?: Record<string, string>; tagging?: string }): Promise<void>;
  putRecord(table: 'training' | 'compilation' | 'deployments', item: Record<string, unknown>): Promise<void>;
  records(table: 'training' | 'compilation' | 'deployments'): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export async function createWorld(opts: { versioned?: boolean; store?: S3ObjectStore } = {}): Promise<World> {
  const bucket = await createTestBucket({ versioned: opts.versioned ?? false, prefix: 'mig' });
  const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
  const names = tableNames(`${uniqueName('mig')}-`);
  await ensureTables(client, names, ['training', 'compilation', 'deployments']);
  const store = opts.store ?? objectStore();
  const dir = mkdtempSync(join(tmpdir(), 'edgecv-mig-'));
  let journals = 0;
  return {
    bucket,
    store,
    documents,
    tables: { training: names.training, compilation: names.compilation, deployments: names.deployments },
    referenceStores: DynamoDbArtifactReferenceStore.all(documents, names),
    dir,
    journal: (name) => new JsonlMigrationJournal(join(dir, name ?? `journal-${++journals}.jsonl`)),
    put: async (key, body, extra = {}) => {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ...(extra.contentType ? { ContentType: extra.contentType } : {}),
          ...(extra.cacheControl ? { CacheControl: extra.cacheControl } : {}),
          ...(extra.metadata ? { Metadata: extra.metadata } : {}),
          ...(extra.tagging ? { Tagging: extra.tagging } : {}),
        }),
      );
    },
    putRecord: async (table, item) => {
      await documents.send(new PutCommand({ TableName: names[table], Item: item }));
    },
    records: async (table) => {
      const r = await documents.send(new ScanCommand({ TableName: names[table], ConsistentRead: true }));
      return (r.Items ?? []) as Record<string, unknown>[];
    },
    dispose: async () => {
      await emptyAndDeleteBucket(bucket);
      client.destroy();
    },
  };
}

export interface ObjectState {
  readonly key: string;
  readonly versionId?: string;
  readonly isLatest: boolean;
  readonly deleteMarker: boolean;
  readonly sha256?: string;
  readonly contentType?: string;
  readonly cacheControl?: string;
  readonly metadata?: Record<string, string>;
  readonly tags?: string;
}

/** Every version and delete marker with its bytes' hash, headers, metadata and tags, sorted. */
export async function snapshot(bucket: string): Promise<ObjectState[]> {
  const out: ObjectState[] = [];
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
    for (const m of page.DeleteMarkers ?? []) {
      out.push({ key: m.Key ?? '', ...(m.VersionId && m.VersionId !== 'null' ? { versionId: m.VersionId } : {}), isLatest: m.IsLatest === true, deleteMarker: true });
    }
    for (const v of page.Versions ?? []) {
      const key = v.Key ?? '';
      const versionId = v.VersionId && v.VersionId !== 'null' ? v.VersionId : undefined;
      const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
      const bytes = Buffer.from(await (get.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
      const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
      out.push({
        key,
        ...(versionId ? { versionId } : {}),
        isLatest: v.IsLatest === true,
        deleteMarker: false,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        ...(head.ContentType ? { contentType: head.ContentType } : {}),
        ...(head.CacheControl ? { cacheControl: head.CacheControl } : {}),
        metadata: head.Metadata ?? {},
        tags: (tags.TagSet ?? []).map((t) => `${t.Key}=${t.Value}`).sort().join('&'),
      });
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return out.sort((a, b) => (a.key === b.key ? String(a.versionId).localeCompare(String(b.versionId)) : a.key < b.key ? -1 : 1));
}

/** The current objects only: key -> content hash, as a reader of the bucket sees it. */
export async function currentContents(bucket: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const s of await snapshot(bucket)) if (s.isLatest && !s.deleteMarker && s.sha256) map.set(s.key, s.sha256);
  return map;
}
