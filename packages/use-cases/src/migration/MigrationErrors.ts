// Expected failures of the migration, each with a stable code and the offending input.
import { EdgecvError } from '@edgecv/domain';

export class JournalNotFoundError extends EdgecvError {
  readonly code = 'JOURNAL_NOT_FOUND';
  constructor(readonly location: string) {
    super(`no migration journal at ${location}`);
    this.name = 'JournalNotFoundError';
  }
}

/** A journal location that cannot hold a journal: a folder, a DynamoDB location without its id, a path we may not write. */
export class InvalidJournalLocationError extends EdgecvError {
  readonly code = 'INVALID_JOURNAL_LOCATION';
  override readonly name = 'InvalidJournalLocationError';
  constructor(
    readonly location: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`journal ${JSON.stringify(location)} cannot be used: ${reason}`, options);
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
    super(`migration journal ${location} is corrupt at line ${line}: ${detail}`);
    this.name = 'JournalCorruptError';
  }
}

export class JournalLockedError extends EdgecvError {
  readonly code = 'JOURNAL_LOCKED';
  constructor(
    readonly location: string,
    readonly holderPid: number,
  ) {
    super(`migration journal ${location} is in use by process ${holderPid}`);
    this.name = 'JournalLockedError';
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
