// Which typed failures mean "the caller's input was wrong", for every transport at once: the CLI
// exits 2 and the API answers 400 for these classes and their subclasses (each transport maps the
// list in its one table). A failure that is not here is the operation's, not the input's.
import { DomainError } from '@edgecv/domain';
import {
  InvalidComponentVersionError,
  InvalidJobNameError,
  InvalidResultsArchiveError,
  InvalidTargetError,
  NoTargetsError,
} from './edge/EdgeErrors';
import { MissingBatchJournalError, UnsupportedExportFormatError } from './migration/MigrationErrors';
import { InvalidListConcurrencyError } from './migration/parallelListing';
import { UnsupportedInvocationSchemaError } from './migration/processBatchTasks';
import { InvalidExpiryError } from './ports/ObjectStoreErrors';
import { InvalidInventoryError, InventoryBucketMismatchError, UnsupportedInventoryFormatError } from './ports/ObjectSourceErrors';
import { ResultsDirNotFoundError, SymlinkEscapeError, UnsupportedEntryError } from './results/PackagingErrors';

export type ErrorClass = abstract new (...args: never[]) => Error;

export const INVALID_INPUT_ERRORS: readonly ErrorClass[] = Object.freeze([
  // The domain's validation (keys, segments, ids, timestamps, prefixes, journal locations, configuration)
  DomainError,
  InvalidJobNameError,
  InvalidTargetError,
  NoTargetsError,
  InvalidComponentVersionError,
  InvalidResultsArchiveError,
  InvalidExpiryError,
  // A results directory that cannot be packaged is bad input, whatever is wrong with it.
  ResultsDirNotFoundError,
  SymlinkEscapeError,
  UnsupportedEntryError,
  MissingBatchJournalError,
  UnsupportedExportFormatError,
  UnsupportedInvocationSchemaError,
  InvalidListConcurrencyError,
  InvalidInventoryError,
  InventoryBucketMismatchError,
  UnsupportedInventoryFormatError,
]);

/** The class in `table` nearest to the error's own (its class, else its closest base), or undefined. */
export function nearestRow<T>(table: ReadonlyMap<ErrorClass, T>, error: unknown): T | undefined {
  for (let proto: unknown = error === null || typeof error !== 'object' ? undefined : Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    const row = table.get((proto as { constructor: ErrorClass }).constructor);
    if (row !== undefined) return row;
  }
  return undefined;
}
