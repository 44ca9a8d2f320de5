// Moves one journaled record forward through copy and verification. Shared by runMigration (one
// machine, a pool of these) and processBatchTasks (one S3 Batch Operations task each).
// Every outcome is journaled before this returns: a crash at any await leaves a state that the
// next attempt recognises from the journal and the bucket.
import { COLLISION, MigrationRecord, SOURCE_MISSING, TRANSIENT, VERIFY_MISMATCH } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { JournalRecord, MigrationJournal, RecordEvent, RecordStep } from '../ports/MigrationJournal';
import type { ObjectHead, ObjectStore } from '../ports/ObjectStore';
import { ObjectNotFoundError, PreconditionFailedError } from '../ports/ObjectStoreErrors';
import { isSimpleMd5, sameContent, type ContentFacts, type VerifyMode } from './contentIdentity';
import { wasWrittenSince, writtenAfterPlan } from './copyProvenance';
import { failureCode, failureMessage, isTransient } from '../ports/ServiceErrors';

export interface MigrateRecordDeps {
  readonly store: ObjectStore;
  readonly journal: MigrationJournal;
  readonly clock: Clock;
  /** 'auto' trusts S3 checksums and single-part MD5 ETags; 'stream' always hashes both objects. */
  readonly verify?: VerifyMode;
  /**
   * 'native': rely on CopyObject If-None-Match alone (servers that honour it); 'compare': look
   * at the target first, so a server that ignores the condition still never has a different
   * object overwritten.
   */
  readonly conditionalCopy?: 'native' | 'compare';
  /**
   * 'compare' mode: the targets a listing just showed absent (runMigration lists each batch's
   * key range), which need no HEAD of their own before the copy.
   */
  readonly knownAbsent?: (key: string) => boolean;
  /** A target found after a crash counts as ours when written no earlier than this before the copy began. */
  readonly clockSkewMs?: number;
  /**
   * Set (to the plan's time) when the journal is damaged: a target in place with the planned bytes,
   * written after the plan, is ours even without a journaled announcement (copyProvenance.ts).
   */
  readonly provenanceSince?: string;
  readonly worker?: string;
}

export type MigrateOutcome =
  | { readonly kind: 'verified'; readonly created: boolean }
  | { readonly kind: 'collision' }
  | { readonly kind: 'source-missing' }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'claimed-elsewhere' }
  /** `record` is the record as the journal now holds it, to retry from. */
  | { readonly kind: 'transient'; readonly error: unknown; readonly record: JournalRecord }
  | { readonly kind: 'skipped'; readonly status: string };

export { COLLISION, SOURCE_MISSING, TRANSIENT, VERIFY_MISMATCH };

/** S3's largest CopyObject source; above it a copy is multipart. */
const COPY_OBJECT_LIMIT = 5 * 1024 ** 3;

export async function migrateRecord(bucket: string, record: JournalRecord, deps: MigrateRecordDeps): Promise<MigrateOutcome> {
  let state: JournalRecord = record;
  const steps: Steps = async (list) => {
    const batch: RecordStep[] = list.map(([from, event]) => ({ id: record.id, from, event }));
    const { rejected } = await deps.journal.record(batch);
    const accepted = batch.filter((b) => !rejected.includes(b));
    for (const b of accepted) state = MigrationRecord.apply(state, b.event);
    return rejected.length === 0;
  };
  const step: Step = (from, event) => steps([[from, event]]);
  let status = record.status;
  try {
    if (status === 'failed') {
      if (!(await step('failed', { type: 'retry' }))) return { kind: 'claimed-elsewhere' };
      status = state.status;
    }
    if (status === 'planned') {
      const copied = await copyStep(bucket, record, deps, step, steps);
      if (copied.kind !== 'copied') return copied;
      status = state.status;
    }
    if (status === 'copied') return await verifyStep(bucket, record, deps, step);
    return { kind: 'skipped', status };
  } catch (error) {
    if (!isTransient(error)) {
      await step(status, { type: 'failed', code: failureCode(error), message: failureMessage(error) });
      throw error;
    }
    await step(status, { type: 'failed', code: TRANSIENT, message: `${failureCode(error)}: ${failureMessage(error)}` });
    return { kind: 'transient', error, record: state };
  }
}

type Step = (from: JournalRecord['status'], event: RecordEvent) => Promise<boolean>;
type Steps = (steps: readonly (readonly [JournalRecord['status'], RecordEvent])[]) => Promise<boolean>;

