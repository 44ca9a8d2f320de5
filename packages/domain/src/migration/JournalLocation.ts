// Where a migration journal lives, parsed and printed in one place: a JSONL file (`FILE`), or a
// DynamoDB table and the journal's id in it (`dynamodb:TABLE/ID`; `dynamodb:TABLE` names the table
// of a journal not planned yet).
import { DomainError, describeInput } from '../errors/DomainError';

/**
 * Where a migration journal lives: a JSONL file, or a DynamoDB table and the journal's id in it.
 */
export type JournalLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'dynamodb'; readonly table: string; readonly journalId?: string };

const PREFIX = 'dynamodb:';
// DynamoDB's table name rule; journal ids are what the plan generates (and the operator may choose).
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const ID = /^[A-Za-z0-9_.-]{1,200}$/;

/**
 * A journal location that is neither a file path nor `dynamodb:TABLE[/ID]` with valid names
 * (`INVALID_JOURNAL_LOCATION`).
 */
export class InvalidJournalLocationError extends DomainError {
  readonly code = 'INVALID_JOURNAL_LOCATION';
  override readonly name = 'InvalidJournalLocationError';
  constructor(
    readonly location: string,
    readonly reason: string,
    /** The file system's refusal, when that is how the location failed. */
    options?: ErrorOptions,
  ) {
    super(`Invalid journal ${describeInput(location)}: ${reason}; use a JSONL file, or dynamodb:TABLE/ID as printed by migrate plan`, options);
  }
}

function parse(text: string): JournalLocation {
  if (typeof text !== 'string' || text.trim() === '') throw new InvalidJournalLocationError(String(text), 'it is empty');
  if (!text.startsWith(PREFIX)) return Object.freeze({ kind: 'file', path: text });
  const [table = '', journalId, ...more] = text.slice(PREFIX.length).split('/');
  if (!TABLE.test(table)) throw new InvalidJournalLocationError(text, 'the table name must be 3-255 characters of A-Z a-z 0-9 _ . -');
  if (more.length > 0 || (journalId !== undefined && !ID.test(journalId))) throw new InvalidJournalLocationError(text, 'the journal id must be 1-200 characters of A-Z a-z 0-9 _ . -');
  return dynamodb(table, journalId);
}

function dynamodb(table: string, journalId?: string): JournalLocation {
  return Object.freeze({ kind: 'dynamodb', table, ...(journalId !== undefined ? { journalId } : {}) });
}

function print(location: JournalLocation): string {
  if (location.kind === 'file') return location.path;
  return `${PREFIX}${location.table}${location.journalId !== undefined ? `/${location.journalId}` : ''}`;
}

/**
 * Parses (`FILE`, `dynamodb:TABLE/ID`, `dynamodb:TABLE`) and prints journal locations, in one
 * place.
 */
export const JournalLocation = /* @__PURE__ */ Object.freeze({
  /** `FILE` or `dynamodb:TABLE[/ID]`; InvalidJournalLocationError for a `dynamodb:` text that names no table or a bad id. */
  parse,
  file: (path: string): JournalLocation => Object.freeze({ kind: 'file', path }),
  dynamodb,
  /** The text `parse` reads back. */
  print,
});
