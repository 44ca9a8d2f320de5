// Issue 4 §3 at the migration level, against the local stack: objects above the store's multipart
// copy cut-off (lowered to 1 MiB here) go through UploadPartCopy, and the migration still keeps
// every header, metadata and tag, verifies by bytes (never by a multipart ETag), never overwrites
// another object, rolls back exactly, and aborts the multipart uploads a crashed copy left open.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  cleanupSources,
  COLLISION,
  cutoverReferences,
  migrationStatus,
  planMigration,
  rollbackMigration,
  runMigration,
  VERIFY_MISMATCH,
  type JournalRecord,
  type MigrationJournal,
  type ObjectStore,
  type RecordStep,
} from '@edgecv/use-cases';
import type { S3ObjectStore } from '@edgecv/infrastructure/s3';
import { SimulatedCrash } from './CrashingJournal.fixture';
import { clock, createWorld, objectStore, resolver, RULES_HASH, s3, snapshot, type World } from './migrationWorld.fixture';

const MiB = 1024 * 1024;
/** moto, like S3, refuses every part but the last under 5 MiB (EntityTooSmall on completion). */
const COPY_PART = 5 * MiB;
const multipartStore = (): S3ObjectStore => objectStore({ multipartCopyThresholdBytes: 1 * MiB, copyPartSizeBytes: COPY_PART });

interface Legacy {
  readonly oldKey: string;
  readonly newKey: string;
  readonly size: number;
  /** Parts of its multipart copy; 0: copied by CopyObject. */
  readonly parts: number;
  readonly headers: Headers;
}

interface Headers {
  readonly contentType: string;
  readonly cacheControl?: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly metadata: Record<string, string>;
  readonly tagging: string;
}

const BIG_TRAINING: Legacy = {
  oldKey: 'datasets//training-output/det-1/output/model.tar.gz',
  newKey: 'models/training/det-1/output/model.tar.gz',
  size: 5 * MiB + 4099,
  parts: 2,
  headers: {
    contentType: 'application/x-tar',
    cacheControl: 'max-age=60',
    contentEncoding: 'gzip',
    contentDisposition: 'attachment; filename="model.tar.gz"',
    metadata: { owner: 'team-a', 'source-run': '17' },
    tagging: 'stage=prod&team=a',
  },
};
const BIG_COMPILED: Legacy = {
  oldKey: 'compilation-output/cmp-1/model-jetson_nano.tar.gz',
  newKey: 'models/compilation/cmp-1/jetson_nano/model.tar.gz',
  size: 10 * MiB + 1,
  parts: 3,
  headers: {
    contentType: 'application/gzip',
    cacheControl: 'no-cache',
    contentDisposition: 'inline',
    metadata: { target: 'jetson_nano' },
    tagging: 'kind=compiled',
  },
};
const BIG_ODD: Legacy = {
  oldKey: 'training-output/det-2/odd name + 100%/ünï.bin',
  newKey: 'models/training/det-2/odd name + 100%/ünï.bin',
  size: 6 * MiB,
  parts: 2,
  headers: { contentType: 'application/octet-stream', contentEncoding: 'br', metadata: { note: 'odd key' }, tagging: 'odd=yes' },
};
const SMALL_PACKAGED: Legacy = {
  oldKey: 'packaged-models/cats-v1/component.zip',
  newKey: 'deployments/cats-v1/component.zip',
  size: 200 * 1024,
  parts: 0,
  headers: {
    contentType: 'application/zip',
    cacheControl: 'max-age=3600',
    contentEncoding: 'identity',
    contentDisposition: 'attachment',
    metadata: { owner: 'team-b' },
    tagging: 'stage=dev',
  },
};
const SMALL_MANIFEST: Legacy = {
  oldKey: 'datasets/cats.manifest',
  newKey: 'datasets/manifests/cats.manifest',
  size: 3 * 1024,
  parts: 0,
  headers: { contentType: 'application/jsonl', metadata: {}, tagging: '' },
};

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function putLegacy(world: World, o: Legacy, body: Buffer = randomBytes(o.size)): Promise<Buffer> {
  const h = o.headers;
  await s3.send(
    new PutObjectCommand({
      Bucket: world.bucket,
      Key: o.oldKey,
      Body: body,
      ContentType: h.contentType,
      ...(h.cacheControl ? { CacheControl: h.cacheControl } : {}),
      ...(h.contentEncoding ? { ContentEncoding: h.contentEncoding } : {}),
      ...(h.contentDisposition ? { ContentDisposition: h.contentDisposition } : {}),
      Metadata: h.metadata,
      ...(h.tagging ? { Tagging: h.tagging } : {}),
    }),
  );
  return body;
}

