// One batch of a Step Functions Distributed Map over the plan's CSV manifest (ItemReader with the
// headers Bucket, Key, VersionId; ItemBatcher): `{ Items: [...], BatchInput: {...} }`. Each item
// is the same copy-and-verify step an S3 Batch Operations task gets, against the shared journal.
// The answer lists every item's result; a batch with failures fails its child execution instead,
// so the state machine's Retry (temporary failures) and tolerated-failure thresholds (anything
// that stays failed) apply, with the failed items in the error's cause for the result writer.
import { EdgecvError } from '@edgecv/domain';
import { JournalLockedError } from './MigrationErrors';
import type { ProcessBatchDeps, S3BatchResultCode } from './processBatchTasks';
import { processBatchTask } from './processBatchTasks';

export interface MapBatchItem {
  readonly Bucket: string;
  /** URL-encoded, as in the manifest. */
  readonly Key: string;
  /** '' or absent on unversioned buckets (the journal pins the version either way). */
  readonly VersionId?: string;
}

export interface MapBatchEvent {
  readonly Items: readonly MapBatchItem[];
  readonly BatchInput?: { readonly journalId?: string };
}

export interface MapBatchItemResult {
  readonly bucket: string;
  readonly key: string;
  readonly resultCode: S3BatchResultCode;
  readonly resultString: string;
}

export interface MapBatchResponse {
  readonly results: readonly MapBatchItemResult[];
  readonly succeeded: number;
}

/** Cause text stays under Step Functions' 32 KiB limit whatever the batch size. */
const MAX_CAUSE_ITEMS = 50;

export class MapBatchFailedError extends EdgecvError {
  readonly code = 'MIGRATE_BATCH_FAILED';
  constructor(
    /** Only throttling, 5xx or a record another worker holds: running the batch again may succeed. */
    readonly temporary: boolean,
    readonly failed: readonly MapBatchItemResult[],
    readonly succeeded: number,
  ) {
    super(JSON.stringify({ succeeded, failed: failed.length, items: failed.slice(0, MAX_CAUSE_ITEMS) }));
    // Lambda reports the error's name as its type: the state machine retries on this one.
    this.name = temporary ? 'MigrateBatchTemporaryFailure' : 'MigrateBatchPermanentFailure';
  }
}

export function isMapBatchEvent(event: unknown): event is MapBatchEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as { Items?: unknown }).Items);
}

export async function processMapBatch(event: MapBatchEvent, deps: ProcessBatchDeps): Promise<MapBatchResponse> {
  const header = await deps.journal.header();
  try {
    await deps.journal.acquire('shared');
  } catch (error) {
    // A rollback or clean-up holds the journal: nothing done, the state machine retries the batch later.
    if (!(error instanceof JournalLockedError)) throw error;
    const failed = event.Items.map((item) => ({ bucket: item.Bucket, key: item.Key, resultCode: 'TemporaryFailure' as const, resultString: error.message }));
    throw new MapBatchFailedError(true, failed, 0);
  }
  const results = await Promise.all(
    event.Items.map(async (item, i): Promise<MapBatchItemResult> => {
      const outcome = await processBatchTask(
        { taskId: String(i), s3Bucket: item.Bucket, s3Key: item.Key, ...(item.VersionId ? { s3VersionId: item.VersionId } : {}) },
        header.bucket,
        deps,
      );
      return { bucket: item.Bucket, key: item.Key, ...outcome };
    }),
  );
  const failed = results.filter((r) => r.resultCode !== 'Succeeded');
  const succeeded = results.length - failed.length;
  if (failed.length > 0) throw new MapBatchFailedError(failed.some((r) => r.resultCode === 'TemporaryFailure'), failed, succeeded);
  return { results, succeeded };
}
