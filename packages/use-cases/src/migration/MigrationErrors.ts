import type { Outage } from './OutageWatch';
import type { RunSummary } from './RunSummary';
// Expected failures of the migration, each with a stable code and the offending input.
import { EdgecvError } from '@edgecv/domain';

export class JournalNotFoundError extends EdgecvError {
  readonly code = 'JOURNAL_NOT_FOUND';
  constructor(readonly location: string) {
    super(`no migration journal at ${location}`);
    this.name = 'JournalNotFoundError';
  }
}

/** A batch invocation (S3 Batch, Distributed Map) that names no shared journal, with no default configured. */
export class MissingBatchJournalError extends EdgecvError {
  readonly code = 'INVALID_BATCH_JOB';
  override readonly name = 'MissingBatchJournalError';
  constructor() {
    super('the batch names no migration journal: set userArguments.journalId (S3 Batch), BatchInput.journalId (Distributed Map) or EDGECV_MIGRATION_JOURNAL_ID');
  }
}

export class JournalExistsError extends EdgecvError {
  readonly code = 'JOURNAL_EXISTS';
  constructor(readonly location: string) {
    super(`a migration journal already exists at ${location}; plan into a new one or resume it with run`);
    this.name = 'JournalExistsError';
  }
}

export class JournalCorruptError extends EdgecvError {
  readonly code = 'JOURNAL_CORRUPT';
  constructor(
    readonly location: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`migration journal ${location} is corrupt at line ${line}: ${detail} (see JOURNAL_CORRUPT in docs/migration-runbook.md)`);
    this.name = 'JournalCorruptError';
  }
}

export class JournalLockedError extends EdgecvError {
  readonly code = 'JOURNAL_LOCKED';
  /** The holder's process id (JSONL journals); -1 when another kind of holder has it. */
  readonly holderPid: number;
  constructor(
    readonly location: string,
    /** A process id (JSONL journals), or the worker holding a DynamoDB journal's lease. */
    readonly holder: number | string,
  ) {
    super(`migration journal ${location} is in use by ${typeof holder === 'number' ? `process ${holder}` : holder}; try again once it has finished`);
    this.name = 'JournalLockedError';
    this.holderPid = typeof holder === 'number' ? holder : -1;
  }
}

export class RulesChangedError extends EdgecvError {
  readonly code = 'RULES_CHANGED';
  constructor(
    readonly plannedHash: string,
    readonly currentHash: string,
  ) {
    super(`the journal was planned with rules ${plannedHash.slice(0, 12)}, these are ${currentHash.slice(0, 12)}; plan again`);
    this.name = 'RulesChangedError';
  }
}

export class ValidationFailedError extends EdgecvError {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    readonly problems: number,
    readonly summary: string,
  ) {
    super(`clean-up refused: the migration does not validate (${problems} problem(s)): ${summary}`);
    this.name = 'ValidationFailedError';
  }
}

export class UnsupportedExportFormatError extends EdgecvError {
  readonly code = 'UNSUPPORTED_EXPORT_FORMAT';
  constructor(readonly format: string) {
    super(`unsupported export format ${JSON.stringify(format)}; supported: s3-batch-csv`);
    this.name = 'UnsupportedExportFormatError';
  }
}

/** `run` stopped because the object store failed everything for a while (issue 11 §4); run it again to resume. */
export class MigrationStalledError extends EdgecvError {
  readonly code = 'MIGRATION_STALLED';
  constructor(
    /** What the run did before it stopped; every record it touched has its outcome journaled. */
    readonly summary: RunSummary,
    readonly outage: Outage,
  ) {
    const why =
      outage.reason === 'every-attempt-failed'
        ? `every attempt failed for ${(outage.failingForMs / 1000).toFixed(1)} s`
        : `${outage.recordsInARow} records in a row failed`;
    super(
      `the object store is not answering (${why}; last error: ${outage.lastError}): run stopped after moving ${summary.verified} of ${summary.toDo} object(s); the journal ${summary.journal} is consistent, run again to resume`,
    );
    this.name = 'MigrationStalledError';
  }
}
