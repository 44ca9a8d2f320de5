import fc from 'fast-check';
import type { ListOptions, ObjectStore, ObjectSummary } from '../ports/ObjectStore';
import { scanKeyRange } from './scanKeyRange';

function listingStore(keys: readonly string[]): ObjectStore {
  const sorted = [...new Set(keys)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return {
    async *list(_bucket: string, prefix: string, options: ListOptions = {}): AsyncIterable<ObjectSummary> {
      for (const key of sorted) {
        if (!key.startsWith(prefix)) continue;
        if (options.startAfter !== undefined && Buffer.compare(Buffer.from(key), Buffer.from(options.startAfter)) <= 0) continue;
        yield { key, size: 1, etag: 'e', lastModified: new Date(0) };
      }
    },
  } as unknown as ObjectStore;
}

const key = fc.array(fc.constantFrom('a', 'b', '/', 'é', '\u{FF5E}', '\u{1F600}', ' ', '+'), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));

describe('scanKeyRange property', () => {
  it('never reports a key absent that the bucket holds, nor present one it does not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(key, { maxLength: 40 }), fc.array(key, { minLength: 1, maxLength: 20 }), async (bucketKeys, asked) => {
        const held = new Set(bucketKeys);
        const { resolved } = await scanKeyRange(listingStore(bucketKeys), 'b', asked);
        for (const [k, found] of resolved) {
          expect(found.length > 0).toBe(held.has(k));
          for (const o of found) expect(o.key).toBe(k);
        }
      }),
      { numRuns: 300 },
    );
  });
});