/** `body` at `key` uploaded in 5 MiB parts (a multipart ETag), with the given headers, metadata and tags. */
async function putInParts(world: World, key: string, body: Buffer, h?: Headers): Promise<string> {
  await new Upload({
    client: s3,
    partSize: 5 * MiB,
    params: {
      Bucket: world.bucket,
      Key: key,
      Body: body,
      ...(h ? { ContentType: h.contentType, Metadata: h.metadata } : {}),
      ...(h?.cacheControl ? { CacheControl: h.cacheControl } : {}),
      ...(h?.contentEncoding ? { ContentEncoding: h.contentEncoding } : {}),
      ...(h?.contentDisposition ? { ContentDisposition: h.contentDisposition } : {}),
    },
    ...(h?.tagging ? { tags: [...new URLSearchParams(h.tagging)].map(([Key, Value]) => ({ Key, Value })) } : {}),
  }).done();
  return sha256(body);
}

/** Other bytes of the same size at `key`, uploaded in parts: only the bytes can tell them apart. */
const putLookalike = (world: World, key: string, size: number): Promise<string> => putInParts(world, key, randomBytes(size));

interface ObjectFacts {
  readonly sha256: string;
  readonly size: number;
  readonly etag: string;
  readonly contentType?: string;
  readonly cacheControl?: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly metadata: Record<string, string>;
  readonly tags: string;
}

/** What a reader of `key` sees: bytes, headers, metadata and tags, straight from the server. */
async function facts(bucket: string, key: string): Promise<ObjectFacts> {
  const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await (get.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
  return {
    sha256: sha256(bytes),
    size: bytes.byteLength,
    etag: (head.ETag ?? '').replace(/"/g, ''),
    ...(head.ContentType ? { contentType: head.ContentType } : {}),
    ...(head.CacheControl ? { cacheControl: head.CacheControl } : {}),
    ...(head.ContentEncoding ? { contentEncoding: head.ContentEncoding } : {}),
    ...(head.ContentDisposition ? { contentDisposition: head.ContentDisposition } : {}),
    metadata: head.Metadata ?? {},
    tags: (tags.TagSet ?? []).map((t) => `${t.Key}=${t.Value}`).sort().join('&'),
  };
}

const withoutEtag = ({ etag: _e, ...rest }: ObjectFacts): Omit<ObjectFacts, 'etag'> => rest;

async function uploadsIn(bucket: string): Promise<{ key: string; uploadId: string }[]> {
  const page = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (page.Uploads ?? []).map((u) => ({ key: u.Key ?? '', uploadId: u.UploadId ?? '' }));
}

/** The journal, with every step it accepted kept for the test to read (the fold keeps no verification method). */
function recordingSteps(journal: MigrationJournal): { journal: MigrationJournal; steps: RecordStep[] } {
  const steps: RecordStep[] = [];
  const spy = new Proxy(journal, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (name !== 'record') return (value as (...a: unknown[]) => unknown).bind(target);
      return async (batch: readonly RecordStep[]) => {
        const result = await journal.record(batch);
        steps.push(...batch.filter((s) => !result.rejected.includes(s)));
        return result;
      };
    },
  });
  return { journal: spy, steps };
}

async function recordsByKey(journal: MigrationJournal): Promise<Map<string, JournalRecord>> {
  const map = new Map<string, JournalRecord>();
  for await (const r of journal.records()) map.set(r.oldKey, r);
  return map;
}

