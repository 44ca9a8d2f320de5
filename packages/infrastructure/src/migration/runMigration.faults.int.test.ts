// `run` through a loopback proxy that answers 503 SlowDown, 500 or drops the connection (some
// after the server already acted) for 10% of requests: every object still arrives exactly once,
// verified, nothing is lost or overwritten, and a rollback restores the bucket exactly.
import { INTERNAL_ERROR, SLOW_DOWN, startFaultProxy, type FaultAction, type FaultProxy } from '@edgecv/test-harness';
import { planMigration, rollbackMigration, runMigration, migrationStatus } from '@edgecv/use-cases';
import { clock, createWorld, currentContents, objectStore, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

const OBJECTS = 150;
const FAULTS: readonly FaultAction[] = [SLOW_DOWN, INTERNAL_ERROR, { kind: 'reset' }, { kind: 'reset', afterForward: true }];

describe('run through a faulty network', () => {
  let world: World;
  let proxy: FaultProxy;
  beforeAll(async () => {
    world = await createWorld();
    proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 as string);
  });
  afterAll(async () => {
    await proxy.close();
    await world.dispose();
  });

  it('completes with every object verified once, despite 10% of requests failing', async () => {
    for (let i = 0; i < OBJECTS; i++) await world.put(`training-output/job-${i % 9}/file ${i}.bin`, `content ${i} `.repeat(1 + (i % 7)));
    const initial = await snapshot(world.bucket);
    const before = await currentContents(world.bucket);
    const faulty = objectStore({ endpoint: proxy.url });
    const journal = world.journal();
    let n = 0;
    const rotate = setInterval(() => proxy.setRule({ action: FAULTS[n++ % FAULTS.length] as FaultAction, fraction: 0.1 }), 50);
    try {
      await planMigration({ bucket: world.bucket, journal }, { store: faulty, resolver, rulesHash: RULES_HASH, clock });
      for (let run = 0; run < 5; run++) {
        const summary = await runMigration({ journal, concurrency: 8 }, { store: faulty, clock, retryBaseMs: 10 });
        if (summary.toDo === 0 || summary.verified === summary.toDo) break;
      }
    } finally {
      clearInterval(rotate);
      proxy.setRule(undefined);
    }
    // Faults really happened at about the rule's rate (a run now sends about one request per
    // object, so the count follows the requests, not the objects; 3% is far below 10% +- noise).
    const { injected, requests } = proxy.counters;
    expect(requests).toBeGreaterThan(OBJECTS);
    expect(injected.status + injected.reset).toBeGreaterThanOrEqual(Math.ceil(0.03 * requests));
    expect((await migrationStatus({ journal })).byStatus).toEqual({ verified: OBJECTS });
    const after = await currentContents(world.bucket);
    for (const [key, sha] of before) {
      const c = resolver.classify(key);
      expect(after.get(key)).toBe(sha);
      if (c.status === 'converted') expect(after.get(c.output)).toBe(sha);
    }
    expect(after.size).toBe(2 * OBJECTS);
    const rb = await rollbackMigration({ journal }, { store: world.store, referenceStores: [] });
    expect(rb.problems).toEqual([]);
    expect(await snapshot(world.bucket)).toEqual(initial);
  }, 300_000);
});
