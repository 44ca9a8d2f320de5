// A file the command line names that cannot be read: a usage error (exit 2) whose message names
// the option and the path typed, never a bare ENOENT.
import { readFile } from 'node:fs/promises';
import { EdgecvError } from '@edgecv/domain';

/** Why a file named on the command line could not be used. */
const REASONS: Readonly<Record<string, { code: string; reason: string }>> = {
  ENOENT: { code: 'INPUT_FILE_NOT_FOUND', reason: 'no such file' },
  ENOTDIR: { code: 'INPUT_FILE_NOT_FOUND', reason: 'no such file (a part of the path is not a folder)' },
  EISDIR: { code: 'INPUT_NOT_A_FILE', reason: 'it is a folder, not a file' },
  EACCES: { code: 'INPUT_FILE_UNREADABLE', reason: 'permission denied' },
  EPERM: { code: 'INPUT_FILE_UNREADABLE', reason: 'permission denied' },
};

export class InputFileError extends EdgecvError {
  readonly code: string;
  override readonly name = 'InputFileError';
  constructor(
    readonly option: string,
    readonly path: string,
    cause: unknown,
  ) {
    const known = REASONS[(cause as { code?: string } | undefined)?.code ?? ''];
    super(`cannot read ${option} ${JSON.stringify(path)}: ${known?.reason ?? (cause instanceof Error ? cause.message : String(cause))}`, { cause });
    this.code = known?.code ?? 'INPUT_FILE_UNREADABLE';
  }
}

/** The bytes of a file an option names, or an InputFileError naming the option and the path. */
export async function readInputFile(option: string, path: string, shownAs = path): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputFileError(option, shownAs, error);
  }
}