describe('migration of objects above the multipart copy cut-off (issue 4 §3)', () => {
  let world: World;
  afterEach(async () => world.dispose());

  it('plans, copies, verifies, cuts over and cleans up a mix of CopyObject and multipart copies, keeping bytes, headers, metadata and tags', async () => {
    world = await createWorld({ store: multipartStore() });
    const objects = [BIG_TRAINING, BIG_COMPILED, BIG_ODD, SMALL_PACKAGED, SMALL_MANIFEST];
    for (const o of objects) await putLegacy(world, o);
    await world.putRecord('training', { jobName: 'det-1', model_artifact_uri: `s3://${world.bucket}/${BIG_TRAINING.oldKey}` });
    await world.putRecord('compilation', { jobName: 'cmp-1', target: 'jetson_nano', output_uri: `s3://${world.bucket}/${BIG_COMPILED.oldKey}` });
    const sources = new Map<string, ObjectFacts>();
    for (const o of objects) sources.set(o.oldKey, await facts(world.bucket, o.oldKey));
    // The seed is what the test claims: every header set, and single-part MD5 ETags on the sources.
    expect(sources.get(BIG_TRAINING.oldKey)).toMatchObject({ contentEncoding: 'gzip', contentDisposition: 'attachment; filename="model.tar.gz"', tags: 'stage=prod&team=a' });
    for (const s of sources.values()) expect(s.etag).toMatch(/^[0-9a-f]{32}$/);

    const { journal, steps } = recordingSteps(world.journal());
    const plan = await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock, referenceStores: world.referenceStores });
    expect(plan).toMatchObject({ planned: objects.length, collisions: 0 });
    const run = await runMigration({ journal, concurrency: 3 }, { store: world.store, clock, rulesHash: RULES_HASH });
    expect(run).toMatchObject({ toDo: objects.length, verified: objects.length, collisions: 0, mismatches: 0, transientFailures: 0 });

    const records = await recordsByKey(journal);
    for (const o of objects) {
      const source = sources.get(o.oldKey) as ObjectFacts;
      const target = await facts(world.bucket, o.newKey);
      expect({ key: o.newKey, ...withoutEtag(target) }).toEqual({ key: o.newKey, ...withoutEtag(source) });
      const record = records.get(o.oldKey) as JournalRecord;
      expect(record).toMatchObject({ status: 'verified', targetCreated: true });
      const verified = steps.find((s) => s.id === record.id && s.event.type === 'verified');
      if (o.parts > 0) {
        // A multipart copy's ETag is the MD5 of its parts' MD5s: it can never equal the source's,
        // so the record is verified only because the bytes were compared.
        expect(target.etag).toMatch(new RegExp(`^[0-9a-f]{32}-${o.parts}$`));
        expect(verified?.event).toEqual({ type: 'verified', method: 'streamed-sha256' });
      } else {
        expect(target.etag).toBe(source.etag);
        expect(verified?.event).toEqual({ type: 'verified', method: 'md5-etag' });
      }
    }

    const cut = await cutoverReferences({ journal }, { referenceStores: world.referenceStores, resolver });
    expect(cut).toMatchObject({ updated: 2, mismatched: 0, waiting: 0, recordsReferenced: objects.length });
    expect((await world.records('training'))[0]?.model_artifact_uri).toBe(`s3://${world.bucket}/${BIG_TRAINING.newKey}`);
    expect((await world.records('compilation'))[0]?.output_uri).toBe(`s3://${world.bucket}/${BIG_COMPILED.newKey}`);
    const clean = await cleanupSources({ journal }, { store: world.store, referenceStores: world.referenceStores });
    expect(clean).toMatchObject({ deleted: objects.length, errors: [] });

    for (const o of objects) {
      expect(await world.store.head(world.bucket, o.oldKey)).toBeUndefined();
      expect(withoutEtag(await facts(world.bucket, o.newKey))).toEqual(withoutEtag(sources.get(o.oldKey) as ObjectFacts));
    }
    expect(await uploadsIn(world.bucket)).toEqual([]);
    expect((await migrationStatus({ journal })).byStatus).toEqual({ 'source-deleted': objects.length });
  });

  it('fails verification of a multipart copy whose bytes changed after the copy, though size and ETag shape still match', async () => {
    world = await createWorld({ store: multipartStore() });
    const sourceBytes = await putLegacy(world, BIG_ODD);
    await putLegacy(world, SMALL_PACKAGED);
    // Between the copy and its verification someone rewrites the target: same size, uploaded in
    // parts as the copy was (a multipart ETag with as many parts), other bytes.
    let corrupted = 0;
    const store = new Proxy(world.store as ObjectStore, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (name !== 'copy') return (value as (...a: unknown[]) => unknown).bind(target);
        return async (...args: Parameters<ObjectStore['copy']>) => {
          const result = await target.copy(...args);
          if (args[1].key === BIG_ODD.newKey) {
            const other = Buffer.from(sourceBytes);
            const mid = other.length >> 1;
            other.writeUInt8(other.readUInt8(mid) ^ 0xff, mid);
            await target.putStream(args[1].bucket, args[1].key, Readable.from([other]));
            corrupted += 1;
          }
          return result;
        };
      },
    });
    const journal = world.journal();
    await planMigration({ bucket: world.bucket, journal }, { store, resolver, rulesHash: RULES_HASH, clock });
    const run = await runMigration({ journal }, { store, clock });
    expect(corrupted).toBe(1);
    const target = await store.head(world.bucket, BIG_ODD.newKey);
    expect(target).toMatchObject({ size: BIG_ODD.size, etag: expect.stringMatching(/-2$/) });
    expect(run).toMatchObject({ verified: 1, mismatches: 1 });
    const records = await recordsByKey(journal);
    expect(records.get(BIG_ODD.oldKey)).toMatchObject({ status: 'failed', error: { code: VERIFY_MISMATCH } });
    expect(records.get(SMALL_PACKAGED.oldKey)).toMatchObject({ status: 'verified' });
    // The failed record keeps its source, and clean-up leaves it alone.
    await cutoverReferences({ journal }, { referenceStores: [], resolver });
    await cleanupSources({ journal }, { store, referenceStores: [] });
    expect((await facts(world.bucket, BIG_ODD.oldKey)).sha256).toBe(sha256(sourceBytes));
  });

  it.each(['compare', 'native'] as const)(
    'never overwrites a target that holds other bytes of the same size, on the multipart path (%s conditional copy)',
    async (mode) => {
      world = await createWorld({ store: multipartStore() });
      for (const o of [BIG_TRAINING, BIG_ODD, SMALL_PACKAGED]) await putLegacy(world, o);
      // One target is there before the plan (same size, a multipart ETag: the plan cannot tell),
      // one appears between the plan and the run.
      const before = await putLookalike(world, BIG_TRAINING.newKey, BIG_TRAINING.size);
      const journal = world.journal();
      const plan = await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
      expect(plan).toMatchObject({ planned: 3, collisions: 0 });
      const after = await putLookalike(world, BIG_ODD.newKey, BIG_ODD.size);

      const run = await runMigration({ journal }, { store: world.store, clock, conditionalCopy: mode });
      expect(run).toMatchObject({ conditionalCopy: mode, verified: 1, collisions: 2 });
      expect((await facts(world.bucket, BIG_TRAINING.newKey)).sha256).toBe(before);
      expect((await facts(world.bucket, BIG_ODD.newKey)).sha256).toBe(after);
      const records = await recordsByKey(journal);
      for (const o of [BIG_TRAINING, BIG_ODD]) expect(records.get(o.oldKey)).toMatchObject({ status: 'failed', error: { code: COLLISION } });
      // A refused CompleteMultipartUpload leaves nothing half-copied behind.
      expect(await uploadsIn(world.bucket)).toEqual([]);

      // Rollback keeps what it did not create: both foreign targets stay.
      const rb = await rollbackMigration({ journal }, { store: world.store, referenceStores: [] });
      expect(rb).toMatchObject({ targetsRemoved: 1, problems: [] });
      expect((await facts(world.bucket, BIG_TRAINING.newKey)).sha256).toBe(before);
      expect((await facts(world.bucket, BIG_ODD.newKey)).sha256).toBe(after);
    },
  );

  it.each([
    ['unversioned', false],
    ['versioned', true],
  ])('rolls back a multipart migration after clean-up to exactly the initial %s bucket, removing only the targets it created', async (_name, versioned) => {
    world = await createWorld({ versioned, store: multipartStore() });
    for (const o of [BIG_TRAINING, SMALL_PACKAGED]) await putLegacy(world, o);
    // This target already holds the source's bytes (uploaded in parts, so another ETag): the run
    // settles it as copied without writing it, and rollback must leave it.
    const sameBytes = await putLegacy(world, BIG_ODD);
    await putInParts(world, BIG_ODD.newKey, sameBytes, BIG_ODD.headers);
    await world.putRecord('training', { jobName: 'det-1', model_artifact_uri: `s3://${world.bucket}/${BIG_TRAINING.oldKey}` });
    const initial = await snapshot(world.bucket);
    const initialFacts = new Map<string, ObjectFacts>();
    for (const o of [BIG_TRAINING, SMALL_PACKAGED, BIG_ODD]) initialFacts.set(o.oldKey, await facts(world.bucket, o.oldKey));
    const initialRecords = await world.records('training');

    const journal = world.journal();
    await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    expect(await runMigration({ journal }, { store: world.store, clock })).toMatchObject({ verified: 3, collisions: 0 });
    expect((await recordsByKey(journal)).get(BIG_ODD.oldKey)).toMatchObject({ status: 'verified', targetCreated: false });
    await cutoverReferences({ journal }, { referenceStores: world.referenceStores, resolver });
    expect(await cleanupSources({ journal }, { store: world.store, referenceStores: world.referenceStores })).toMatchObject({ deleted: 3 });

    const rb = await rollbackMigration({ journal }, { store: world.store, referenceStores: world.referenceStores });
    expect(rb).toMatchObject({ sourcesRestored: 3, targetsRemoved: 2, referencesRestored: 1, rolledBack: 3, problems: [] });
    expect(await snapshot(world.bucket)).toEqual(initial);
    // The snapshot leaves out content encoding and disposition; a copy back must keep them too.
    for (const [key, f] of initialFacts) expect(withoutEtag(await facts(world.bucket, key))).toEqual(withoutEtag(f));
    expect(await world.records('training')).toEqual(initialRecords);
    expect(await uploadsIn(world.bucket)).toEqual([]);
  });

  it('after a crash mid multipart copy, the next run aborts the upload left open on its target and finishes the copy', async () => {
    world = await createWorld({ store: multipartStore() });
    const bodies = new Map<string, Buffer>();
    for (const o of [BIG_ODD, SMALL_PACKAGED]) bodies.set(o.oldKey, await putLegacy(world, o));
    // Someone else's upload in progress elsewhere in the bucket: not the migration's to abort.
    const foreign = await s3.send(new CreateMultipartUploadCommand({ Bucket: world.bucket, Key: 'incoming/upload in progress.bin' }));
    const name = 'crash.jsonl';
    const planning = world.journal(name);
    await planMigration({ bucket: world.bucket, journal: planning }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });

    // The process dies once the first part of a multipart copy has been copied: from then on no
    // request reaches the server (not even the copy's own abort) and no journal write lands.
    const dying = multipartStore();
    let dead = false;
    dying.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (dead) throw new SimulatedCrash('process killed');
        const out = await next(args);
        if (context.commandName === 'UploadPartCopyCommand') dead = true;
        return out;
      },
      { step: 'initialize', name: 'simulatedProcessDeath' },
    );
    const journal = new Proxy(planning, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const fn = (value as (...a: unknown[]) => unknown).bind(target);
        if (key !== 'record' && key !== 'plan' && key !== 'recordReferenceChanges') return fn;
        return (...args: unknown[]) => (dead ? Promise.reject(new SimulatedCrash('process killed')) : fn(...args));
      },
    });
    await expect(runMigration({ journal, concurrency: 1 }, { store: dying, clock })).rejects.toBeInstanceOf(SimulatedCrash);
    await planning.close();

    const resumed = world.journal(name);
    const crashed = [...(await recordsByKey(resumed)).values()].filter((r) => r.copyStartedAt !== undefined);
    expect(crashed).toHaveLength(1);
    const victim = crashed[0] as JournalRecord;
    expect(victim).toMatchObject({ oldKey: BIG_ODD.oldKey, status: 'planned' });
    const left = await uploadsIn(world.bucket);
    expect(left.map((u) => u.key).sort()).toEqual(['incoming/upload in progress.bin', victim.newKey].sort());
    const open = left.find((u) => u.key === victim.newKey);
    const parts = await s3.send(new ListPartsCommand({ Bucket: world.bucket, Key: victim.newKey, UploadId: open?.uploadId }));
    expect(parts.Parts?.map((p) => p.Size)).toEqual([COPY_PART]);
    expect(await world.store.head(world.bucket, victim.newKey)).toBeUndefined();

    const run = await runMigration({ journal: resumed }, { store: world.store, clock });
    expect(run.mismatches + run.collisions + run.transientFailures).toBe(0);
    expect((await migrationStatus({ journal: resumed })).byStatus).toEqual({ verified: 2 });
    const uploads = await uploadsIn(world.bucket);
    expect(uploads).toEqual([{ key: 'incoming/upload in progress.bin', uploadId: foreign.UploadId }]);
    for (const o of [BIG_ODD, SMALL_PACKAGED]) {
      expect((await facts(world.bucket, o.newKey)).sha256).toBe(sha256(bodies.get(o.oldKey) as Buffer));
    }
    expect((await recordsByKey(resumed)).get(victim.oldKey)).toMatchObject({ status: 'verified', targetCreated: true, attempts: 2 });
  });
});
