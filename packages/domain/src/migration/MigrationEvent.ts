// What can happen to one object's migration record. Each event is journaled before the use case
// moves on; the record is the fold of its events (MigrationRecord.apply).

/**
 * planned -> copied -> verified -> referenced -> source-deleted, any of the first four may fail
 * (`failed`, remembering where: `retry` goes back there), and every state but `rolled-back` rolls
 * back. `rolled-back` is the only terminal state.
 */
export type MigrationStatus = 'planned' | 'copied' | 'verified' | 'referenced' | 'source-deleted' | 'failed' | 'rolled-back';

/** Every MigrationStatus, in the order a record moves through them. */
export const MIGRATION_STATUSES: readonly MigrationStatus[] = /* @__PURE__ */ Object.freeze(['planned', 'copied', 'verified', 'referenced', 'source-deleted', 'failed', 'rolled-back']);

/** The copy's content is proven by a checksum, by the single-part MD5 ETag, or by hashing both objects. */
export type VerificationMethod = 'sha256-checksum' | 'md5-etag' | 'streamed-sha256';

/**
 * What can happen to one object's migration record; each event is journaled before the use case
 * moves on, and the record is the fold of its events.
 */
export type MigrationEvent =
  /** A copy is about to be made (a claim on shared journals); counts one attempt. */
  | { readonly type: 'copy-started'; readonly at: string; readonly worker?: string }
  /** The target holds the source's bytes; `created`: the migration wrote it (rollback may remove it). */
  | { readonly type: 'copied'; readonly created: boolean; readonly targetVersionId?: string }
  | { readonly type: 'verified'; readonly method: VerificationMethod }
  | { readonly type: 'referenced' }
  | { readonly type: 'source-deleted'; readonly deleteMarkerVersionId?: string }
  /** Rollback brought the source back (annotates, the status stays). */
  | { readonly type: 'source-restored' }
  /** Rollback removed the migration's copy (annotates, the status stays). */
  | { readonly type: 'target-removed' }
  | { readonly type: 'failed'; readonly code: string; readonly message: string }
  | { readonly type: 'retry' }
  | { readonly type: 'rolled-back' };

/** The `type` of a MigrationEvent. */
export type MigrationEventType = MigrationEvent['type'];

/** Every MigrationEventType. */
export const MIGRATION_EVENT_TYPES: readonly MigrationEventType[] = /* @__PURE__ */ Object.freeze([
  'copy-started',
  'copied',
  'verified',
  'referenced',
  'source-deleted',
  'source-restored',
  'target-removed',
  'failed',
  'retry',
  'rolled-back',
]);

/** Failure codes the record's rules know. */
export const COLLISION = 'COLLISION';
/** The source object was gone when the migration came to copy it. */
export const SOURCE_MISSING = 'SOURCE_MISSING';
/** The copy's content differs from the source's. */
export const VERIFY_MISMATCH = 'VERIFY_MISMATCH';
/** A failure worth retrying (a timeout, throttling, a 5xx). */
export const TRANSIENT = 'TRANSIENT';
