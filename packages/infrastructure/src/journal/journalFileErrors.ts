// The file system's refusals in the journal's terms: a location that is a folder, under a file,
// or not ours to write is an invalid journal location naming the path, never a bare EISDIR.
import { InvalidJournalLocationError } from '@edgecv/domain';

const REASONS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of its path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
};

/** The typed error for a file system failure on the journal at `path`, or the error unchanged. */
export function journalFileError(path: string, error: unknown): unknown {
  const reason = REASONS[(error as { code?: unknown } | undefined)?.code as string];
  return reason === undefined ? error : new InvalidJournalLocationError(path, reason, { cause: error });
}
