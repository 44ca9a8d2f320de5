// The listing half of an ObjectStore over entries held in memory, answering as S3 does: key order
// (UTF-8 bytes; a key's versions newest first), prefix, start-after (after every version of that
// key), pages of `pageSize`, common prefixes. `beforePage` runs before each page is answered, so a
// test can decide when each request completes.
import type { CommonPrefixesPage, ListOptions, ObjectStore, ObjectSummary } from '../ports/ObjectStore';
import { compareS3Keys } from './s3KeyOrder';

export interface MemoryListingOptions {
  readonly versioned?: boolean;
  readonly beforePage?: (request: { readonly prefix: string; readonly startAfter?: string }) => Promise<void>;
  /** Called per request, for tests that count or bound them. */
  readonly onRequest?: (kind: 'list' | 'prefixes') => void;
}

export function memoryListing(entries: readonly ObjectSummary[], options: MemoryListingOptions = {}): ObjectStore {
  // Stable: the given order of a key's versions is kept (newest first).
  const sorted = [...entries].sort((a, b) => compareS3Keys(a.key, b.key));
  const currentOnly = sorted.filter((e) => e.isLatest !== false && e.isDeleteMarker !== true).map(({ isLatest: _l, isDeleteMarker: _d, ...rest }) => rest);
  const store: Partial<ObjectStore> = {
    bucketVersioning: async () => (options.versioned === true ? 'enabled' : 'disabled'),
    head: async (_bucket: string, key: string) => {
      const found = currentOnly.find((e) => e.key === key);
      return found === undefined ? undefined : { ...found, metadata: {} };
    },
    async *list(_bucket: string, prefix: string, o: ListOptions = {}): AsyncIterable<ObjectSummary> {
      const source = o.versions === true ? sorted : currentOnly;
      const pageSize = o.pageSize ?? 1000;
      let i = source.findIndex((e) => e.key.startsWith(prefix) && (o.startAfter === undefined || compareS3Keys(e.key, o.startAfter) > 0));
      if (i < 0) i = source.length;
      for (;;) {
        options.onRequest?.('list');
        await options.beforePage?.({ prefix, ...(o.startAfter !== undefined ? { startAfter: o.startAfter } : {}) });
        const page = [];
        while (page.length < pageSize && i < source.length && (source[i] as ObjectSummary).key.startsWith(prefix)) page.push(source[i++] as ObjectSummary);
        for (const e of page) yield e;
        if (page.length < pageSize || i >= source.length || !(source[i] as ObjectSummary).key.startsWith(prefix)) return;
      }
    },
    async listCommonPrefixes(_bucket: string, prefix: string, delimiter: string): Promise<CommonPrefixesPage> {
      options.onRequest?.('prefixes');
      await options.beforePage?.({ prefix });
      const prefixes: string[] = [];
      for (const e of currentOnly) {
        if (!e.key.startsWith(prefix)) continue;
        const end = e.key.indexOf(delimiter, prefix.length);
        if (end < 0) continue;
        const common = e.key.slice(0, end + delimiter.length);
        if (prefixes[prefixes.length - 1] !== common) prefixes.push(common);
      }
      return { prefixes: prefixes.slice(0, 1000), truncated: prefixes.length > 1000 };
    },
  };
  return store as ObjectStore;
}
