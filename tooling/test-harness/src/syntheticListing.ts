// A bucket of N synthetic keys listed the way S3 lists them (prefix, start-after, pages of at most
// 1000, common prefixes), without holding the keys: key i is computed, and the keys increase
// with i, so a position is found by binary search. Plans of a million keys need no server and
// no memory for the bucket itself.

export interface SyntheticSummary {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
}

export interface SyntheticListing {
  list(bucket: string, prefix: string, options?: { startAfter?: string; pageSize?: number; versions?: boolean }): AsyncIterable<SyntheticSummary>;
  listCommonPrefixes(bucket: string, prefix: string, delimiter: string): Promise<{ prefixes: string[]; truncated: boolean }>;
}

const PAGE = 1000;
const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

/** Legacy training outputs of 500 jobs, in key order: `training-output/job-NNN/part-NNNNNNN.bin`. */
export function legacyTrainingKey(i: number, n: number): string {
  const job = Math.floor((i * 500) / n);
  return `training-output/job-${String(job).padStart(3, '0')}/part-${String(i).padStart(7, '0')}.bin`;
}

/** Keys are ASCII here, so JavaScript's order is S3's byte order. */
export function syntheticListing(n: number, keyAt: (i: number) => string = (i) => legacyTrainingKey(i, n), onYield?: (key: string, i: number) => void): SyntheticListing {
  /** The first index whose key satisfies `test`, a predicate false then true along the keys. */
  const firstWhere = (test: (key: string) => boolean): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (test(keyAt(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const lastModified = new Date(0);
  return {
    async *list(_bucket, prefix, options = {}) {
      const { startAfter } = options;
      const pageSize = options.pageSize ?? PAGE;
      let i = firstWhere((k) => k >= prefix && (startAfter === undefined || k > startAfter));
      for (let inPage = 0; i < n; i++) {
        const key = keyAt(i);
        if (!key.startsWith(prefix)) return;
        onYield?.(key, i);
        yield { key, size: 1024, etag: EMPTY_MD5, lastModified };
        // A page boundary: the next request.
        if (++inPage === pageSize) {
          inPage = 0;
          await new Promise((r) => setImmediate(r));
        }
      }
    },
    async listCommonPrefixes(_bucket, prefix, delimiter) {
      const prefixes: string[] = [];
      let i = firstWhere((k) => k >= prefix);
      while (i < n && prefixes.length < PAGE) {
        const key = keyAt(i);
        if (!key.startsWith(prefix)) break;
        const end = key.indexOf(delimiter, prefix.length);
        if (end < 0) {
          i += 1;
          continue;
        }
        const common = key.slice(0, end + delimiter.length);
        prefixes.push(common);
        i = firstWhere((k) => k > common && !k.startsWith(common));
      }
      return { prefixes, truncated: i < n && keyAt(i).startsWith(prefix) };
    },
  };
}
