// The write-once rule of a run's results, for both ways in (a packaged directory, an uploaded
// zip). The object is written by a conditional write (If-None-Match: *), so of two concurrent
// uploads one wins and the other is refused. It is also looked up first: that refuses before a
// large zip is packaged and sent, and it is the compare that still holds on a server ignoring
// the condition. Replacing is a decision the caller states, and the answer says whether the
// bucket kept the previous object (as a noncurrent version) or it is gone.
import type { Readable } from 'node:stream';
import type { ObjectStore, PutResult, WriteOptions } from '../ports/ObjectStore';
import { PreconditionFailedError } from '../ports/ObjectStoreErrors';
import { ResultsExistError } from './ResultsExistError';

export interface ReplacedResults {
  readonly previousSize: number;
  readonly previousEtag: string;
  /** True: the bucket keeps the previous object as a noncurrent version (previousVersionId). False: it is gone. */
  readonly previousKept: boolean;
  readonly previousVersionId?: string;
}

export interface ResultsTarget {
  readonly jobId: number;
  readonly runId: number;
  readonly bucket: string;
  readonly key: string;
  /** Replace results stored before, on purpose; without it a second upload is ResultsExistError. */
  readonly replace: boolean;
}

export interface ResultsWrite {
  readonly put: PutResult;
  /** Present when results were there before and were replaced. */
  readonly replaced?: ReplacedResults;
}

/** `body` is called only once the write may go ahead, so a refused upload reads nothing. */
export async function writeResultsOnce(
  store: ObjectStore,
  target: ResultsTarget,
  body: () => Readable | AsyncIterable<Uint8Array>,
  options: WriteOptions,
): Promise<ResultsWrite> {
  const { bucket, key, replace } = target;
  const refused = (): ResultsExistError => new ResultsExistError(target.jobId, target.runId, bucket, key);
  const previous = await store.head(bucket, key);
  if (previous && !replace) throw refused();
  let put: PutResult;
  try {
    put = await store.putStream(bucket, key, body(), { ...options, ifAbsent: !replace });
  } catch (error) {
    if (error instanceof PreconditionFailedError) throw refused();
    throw error;
  }
  if (!previous) return { put };
  // Enabled versioning gives the new object a version id and keeps every earlier one; a suspended
  // bucket keeps the previous object only when it had a real version id (the null one is overwritten).
  const previousKept = isVersionId(put.versionId) || isVersionId(previous.versionId);
  return {
    put,
    replaced: {
      previousSize: previous.size,
      previousEtag: previous.etag,
      previousKept,
      ...(previousKept && previous.versionId !== undefined ? { previousVersionId: previous.versionId } : {}),
    },
  };
}

const isVersionId = (id: string | undefined): boolean => id !== undefined && id !== '' && id !== 'null';
