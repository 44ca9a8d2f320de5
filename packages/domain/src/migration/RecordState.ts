// The two halves of a migration record: what the plan found, and what its events decided.
import type { MigrationStatus } from './MigrationEvent';

/** One object to move, as the plan found it. */
export interface PlannedMove {
  readonly oldKey: string;
  readonly newKey: string;
  /** The legacy rule that produced `newKey`. */
  readonly rule: string;
  readonly artifactType: string;
  readonly jobId?: number;
  /** The source's size, ETag and (when S3 has one) SHA-256 checksum when planned: what a copy must match. */
  readonly size: number;
  readonly etag: string;
  /** Pinned source version on versioned buckets. */
  readonly versionId?: string;
  readonly checksumSha256?: string;
}

/** Where a record stands: everything its events decide. */
export interface RecordState {
  readonly status: MigrationStatus;
  /** Copy attempts: one per `copy-started`; a retry does not reset it. */
  readonly attempts: number;
  readonly error?: { readonly code: string; readonly message: string };
  /** A failed record's status before it failed: where `retry` resumes. */
  readonly failedFrom?: MigrationStatus;
  /** Set while a copy was announced but its outcome not yet journaled (a crash in between). */
  readonly copyStartedAt?: string;
  /** The migration wrote the target (not found it holding the same bytes), so rollback may remove it. */
  readonly targetCreated: boolean;
  readonly targetVersionId?: string;
  readonly sourceDeleted: boolean;
  /** Versioned buckets: the delete marker clean-up left on the source key. */
  readonly deleteMarkerVersionId?: string;
}

/** The state of a record the plan has just written. */
export const PLANNED_STATE: RecordState = /* @__PURE__ */ Object.freeze({ status: 'planned', attempts: 0, targetCreated: false, sourceDeleted: false });
