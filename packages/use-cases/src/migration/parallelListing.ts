// The plan's object source as several listings side by side. S3 answers at most 1,000 keys per
// request and each request of one listing waits for the one before, so a large bucket is split
// into key ranges (first at its top-level common prefixes, then, inside a range that turns out
// large, at cut points guessed from the keys listed so far) and the ranges are listed
// concurrently, a bounded number of requests in flight.
//
// Requests: a range costs one request per full page plus about one for its end (a page partly
// filled, or one that crosses into the next range and is cut there), and a guessed part that
// holds no key costs one. So a range is split only after it has listed CHUNKS_BEFORE_SPLIT full
// chunks, at a cut one character coarser than the keys varied over (parts of many chunks, not
// one): about 1.06 requests per 1,000 keys for a million keys, where cutting after every chunk at
// the character that varied in it cost 4.
//
// The plan's journal must not depend on timing: which ranges exist and in which order their
// chunks are handed out depends only on the keys. Ranges take turns, one chunk (up to 1,000 keys,
// in key order) each, round-robin; a range that continues or splits goes to the back of the
// queue. Only the chunks of the next `concurrency` turns are fetched ahead (while the chunk
// handed out is being worked through, so even one listing overlaps its round trips with the
// plan), so memory is bounded by (concurrency + 1) x chunk size whatever the bucket holds. (Whole-bucket key order would need
// either one listing at a time or unbounded buffering: the ranges behind the first one could
// not be read ahead further than they are buffered.)
import { EdgecvError } from '@edgecv/domain';
import type { ObjectSource, ObjectSourceQuery } from '../ports/ObjectSource';
import type { ObjectStore, ObjectSummary } from '../ports/ObjectStore';
import { compareS3Keys } from './s3KeyOrder';
import { isCurrent } from './sequentialListing';
import { rangesBetween, spread, splitKeyRange, type KeyRange } from './splitKeyRange';

export const LIST_CONCURRENCY = Object.freeze({ default: 16, max: 256 });
/** S3's page: a chunk is one request when the server fills its pages. */
const CHUNK_SIZE = 1000;
/** Ranges listed side by side at most; a constant, so the plan is the same at any concurrency. */
const MAX_PARTS = 64;
/**
 * Full chunks a range lists before it is split. Each range's end costs about one request that
 * is not a full page (its last page is partly filled, or crosses into the next range and is cut
 * there), and a guessed part that holds no key costs a whole request; so a range is split only
 * once it has shown it is large, and at a cut coarse enough that its parts are larger still.
 */
const CHUNKS_BEFORE_SPLIT = 4;

export interface ParallelListingOptions {
  /** Listing requests in flight at most (1..256). */
  readonly concurrency?: number;
  /** Keys per turn; S3's page size unless a test wants small turns. */
  readonly chunkSize?: number;
  readonly maxParts?: number;
}

export class InvalidListConcurrencyError extends EdgecvError {
  readonly code = 'INVALID_LIST_CONCURRENCY';
  constructor(readonly value: unknown) {
    super(`list concurrency must be a whole number from 1 to ${LIST_CONCURRENCY.max}, got ${JSON.stringify(value)}`);
    this.name = 'InvalidListConcurrencyError';
  }
}

/** The listing concurrency to use: the default when omitted, a typed error when out of range. */
export function listConcurrency(value: unknown): number {
  if (value === undefined) return LIST_CONCURRENCY.default;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIST_CONCURRENCY.max) throw new InvalidListConcurrencyError(value);
  return value;
}

interface Chunk {
  readonly objects: readonly ObjectSummary[];
  readonly first?: string;
  readonly last?: string;
  /** The chunk is as large as allowed: the range may go on after `last`. */
  readonly full: boolean;
}

interface Turn {
  readonly range: KeyRange;
  /** The first key this range listed, and how many full chunks it has listed so far. */
  readonly origin?: string;
  readonly chunks: number;
  chunk?: Promise<Chunk>;
}

