// The migration use cases against the in-memory journal and an object store that is down: a run
// gives up with its records journaled, and a rollback refused while a run holds the journal
// touches nothing.
import type { ObjectStore } from '../ports/ObjectStore';
import { ServiceUnavailableError } from '../ports/ServiceErrors';
import { InMemoryJournalStore, InMemoryMigrationJournal } from './InMemoryMigrationJournal';
import { JournalLockedError, MigrationStalledError } from './MigrationErrors';
import { rollbackMigration } from './rollbackMigration';
import { processMapBatch } from './processMapBatch';
import { runMigration } from './runMigration';

const clock = { now: () => new Date() };

/** An object store that answers nothing: every call fails as the S3 adapter reports an unreachable S3 (503), and is counted. */
function downStore(): { store: ObjectStore; calls: string[] } {
  const calls: string[] = [];
  const down = (name: string) => () => {
    calls.push(name);
    return Promise.reject(new ServiceUnavailableError({ service: 'S3', operation: name, providerCode: 'ServiceUnavailable', httpStatus: 503 }));
  };
  // Listings fail on their first page, as the SDK's paginator does.
  const downListing = (name: string) => (): AsyncIterable<never> => ({ [Symbol.asyncIterator]: () => ({ next: down(name) }) });
  const store = new Proxy({} as ObjectStore, {
    get: (_t, name) => (name === 'list' || name === 'listMultipartUploads' ? downListing(String(name)) : down(String(name))),
  });
  return { store, calls };
}

async function plannedJournal(n: number): Promise<InMemoryMigrationJournal> {
  const journal = new InMemoryMigrationJournal();
  await journal.create({ journalId: 'j', bucket: 'b', prefix: '', rulesHash: 'h', versioned: false, createdAt: new Date().toISOString() });
  await journal.plan(Array.from({ length: n }, (_, i) => ({ oldKey: `training-output/j/${i}`, newKey: `models/training/j/${i}`, rule: 'r', artifactType: 'training-output', size: 1, etag: 'e' })));
  return journal;
}

describe('runMigration with the object store down', () => {
  it('gives up once enough records in a row failed, every one of them journaled TRANSIENT, the rest untouched', async () => {
    const journal = await plannedJournal(40);
    const { store } = downStore();
    const run = runMigration({ journal, concurrency: 2, maxAttemptsPerRun: 1, giveUpAfterRecords: 5, giveUpAfterSeconds: 3600 }, { store, clock, conditionalCopy: 'compare', retryBaseMs: 1 });
    await expect(run).rejects.toBeInstanceOf(MigrationStalledError);
    const error = (await run.catch((e: unknown) => e)) as MigrationStalledError;
    expect(error.outage).toMatchObject({ reason: 'records-in-a-row-failed', recordsInARow: 5 });
    expect(error.summary).toMatchObject({ total: 40, toDo: 40, verified: 0, aborted: true });
    const statuses: Record<string, number> = {};
    for await (const r of journal.records()) {
      const key = r.status === 'failed' ? `failed/${r.error?.code}` : r.status;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    // Those it tried failed TRANSIENT (retried by the next run); it stopped taking more after five in a row.
    expect(statuses['failed/TRANSIENT']).toBe(error.summary.transientFailures);
    expect(error.summary.transientFailures).toBeGreaterThanOrEqual(5);
    expect(error.summary.transientFailures).toBeLessThan(10);
    expect(statuses.planned).toBe(40 - error.summary.transientFailures);
  });

  it('refuses its limits when they cannot be used, before touching the store or the journal', async () => {
    const journal = await plannedJournal(1);
    const { store, calls } = downStore();
    await expect(runMigration({ journal, giveUpAfterSeconds: 0 }, { store, clock })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    expect(calls).toEqual([]);
  });
});

describe('rollbackMigration while a run holds the journal', () => {
  it('is refused with JOURNAL_LOCKED before touching the store or the journal', async () => {
    const shared = new InMemoryJournalStore();
    const run = new InMemoryMigrationJournal(shared, { holder: 'run' });
    await run.create({ journalId: 'j', bucket: 'b', prefix: '', rulesHash: 'h', versioned: false, createdAt: new Date().toISOString() });
    const [id] = (await run.plan([{ oldKey: 'training-output/j/a', newKey: 'models/training/j/a', rule: 'r', artifactType: 'training-output', size: 1, etag: 'e' }])) as [string];
    await run.acquire('shared');
    await run.record([{ id, from: 'planned', event: { type: 'copy-started', at: new Date().toISOString() } }, { id, from: 'planned', event: { type: 'copied', created: true } }]);
    const before = JSON.stringify([...shared.records.values()]);
    const { store, calls } = downStore();
    await expect(rollbackMigration({ journal: new InMemoryMigrationJournal(shared, { holder: 'rollback' }) }, { store, referenceStores: [] })).rejects.toBeInstanceOf(JournalLockedError);
    expect(calls).toEqual([]);
    expect(JSON.stringify([...shared.records.values()])).toBe(before);
  });
});

describe('a Step Functions map batch while a rollback holds the journal', () => {
  it('fails the batch as temporary, having touched neither the store nor the journal', async () => {
    const shared = new InMemoryJournalStore();
    const rollback = new InMemoryMigrationJournal(shared, { holder: 'rollback' });
    await rollback.create({ journalId: 'j', bucket: 'b', prefix: '', rulesHash: 'h', versioned: false, createdAt: new Date().toISOString() });
    await rollback.plan([{ oldKey: 'training-output/j/a', newKey: 'models/training/j/a', rule: 'r', artifactType: 'training-output', size: 1, etag: 'e' }]);
    await rollback.acquire('exclusive');
    const before = JSON.stringify([...shared.records.values()]);
    const { store, calls } = downStore();
    const batch = processMapBatch({ Items: [{ Bucket: 'b', Key: 'training-output/j/a' }] }, { journal: new InMemoryMigrationJournal(shared, { holder: 'map' }), store, clock });
    await expect(batch).rejects.toMatchObject({ name: 'MigrateBatchTemporaryFailure', failed: [{ resultCode: 'TemporaryFailure', resultString: expect.stringContaining('in use by rollback') }] });
    expect(calls).toEqual([]);
    expect(JSON.stringify([...shared.records.values()])).toBe(before);
  });
});