async function copyStep(
  bucket: string,
  record: JournalRecord,
  deps: MigrateRecordDeps,
  step: Step,
  steps: Steps,
): Promise<{ kind: 'copied' } | MigrateOutcome> {
  const source: ContentFacts = sourceFacts(record);
  // A copy announced by an earlier attempt whose outcome was never journaled: the target may be
  // ours. Its multipart leftovers go first, then the target itself decides.
  const interrupted = record.copyStartedAt !== undefined;
  if (interrupted) await abortStaleUploads(bucket, record.newKey, deps.store);
  // Multipart copies complete with their own condition, which the probe did not ask about: those
  // few large objects are always looked at first.
  const trustCondition = deps.conditionalCopy === 'native' && record.size <= COPY_OBJECT_LIMIT;
  if (interrupted || !(trustCondition || deps.knownAbsent?.(record.newKey) === true)) {
    const existing = await deps.store.head(bucket, record.newKey);
    if (existing !== undefined) {
      const ours = interrupted && wasWrittenSince(existing, record.copyStartedAt, deps.clockSkewMs);
      return settleExisting(bucket, record, source, existing, ours, deps, step);
    }
  }
  if (!(await step('planned', { type: 'copy-started', at: deps.clock.now().toISOString(), ...(deps.worker ? { worker: deps.worker } : {}) }))) {
    return { kind: 'claimed-elsewhere' };
  }
  try {
    const result = await deps.store.copy(
      { bucket, key: record.oldKey, ...(record.versionId !== undefined ? { versionId: record.versionId } : {}) },
      { bucket, key: record.newKey },
      { ifAbsent: true, sourceSize: record.size },
    );
    const copied: RecordEvent = { type: 'copied', created: true, ...(result.versionId ? { targetVersionId: result.versionId } : {}) };
    // The copy's own answer already proves the bytes when both ETags are single-part MD5s: no second
    // read, and both steps go to the journal in one write.
    if (deps.verify !== 'stream' && result.size === record.size && isSimpleMd5(result.etag) && result.etag.toLowerCase() === record.etag.toLowerCase()) {
      await steps([
        ['planned', copied],
        ['copied', { type: 'verified', method: 'md5-etag' }],
      ]);
      return { kind: 'verified', created: true };
    }
    await step('planned', copied);
    return { kind: 'copied' };
  } catch (error) {
    if (error instanceof PreconditionFailedError) {
      const existing = await deps.store.head(bucket, record.newKey);
      if (existing === undefined) throw error; // gone again between the two calls: a later attempt decides
      return settleExisting(bucket, record, source, existing, false, deps, step);
    }
    if (error instanceof ObjectNotFoundError && error.key === record.oldKey) {
      await step('planned', { type: 'failed', code: SOURCE_MISSING, message: error.message });
      return { kind: 'source-missing' };
    }
    throw error;
  }
}

/** The target is already there: the same bytes make the copy done, other bytes are a collision. */
async function settleExisting(
  bucket: string,
  record: JournalRecord,
  source: ContentFacts,
  existing: ObjectHead,
  journaledOurs: boolean,
  deps: MigrateRecordDeps,
  step: Step,
): Promise<{ kind: 'copied' } | MigrateOutcome> {
  let ours = journaledOurs;
  let same: boolean;
  try {
    ({ same } = await sameContent(deps.store, bucket, source, existing, deps.verify));
  } catch (error) {
    if (error instanceof ObjectNotFoundError && error.key === record.oldKey) {
      await step('planned', { type: 'failed', code: SOURCE_MISSING, message: error.message });
      return { kind: 'source-missing' };
    }
    throw error;
  }
  // The announcement may be what a damaged journal lost.
  if (same && !ours && deps.provenanceSince !== undefined && writtenAfterPlan(existing, deps.provenanceSince)) ours = true;
  if (!same) {
    if (!(await step('planned', {
      type: 'failed',
      code: COLLISION,
      message: `s3://${bucket}/${record.newKey} already holds other content (${existing.size} bytes, etag ${existing.etag})`,
    }))) {
      return { kind: 'claimed-elsewhere' };
    }
    return { kind: 'collision' };
  }
  // Refused when another worker moved the record on meanwhile (it made this very copy).
  if (!(await step('planned', { type: 'copied', created: ours, ...(ours && existing.versionId ? { targetVersionId: existing.versionId } : {}) }))) {
    return { kind: 'claimed-elsewhere' };
  }
  return { kind: 'copied' };
}

async function verifyStep(bucket: string, record: JournalRecord, deps: MigrateRecordDeps, step: Step): Promise<MigrateOutcome> {
  const target = await deps.store.head(bucket, record.newKey, record.targetVersionId);
  if (target !== undefined) {
    const { same, method } = await sameContent(deps.store, bucket, sourceFacts(record), target, deps.verify);
    if (same) {
      await step('copied', { type: 'verified', method });
      return { kind: 'verified', created: record.targetCreated };
    }
  }
  await step('copied', {
    type: 'failed',
    code: VERIFY_MISMATCH,
    message: target === undefined ? `copy s3://${bucket}/${record.newKey} is missing` : `copy s3://${bucket}/${record.newKey} differs from its source`,
  });
  return { kind: 'mismatch' };
}

function sourceFacts(record: JournalRecord): ContentFacts {
  return {
    key: record.oldKey,
    size: record.size,
    etag: record.etag,
    ...(record.versionId !== undefined ? { versionId: record.versionId } : {}),
    ...(record.checksumSha256 !== undefined ? { checksumSha256: record.checksumSha256 } : {}),
  };
}

/** Multipart copies a crashed attempt left open on this target. */
export async function abortStaleUploads(bucket: string, key: string, store: ObjectStore): Promise<number> {
  let aborted = 0;
  for await (const upload of store.listMultipartUploads(bucket, key)) {
    if (upload.key !== key) continue;
    await store.abortMultipart(bucket, key, upload.uploadId);
    aborted += 1;
  }
  return aborted;
}