export function parallelListing(store: ObjectStore, options: ParallelListingOptions = {}): ObjectSource {
  const concurrency = listConcurrency(options.concurrency);
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const maxParts = options.maxParts ?? MAX_PARTS;

  return {
    async *currentObjects({ bucket, prefix, versioned }: ObjectSourceQuery): AsyncIterable<ObjectSummary> {
      const fetchChunk = async (range: KeyRange): Promise<Chunk> => {
        const objects: ObjectSummary[] = [];
        let first: string | undefined;
        let last: string | undefined;
        let count = 0;
        const take = (o: ObjectSummary, current: boolean): void => {
          count += 1;
          first ??= o.key;
          last = o.key;
          if (current) objects.push(o);
        };
        let after = range.after;
        if (versioned && after !== undefined && range.afterListed !== true) {
          // A version listing that starts at a cut point: S3 starts after every version of the
          // marker key, but the local stack's moto drops the first version at or after the
          // marker, which loses a key when the marker is not a key. Starting at a listed key
          // keeps every server exact: the current key after the cut, and its version by HEAD.
          const next = await firstKeyAfter(after);
          if (next === undefined || (range.upTo !== undefined && compareS3Keys(next, range.upTo) > 0)) return { objects, full: false };
          const head = await store.head(bucket, next);
          if (head !== undefined) take({ key: head.key, size: head.size, etag: head.etag, lastModified: head.lastModified, ...(head.versionId !== undefined ? { versionId: head.versionId } : {}), ...(head.checksumSha256 !== undefined ? { checksumSha256: head.checksumSha256 } : {}) }, true);
          after = next;
        }
        if (count >= chunkSize) return { objects, ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}), full: true };
        const listing = store.list(bucket, prefix, { pageSize: chunkSize, ...(after !== undefined ? { startAfter: after } : {}), ...(versioned ? { versions: true } : {}) });
        for await (const o of listing) {
          // A store may ignore startAfter (or keep a marker key's older versions); the range's own bounds decide.
          if (after !== undefined && compareS3Keys(o.key, after) <= 0) continue;
          if (range.upTo !== undefined && compareS3Keys(o.key, range.upTo) > 0) break;
          // A version listing that stops inside a key's versions loses only older ones: the
          // current version comes first, and the next turn starts after the key.
          take(o, !versioned || isCurrent(o));
          if (count >= chunkSize) break;
        }
        return { objects, ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}), full: count >= chunkSize };
      };
      const firstKeyAfter = async (after: string): Promise<string | undefined> => {
        for await (const o of store.list(bucket, prefix, { startAfter: after, pageSize: 1 })) if (compareS3Keys(o.key, after) > 0) return o.key;
        return undefined;
      };

      const top = await store.listCommonPrefixes(bucket, prefix, '/');
      const queue: Turn[] = rangesBetween({}, spread(top.prefixes, maxParts - 1)).map((range) => ({ range, chunks: 0 }));
      const startFetches = (): void => {
        for (const turn of queue.slice(0, concurrency)) {
          if (turn.chunk !== undefined) continue;
          turn.chunk = fetchChunk(turn.range);
          // Awaited in its turn; until then a failure must not count as unhandled.
          turn.chunk.catch(() => undefined);
        }
      };
      while (queue.length > 0) {
        startFetches();
        const turn = queue.shift() as Turn;
        const chunk = await (turn.chunk as Promise<Chunk>);
        if (chunk.full && chunk.first !== undefined && chunk.last !== undefined) {
          // What follows is queued before the chunk is handed out, so its request is under way
          // while the plan works through this chunk.
          const rest: KeyRange = { after: chunk.last, afterListed: true, ...(turn.range.upTo !== undefined ? { upTo: turn.range.upTo } : {}) };
          const origin = turn.origin ?? chunk.first;
          const chunks = turn.chunks + 1;
          const parts = chunks >= CHUNKS_BEFORE_SPLIT ? splitKeyRange(rest, origin, chunk.last, prefix.length, maxParts - queue.length) : [rest];
          if (parts.length === 1) queue.push({ range: rest, origin, chunks });
          else for (const range of parts) queue.push({ range, chunks: 0 });
        }
        startFetches();
        for (const o of chunk.objects) yield o;
      }
    },
  };
}
