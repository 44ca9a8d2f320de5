import type { PackageLimits } from './ResultsPackager';

/** The DI token of the ResultsArchiveVerifier. */
export const ResultsArchiveVerifierToken = Symbol.for('edgecv.ResultsArchiveVerifier');

/** What a verified zip holds. */
export interface ArchiveContents {
  /** Entries in the central directory: files, directories and links. */
  readonly entries: number;
  /** Bytes of every entry once inflated. */
  readonly uncompressedBytes: number;
}

/**
 * Checks that an uploaded results zip is whole before it is stored (yauzl in
 * `@edgecv/infrastructure/archive`).
 */
export interface ResultsArchiveVerifier {
  /**
   * Reads a zip the way an unzip tool would: its central directory, then every entry inflated
   * as a stream with its CRC-32 and size checked against the directory. Fails with
   * InvalidResultsArchiveError naming the first problem; the limits bound the work it does.
   */
  verify(archive: Uint8Array, limits?: PackageLimits): Promise<ArchiveContents>;
}
