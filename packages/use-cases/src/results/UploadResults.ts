// spec 004: package a run's results directory and upload it under the job's one prefix,
// built from job.created_at, never from "now".
import { JobS3Prefix, S3Uri } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { JobRepository } from '../ports/JobRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import { presignExpirySeconds } from '../ports/ObjectStoreErrors';
import type { PackageStream, ResultsPackager } from '../ports/ResultsPackager';
import type { RunRepository } from '../ports/RunRepository';
import { findJobAndRun } from '../jobs/findJobAndRun';
import { PackageLimitError, ResultsDirNotFoundError, SymlinkEscapeError, UnsupportedEntryError } from './PackagingErrors';
import type { ResultsSettings } from './ResultsSettings';
import { writeResultsOnce, type ReplacedResults } from './writeResultsOnce';

export interface UploadResultsInput {
  readonly jobId: number;
  readonly runId: number;
  readonly resultsDir: string;
  /** Replace results uploaded before, on purpose (they are write-once otherwise: ResultsExistError). */
  readonly replace?: boolean;
  readonly signal?: AbortSignal;
  /** Bytes of the zip stored so far, as parts are acknowledged (for a progress display). */
  readonly onProgress?: (bytesStored: number) => void;
}

export interface ResultsLocation {
  readonly bucket: string;
  readonly key: string;
  /** `s3://bucket/key`. */
  readonly uri: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: Date;
  /** Entries packaged and file bytes read. */
  readonly entries: number;
  readonly bytesIn: number;
  /** Present when results were stored before and `replace` replaced them. */
  readonly replaced?: ReplacedResults;
  /** A presigned GET of the zip, for the uploader to share (the settings' lifetime). */
  readonly downloadUrl: string;
}

export class UploadResults {
  constructor(
    private readonly jobs: JobRepository,
    private readonly runs: RunRepository,
    private readonly packager: ResultsPackager,
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly settings: ResultsSettings,
  ) {}

  /**
   * Throws JobNotFoundError, RunNotFoundError, RunNotInJobError, ResultsExistError, the packaging
   * errors, or the store's error. On any failure no object is left or changed and the run record
   * is untouched.
   */
  async execute({ jobId, runId, resultsDir, replace = false, signal, onProgress }: UploadResultsInput): Promise<ResultsLocation> {
    const { job } = await findJobAndRun(this.jobs, this.runs, jobId, runId);
    const key = JobS3Prefix.fromJob(job, this.settings.pathConfig).runResultsKey(runId);
    const { bucket } = this.settings;

    // Packaging starts only once the write may go ahead (writeResultsOnce calls the body then).
    const packaging: { pkg?: PackageStream } = {};
    let written;
    try {
      written = await writeResultsOnce(
        this.store,
        { jobId, runId, bucket, key: key.value, replace },
        () => {
          packaging.pkg = this.packager.package(resultsDir, this.settings.packageLimits);
          return packaging.pkg.stream;
        },
        {
          contentType: 'application/zip',
          metadata: { 'edgecv-job-id': String(jobId), 'edgecv-run-id': String(runId) },
          ...(signal ? { signal } : {}),
          ...(onProgress ? { onProgress } : {}),
        },
      );
    } catch (error) {
      const { pkg } = packaging;
      if (!pkg) throw error;
      // The upload failed, or failed because packaging did: report the packaging error, it names the cause.
      pkg.stream.destroy();
      const packagingError = await pkg.done.then(
        () => undefined,
        (e: unknown) => e,
      );
      throw isPackagingError(packagingError) ? packagingError : error;
    }
    const summary = await (packaging.pkg as PackageStream).done;
    const { put, replaced } = written;

    const uploadedAt = this.clock.now();
    await this.runs.recordResults(runId, { bucket, key: key.value, size: put.size, sha256: put.sha256, uploadedAt });
    const download = await this.store.presignGet(bucket, key.value, { expirySeconds: presignExpirySeconds(this.settings.presignExpirySeconds) });
    return {
      bucket,
      key: key.value,
      uri: S3Uri.of(bucket, key).toString(),
      size: put.size,
      sha256: put.sha256,
      uploadedAt,
      entries: summary.entries,
      bytesIn: summary.bytesIn,
      ...(replaced ? { replaced } : {}),
      downloadUrl: download.url,
    };
  }
}

function isPackagingError(e: unknown): e is Error {
  return (
    e instanceof SymlinkEscapeError ||
    e instanceof PackageLimitError ||
    e instanceof ResultsDirNotFoundError ||
    e instanceof UnsupportedEntryError
  );
}
