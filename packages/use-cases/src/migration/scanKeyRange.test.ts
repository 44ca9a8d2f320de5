import type { ListOptions, ObjectStore, ObjectSummary } from '../ports/ObjectStore';
import { scanKeyRange } from './scanKeyRange';

/** A listing-only store holding `keys`, listing them in S3's byte order (or in `order`), counting objects listed. */
function listingStore(keys: readonly string[], order: 'bytes' | 'as-given' = 'bytes'): ObjectStore & { listed: number } {
  const sorted = order === 'bytes' ? [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))) : [...keys];
  const store = {
    listed: 0,
    async *list(_bucket: string, prefix: string, options: ListOptions = {}): AsyncIterable<ObjectSummary> {
      const after = options.startAfter === undefined ? undefined : Buffer.from(options.startAfter);
      for (const key of sorted) {
        if (!key.startsWith(prefix)) continue;
        if (after !== undefined && order === 'bytes' && Buffer.compare(Buffer.from(key), after) <= 0) continue;
        store.listed += 1;
        yield { key, size: key.length, etag: 'e', lastModified: new Date(0) };
      }
    },
  };
  return store as unknown as ObjectStore & { listed: number };
}

describe('scanKeyRange', () => {
  it('tells present keys (with what is there) from absent ones with one listing of their range', async () => {
    const store = listingStore(['a/1', 'm/1', 'm/2', 'm/4', 'z/1']);
    const { resolved, pages } = await scanKeyRange(store, 'b', ['m/2', 'm/3', 'm/4', 'm/5']);
    expect(pages).toBe(1);
    expect(resolved.get('m/2')?.map((o) => o.key)).toEqual(['m/2']);
    expect(resolved.get('m/3')).toEqual([]);
    expect(resolved.get('m/4')?.map((o) => o.key)).toEqual(['m/4']);
    expect(resolved.get('m/5')).toEqual([]);
    // Only the range's neighbourhood is listed, not the whole bucket.
    expect(store.listed).toBeLessThanOrEqual(3);
  });

  it('orders keys as S3 does (UTF-8 bytes), not as JavaScript compares strings', async () => {
    // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16 code units.
    const keys = ['k/\u{FF5E}', 'k/\u{1F600}'];
    const { resolved } = await scanKeyRange(listingStore(keys), 'b', [...keys, 'k/\u{1F601}']);
    expect(resolved.get('k/\u{FF5E}')).toHaveLength(1);
    expect(resolved.get('k/\u{1F600}')).toHaveLength(1);
    expect(resolved.get('k/\u{1F601}')).toEqual([]);
  });

  it('stops listing when the HEADs of the keys not yet reached would cost less, leaving them unresolved', async () => {
    const foreign = Array.from({ length: 5000 }, (_, i) => `d/${String(i).padStart(5, '0')}`);
    const store = listingStore([...foreign, 'd/99999']);
    const { resolved, pages } = await scanKeyRange(store, 'b', ['d/00000', 'd/99999']);
    expect(resolved.get('d/00000')).toHaveLength(1);
    expect(resolved.has('d/99999')).toBe(false);
    expect(pages).toBe(1);
  });

  it('proves nothing absent when the store does not list in key order', async () => {
    const { resolved } = await scanKeyRange(listingStore(['x/3', 'x/1'], 'as-given'), 'b', ['x/1', 'x/2', 'x/3']);
    expect(resolved.size).toBe(0);
  });

  it('resolves nothing for no keys without listing', async () => {
    const store = listingStore(['a']);
    expect((await scanKeyRange(store, 'b', [])).resolved.size).toBe(0);
    expect(store.listed).toBe(0);
  });
});
