import type { MigrationStatus } from '@edgecv/domain';
// The migration's write-ahead log: a step counts as done only once the journal has accepted it.
// Append-only events, folded by the adapter into the current state of each record.
/** The DI token of the MigrationJournal. */
export const MigrationJournalToken = Symbol.for('edgecv.MigrationJournal');

/** A record's state: the domain's MigrationRecord state machine. */
export type JournalRecordStatus = MigrationStatus;

/**
 * What a journal is about, written once when it is created: the bucket and prefix planned, the
 * rules, versioning.
 */
export interface JournalHeader {
  readonly journalId: string;
  readonly bucket: string;
  readonly prefix: string;
  /** SHA-256 of the legacy rules the plan was made with: a run refuses a journal planned with other rules. */
  readonly rulesHash: string;
  /** The bucket had versioning enabled: records pin version ids and clean-up leaves delete markers. */
  readonly versioned: boolean;
  readonly createdAt: string;
}

/** One object to move, as the plan wrote it. */
export interface PlannedEntry {
  readonly oldKey: string;
  readonly newKey: string;
  readonly rule: string;
  readonly artifactType: string;
  readonly jobId?: number;
  readonly size: number;
  readonly etag: string;
  /** Pinned source version on versioned buckets. */
  readonly versionId?: string;
  readonly checksumSha256?: string;
}

/**
 * One object's move as the journal folds it from its events: the planned entry, its status and
 * everything rollback needs to undo it.
 */
export interface JournalRecord extends PlannedEntry {
  /** Adapter-assigned, opaque; stable for the journal's life. */
  readonly id: string;
  readonly status: JournalRecordStatus;
  readonly attempts: number;
  readonly error?: { readonly code: string; readonly message: string };
  /** A failed record's status before it failed: where `retry` resumes (the domain's state machine). */
  readonly failedFrom?: JournalRecordStatus;
  /** Set while a copy was announced but its outcome not yet journaled (a crash in between). */
  readonly copyStartedAt?: string;
  /** The migration wrote the target (false: it already held the same bytes), so rollback may remove it. */
  readonly targetCreated: boolean;
  readonly targetVersionId?: string;
  readonly sourceDeleted: boolean;
  /** Versioned buckets: the delete marker clean-up left on the source key. */
  readonly deleteMarkerVersionId?: string;
}

/** One append-only event of a record; the adapter folds them into the JournalRecord. */
export type RecordEvent =
  | { readonly type: 'copy-started'; readonly at: string; readonly worker?: string }
  | { readonly type: 'copied'; readonly created: boolean; readonly targetVersionId?: string }
  | { readonly type: 'verified'; readonly method: 'sha256-checksum' | 'md5-etag' | 'streamed-sha256' }
  | { readonly type: 'referenced' }
  | { readonly type: 'source-deleted'; readonly deleteMarkerVersionId?: string }
  | { readonly type: 'source-restored' }
  | { readonly type: 'target-removed' }
  | { readonly type: 'failed'; readonly code: string; readonly message: string }
  | { readonly type: 'retry' }
  | { readonly type: 'rolled-back' };

/** One step of one record: `from` is the status the writer saw, so shared journals can refuse a stale step. */
export interface RecordStep {
  readonly id: string;
  readonly from: JournalRecordStatus;
  readonly event: RecordEvent;
}

/** A reference rewritten by cut-over (or restored by rollback), journaled so rollback can undo it. */
export interface ReferenceChange {
  readonly store: string;
  readonly recordId: string;
  readonly attribute: string;
  readonly oldUri: string;
  readonly newUri: string;
  readonly direction: 'cutover' | 'restore';
}

/** What reading a journal had to skip. */
export interface JournalReadReport {
  /** A torn last line (a crash mid-write) that was ignored. */
  readonly tornLines: number;
}

/**
 * The migration's write-ahead log (a JSONL file or a DynamoDB table in `@edgecv/infrastructure`): a
 * step counts as done only once the journal has accepted it, so a run killed at any moment resumes
 * without losing or repeating work.
 */
export interface MigrationJournal {
  /** Where the journal lives, for messages: a file path or `dynamodb:TABLE/ID`. */
  readonly location: string;
  /** Starts a new journal; JournalExistsError when one is already there. */
  create(header: JournalHeader): Promise<void>;
  /** JournalNotFoundError when there is no journal. */
  header(): Promise<JournalHeader>;
  /** Durably appends planned records; resolves with their ids, in order. */
  plan(entries: readonly PlannedEntry[]): Promise<readonly string[]>;
  /**
   * Durably appends steps. Shared journals apply each step only while the record still has
   * status `from` (and, for copy-started, no live claim): the rejected ones come back.
   */
  record(steps: readonly RecordStep[]): Promise<{ readonly rejected: readonly RecordStep[] }>;
  /** Current records, streamed in plan order (JSONL) or key order (DynamoDB). */
  records(): AsyncIterable<JournalRecord>;
  /** The current record of a source key, or undefined. */
  find(oldKey: string): Promise<JournalRecord | undefined>;
  recordReferenceChanges(changes: readonly ReferenceChange[]): Promise<void>;
  /** Every reference change in the order it was journaled. */
  referenceChanges(): AsyncIterable<ReferenceChange>;
  /** What the last read found (torn lines); empty before any read. */
  readReport(): JournalReadReport;
  close(): Promise<void>;
}
