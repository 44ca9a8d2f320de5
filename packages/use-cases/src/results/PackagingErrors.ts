// Why a results directory could not be packaged; the packager adapter throws these.
import { EdgecvError } from '@edgecv/domain';

export class ResultsDirNotFoundError extends EdgecvError {
  readonly code = 'RESULTS_DIR_NOT_FOUND';
  constructor(readonly dir: string) {
    super(`results directory ${dir} does not exist or is not a directory`);
    this.name = 'ResultsDirNotFoundError';
  }
}

export class SymlinkEscapeError extends EdgecvError {
  readonly code = 'SYMLINK_ESCAPE';
  constructor(
    /** The link's path relative to the results directory. */
    readonly link: string,
    readonly target: string,
  ) {
    super(`symbolic link ${link} points outside the results directory (to ${target})`);
    this.name = 'SymlinkEscapeError';
  }
}

export class PackageLimitError extends EdgecvError {
  readonly code = 'PACKAGE_LIMIT_EXCEEDED';
  constructor(
    readonly limit: 'maxBytes' | 'maxEntries',
    readonly max: number,
    /** The entry that crossed the limit, relative to the results directory. */
    readonly at: string,
  ) {
    super(`results exceed ${limit}=${max} at ${at}`);
    this.name = 'PackageLimitError';
  }
}

export class UnsupportedEntryError extends EdgecvError {
  readonly code = 'UNSUPPORTED_ENTRY';
  constructor(
    /** The entry's path relative to the results directory. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot package ${path}: ${reason}`);
    this.name = 'UnsupportedEntryError';
  }
}
