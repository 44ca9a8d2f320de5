import type { Readable } from 'node:stream';

/** The DI token of the ResultsPackager. */
export const ResultsPackagerToken = Symbol.for('edgecv.ResultsPackager');

/** Bounds on what one package may hold; exceeding one fails with PackageLimitError. */
export interface PackageLimits {
  /** Total bytes of file content allowed in the package. */
  readonly maxBytes?: number;
  /** Files and directories allowed in the package. */
  readonly maxEntries?: number;
}

/**
 * Limits applied when the caller gives none. The zip's central directory keeps one record per
 * entry in memory; 40 GiB stays below what a streamed upload with 5 MiB parts can hold (10 000 parts).
 */
export const DEFAULT_PACKAGE_LIMITS: Required<PackageLimits> = Object.freeze({
  maxBytes: 40 * 1024 ** 3,
  maxEntries: 100_000,
});

/** What a finished package holds. */
export interface PackageSummary {
  /** Entries written: files, directories and links. */
  readonly entries: number;
  /** File content bytes read from the directory. */
  readonly bytesIn: number;
}

/** A package being produced: the zip bytes as a stream, and its outcome. */
export interface PackageStream {
  /** The zip, produced as it is read; destroyed with the error when packaging fails. */
  readonly stream: Readable;
  /** Settles when the last byte was produced; rejects with the same error as the stream. */
  readonly done: Promise<PackageSummary>;
}

/** Packages a run's results directory (a streaming zip in `@edgecv/infrastructure/archive`). */
export interface ResultsPackager {
  /**
   * Packages a directory as a zip, streaming, in a deterministic order. Fails with
   * ResultsDirNotFoundError, SymlinkEscapeError or PackageLimitError.
   */
  package(dir: string, limits?: PackageLimits): PackageStream;
}
