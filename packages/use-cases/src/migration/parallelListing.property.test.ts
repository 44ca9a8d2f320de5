// The journal's order must not depend on timing (issue 16 §2): a parallel listing of one bucket
// yields the same objects in the same order whatever the concurrency and whichever request
// answers first, and yields every current object exactly once.
import fc from 'fast-check';
import type { ObjectSummary } from '../ports/ObjectStore';
import { memoryListing } from './memoryListing.fixture';
import { parallelListing, type ParallelListingOptions } from './parallelListing';

const char = fc.constantFrom('a', 'b', 'z', 'A', '0', '1', '5', '9', '/', '/', '-', ' ', '+', 'é', '\u{FF5E}', '\u{1F600}');
const key = fc.array(char, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
const at = new Date(0);

/** Current objects only: one summary per key. */
const bucket = fc.uniqueArray(key, { maxLength: 60 }).map((keys) => keys.map((k, i): ObjectSummary => ({ key: k, size: i, etag: `e${i}`, lastModified: at })));

/** Every version and delete marker, newest first per key; the latest may be a delete marker. */
const versionedBucket = fc
  .uniqueArray(fc.tuple(key, fc.integer({ min: 1, max: 3 }), fc.boolean()), { selector: ([k]) => k, maxLength: 40 })
  .map((keys) =>
    keys.flatMap(([k, versions, deleted]) =>
      Array.from({ length: versions }, (_, v): ObjectSummary => ({
        key: k,
        size: v,
        etag: `e${v}`,
        lastModified: at,
        versionId: `${k}#${v}`,
        isLatest: v === 0,
        isDeleteMarker: v === 0 && deleted,
      })),
    ),
  );

const shape = fc.record({ chunkSize: fc.integer({ min: 1, max: 5 }), maxParts: fc.integer({ min: 1, max: 8 }) });

async function collect(source: AsyncIterable<ObjectSummary>): Promise<string[]> {
  const out: string[] = [];
  for await (const o of source) out.push(`${o.key}@${o.versionId ?? ''}`);
  return out;
}

function list(entries: readonly ObjectSummary[], versioned: boolean, options: ParallelListingOptions, beforePage?: () => Promise<void>): Promise<string[]> {
  const store = memoryListing(entries, { versioned, ...(beforePage ? { beforePage } : {}) });
  return collect(parallelListing(store, options).currentObjects({ bucket: 'b', prefix: '', versioned }));
}

function currentOf(entries: readonly ObjectSummary[]): string[] {
  return entries
    .filter((e) => e.isLatest !== false && e.isDeleteMarker !== true)
    .map((e) => `${e.key}@${e.versionId ?? ''}`)
    .sort();
}

describe('parallelListing properties', () => {
  it('yields every current object exactly once, in the same order at any concurrency and any timing', async () => {
    await fc.assert(
      fc.asyncProperty(bucket, shape, fc.integer({ min: 1, max: 8 }), fc.scheduler(), async (entries, s, concurrency, scheduler) => {
        const reference = await list(entries, false, { ...s, concurrency: 1 });
        expect([...reference].sort()).toEqual(currentOf(entries));
        const run = list(entries, false, { ...s, concurrency }, () => scheduler.schedule(Promise.resolve()));
        expect(await scheduler.waitFor(run)).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it('pins the current version of every live key of a versioned bucket, never a delete marker, in the same order at any concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(versionedBucket, shape, fc.integer({ min: 1, max: 8 }), fc.scheduler(), async (entries, s, concurrency, scheduler) => {
        const reference = await list(entries, true, { ...s, concurrency: 1 });
        expect([...reference].sort()).toEqual(currentOf(entries));
        const run = list(entries, true, { ...s, concurrency }, () => scheduler.schedule(Promise.resolve()));
        expect(await scheduler.waitFor(run)).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });
});
