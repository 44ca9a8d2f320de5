import type { MigrationEvent, MigrationRecord, MigrationStatus, PlannedMove } from '@edgecv/domain';
// The migration's write-ahead log: a step counts as done only once the journal has accepted it.
// Append-only events, folded into the current state of each record by the domain's one fold
// (MigrationRecord.apply) in every adapter.
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
  /** What the plan found protecting the bucket (Object Lock, default encryption, region), when it was checked. */
  readonly protection?: BucketProtection;
}

/** A bucket's Object Lock, default encryption and region, as `migrate plan` records them. */
export interface BucketProtection {
  readonly region?: string;
  readonly objectLock: boolean;
  readonly encryption: { readonly algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'none'; readonly kmsKeyId?: string };
}

/** One object to move, as the plan wrote it (the domain's PlannedMove). */
export type PlannedEntry = PlannedMove;

/** A record as the journal holds it: the domain's MigrationRecord, its id given by the adapter. */
export type JournalRecord = MigrationRecord;

/** What happened to a record: the domain's MigrationEvent. */
export type RecordEvent = MigrationEvent;

/** One step of one record: `from` is the status the writer saw, so a journal can refuse a stale step. */
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
  /**
   * Damaged tails a writer found and cut (each leaves a mark in the journal): the lost line may
   * have announced a copy, so run and rollback also recognise the migration's copies by provenance.
   */
  readonly repairedTails: number;
  /** Steps naming a record the journal does not have (a lost or edited plan line): not applied, and reported. */
  readonly unknownRecordSteps: number;
  /** Stored steps the record's status did not allow when read (an edited journal): not applied, and reported. */
  readonly refusedSteps: number;
}

/**
 * How a command holds a journal. 'shared': alongside other shared holders (`run` workers and S3
 * Batch invocations on a DynamoDB journal); 'exclusive': alone (cut-over, clean-up, rollback). A
 * JSONL journal has one holder at a time, whatever the mode.
 */
export type JournalAccess = 'shared' | 'exclusive';

/**
 * The migration's write-ahead log (a JSONL file or a DynamoDB table in `@edgecv/infrastructure`): a
 * step counts as done only once the journal has accepted it, so a run killed at any moment resumes
 * without losing or repeating work.
 */
export interface MigrationJournal {
  /** Where the journal lives, for messages: a file path or `dynamodb:TABLE/ID`. */
  readonly location: string;
  /**
   * Takes the journal for writing before a command's first change (to S3, a reference or the
   * journal): JournalLockedError, with nothing changed, while another holder's access conflicts.
   * Held until close(); asking again (another mode) on the same journal object re-acquires.
   */
  acquire(access: JournalAccess): Promise<void>;
  /**
   * Starts a new journal; JournalExistsError when one is already there. Nobody else knows of it
   * yet, so the plan that creates it needs no acquire (the JSONL journal is locked by its creator).
   */
  create(header: JournalHeader): Promise<void>;
  /** JournalNotFoundError when there is no journal. */
  header(): Promise<JournalHeader>;
  /** Durably appends planned records; resolves with their ids, in order. */
  plan(entries: readonly PlannedEntry[]): Promise<readonly string[]>;
  /**
   * Durably appends steps, each only while its record still has status `from` (shared journals:
   * and, for copy-started, while no other worker's claim is live); the rejected ones come back,
   * changing nothing, as do steps for a record the journal does not have. A step whose event the
   * domain does not allow from `from` is InvalidTransitionError, nothing of the call applied.
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
