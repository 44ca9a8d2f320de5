import { EdgecvError } from '@edgecv/domain';
export class ArchiveVerificationError extends EdgecvError {
  readonly code = 'ARCHIVE_VERIFICATION_FAILED';
  constructor(
    readonly key: string,
    readonly expected: { size: number; sha256: string },
    readonly actual: { size: number; sha256: string },
  ) {
    super(`archived copy of ${key} differs from the source (size ${actual.size} vs ${expected.size}, sha256 ${actual.sha256} vs ${expected.sha256})`);
    this.name = 'ArchiveVerificationError';
  }
}
