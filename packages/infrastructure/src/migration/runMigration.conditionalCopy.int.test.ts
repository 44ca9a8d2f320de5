// A copy never lands on a target that appeared after the plan, however the run learns about
// targets: the probe of the server's If-None-Match support, the batched listing of targets, or a
// HEAD each; and the fast path (fresh targets learnt from a listing) spends no HEAD per object.
import { migrationStatus, planMigration, runMigration, type ObjectStore } from '@edgecv/use-cases';
import { serverHonoursConditionalCopy } from '@edgecv/use-cases';
import { clock, createWorld, currentContents, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

/** The store with its calls counted by method name. */
function counting(store: ObjectStore): { store: ObjectStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe.each([
  ['unversioned', false],
  ['versioned', true],
])('run on an %s bucket', (_name, versioned) => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld({ versioned });
  });
  afterEach(async () => world.dispose());

  it.each([
    ['auto (probe, then batched listing)', 'auto', 3],
    ['compare with a HEAD each (batches of one)', 'compare', 1],
  ] as const)('%s: never overwrites a target written after the plan, and settles one holding the same bytes', async (_label, mode, scanBatchSize) => {
    for (let i = 0; i < 10; i++) await world.put(`training-output/job-${i % 3}/part ${i}.bin`, `bytes ${i}`);
    const journal = world.journal();
    await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    // After the plan, someone writes other bytes at one target and the same bytes at another.
    await world.put('models/training/job-1/part 4.bin', 'someone else');
    await world.put('models/training/job-2/part 8.bin', 'bytes 8');
    const before = await currentContents(world.bucket);

    const summary = await runMigration({ journal }, { store: world.store, clock, conditionalCopy: mode, scanBatchSize });
    expect(summary.conditionalCopy).toBe('compare'); // moto copies over a target whatever If-None-Match says
    expect(summary.verified).toBe(9);
    expect(summary.collisions).toBe(1);
    const after = await currentContents(world.bucket);
    expect(after.get('models/training/job-1/part 4.bin')).toBe(before.get('models/training/job-1/part 4.bin'));
    for (const [key, sha] of before) expect(after.get(key)).toBe(sha);
    expect((await migrationStatus({ journal })).byStatus).toEqual({ verified: 9, failed: 1 });
  });

  it('copies fresh targets learnt from one listing without a HEAD per object', async () => {
    for (let i = 0; i < 12; i++) await world.put(`training-output/job-${i % 2}/part ${i}.bin`, `bytes ${i}`);
    const journal = world.journal();
    await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    const { store, calls } = counting(world.store);
    const summary = await runMigration({ journal }, { store, clock, conditionalCopy: 'compare', scanBatchSize: 5 });
    expect(summary.verified).toBe(12);
    expect(calls.get('copy')).toBe(12);
    expect(calls.get('head') ?? 0).toBe(0);
  });

  it('probes If-None-Match on CopyObject and leaves the bucket exactly as it found it', async () => {
    await world.put('training-output/job-1/a.bin', 'a');
    const initial = await snapshot(world.bucket);
    expect(await serverHonoursConditionalCopy(world.store, world.bucket, '', versioned)).toBe(false);
    expect(await snapshot(world.bucket)).toEqual(initial);
  });
});
