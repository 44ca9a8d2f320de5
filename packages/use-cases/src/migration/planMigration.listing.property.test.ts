// The same bucket gives the same plan at any listing concurrency (issue 16 §2): the journal's
// records and their order depend on the keys only, never on which listing request answers first.
import fc from 'fast-check';
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import type { ObjectSummary } from '../ports/ObjectStore';
import { memoryJournal } from './memoryJournal.fixture';
import { memoryListing } from './memoryListing.fixture';
import { parallelListing } from './parallelListing';
import { planMigration } from './planMigration';
import { rulesHash } from './rulesHash';
import { sequentialListing } from './sequentialListing';

const resolver = new PathResolver(DEFAULT_PATH_CONFIG, DEFAULT_LEGACY_RULES);
const deps = { resolver, rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock: { now: () => new Date(0) } };

const key = fc
  .tuple(
    fc.constantFrom('training-output/', 'datasets//training-output/', 'compilation-output/', 'datasets/', 'models/training/', 'packaged-models/', 'jobs/', 'other/', ''),
    fc.constantFrom('job-1', 'job-2', 'j 3', 'é', '10', '9'),
    fc.array(fc.constantFrom('a', '0', '7', '-', '.', '/', '+', '%', 'ü'), { minLength: 1, maxLength: 6 }).map((c) => c.join('')),
  )
  .map(([p, job, rest]) => `${p}${job}/${rest}`.replace(/\/\/+$/, '/x'));
const bucket = fc.uniqueArray(key, { maxLength: 80 }).map((keys) => keys.map((k, i): ObjectSummary => ({ key: k, size: i, etag: `e${i}`, lastModified: new Date(0) })));

async function planWith(entries: readonly ObjectSummary[], source: (store: ReturnType<typeof memoryListing>) => Parameters<typeof planMigration>[1]['source'], beforePage?: () => Promise<void>) {
  const store = memoryListing(entries, beforePage ? { beforePage } : {});
  const journal = memoryJournal();
  const summary = await planMigration({ bucket: 'b', journal, journalId: 'j' }, { ...deps, store, source: source(store), batchSize: 7 });
  return { planned: journal.planned, steps: journal.steps, listed: summary.listed, collisions: summary.collisions };
}

describe('planMigration over a parallel listing', () => {
  it('journals the same records in the same order at any listing concurrency, the records a sequential listing plans', async () => {
    await fc.assert(
      fc.asyncProperty(bucket, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.scheduler(), async (entries, concurrency, chunkSize, scheduler) => {
        const reference = await planWith(entries, (store) => parallelListing(store, { concurrency: 1, chunkSize, maxParts: 5 }));
        const run = planWith(entries, (store) => parallelListing(store, { concurrency, chunkSize, maxParts: 5 }), () => scheduler.schedule(Promise.resolve()));
        expect(await scheduler.waitFor(run)).toEqual(reference);
        const sequential = await planWith(entries, (store) => sequentialListing(store));
        const byKey = (a: { oldKey: string }, b: { oldKey: string }): number => (a.oldKey < b.oldKey ? -1 : a.oldKey > b.oldKey ? 1 : 0);
        expect([...reference.planned].sort(byKey)).toEqual([...sequential.planned].sort(byKey));
        expect(reference.collisions).toBe(sequential.collisions);
      }),
      { numRuns: 150 },
    );
  });
});
