// Parallel listing on the local stack (issue 16 §2): the plan a parallel listing makes is the
// plan a sequential listing makes, the same at any concurrency, on plain and versioned buckets,
// and listing requests that are throttled are retried with back-off instead of failing the plan.
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { SLOW_DOWN, startFaultProxy } from '@edgecv/test-harness';
import { parallelListing, planMigration, sequentialListing, type JournalRecord, type MigrationJournal, type ObjectSource } from '@edgecv/use-cases';
import { clock, createWorld, objectStore, resolver, RULES_HASH, s3, type World } from './migrationWorld.fixture';

const KEYS = [
  ...Array.from({ length: 120 }, (_, i) => `training-output/job-${i % 4}/part-${String(i).padStart(4, '0')}.bin`),
  ...Array.from({ length: 40 }, (_, i) => `datasets//compilation-output/c-${i % 3}/model ${i}+ü%.tar.gz`),
  'packaged-models/dep/line\nbreak.zip',
  'models/training/job-0/part-0003.bin',
  'top-level.txt',
  'datasets/raw/img.png',
];

async function plannedEntries(journal: MigrationJournal): Promise<Omit<JournalRecord, 'id'>[]> {
  const out: Omit<JournalRecord, 'id'>[] = [];
  for await (const { id: _id, ...r } of journal.records()) out.push(r);
  return out;
}

async function planWith(world: World, source: ObjectSource, store = world.store) {
  const journal = world.journal();
  const summary = await planMigration({ bucket: world.bucket, journal, journalId: 'same' }, { store, source, resolver, rulesHash: RULES_HASH, clock });
  const records = await plannedEntries(journal);
  await journal.close();
  return { summary, records };
}

const byOldKey = (a: { oldKey: string }, b: { oldKey: string }): number => (a.oldKey < b.oldKey ? -1 : a.oldKey > b.oldKey ? 1 : 0);

describe.each([false, true])('plan from a parallel listing (versioned: %s)', (versioned) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ versioned });
    for (const k of KEYS) await world.put(k, `bytes of ${k}`);
    if (versioned) {
      // A deleted key and an overwritten one: only current versions are planned.
      await world.put('training-output/job-9/gone.bin', 'old');
      await s3.send(new DeleteObjectCommand({ Bucket: world.bucket, Key: 'training-output/job-9/gone.bin' }));
      await world.put('training-output/job-0/part-0000.bin', 'newer bytes');
    }
  }, 120_000);
  afterAll(async () => world.dispose());

  it('journals the records a sequential listing journals, in the same order at concurrency 1 and 8', async () => {
    const sequential = await planWith(world, sequentialListing(world.store));
    // Small chunks so the bucket is split into many ranges, as a large one is.
    const one = await planWith(world, parallelListing(world.store, { concurrency: 1, chunkSize: 7 }));
    const eight = await planWith(world, parallelListing(world.store, { concurrency: 8, chunkSize: 7 }));
    expect(eight.records).toEqual(one.records);
    expect([...one.records].sort(byOldKey)).toEqual([...sequential.records].sort(byOldKey));
    expect(one.summary).toEqual({ ...sequential.summary, journal: one.summary.journal });
    expect(one.summary.planned).toBeGreaterThan(100);
    if (versioned) for (const r of one.records) expect(r.versionId).toEqual(expect.any(String));
  }, 120_000);
});

describe('parallel listing under throttling', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    for (const k of KEYS) await world.put(k, `bytes of ${k}`);
  }, 120_000);
  afterAll(async () => world.dispose());

  it('backs off and retries listing requests answered with SlowDown, and plans every object', async () => {
    const proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 as string, {
      action: SLOW_DOWN,
      match: (r) => r.method === 'GET' && /[?&]list-type=2/.test(r.url),
      fraction: 0.3,
    });
    try {
      const throttled = objectStore({ endpoint: proxy.url, retry: { attempts: 8, mode: 'standard' } });
      const expected = await planWith(world, sequentialListing(world.store));
      const got = await planWith(world, parallelListing(throttled, { concurrency: 8, chunkSize: 7 }), throttled);
      expect(proxy.counters.injected.status).toBeGreaterThan(0);
      expect([...got.records].sort(byOldKey)).toEqual([...expected.records].sort(byOldKey));
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
